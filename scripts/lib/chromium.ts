/**
 * Finds a Chromium and launches it with the built extension loaded, through
 * playwright-core (which never downloads a browser). Used by `npm start`, the
 * end-to-end tests and the benchmarks.
 */
import { existsSync, lstatSync, mkdtempSync, readdirSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
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

const PROFILE_PREFIX = 'deskmate-profile-';

/** Is this profile still held by a running Chromium? Its SingletonLock links to "host-pid". */
function profileInUse(dir: string): boolean {
  let target: string;
  try {
    if (!lstatSync(join(dir, 'SingletonLock')).isSymbolicLink()) return true;
    target = readlinkSync(join(dir, 'SingletonLock'));
  } catch {
    return false;
  }
  const dash = target.lastIndexOf('-');
  const pid = Number(target.slice(dash + 1));
  // Another machine's browser (a /tmp shared between hosts): its pid means nothing here.
  if (target.slice(0, dash) !== hostname()) return true;
  if (!Number.isInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes our temporary profiles that no Chromium holds any more and that are over a minute old. */
function sweepProfiles(): void {
  const root = tmpdir();
  let names: string[];
  try {
    names = readdirSync(root).filter((name) => name.startsWith(PROFILE_PREFIX));
  } catch {
    return;
  }
  for (const name of names) {
    const dir = join(root, name);
    try {
      if (Date.now() - statSync(dir).mtimeMs < 60_000 || profileInUse(dir)) continue;
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // Someone else's or being removed: leave it.
    }
  }
}

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
  /** Closes the browser and, when the profile was ours, waits until it is gone from disk. */
  close(): Promise<void>;
}

export async function launchWithExtension(options: LaunchOptions): Promise<Launched> {
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension at ${extensionDir}. Run \`npm run build:dev\` first.`);
  }
  // A profile we made is ours to remove when the browser closes (each run would otherwise leave ~30 MB in
  // /tmp). Chromium may still write a file or two after the context reports closed, so profiles left over
  // by earlier runs are swept here too, once no Chromium holds them.
  const ownProfile = !options.userDataDir;
  if (ownProfile) sweepProfiles();
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), PROFILE_PREFIX));
  const removeProfile = () => {
    if (!ownProfile) return;
    const remove = () => void rm(userDataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 }).catch(() => undefined);
    remove();
    setTimeout(remove, 2_000).unref();
  };
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
  }).catch((error: unknown) => {
    removeProfile();
    throw error;
  });
  context.on('close', removeProfile);
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }).catch(async (error: unknown) => {
    await context.close();
    throw error;
  }));
  const extensionId = new URL(worker.url()).host;
  const close = async () => {
    await context.close();
    // Chromium's helpers may write a last file after the context reports closed: remove until it stays gone.
    for (let i = 0; ownProfile && i < 10 && existsSync(userDataDir); i++) {
      await rm(userDataDir, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  };
  return { context, worker, extensionId, close };
}
