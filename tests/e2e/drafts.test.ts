/**
 * Nothing the agent typed is lost when the panel is closed and opened again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_URLS } from '../../scripts/demo/serve';
import { startDemoSession, type DemoSession } from '../../scripts/lib/demo-session';

let session: DemoSession;
let helpdesk: Page;

beforeAll(async () => {
  session = await startDemoSession({ headless: true, pace: 'manual', firstUrl: DEMO_URLS.zendeskEmail });
  helpdesk = session.context.pages()[0]!;
  await helpdesk.waitForFunction(() => 'deskmateDemo' in window);
});

afterAll(async () => {
  await session?.close();
});

describe('panel closed and opened again', () => {
  it('keeps the unsent reply of each ticket, and only for that ticket', async () => {
    let panel = await session.openPanel();
    await expect.poll(() => panel.getByTestId('ticket-id').innerText()).toBe('Ticket #1001');
    await panel.getByTestId('reply-text').fill('Unsent reply for 1001');
    await helpdesk.locator('[data-test-id="header-tab"][data-entity-id="1002"]').click();
    await expect.poll(() => panel.getByTestId('ticket-id').innerText()).toBe('Ticket #1002');
    await panel.getByTestId('reply-text').fill('给 1002 的草稿');
    await panel.waitForTimeout(400); // drafts are saved 250 ms after the last keystroke
    await panel.close();

    panel = await session.openPanel();
    await expect.poll(() => panel.getByTestId('ticket-id').innerText()).toBe('Ticket #1002');
    expect(await panel.getByTestId('reply-text').inputValue()).toBe('给 1002 的草稿');
    await helpdesk.locator('[data-test-id="header-tab"][data-entity-id="1001"]').click();
    await expect.poll(() => panel.getByTestId('ticket-id').innerText()).toBe('Ticket #1001');
    expect(await panel.getByTestId('reply-text').inputValue()).toBe('Unsent reply for 1001');
  });
});
