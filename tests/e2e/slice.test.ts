/**
 * The vertical slice in real Chromium with the built extension: the side panel
 * shows the ticket in front, live; follows ticket and tab switches; inserts a
 * reply into that ticket's composer and refuses another ticket's.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_URLS } from '../../scripts/demo/serve';
import { startDemoSession, type DemoSession } from '../../scripts/lib/demo-session';
import { DEV_EXTENSION_ID } from '../../lib/dev-key';

declare global {
  interface Window {
    deskmateDemo: {
      ready: Promise<unknown>;
      customerWrites(id: string, text?: string): string;
      openTicket(id: string): void;
      composerData(id: string): string | null;
    };
  }
}

let session: DemoSession;
let helpdesk: Page;
let panel: Page;

const panelTicket = () => panel.getByTestId('ticket-id');
const messageTexts = () => panel.getByTestId('message-text').allInnerTexts();

beforeAll(async () => {
  session = await startDemoSession({ headless: true, pace: 'manual', firstUrl: DEMO_URLS.zendeskEmail });
  helpdesk = session.context.pages()[0]!;
  await helpdesk.evaluate(() => window.deskmateDemo.ready);
  panel = await session.openPanel();
});

afterAll(async () => {
  await session?.close();
});

describe('Deskmate in Chromium on the demo Zendesk', () => {
  it('loads with the stable development id', () => {
    expect(session.extensionId).toBe(DEV_EXTENSION_ID);
  });

  it('shows the conversation of the ticket in front', async () => {
    await expect.poll(() => panelTicket().innerText()).toBe('Ticket #1001');
    expect(await panel.getByTestId('ticket-subject').innerText()).toBe('Charged twice for order #A-20417');
    expect(await panel.getByTestId('ticket-channel').innerText()).toBe('Email');
    expect(await panel.getByTestId('ticket-language').innerText()).toBe('Customer writes in English');
    const roles = await panel.getByTestId('message').evaluateAll((els) => els.map((e) => e.getAttribute('data-role')));
    expect(roles).toEqual(['customer', 'agent', 'internal', 'customer']);
    const texts = await messageTexts();
    expect(texts[0]).toContain('I was charged twice for my order #A-20417');
    expect(texts.join('\n')).not.toContain('wrote:');
  });

  it('says how the customer feels, and why', async () => {
    const last = panel.getByTestId('message').last();
    expect(await last.getByTestId('message-insight').getAttribute('data-emotion')).toBe('frustration');
    expect(await last.getByTestId('message-insight').innerText()).toContain('frustrating');
    expect(await panel.getByTestId('escalation').getAttribute('data-level')).toBe('medium');
    // The customer's sentiment over the conversation: worse in the second message than the first.
    const scores = (await panel.getByTestId('emotion-curve').getAttribute('data-scores'))!.split(' ').map(Number);
    expect(scores).toHaveLength(2);
    expect(scores[1]!).toBeLessThan(scores[0]!);
    // What the customer wants, from the shipped customer-service intents.
    expect(await panel.getByTestId('ticket-intent').getAttribute('data-intent')).toBe('double_charge');
    // How to answer a frustrated customer by email.
    // The first step shows; what to avoid and how long open on demand.
    expect(await panel.getByTestId('guidance').locator('summary').innerText()).toContain('apologise');
    await panel.getByTestId('guidance').locator('summary').click();
    const guidance = await panel.getByTestId('guidance').innerText();
    expect(guidance).toContain('apologise');
    expect(guidance).toContain('Email: complete and structured.');
    // The agent's own draft is checked as they type.
    await panel.getByTestId('reply-text').fill('You should have checked your bank app. We can\'t do anything before Monday.');
    const codes = await panel.getByTestId('draft-findings').locator('li').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
    expect(codes).toEqual(expect.arrayContaining(['blame', 'negative_phrasing', 'missing_apology']));
    await panel.getByTestId('reply-text').fill('');
  });

  it('updates live when the customer writes', async () => {
    await helpdesk.evaluate(() => window.deskmateDemo.customerWrites('1001', 'Any news on my refund? I need it before Friday.'));
    await expect.poll(() => panel.getByTestId('message').count()).toBe(5);
    const texts = await messageTexts();
    expect(texts.at(-1)).toBe('Any news on my refund? I need it before Friday.');
    const roles = await panel.getByTestId('message').evaluateAll((els) => els.map((e) => e.getAttribute('data-role')));
    expect(roles.at(-1)).toBe('customer');
    // The customer threatens to leave: escalation risk rises, with the reason.
    await helpdesk.evaluate(() => window.deskmateDemo.customerWrites('1001', "If this isn't fixed today I'm going to cancel my Acme subscription."));
    await expect.poll(() => panel.getByTestId('escalation').getAttribute('data-level')).toBe('high');
    expect(await panel.getByTestId('escalation').innerText()).toContain('threatens to cancel or leave');
  });

  it('checks the tone of what the agent types in the helpdesk composer itself', async () => {
    const composer = helpdesk.locator('[data-ticket-id="1001"] [data-test-id="omnicomposer-rich-text-ckeditor"]');
    await composer.click();
    await helpdesk.keyboard.type('You should have checked your bank app. PLEASE READ OUR EMAILS.');
    await expect.poll(() => panel.getByTestId('composer-findings').locator('li').count()).toBeGreaterThan(0);
    const codes = await panel.getByTestId('composer-findings').locator('li').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
    expect(codes).toEqual(expect.arrayContaining(['blame', 'all_caps', 'missing_apology']));
    // The panel's own reply box is untouched, and its check stays empty.
    expect(await panel.getByTestId('reply-text').inputValue()).toBe('');
    expect(await panel.getByTestId('draft-findings').count()).toBe(0);
    // Rewritten kindly in the composer: the check follows.
    await helpdesk.keyboard.press('ControlOrMeta+a');
    await helpdesk.keyboard.type("I'm sorry for the double charge, Maya. I have refunded it today.");
    await expect.poll(() => panel.getByTestId('composer-ok').count()).toBe(1);
    // Emptied: nothing to check, nothing shown.
    await helpdesk.keyboard.press('ControlOrMeta+a');
    await helpdesk.keyboard.press('Delete');
    await expect.poll(() => panel.getByTestId('composer-check').count()).toBe(0);
  });

  it('reads older messages when the agent loads them, once each', async () => {
    await helpdesk.locator('[data-ticket-id="1001"] [data-test-id="convolog-show-more-button"]').click();
    await expect.poll(() => panel.getByTestId('message').count()).toBe(7);
    const first = panel.getByTestId('message').first();
    expect(await first.getAttribute('data-role')).toBe('system');
    expect(await first.getByTestId('message-text').innerText()).toBe("Thank you for your order #A-20417! We'll email you when it ships.");
  });

  it('says which selector failed when the page changes, shows nothing stale, offers a report, and recovers', async () => {
    const rename = (from: string, to: string) =>
      helpdesk.evaluate(([a, b]) => document.querySelector(`[data-ticket-id="1001"] [data-test-id="${a}"]`)!.setAttribute('data-test-id', b!), [from, to]);
    await rename('omni-log-container', 'omni-log-container-v2');
    await expect.poll(() => panel.getByTestId('state-failed').count()).toBe(1);
    expect(await panel.getByTestId('state-failed').innerText()).toContain('“omni-log-container”');
    expect(await panel.getByTestId('ticket').count()).toBe(0);
    await panel.getByTestId('copy-diagnostics').click();
    const report = JSON.parse(await panel.getByTestId('diagnostics-report').inputValue());
    expect(report).toMatchObject({ kind: 'deskmate-diagnostics', adapter: 'zendesk', failure: { selector: 'omni-log-container' } });
    expect(JSON.stringify(report)).not.toMatch(/Maya|refund|charged/i);
    await rename('omni-log-container-v2', 'omni-log-container');
    await expect.poll(() => panel.getByTestId('message').count()).toBe(7);
  });

  it('inserts a reply into the composer of the ticket shown', async () => {
    await panel.getByTestId('reply-text').fill('Hi Maya,\n\nI have refunded the second $89.00 charge today.');
    await panel.getByTestId('insert').click();
    await expect.poll(() => panel.getByTestId('insert-status').getAttribute('data-ok')).toBe('true');
    expect(await panel.getByTestId('insert-status').innerText()).toBe('Inserted into the composer of ticket #1001.');
    // Read back from CKEditor's own model, not the DOM: the editor registered the text.
    const data = await helpdesk.evaluate(() => window.deskmateDemo.composerData('1001'));
    expect(data).toBe('<p>Hi Maya,</p><p>I have refunded the second $89.00 charge today.</p>');
  });

  it('follows an in-app ticket switch, with nothing left from the other ticket', async () => {
    await helpdesk.locator('[data-test-id="header-tab"][data-entity-id="1002"]').click();
    await expect.poll(() => panelTicket().innerText()).toBe('Ticket #1002');
    expect(await panel.getByTestId('ticket-channel').innerText()).toBe('Messaging');
    expect(await panel.getByTestId('ticket-language').getAttribute('data-language')).toBe('zh-Hans');
    const texts = await messageTexts();
    expect(texts).toContain('订单号是 B-88213，物流信息已经三天没有更新了。');
    expect(texts.join('\n')).not.toMatch(/Maya|refund/);
    const roles = await panel.getByTestId('message').evaluateAll((els) => els.map((e) => e.getAttribute('data-role')));
    expect(roles).toEqual(['customer', 'bot', 'customer', 'agent']);
    // The reply box belongs to the new ticket: the draft for #1001 is not offered here.
    expect(await panel.getByTestId('reply-text').inputValue()).toBe('');
  });

  it('inserts into the messaging composer of the ticket now in front', async () => {
    await panel.getByTestId('reply-text').fill('李女士您好，包裹明天上午送达。');
    await panel.getByTestId('insert').click();
    await expect.poll(() => panel.getByTestId('insert-status').getAttribute('data-ok')).toBe('true');
    expect(await helpdesk.evaluate(() => window.deskmateDemo.composerData('1002'))).toBe('<p>李女士您好，包裹明天上午送达。</p>');
  });

  it('refuses to insert a reply for another ticket, and says why', async () => {
    await helpdesk.locator('[data-test-id="header-tab"][data-entity-id="1001"]').click();
    await expect.poll(() => panelTicket().innerText()).toBe('Ticket #1001');
    await panel.getByTestId('pin').click();
    await helpdesk.locator('[data-test-id="header-tab"][data-entity-id="1002"]').click();
    await helpdesk.waitForTimeout(400);
    // Pinned: the panel stays on #1001 while #1002 is in front.
    expect(await panelTicket().innerText()).toBe('Ticket #1001');
    const before1001 = await helpdesk.evaluate(() => window.deskmateDemo.composerData('1001'));
    const before1002 = await helpdesk.evaluate(() => window.deskmateDemo.composerData('1002'));
    await panel.getByTestId('reply-text').fill('This must not reach ticket 1002.');
    await panel.getByTestId('insert').click();
    await expect.poll(() => panel.getByTestId('insert-status').getAttribute('data-ok')).toBe('false');
    expect(await panel.getByTestId('insert-status').innerText()).toBe(
      'Not inserted: the open composer belongs to ticket #1002, and this reply is for ticket #1001. Switch back to #1001 to insert it.',
    );
    expect(await helpdesk.evaluate(() => window.deskmateDemo.composerData('1002'))).toBe(before1002);
    expect(await helpdesk.evaluate(() => window.deskmateDemo.composerData('1001'))).toBe(before1001);
    await panel.getByTestId('pin').click();
    await expect.poll(() => panelTicket().innerText()).toBe('Ticket #1002');
  });

  it('follows the active browser tab, and shows no ticket for a page that is not a helpdesk', async () => {
    const second = await session.openTab(DEMO_URLS.zendeskEmail);
    await expect.poll(() => panelTicket().innerText()).toBe('Ticket #1001');
    await session.activate(helpdesk);
    await expect.poll(() => panelTicket().innerText()).toBe('Ticket #1002');
    const blank = await session.openTab('about:blank');
    await expect.poll(() => panel.getByTestId('state-no-helpdesk').count()).toBe(1);
    expect(await panel.getByTestId('ticket').count()).toBe(0);
    await blank.close();
    await second.close();
  });
});

describe('what would leave the browser', () => {
  it('shows the ticket redacted: phone, e-mail and the customer’s name replaced', async () => {
    await expect.poll(() => panelTicket().innerText()).toBe('Ticket #1002');
    await helpdesk.evaluate(() => window.deskmateDemo.customerWrites('1002', '我是李娜，手机13800138000，邮箱 lina.li@example.cn'));
    await expect.poll(async () => (await messageTexts()).at(-1)).toBe('我是李娜，手机13800138000，邮箱 lina.li@example.cn');
    await panel.getByTestId('preview').locator('summary').click();
    const text = await panel.getByTestId('preview-text').innerText();
    expect(text).toContain('customer: 我是[NAME]，手机[PHONE]，邮箱 [EMAIL]');
    expect(text).not.toMatch(/13800138000|lina\.li|李娜/);
  });
});
