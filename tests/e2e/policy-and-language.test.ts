/**
 * Enterprise policy for real: Chromium reads /etc/chromium/policies/managed,
 * the background applies it, the options page shows locked fields, and the
 * UI follows the language the policy sets. Then the browser's own language.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync, accessSync, constants } from 'node:fs';
import type { Browser } from 'webextension-polyfill';
import { afterAll, describe, expect, it } from 'vitest';
import { DEV_EXTENSION_ID } from '../../lib/dev-key';
import { DEMO_URLS, routeDemoHelpdesk } from '../../scripts/demo/serve';
import { launchWithExtension } from '../../scripts/lib/chromium';
import { startDemoSession } from '../../scripts/lib/demo-session';

// Functions passed to evaluate() run in extension contexts, where `chrome` is the API.
declare const chrome: Browser;

const POLICY_DIR = process.env.CHROMIUM_POLICY_DIR ?? '/etc/chromium/policies/managed';
const POLICY_FILE = `${POLICY_DIR}/deskmate-e2e.json`;

function writePolicy(values: Record<string, unknown>) {
  try {
    if (!existsSync(POLICY_DIR)) mkdirSync(POLICY_DIR, { recursive: true });
    accessSync(POLICY_DIR, constants.W_OK);
  } catch {
    throw new Error(
      `The policy test writes ${POLICY_FILE}, which Chromium reads as enterprise policy. ` +
        `Run the tests as root, or once: sudo install -d -m 1777 ${POLICY_DIR}`,
    );
  }
  writeFileSync(POLICY_FILE, JSON.stringify({ '3rdparty': { extensions: { [DEV_EXTENSION_ID]: values } } }));
}

afterAll(() => rmSync(POLICY_FILE, { force: true }));

describe('managed policy in Chromium', () => {
  it('locks what the team lead set, fails closed on an invalid value, and never shows the key', async () => {
    writePolicy({
      uiLanguage: 'zh_TW',
      zendeskEnabled: false,
      llmBaseUrl: 'not a url',
      llmApiKey: 'sk-policy-secret-42',
      unknownSetting: 1,
      customSites: [
        {
          name: 'Acme CRM',
          urlPattern: 'https://crm.acme.example/cases/*',
          ticketId: { urlRegex: '/cases/(\\d+)' },
          selectors: { message: '.msg', text: '.body' },
        },
      ],
    });
    const { context, extensionId, worker, close } = await launchWithExtension({ headless: true });
    try {
      // One tab in one window: options first, then the same tab becomes the helpdesk.
      const options = context.pages()[0] ?? (await context.newPage());
      await options.goto(`chrome-extension://${extensionId}/options.html`);
      // The policy's language, not the browser's English.
      await expect.poll(() => options.locator('h1').innerText()).toBe('Deskmate 設定');
      const locked = (name: string) => options.getByTestId(`setting-${name}`).getAttribute('data-locked');
      expect(await locked('uiLanguage')).toBe('true');
      expect(await locked('zendeskEnabled')).toBe('true');
      expect(await locked('llmBaseUrl')).toBe('true');
      expect(await locked('llmModel')).toBe('false');
      // A structured policy value (a list of configured helpdesks) arrives whole and locked.
      expect(await locked('customSites')).toBe('true');
      expect(await options.locator('#customSites').inputValue()).toContain('"name": "Acme CRM"');
      expect(await options.locator('#customSites').isDisabled()).toBe(true);
      expect(await options.getByTestId('custom-access').getAttribute('data-granted')).toBe('false');
      expect(await options.locator('#uiLanguage').isDisabled()).toBe(true);
      expect(await options.locator('#zendeskEnabled').isChecked()).toBe(false);
      // Invalid policy value: held at the default (empty), locked, and said so.
      expect(await options.locator('#llmBaseUrl').inputValue()).toBe('');
      expect(await options.getByTestId('setting-llmBaseUrl').innerText()).toContain('原則值無效');
      expect(await options.content()).not.toContain('sk-policy-secret-42');
      // The agent cannot change a locked setting, even by talking to the background directly.
      const reply = await options.evaluate(() =>
        chrome.runtime.sendMessage({ protocol: 'deskmate/1', name: 'settings.set', payload: { patch: { zendeskEnabled: true } } }),
      );
      expect(reply).toMatchObject({ ok: false, error: expect.stringContaining('locked') });
      // An unlocked one still saves.
      await options.locator('#llmModel').fill('gpt-4o-mini');
      await options.locator('#llmModel').blur();
      await expect.poll(() => options.getByTestId('setting-llmModel').innerText()).toContain('已儲存');

      // Zendesk reading is off by policy: the panel says so instead of reading the ticket.
      await routeDemoHelpdesk(context, 'manual');
      const helpdesk = options;
      await helpdesk.goto(DEMO_URLS.zendeskEmail);
      const windowId = await worker.evaluate(async () => (await chrome.windows.getAll({ windowTypes: ['normal'] }))[0]!.id!);
      const [panel] = await Promise.all([
        context.waitForEvent('page'),
        worker.evaluate((url) => chrome.windows.create({ url, type: 'popup', focused: false }), `chrome-extension://${extensionId}/sidepanel.html?windowId=${windowId}`),
      ]);
      await expect.poll(() => panel.getByTestId('state-disabled').count()).toBe(1);
      expect(await panel.getByTestId('state-disabled').innerText()).toContain('Zendesk');
      expect(await panel.getByTestId('ticket').count()).toBe(0);
    } finally {
      await close();
      rmSync(POLICY_FILE, { force: true });
    }
  });
});

describe('interface language', () => {
  it('follows a simplified-Chinese browser', async () => {
    const session = await startDemoSession({ headless: true, pace: 'manual', firstUrl: DEMO_URLS.zendeskMessaging, lang: 'zh-CN' });
    try {
      const panel = await session.openPanel();
      await expect.poll(() => panel.getByTestId('ticket-id').innerText()).toBe('工单 #1002');
      expect(await panel.getByTestId('ticket-channel').innerText()).toBe('消息');
      expect(await panel.getByTestId('insert').innerText()).toBe('插入到回复框');
      expect(await panel.evaluate(() => document.documentElement.lang)).toBe('zh-Hans');
    } finally {
      await session.close();
    }
  });
});

describe('options page', () => {
  it('refuses an invalid helpdesk configuration with the fields at fault, and saves nothing', async () => {
    const { context, extensionId, worker, close } = await launchWithExtension({ headless: true });
    try {
      const options = context.pages()[0] ?? (await context.newPage());
      await options.goto(`chrome-extension://${extensionId}/options.html`);
      await options.locator('#customSites').fill(
        '[{"name":"Acme CRM","urlPattern":"http://crm.acme.example/*","ticketId":{"urlRegex":"/cases/(\\\\d+)"},"selectors":{"message":"div[","text":".body"}}]',
      );
      await options.getByTestId('custom-save').click();
      const errors = await options.getByTestId('custom-errors').innerText();
      expect(errors).toContain('customSites[0].urlPattern: must be a match pattern on one https host');
      expect(errors).toContain('customSites[0].selectors.message: not a valid CSS selector');
      await options.locator('#customSites').fill('[{"name": ');
      await options.getByTestId('custom-save').click();
      expect(await options.getByTestId('custom-errors').innerText()).toMatch(/not valid JSON/);
      const stored = await worker.evaluate(() => chrome.storage.local.get('settings'));
      expect(JSON.stringify(stored)).not.toContain('Acme CRM');
    } finally {
      await close();
    }
  });
});
