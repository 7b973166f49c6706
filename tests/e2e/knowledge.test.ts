/**
 * Knowledge end to end, in Chromium against the demo helpdesk: the Help
 * Center is synced with the agent's session through the Zendesk tab, the
 * panel recommends the article that answers the ticket (and changes when the
 * customer writes about something else), feedback is taken, and a knowledge
 * gap flagged on the page itself (keyboard only, closed shadow root) is
 * delivered to Zendesk as a ticket exactly once, with its status in the panel.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_URLS, resetDemoZendesk, zendeskDeliveries } from '../../scripts/demo/serve';
import { startDemoSession, type DemoSession } from '../../scripts/lib/demo-session';

let session: DemoSession;
let helpdesk: Page;
let panel: Page;

beforeAll(async () => {
  resetDemoZendesk();
  session = await startDemoSession({ headless: true, pace: 'manual', firstUrl: DEMO_URLS.zendeskEmail });
  helpdesk = session.context.pages()[0]!;
  await helpdesk.waitForFunction(() => 'deskmateDemo' in window);
  // Deliver gap flags to Zendesk as tickets, through the agent's session.
  const options = await session.context.newPage();
  await options.goto(`chrome-extension://${session.extensionId}/options.html`);
  await options.locator('#gapZendeskDelivery').selectOption('ticket');
  await options.getByTestId('setting-gapZendeskDelivery').getByRole('status').waitFor();
  await options.close();
  await helpdesk.bringToFront();
  panel = await session.openPanel();
});

afterAll(async () => {
  await session?.close();
});

const hitTitles = () => panel.getByTestId('kb-recommendations').locator('[data-testid="kb-hit"] .kb-hit-title a').allInnerTexts();

describe('knowledge in the panel', () => {
  it('syncs the Help Center with the agent session and recommends the article that answers the ticket', async () => {
    await expect.poll(() => panel.getByTestId('ticket-id').innerText()).toBe('Ticket #1001');
    // The double-charge ticket: the double-charge article comes first.
    await expect.poll(hitTitles, { timeout: 20_000 }).toEqual(expect.arrayContaining([expect.stringMatching(/charged twice/i)]));
    expect((await hitTitles())[0]).toMatch(/charged twice/i);
    const first = panel.getByTestId('kb-recommendations').getByTestId('kb-hit').first();
    expect(await first.getByTestId('kb-passage').innerText()).not.toBe('');
    expect(await first.locator('a').getAttribute('href')).toMatch(/^https:\/\/acme\.zendesk\.com\/hc\/en-us\/articles\/\d+/);
  });

  it('follows the customer: a new message about a password brings the password article', async () => {
    await helpdesk.evaluate(() => (window as unknown as { deskmateDemo: { customerWrites(id: string, t: string): void } }).deskmateDemo.customerWrites('1001', 'Also, I cannot log in. How do I reset my password?'));
    // The latest message weighs most; the subject (a double charge) still counts.
    await expect.poll(async () => (await hitTitles()).join(' | '), { timeout: 10_000 }).toMatch(/password/i);
  });

  it('recommends Chinese articles for the Chinese ticket', async () => {
    await helpdesk.locator('[data-test-id="header-tab"][data-entity-id="1002"]').click();
    await expect.poll(() => panel.getByTestId('ticket-id').innerText()).toBe('Ticket #1002');
    await expect.poll(async () => (await hitTitles())[0] ?? '', { timeout: 10_000 }).toMatch(/[\u4e00-\u9fff]/);
    await helpdesk.locator('[data-test-id="header-tab"][data-entity-id="1001"]').click();
    await expect.poll(() => panel.getByTestId('ticket-id').innerText()).toBe('Ticket #1001');
  });

  it('takes feedback on an article with a note', async () => {
    const hit = panel.getByTestId('kb-recommendations').getByTestId('kb-hit').first();
    await expect.poll(() => hit.count()).toBe(1);
    await hit.getByTestId('kb-feedback-outdated').click();
    await hit.getByTestId('kb-feedback-note').fill('Still says 5 days; it is 10 now');
    await hit.getByTestId('kb-feedback-send').click();
    await expect.poll(() => panel.getByTestId('kb-feedback-done').first().innerText()).toMatch(/Outdated/);
  });

  it('searches by hand', async () => {
    await panel.getByTestId('kb-search').fill('gift card balance');
    await panel.getByTestId('kb-search').press('Enter');
    await expect.poll(() => panel.getByTestId('kb-search-results').locator('[data-testid="kb-hit"] .kb-hit-title a').first().innerText()).toMatch(/gift card/i);
  });
});

describe('knowledge gap flagged on the helpdesk page', () => {
  it('is reachable with the keyboard, flags the message, and is delivered to Zendesk once', async () => {
    const before = zendeskDeliveries.length;
    // Start keyboard navigation in the first customer message, then Tab to its flag button.
    const message = helpdesk.locator('[data-ticket-id="1001"] article[data-comment-id="70001"] .zd-comment p').first();
    await message.click();
    await helpdesk.keyboard.press('Tab');
    expect(await helpdesk.evaluate(() => document.activeElement?.localName)).toBe('deskmate-gap');
    await helpdesk.keyboard.press('Enter');
    // The form opens with the reason focused.
    await helpdesk.keyboard.press('ArrowDown'); // missing → outdated
    await helpdesk.keyboard.press('Tab');
    await helpdesk.keyboard.type('Refund timing article does not cover double charges on PayPal');
    await helpdesk.keyboard.press('Tab');
    await helpdesk.keyboard.press('Enter');
    // The panel lists the flag for this ticket, and it reaches Zendesk as a ticket.
    await expect.poll(() => panel.getByTestId('gap-flag').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
    await expect.poll(() => zendeskDeliveries.length - before, { timeout: 20_000 }).toBe(1);
    const delivered = zendeskDeliveries.at(-1)!;
    const body = JSON.stringify(delivered);
    expect(body).toContain('deskmate_kb_gap');
    expect(body).toContain('outdated');
    expect(body).toContain('PayPal');
    await expect.poll(() => panel.getByTestId('gap-flag').first().getAttribute('data-status'), { timeout: 15_000 }).toBe('delivered');
    // Nothing is delivered twice.
    await panel.waitForTimeout(1_000);
    expect(zendeskDeliveries.length - before).toBe(1);
  });

  it('flags from the panel too, with the draft', async () => {
    await panel.getByTestId('reply-text').fill('I will check with billing and come back to you.');
    await panel.getByTestId('gap-open').click();
    await panel.getByTestId('gap-reason').selectOption('missing');
    await panel.getByTestId('gap-note').fill('No article on refunds to a closed card');
    await panel.getByTestId('gap-send').click();
    await expect.poll(() => panel.getByTestId('gap-flag').count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    await expect.poll(() => JSON.stringify(zendeskDeliveries), { timeout: 20_000 }).toContain('closed card');
  });
});

describe('knowledge administration in the options page', () => {
  it('imports a Markdown article (then found by search) and refuses a malformed CSV as a whole, naming the line', async () => {
    const options = await session.context.newPage();
    await options.goto(`chrome-extension://${session.extensionId}/options.html`);
    await options.getByTestId('kb-import').setInputFiles([
      {
        name: 'espresso-descaling.md',
        mimeType: 'text/markdown',
        buffer: Buffer.from('---\ntitle: How to descale the Barista One espresso machine\nlocale: en-us\n---\n\nRun the descaling programme every 200 cups: fill the tank with descaler and hold the steam button for five seconds.\n'),
      },
    ]);
    await expect.poll(() => options.getByTestId('kb-import-ok').count(), { timeout: 10_000 }).toBe(1);
    await options.getByTestId('kb-import').setInputFiles([
      { name: 'faq.csv', mimeType: 'text/csv', buffer: Buffer.from('title,body\nGood row,Fine body\n"Broken row,no closing quote\n') },
    ]);
    await expect.poll(() => options.getByTestId('kb-import-errors').count(), { timeout: 10_000 }).toBe(1);
    expect(await options.getByTestId('kb-import-errors').innerText()).toMatch(/faq\.csv:\d/);
    await options.close();
    await panel.getByTestId('kb-search').fill('descale espresso machine');
    await panel.getByTestId('kb-search').press('Enter');
    await expect.poll(() => panel.getByTestId('kb-search-results').locator('[data-testid="kb-hit"]').first().innerText()).toMatch(/descale the Barista One/i);
    await panel.getByTestId('kb-search').fill('Good row Fine body');
    await panel.getByTestId('kb-search').press('Enter');
    await expect.poll(() => panel.getByTestId('kb-search-results').or(panel.getByText('No article matches')).first().innerText()).not.toMatch(/Good row/);
  });

  it('shows the sync status and the flags waiting, and exports flags as CSV', async () => {
    const options = await session.context.newPage();
    await options.goto(`chrome-extension://${session.extensionId}/options.html`);
    await expect.poll(() => options.getByTestId('kb-source').first().innerText()).toMatch(/zendesk:acme\.zendesk\.com/);
    expect(Number(await options.getByTestId('kb-status').getAttribute('data-articles'))).toBeGreaterThan(50);
    const [download] = await Promise.all([options.waitForEvent('download'), options.getByTestId('export-flags-csv').click()]);
    const csv = await (await import('node:fs/promises')).readFile((await download.path())!, 'utf8');
    expect(csv).toMatch(/PayPal/);
    expect(csv.split('\n').length).toBeGreaterThanOrEqual(3);
    // The team view groups what was flagged (and what nothing answered), with counts.
    await expect.poll(() => options.getByTestId('team-gap').count()).toBeGreaterThanOrEqual(1);
    expect(await options.getByTestId('team-gap').first().innerText()).toMatch(/\d/);
    await options.close();
  });
});

