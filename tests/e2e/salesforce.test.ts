/**
 * The same slice on the demo Salesforce Service Console: the case in front,
 * a messaging session in traditional Chinese inside a shadow root, live
 * updates, workspace-tab switches, and inserts into the right composer.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_URLS } from '../../scripts/demo/serve';
import { startDemoSession, type DemoSession } from '../../scripts/lib/demo-session';

interface SalesforceDemo {
  customerWrites(tab: string, text?: string): void;
  openTab(tab: string): void;
}

let session: DemoSession;
let console_: Page;
let panel: Page;
const heading = () => panel.getByTestId('ticket-id').innerText();
const roles = () => panel.getByTestId('message').evaluateAll((els) => els.map((e) => e.getAttribute('data-role')));

beforeAll(async () => {
  session = await startDemoSession({ headless: true, pace: 'manual', firstUrl: DEMO_URLS.salesforceCase });
  console_ = session.context.pages()[0]!;
  await console_.waitForFunction(() => 'deskmateDemo' in window);
  panel = await session.openPanel();
});

afterAll(async () => {
  await session?.close();
});

describe('Deskmate in Chromium on the demo Salesforce console', () => {
  it('shows the case in front, oldest first, without the background case', async () => {
    await expect.poll(heading).toBe('Case 00012345');
    expect(await panel.getByTestId('ticket-channel').innerText()).toBe('Email');
    const r = await roles();
    expect(r[0]).toBe('customer');
    expect(r).toContain('internal');
    const texts = (await panel.getByTestId('message-text').allInnerTexts()).join('\n');
    expect(texts).not.toContain('wrote:');
    expect(texts).not.toContain('00012346');
  });

  it('updates live when the customer emails again', async () => {
    const before = await panel.getByTestId('message').count();
    await console_.evaluate(() =>
      (window as unknown as { deskmateDemo: SalesforceDemo }).deskmateDemo.customerWrites('00012345', 'Is there any update on the replacement?'),
    );
    await expect.poll(() => panel.getByTestId('message').count()).toBe(before + 1);
    // The feed shows newest first; the panel shows it last.
    expect((await panel.getByTestId('message-text').allInnerTexts()).at(-1)).toBe('Is there any update on the replacement?');
  });

  it('reads older feed items when the agent clicks View More, oldest first', async () => {
    const before = await panel.getByTestId('message').count();
    await console_.locator('section.tabContent.active .cuf-showMore').click();
    await expect.poll(() => panel.getByTestId('message').count()).toBe(before + 1);
    expect(await panel.getByTestId('message-text').first().innerText()).toBe('Case created from email. Order #W-55810 shipped with ParcelGo on November 14.');
    expect(await panel.getByTestId('message').first().getAttribute('data-role')).toBe('internal');
  });

  it('inserts into the email body (an editable document in an iframe) of the case in front', async () => {
    await panel.getByTestId('reply-text').fill('Hi Jordan,\n\nYour replacement lamp ships today by express.');
    await panel.getByTestId('insert').click();
    await expect.poll(() => panel.getByTestId('insert-status').getAttribute('data-ok')).toBe('true');
    const body = console_.frameLocator('section.tabContent.active iframe[title="Email Body"]').locator('body');
    expect(await body.innerText()).toContain('Your replacement lamp ships today by express.');
    // The background case's email body is untouched.
    const other = await console_.frameLocator('section.tabContent:not(.active) iframe[title="Email Body"]').first().locator('body').innerText();
    expect(other).not.toContain('replacement lamp ships');
  });

  it('checks the tone of what the agent types in the email body (an iframe editor)', async () => {
    const body = console_.frameLocator('section.tabContent.active iframe[title="Email Body"]').locator('body');
    await body.click();
    await console_.keyboard.press('ControlOrMeta+End');
    await console_.keyboard.type(' You should have read the manual. THIS IS NOT OUR FAULT.');
    await expect.poll(() => panel.getByTestId('composer-findings').locator('li[data-code="all_caps"]').count()).toBeGreaterThan(0);
    expect(await panel.getByTestId('composer-findings').locator('li[data-code="blame"]').count()).toBeGreaterThan(0);
  });

  it('inserts into the Chatter post editor (Quill) when the agent switched to Post', async () => {
    await console_.locator('section.tabContent.active a[role="tab"]', { hasText: 'Post' }).click();
    await console_.locator('section.tabContent.active button[title="Share an update..."]').click();
    await panel.getByTestId('reply-text').fill('@Priya Shah the replacement is approved and shipping.');
    await panel.getByTestId('insert').click();
    await expect.poll(() => panel.getByTestId('insert-status').getAttribute('data-ok')).toBe('true');
    const quill = console_.locator('section.tabContent.active .ql-editor');
    expect(await quill.innerText()).toContain('the replacement is approved and shipping.');
  });

  it('follows a workspace-tab switch to the messaging session in traditional Chinese', async () => {
    await console_.locator('a[role="tab"][title^="MS-0000421"]').click();
    await expect.poll(heading).toBe('Messaging session MS-0000421');
    expect(await panel.getByTestId('ticket-channel').innerText()).toBe('Messaging');
    expect(await panel.getByTestId('ticket-language').innerText()).toBe('Customer writes in Traditional Chinese');
    const r = await roles();
    expect(r).toEqual(expect.arrayContaining(['customer', 'agent', 'bot', 'system']));
    const texts = (await panel.getByTestId('message-text').allInnerTexts()).join('\n');
    expect(texts).toMatch(/[保固維修]/);
    expect(texts).not.toMatch(/replacement/);
  });

  it('inserts into the chat composer of the session in front', async () => {
    await panel.getByTestId('reply-text').fill('陳小姐您好，維修單已建立。');
    await panel.getByTestId('insert').click();
    await expect.poll(() => panel.getByTestId('insert-status').getAttribute('data-ok')).toBe('true');
    const value = await console_.locator('section.tabContent.active textarea.runtime_service_liveagentChatInput').inputValue();
    expect(value).toBe('陳小姐您好，維修單已建立。');
  });

  it('checks the tone of what the agent types in the chat composer, in traditional Chinese', async () => {
    const chat = console_.locator('section.tabContent.active textarea.runtime_service_liveagentChatInput');
    await chat.fill('');
    await chat.click();
    await console_.keyboard.type('這是你自己的問題，你應該先看說明書。');
    await expect.poll(() => panel.getByTestId('composer-findings').locator('li').count()).toBeGreaterThan(0);
    const codes = await panel.getByTestId('composer-findings').locator('li').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
    expect(codes).toContain('blame');
    expect(await panel.getByTestId('composer-check').textContent()).toContain('Your reply in the helpdesk');
    await chat.fill('');
    await console_.keyboard.type('很抱歉讓您久等了，維修單已建立。');
    await expect.poll(() => panel.getByTestId('composer-ok').count()).toBe(1);
  });
});
