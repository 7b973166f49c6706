/**
 * The scripted demo, step by step, with a screenshot of the helpdesk and of the
 * side panel at each step, plus one picture of both side by side.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { DEMO_URLS } from '../demo/serve.ts';
import type { DemoSession } from './demo-session.ts';

const PANEL = { width: 400, height: 800 };

type Demo = { deskmateDemo: { customerWrites(id: string, text?: string): void; ready?: Promise<unknown> } };

async function shoot(session: DemoSession, helpdesk: Page, panel: Page, dir: string, name: string): Promise<string[]> {
  await panel.waitForTimeout(300);
  const helpdeskPng = await helpdesk.screenshot();
  const panelPng = await panel.screenshot();
  const files = [join(dir, `${name}-helpdesk.png`), join(dir, `${name}-panel.png`), join(dir, `${name}.png`)];
  const { writeFile } = await import('node:fs/promises');
  await writeFile(files[0]!, helpdeskPng);
  await writeFile(files[1]!, panelPng);
  // The agent's view: the helpdesk with Deskmate's panel docked at its right.
  const canvas = await session.context.newPage();
  await canvas.setViewportSize({ width: 1280 + PANEL.width, height: 800 });
  await canvas.setContent(
    `<body style="margin:0;display:flex;background:#ccc"><img src="data:image/png;base64,${helpdeskPng.toString('base64')}" width="1280" height="800"><img src="data:image/png;base64,${panelPng.toString('base64')}" width="${PANEL.width}" height="800" style="border-left:1px solid #999"></body>`,
  );
  await canvas.screenshot({ path: files[2]! });
  await canvas.close();
  return files;
}

export async function takeDemoScreenshots(session: DemoSession, dir: string, options: { model?: boolean } = {}): Promise<string[]> {
  const files: string[] = [];
  const zendesk = session.context.pages()[0]!;
  await zendesk.evaluate(() => (window as unknown as Demo).deskmateDemo.ready);
  const panel = await session.openPanel();
  await panel.setViewportSize(PANEL);
  const ticket = (text: string) => panel.getByTestId('ticket-id').filter({ hasText: text }).waitFor();

  await ticket('1001');
  files.push(...(await shoot(session, zendesk, panel, dir, '01-zendesk-email')));

  const count = await panel.getByTestId('message').count();
  await zendesk.evaluate(() => (window as unknown as Demo).deskmateDemo.customerWrites('1001'));
  await panel.getByTestId('message').nth(count).waitFor();
  await panel.getByTestId('reply-text').fill(
    "Hi Maya,\n\nI'm sorry this has taken so long. I've refunded the duplicate $89.00 charge today; you'll see it on your card within 3–5 business days.\n\nBest regards,\nDaniel",
  );
  await panel.getByTestId('insert').click();
  await panel.getByTestId('insert-status').waitFor();
  files.push(...(await shoot(session, zendesk, panel, dir, '02-live-update-and-insert')));

  // Knowledge for the ticket, and (with a model) a draft grounded in it.
  await panel.getByTestId('kb-recommendations').waitFor({ timeout: 20_000 });
  if (options.model) {
    await panel.getByTestId('assist-draft').click();
    await panel.locator('[data-testid="assist-result-draft"] [data-testid="assist-variant"][data-state="done"]').waitFor({ timeout: 20_000 });
  }
  await panel.getByTestId('knowledge').evaluate((e) => e.scrollIntoView());
  files.push(...(await shoot(session, zendesk, panel, dir, '02b-knowledge')));
  if (options.model) {
    await panel.getByTestId('assist').evaluate((e) => e.scrollIntoView());
    files.push(...(await shoot(session, zendesk, panel, dir, '02c-draft')));
  }
  await panel.getByTestId('ticket-body').evaluate((e) => (e.scrollTop = 0));

  await zendesk.locator('[data-test-id="header-tab"][data-entity-id="1002"]').click();
  await ticket('1002');
  files.push(...(await shoot(session, zendesk, panel, dir, '03-zendesk-messaging-zh-hans')));

  // The agent types straight into the helpdesk's composer: the panel checks that reply's tone too.
  await zendesk.locator('[data-ticket-id="1002"] [contenteditable="true"][data-test-id^="omnicomposer-"]').click();
  await zendesk.keyboard.type('这是你自己的问题，你应该先看说明书。');
  await panel.getByTestId('composer-findings').waitFor({ timeout: 10_000 });
  files.push(...(await shoot(session, zendesk, panel, dir, '03b-composer-check')));

  const salesforce = await session.openTab(DEMO_URLS.salesforceCase);
  await ticket('00012345');
  files.push(...(await shoot(session, salesforce, panel, dir, '04-salesforce-case')));

  await salesforce.locator('a[role="tab"][title^="MS-0000421"]').click();
  await ticket('MS-0000421');
  files.push(...(await shoot(session, salesforce, panel, dir, '05-salesforce-messaging-zh-hant')));
  return files;
}
