/**
 * Finds a Chromium and launches it with the built extension loaded, through
 * playwright-core (which never downloads a browser). Used by `npm start`, the
 * end-to-end tests and the benchmarks.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium'];

export const INSTALL_HINT =
  'No Chromium found. Install one (Debian/Ubuntu: `sudo apt-get install chromium`) or set CHROME_PATH to a Chromium or Chrome for Testing binary.';

export function findChromium(): string {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROME_PATH=${fromEnv} does not exist. ${INSTALL_HINT}`);
    return fromEnv;
  }
  const found = CANDIDATES.find((path) => existsSync(path));
  if (!found) throw new Error(INSTALL_HINT);
  return found;
}

export const EXTENSION_DIR = resolve(import.meta.dirname, '../../.output/chrome-mv3-dev');

export interface LaunchOptions {
  headless: boolean;
  extensionDir?: string;
  /** Browser UI language, e.g. 'zh-CN'. */
  lang?: string;
  userDataDir?: string;
}

export interface Launched {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
}

export async function launchWithExtension(options: LaunchOptions): Promise<Launched> {
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension at ${extensionDir}. Run \`npm run build:dev\` first.`);
  }
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'deskmate-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: findChromium(),
    headless: options.headless,
    locale: options.lang ?? 'en-US',
    viewport: { width: 1280, height: 800 },
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      // Branded Chrome 137+ ignores --load-extension unless this feature is off.
      '--disable-features=DisableLoadExtensionCommandLineSwitch',
      `--lang=${options.lang ?? 'en-US'}`,
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(worker.url()).host;
  return { context, worker, extensionId };
}
