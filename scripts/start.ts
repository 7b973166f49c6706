/**
 * npm start: builds Deskmate, serves the demo helpdesk on its real-looking
 * origins and opens Chromium with the extension loaded.
 *
 *   npm start                                  a window to try it in
 *   npm start -- --headless --screenshots DIR  the scripted demo without a window, PNGs in DIR
 *   options: --lang zh-CN|zh-TW|en-US   --no-build
 *            --no-model   no stand-in model (Deskmate then works locally only)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO_URLS } from './demo/serve.ts';
import { startDemoSession } from './lib/demo-session.ts';
import { takeDemoScreenshots } from './lib/demo-tour.ts';
import { startDemoModel } from './lib/demo-model.ts';

const { values } = parseArgs({
  options: {
    headless: { type: 'boolean', default: false },
    screenshots: { type: 'string' },
    lang: { type: 'string', default: 'en-US' },
    'no-build': { type: 'boolean', default: false },
    'no-model': { type: 'boolean', default: false },
  },
});

if (!values['no-build']) {
  console.log('Building the extension…');
  execFileSync('npx', ['wxt', 'build', '--mode', 'development'], { stdio: ['ignore', 'ignore', 'inherit'] });
}

let headless = values.headless;
let screenshots = values.screenshots;
if (!headless && process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  screenshots ??= 'demo-screenshots';
  headless = true;
  console.log(`No display found: running the demo headless and writing screenshots to ${screenshots}/.`);
}

if (headless) {
  const dir = resolve(screenshots ?? 'demo-screenshots');
  mkdirSync(dir, { recursive: true });
  const session = await startDemoSession({ headless: true, pace: 'manual', firstUrl: DEMO_URLS.zendeskEmail, lang: values.lang });
  const model = values['no-model'] ? null : await startDemoModel(session, { ttftMs: 50, tokenDelayMs: 2 });
  try {
    const files = await takeDemoScreenshots(session, dir, { model: !!model });
    for (const file of files) console.log(`  ${file}`);
  } finally {
    await session.close();
    await model?.close();
  }
} else {
  const session = await startDemoSession({ headless: false, pace: 'scripted', firstUrl: DEMO_URLS.zendeskEmail, lang: values.lang });
  const model = values['no-model'] ? null : await startDemoModel(session);
  session.context.on('close', () => void model?.close());
  await session.openTab(DEMO_URLS.salesforceCase);
  await session.activate(session.context.pages()[0]!);
  await session.openPanel();
  console.log(`Deskmate is running on the demo helpdesk.
  Zendesk:    ${DEMO_URLS.zendeskEmail} (and #1002, in Chinese)
  Salesforce: ${DEMO_URLS.salesforceCase}
The Deskmate panel follows the helpdesk window (the toolbar button opens Chrome's own side panel too).
The customer writes again after about 12 seconds. Knowledge comes from the demo's Help Center (synced
when a Zendesk ticket opens). ${model ? `Drafts come from a stand-in model at ${model.url} (a local mock that
writes canned replies); set a real endpoint in Deskmate's options, or run with --no-model.` : 'No model: Deskmate works locally.'}
Close the browser to stop.`);
  await new Promise<void>((done) => session.context.on('close', () => done()));
}
