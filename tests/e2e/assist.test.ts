/**
 * Drafts from a model, end to end: the built extension in Chromium, the demo
 * helpdesk, and the mock OpenAI-compatible server (SSE streaming, faults on
 * demand). The endpoint is set in the options page like an agent would.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_URLS, zendeskDeliveries } from '../../scripts/demo/serve';
import { startDemoSession, type DemoSession } from '../../scripts/lib/demo-session';
import { startMockLlm, type MockLlm } from '../mock-llm/server';

let session: DemoSession;
let helpdesk: Page;
let panel: Page;
let mock: MockLlm;

beforeAll(async () => {
  mock = await startMockLlm({ ttftMs: 30, tokenDelayMs: 5 });
  session = await startDemoSession({ headless: true, pace: 'manual', firstUrl: DEMO_URLS.zendeskEmail });
  helpdesk = session.context.pages()[0]!;
  await helpdesk.waitForFunction(() => 'deskmateDemo' in window);
  panel = await session.openPanel();
});

afterAll(async () => {
  await session?.close();
  await mock?.close();
});

const chats = () => mock.requests.filter((r) => r.path.endsWith('/chat/completions'));

describe('model endpoint in the options', () => {
  it('says there is no model in the panel until one is set, then tests the connection and lists the models', async () => {
    await expect.poll(() => panel.getByTestId('assist-off').count()).toBe(1);
    const options = await session.context.newPage();
    await options.goto(`chrome-extension://${session.extensionId}/options.html`);
    await options.locator('#llmBaseUrl').fill(mock.url);
    await options.locator('#llmBaseUrl').press('Tab');
    await options.getByTestId('setting-llmBaseUrl').getByRole('status').waitFor();
    await options.locator('#llmModel').fill('mock-chat');
    await options.locator('#llmModel').press('Tab');
    await options.getByTestId('setting-llmModel').getByRole('status').waitFor();
    await options.getByTestId('llm-test-button').click();
    await expect.poll(() => options.getByTestId('llm-test-ok').innerText()).toContain('mock-chat');
    await options.close();
    await expect.poll(() => panel.getByTestId('assist').count()).toBe(1);
  });
});

describe('reply drafts', () => {
  it('streams a draft into the panel, grounded and redacted, with customer text only in the user turn', async () => {
    const before = chats().length;
    await panel.getByTestId('assist-draft').click();
    await expect.poll(() => panel.getByTestId('assist-variant').first().getAttribute('data-state'), { timeout: 15_000 }).toBe('done');
    expect((await panel.getByTestId('assist-text').first().innerText()).length).toBeGreaterThan(10);
    // The model also refines intent and emotion on its own; the draft is the streamed request.
    const request = chats().slice(before).find((r) => r.body.stream)!;
    expect(request.body.stream).toBe(true);
    const messages = request.body.messages as { role: string; content: string }[];
    expect(messages.map((m) => m.role)).toEqual(['system', 'user']);
    expect(messages[0]!.content).not.toContain('Maya');
    expect(messages[1]!.content).toContain('<conversation>');
    // Redacted: the customer's phone number and name never leave the browser.
    expect(JSON.stringify(request.body)).not.toContain('555-0136');
    expect(JSON.stringify(request.body)).not.toContain('Maya Thompson');
  });

  it('puts the draft in the reply box on request', async () => {
    await panel.getByTestId('assist-use').first().click();
    expect(await panel.getByTestId('reply-text').inputValue()).toBe(await panel.getByTestId('assist-text').first().innerText());
  });

  it('marks the draft stale when the customer writes again, and writes it again on request', async () => {
    await helpdesk.evaluate(() => (window as unknown as { deskmateDemo: { customerWrites(id: string, t: string): void } }).deskmateDemo.customerWrites('1001', 'Any news? It has been two days.'));
    await expect.poll(() => panel.getByTestId('assist-stale').count(), { timeout: 10_000 }).toBe(1);
    const before = chats().length;
    await panel.getByTestId('assist-regenerate').click();
    await expect.poll(() => panel.getByTestId('assist-stale').count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => panel.getByTestId('assist-variant').first().getAttribute('data-state'), { timeout: 15_000 }).toBe('done');
    expect(JSON.stringify(chats().slice(before).find((r) => r.body.stream)!.body)).toContain('two days');
  });

  it('writes two variants side by side', async () => {
    await panel.getByTestId('assist-draft2').click();
    await expect.poll(() => panel.getByTestId('assist-variant').count()).toBe(2);
    await expect.poll(async () => (await panel.getByTestId('assist-variant').evaluateAll((els) => els.map((e) => e.getAttribute('data-state')))).join(','), { timeout: 15_000 }).toBe('done,done');
  });

  it('keeps a draft cut halfway, marked as partial', async () => {
    mock.setFault({ kind: 'cut', afterTokens: 4 });
    await panel.getByTestId('assist-draft').click();
    await expect.poll(() => panel.getByTestId('assist-variant').first().getAttribute('data-state'), { timeout: 15_000 }).toBe('partial');
    expect((await panel.getByTestId('assist-text').first().innerText()).length).toBeGreaterThan(0);
    await expect.poll(() => panel.getByTestId('assist-partial').count()).toBe(1);
    mock.setFault(null);
  });

  it('explains a refused key in plain words', async () => {
    mock.setFault({ kind: 'unauthorized' });
    await panel.getByTestId('assist-draft').click();
    await expect.poll(() => panel.getByTestId('assist-fault').first().getAttribute('data-code'), { timeout: 15_000 }).toBe('unauthorized');
    expect(await panel.getByTestId('assist-fault').first().innerText()).toMatch(/401/);
    mock.setFault(null);
  });

  it('rewrites the reply and reviews it with a score per criterion', async () => {
    await panel.getByTestId('reply-text').fill('we cant refund that. read the policy.');
    await panel.getByTestId('rewrite-kind').selectOption('empathetic');
    await panel.getByTestId('rewrite-apply').click();
    await expect.poll(() => panel.getByTestId('assist-result-rewrite').getByTestId('assist-variant').getAttribute('data-state'), { timeout: 15_000 }).toBe('done');
    expect((await panel.getByTestId('assist-result-rewrite').getByTestId('assist-text').innerText()).trim().length).toBeGreaterThan(0);
    expect(JSON.stringify(chats().filter((r) => r.body.stream).at(-1)!.body)).toContain('read the policy');
    await panel.getByTestId('assist-review-button').click();
    await expect.poll(() => panel.getByTestId('assist-review').locator('tr').count(), { timeout: 15_000 }).toBe(7);
  });

  it('summarises the conversation for wrap-up and adds it to the ticket as an internal note', async () => {
    const before = zendeskDeliveries.length;
    await panel.getByTestId('assist-summary-button').click();
    await expect.poll(() => panel.getByTestId('assist-result-summary').getByTestId('assist-variant').getAttribute('data-state'), { timeout: 15_000 }).toBe('done');
    const summary = await panel.getByTestId('assist-result-summary').getByTestId('assist-text').innerText();
    await panel.getByTestId('assist-note').click();
    await expect.poll(() => panel.getByTestId('assist-note-done').count(), { timeout: 10_000 }).toBe(1);
    expect(zendeskDeliveries.length - before).toBe(1);
    const note = JSON.stringify(zendeskDeliveries.at(-1));
    expect(note).toContain('"public":false');
    expect(note).toContain(JSON.stringify(summary.trim()).slice(1, 30));
  });

  it("shows the model's reading of the latest customer message next to the local one", async () => {
    await helpdesk.evaluate(() => (window as unknown as { deskmateDemo: { customerWrites(id: string, t: string): void } }).deskmateDemo.customerWrites('1001', 'I am really upset, where is my refund?'));
    await expect.poll(() => panel.getByTestId('message-refined').count(), { timeout: 15_000 }).toBe(1);
    const refine = chats().find((r) => JSON.stringify(r.body).includes('Task: refine'));
    expect(refine?.body.response_format?.type).toBe('json_schema');
    const line = panel.getByTestId('message').last().getByTestId('message-refined');
    expect(['anger', 'frustration', 'sadness', 'fear', 'joy', 'surprise', 'neutral']).toContain(await line.getAttribute('data-emotion'));
  });

  it('shows the exact prompt a draft would send, redacted, before anything is sent', async () => {
    await panel.getByTestId('preview').locator('summary').click();
    await expect.poll(() => panel.getByTestId('preview-prompt').count(), { timeout: 10_000 }).toBe(1);
    const text = await panel.getByTestId('preview-text').innerText();
    expect(text).toContain('<conversation>');
    expect(text).toContain('Task: draft');
    expect(text).not.toContain('555-0136');
  });
});
