// @vitest-environment node
// The SDK talks to the mock over real HTTP, with Node's own fetch (happy-dom's would apply page CORS).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createModelClient, modelConfigFromSettings, type ModelConfig } from '../../lib/llm/client';
import { faultMessage, LLM_FAULT_CODES, LLM_FAULT_KEYS } from '../../lib/llm/faults';
import { azureApiVersion, PRESETS, presetFor } from '../../lib/llm/presets';
import { createModelRequests } from '../../lib/llm/requests';
import { catalogue } from '../../lib/settings/catalogue';
import { draftPrompt, refineSchema, reviewSchema, type ChatMessage } from '../../lib/llm/prompts';
import type { Conversation, TicketKey } from '../../lib/types';
import { startMockLlm, type MockLlm } from '../mock-llm/server';

let mock: MockLlm;
beforeAll(async () => {
  mock = await startMockLlm();
});
afterAll(() => mock.close());
afterEach(() => {
  mock.setFault(null);
  mock.configure({ jsonSchema: true, jsonObject: true, apiKey: undefined, ttftMs: 0, tokenDelayMs: 0 });
  mock.requests.length = 0;
});

const client = (over: Partial<ModelConfig> = {}) =>
  createModelClient({ provider: 'custom', baseUrl: mock.url, model: 'mock-chat', apiKey: '', retry: { baseDelayMs: 5 }, ...over });

const draftMessages: ChatMessage[] = [
  { role: 'system', content: 'You are Deskmate.' },
  { role: 'user', content: '<knowledge>\n[1] Refunds\nFive days.\n\n[2] Cards\nCheck the card.\n</knowledge>\n\nTask: draft\nReply language: zh-Hans (Simplified Chinese).' },
];
const chatRequests = () => mock.requests.filter((r) => r.path === '/v1/chat/completions');

describe('streaming a draft', () => {
  it('streams token by token, complete, with what the prompt asked for', async () => {
    const deltas: string[] = [];
    const r = await client().streamChat({ messages: draftMessages, onDelta: (d) => deltas.push(d) });
    expect(r).toMatchObject({ complete: true, finishReason: 'stop', attempts: 1 });
    expect(r.fault).toBeUndefined();
    expect(deltas.length).toBeGreaterThan(5);
    expect(deltas.join('')).toBe(r.text);
    expect(r.text).toMatch(/[\u4e00-\u9fff]/);
    expect(r.text).toContain('[1]');
    expect(r.text).toContain('[2]');
    expect(chatRequests()[0]!.body).toMatchObject({ model: 'mock-chat', stream: true, messages: draftMessages });
  });

  it('keeps the partial text of a stream cut halfway, marked incomplete, and does not retry it', async () => {
    mock.setFault({ kind: 'cut', afterTokens: 4 });
    const deltas: string[] = [];
    const r = await client().streamChat({ messages: draftMessages, onDelta: (d) => deltas.push(d) });
    expect(r.complete).toBe(false);
    expect(r.fault?.code).toBe('cut');
    expect(r.text).toBe(deltas.join(''));
    expect([...r.text]).toHaveLength(4);
    expect(chatRequests()).toHaveLength(1);
  });

  it('an error event after the first token is not retried: the partial text is kept', async () => {
    mock.setFault({ kind: 'stream_error', afterTokens: 5 });
    const r = await client().streamChat({ messages: draftMessages });
    expect(r).toMatchObject({ complete: false, fault: { code: 'server' }, attempts: 1 });
    expect([...r.text]).toHaveLength(5);
    expect(chatRequests()).toHaveLength(1);
  });

  it('a draft built by draftPrompt reaches the model: the reply is in the asked language, citing what it was given', async () => {
    const conversation: Conversation = {
      key: { site: 'zendesk', host: 'acme.zendesk.com', ticketId: '1002' },
      site: 'zendesk',
      channel: 'chat',
      subject: '退款',
      requester: '陳小姐',
      language: 'zh-Hant',
      messages: [{ id: '1', role: 'customer', author: '陳小姐', at: '', text: '我被重複扣款了，什麼時候退款？' }],
    };
    const knowledge = [1, 2, 3].map((i) => ({ articleId: `a${i}`, score: 1, passage: `退款說明 ${i}`, title: `文章 ${i}`, url: '', locale: 'zh-tw', source: 'demo' as const }));
    const messages = draftPrompt({ conversation, knowledge, channel: 'chat', language: 'zh-Hant', brandVoice: {}, sendHistory: true });
    const r = await client().streamChat({ messages });
    expect(r.complete).toBe(true);
    expect(r.text).toContain('感謝您');
    expect(r.text.match(/\[\d\]/g)).toEqual(['[1]', '[2]', '[3]']);
  });

  it('times out a stream that goes silent, keeping what arrived', async () => {
    mock.setFault({ kind: 'stall', afterTokens: 3 });
    const r = await client({ timeouts: { idleMs: 150 } }).streamChat({ messages: draftMessages });
    expect(r).toMatchObject({ complete: false, fault: { code: 'timeout' } });
    expect([...r.text]).toHaveLength(3);
  });

  it('times out when no first token comes', async () => {
    mock.setFault({ kind: 'hang' });
    const r = await client({ timeouts: { firstTokenMs: 150 } }).streamChat({ messages: draftMessages });
    expect(r).toMatchObject({ text: '', complete: false, fault: { code: 'timeout' } });
  });

  it('reports a cancellation as cancelled, not as a timeout, and keeps the partial text', async () => {
    mock.configure({ tokenDelayMs: 20 });
    const ticket = new AbortController();
    const r = await client().streamChat({ messages: draftMessages, signal: ticket.signal, onDelta: () => ticket.abort() });
    expect(r).toMatchObject({ complete: false, fault: { code: 'cancelled' } });
    expect(r.text.length).toBeGreaterThan(0);
  });

  it('a newer request cancels the stale one; the newer completes', async () => {
    mock.configure({ ttftMs: 50, tokenDelayMs: 5 });
    const c = client();
    const first = new AbortController();
    const stale = c.streamChat({ messages: draftMessages, signal: first.signal });
    first.abort();
    const second = new AbortController();
    const fresh = c.streamChat({ messages: draftMessages, signal: second.signal });
    expect((await stale).fault?.code).toBe('cancelled');
    expect(await fresh).toMatchObject({ complete: true });
  });
});

describe('stale requests', () => {
  const t1: TicketKey = { site: 'zendesk', host: 'acme.zendesk.com', ticketId: '1' };
  const t2: TicketKey = { site: 'zendesk', host: 'acme.zendesk.com', ticketId: '2' };

  it('a newer draft for a ticket aborts the older; other kinds and tickets run on', () => {
    const requests = createModelRequests();
    const old = requests.start(t1, 'draft');
    const rewrite = requests.start(t1, 'rewrite');
    const other = requests.start(t2, 'draft');
    const fresh = requests.start(t1, 'draft');
    expect([old.aborted, rewrite.aborted, other.aborted, fresh.aborted]).toEqual([true, false, false, false]);
    requests.finish(t1, 'draft', old); // the stale one finishing late must not forget the fresh one
    expect(requests.size).toBe(3);
    requests.finish(t1, 'draft', fresh);
    expect(requests.size).toBe(2);
  });

  it('switching tickets cancels the other tickets’ streams, reported as cancelled', async () => {
    mock.configure({ ttftMs: 30, tokenDelayMs: 10 });
    const requests = createModelRequests();
    const c = client();
    const leaving = c.streamChat({ messages: draftMessages, signal: requests.start(t1, 'draft') });
    const staying = c.streamChat({ messages: draftMessages, signal: requests.start(t2, 'draft') });
    requests.keepOnly(t2);
    expect(requests.size).toBe(1);
    expect((await leaving).fault?.code).toBe('cancelled');
    expect((await staying).complete).toBe(true);
    requests.cancelTicket(t2);
    expect(requests.size).toBe(0);
  });
});

describe('retries', () => {
  it('retries a 429 after the Retry-After the server asked for, then succeeds', async () => {
    mock.setFault({ kind: 'rate_limit', times: 1, retryAfterMs: 30 });
    const r = await client().streamChat({ messages: draftMessages });
    expect(r).toMatchObject({ complete: true, attempts: 2 });
    expect(chatRequests().map((q) => q.status)).toEqual([429, 200]);
  });

  it('does not wait out a Retry-After beyond the cap: says when to try again', async () => {
    mock.setFault({ kind: 'rate_limit', times: 5, retryAfterS: 30 });
    const r = await client().streamChat({ messages: draftMessages });
    expect(r.fault).toMatchObject({ code: 'rate_limited', status: 429, retryAfterMs: 30_000 });
    expect(chatRequests()).toHaveLength(1);
  });

  it('retries 5xx with backoff before the first token', async () => {
    mock.setFault({ kind: 'server_error', times: 2, status: 503 });
    const r = await client().streamChat({ messages: draftMessages });
    expect(r).toMatchObject({ complete: true, attempts: 3 });
    expect(chatRequests().map((q) => q.status)).toEqual([503, 503, 200]);
  });

  it('gives up on 5xx after the policy’s attempts, with the status', async () => {
    mock.setFault({ kind: 'server_error', times: 10, status: 502 });
    const r = await client({ retry: { attempts: 3, baseDelayMs: 5 } }).streamChat({ messages: draftMessages });
    expect(r.fault).toMatchObject({ code: 'server', status: 502 });
    expect(chatRequests()).toHaveLength(3);
  });

  it('does not retry a 400 or a 401', async () => {
    mock.setFault({ kind: 'unauthorized' });
    const r = await client().listModels();
    expect(r.ok).toBe(false);
    expect(mock.requests).toHaveLength(1);
  });
});

describe('test connection', () => {
  it('lists the models and finds the configured one', async () => {
    const r = await client().testConnection();
    expect(r).toEqual({ ok: true, models: ['mock-chat', 'mock-embed'], modelFound: true });
  });

  it('before a model is picked: lists the models, nothing to find yet', async () => {
    expect(await client({ model: '' }).testConnection()).toEqual({ ok: true, models: ['mock-chat', 'mock-embed'], modelFound: null });
  });

  it('an unknown model is model_not_found, with the model in the message', async () => {
    const r = await client({ model: 'gpt-9' }).testConnection();
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.fault).toMatchObject({ code: 'model_not_found', status: 404 });
    expect(faultMessage(r.fault, 'ollama')).toEqual({ key: 'fault_model_not_found', hint: 'llm_hint_ollama_pull' });
    expect(r.fault.detail).toContain('gpt-9');
  });

  it('an invalid key is unauthorized, and the key never appears in the fault', async () => {
    mock.configure({ apiKey: 'sk-right-0000000000' });
    const key = 'sk-wrong-1234567890abcdef';
    const r = await client({ provider: 'openai', apiKey: key }).testConnection();
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.fault).toMatchObject({ code: 'unauthorized', status: 401 });
    expect(mock.requests[0]!.headers.authorization).toBe(`Bearer ${key}`);
    expect(JSON.stringify(r)).not.toContain(key);
    expect(JSON.stringify(r)).not.toContain('1234567890abcdef');
  });

  it('a provider that needs a key and has none is told so without a request', async () => {
    const r = await client({ provider: 'openai', apiKey: '' }).testConnection();
    expect(r).toMatchObject({ ok: false, fault: { code: 'unauthorized' } });
    expect(mock.requests).toHaveLength(0);
  });

  it('a 403 with a body is forbidden', async () => {
    mock.setFault({ kind: 'forbidden' });
    expect(await client().testConnection()).toMatchObject({ ok: false, fault: { code: 'forbidden', status: 403 } });
  });

  it('Ollama refusing the extension’s origin is origin_refused, explained with OLLAMA_ORIGINS', async () => {
    mock.setFault({ kind: 'origin' });
    const origin = 'chrome-extension://okjgpdimdpbcbhbakfbghfeblhifmohb';
    const r = await client({ provider: 'ollama', headers: { Origin: origin } }).testConnection();
    expect(r).toMatchObject({ ok: false, fault: { code: 'origin_refused', status: 403 } });
    if (r.ok) return;
    expect(r.fault.detail).toContain(origin);
    expect(faultMessage(r.fault, 'ollama').key).toBe('fault_origin_refused');
    // The same server answers requests from elsewhere: it is the origin it refuses.
    expect((await client({ provider: 'ollama' }).testConnection()).ok).toBe(true);
  });

  it('an endpoint nobody listens on is unreachable', async () => {
    const gone = await startMockLlm();
    const url = gone.url;
    await gone.close();
    const r = await client({ baseUrl: url }).testConnection();
    expect(r).toMatchObject({ ok: false, fault: { code: 'unreachable' } });
  });

  it('times out a connection test that never answers', async () => {
    mock.setFault({ kind: 'hang' });
    const r = await client({ timeouts: { requestMs: 150 } }).testConnection();
    expect(r).toMatchObject({ ok: false, fault: { code: 'timeout' } });
  });
});

describe('how the key is sent', () => {
  it('Bearer for OpenAI-style endpoints, nothing at all without a key', async () => {
    await client({ apiKey: 'sk-test-abcdef' }).listModels();
    await client({ provider: 'ollama', apiKey: '' }).listModels();
    expect(mock.requests[0]!.headers.authorization).toBe('Bearer sk-test-abcdef');
    expect(mock.requests[1]!.headers.authorization).toBeUndefined();
  });

  it('Azure: the api-key header and the api-version query, no Authorization', async () => {
    await client({ provider: 'azure', apiKey: 'azure-key-123456' }).listModels();
    const q = mock.requests[0]!;
    expect(q.headers['api-key']).toBe('azure-key-123456');
    expect(q.headers.authorization).toBeUndefined();
    expect(q.query).toBe('?api-version=2024-10-21');
  });

  it('extra proxy headers are sent', async () => {
    await client({ headers: { 'X-Team': 'support-eu' } }).listModels();
    expect(mock.requests[0]!.headers['x-team']).toBe('support-eu');
  });
});

describe('structured output', () => {
  const ask: ChatMessage[] = [{ role: 'user', content: 'Review this reply.' }];

  it('uses json_schema with the zod schema, validated', async () => {
    const r = await client().completeJson(reviewSchema, { messages: ask, name: 'reply_review' });
    expect(r).toMatchObject({ ok: true, mode: 'json_schema', repaired: false });
    const format = chatRequests()[0]!.body.response_format;
    expect(format.type).toBe('json_schema');
    expect(format.json_schema).toMatchObject({ name: 'reply_review', strict: true });
    expect(Object.keys(format.json_schema.schema.properties.scores.properties)).toContain('next_step');
  });

  it('falls back to json_object with the schema in the prompt when json_schema is refused, and remembers', async () => {
    mock.configure({ jsonSchema: false });
    const c = client();
    const schema = refineSchema(['refund', 'delivery_delay']);
    const r = await c.completeJson(schema, { messages: ask, name: 'refine' });
    expect(r).toMatchObject({ ok: true, mode: 'json_object', value: { intent: 'refund', emotion: 'anger' } });
    const again = await c.completeJson(schema, { messages: ask, name: 'refine' });
    expect(again.ok).toBe(true);
    expect(chatRequests().map((q) => [q.body.response_format?.type, q.status])).toEqual([
      ['json_schema', 400],
      ['json_object', 200],
      ['json_object', 200],
    ]);
    expect(chatRequests()[1]!.body.messages.at(-1).content).toContain('JSON Schema');
  });

  it('falls back to plain text, parsed and validated, when JSON mode is refused too', async () => {
    mock.configure({ jsonSchema: false, jsonObject: false });
    const r = await client().completeJson(reviewSchema, { messages: ask, name: 'reply_review' });
    expect(r).toMatchObject({ ok: true, mode: 'text' });
    expect(chatRequests().map((q) => q.status)).toEqual([400, 400, 200]);
  });

  it('repairs invalid JSON once', async () => {
    mock.setFault({ kind: 'invalid_json', times: 1 });
    const r = await client().completeJson(reviewSchema, { messages: ask, name: 'reply_review' });
    expect(r).toMatchObject({ ok: true, repaired: true });
    const repair = chatRequests()[1]!.body.messages;
    expect(repair.at(-2)).toMatchObject({ role: 'assistant' });
    expect(repair.at(-1).content).toMatch(/not valid/);
  });

  it('invalid JSON twice is invalid_json', async () => {
    mock.setFault({ kind: 'invalid_json', times: 2 });
    const r = await client().completeJson(reviewSchema, { messages: ask, name: 'reply_review' });
    expect(r).toMatchObject({ ok: false, fault: { code: 'invalid_json' } });
    expect(chatRequests()).toHaveLength(2);
  });
});

describe('embeddings', () => {
  const cos = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);

  it('embeds in order; similar texts are closer than unrelated ones', async () => {
    const c = client({ embeddingsModel: 'mock-embed' });
    const r = await c.embed(['refund to my credit card', 'refund to the credit card please', 'the parcel arrived broken']);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.vectors).toHaveLength(3);
    expect(cos(r.vectors[0]!, r.vectors[1]!)).toBeGreaterThan(cos(r.vectors[0]!, r.vectors[2]!));
    expect(mock.requests[0]!.body).toMatchObject({ model: 'mock-embed', encoding_format: 'float' });
  });

  it('sends large inputs in batches', async () => {
    const r = await client({ embeddingsModel: 'mock-embed' }).embed(Array.from({ length: 23 }, (_, i) => `text ${i}`));
    expect(r.ok && r.vectors.length).toBe(23);
    expect(mock.requests).toHaveLength(3);
  });

  it('an unknown embeddings model is model_not_found', async () => {
    expect(await client({ embeddingsModel: 'nope' }).embed(['x'])).toMatchObject({ ok: false, fault: { code: 'model_not_found' } });
  });
});

describe('config and messages', () => {
  it('no model without a base URL (and no preset default) or without a model', () => {
    const base = { llmProvider: 'custom' as const, llmBaseUrl: '', llmModel: 'm', llmApiKey: '', llmHeaders: {}, embeddingsModel: '' };
    expect(modelConfigFromSettings(base)).toBeNull();
    expect(modelConfigFromSettings({ ...base, llmProvider: 'ollama' })).toMatchObject({ baseUrl: 'http://localhost:11434/v1', model: 'm' });
    expect(modelConfigFromSettings({ ...base, llmBaseUrl: 'https://x.example/v1', llmModel: '' })).toBeNull();
    // Test connection lists the models before one is picked.
    expect(modelConfigFromSettings({ ...base, llmBaseUrl: 'https://x.example/v1', llmModel: '' }, { requireModel: false })).toMatchObject({ model: '' });
  });

  it('a preset for every provider the settings offer; keys sent the way each expects', () => {
    expect(Object.keys(PRESETS).sort()).toEqual([...catalogue.llmProvider.options].sort());
    for (const p of Object.values(PRESETS)) if (p.baseUrl) expect(new URL(p.baseUrl).protocol).toMatch(/^https?:$/);
    expect(presetFor('azure').auth).toBe('api-key');
    expect(presetFor('ollama')).toMatchObject({ keyRequired: false, baseUrl: 'http://localhost:11434/v1' });
    expect(azureApiVersion('https://acme.openai.azure.com/openai/v1', PRESETS.azure)).toBeNull();
    expect(azureApiVersion('https://acme.openai.azure.com/openai/deployments/gpt-4o', PRESETS.azure)).toBe('2024-10-21');
    expect(azureApiVersion('https://api.openai.com/v1', PRESETS.openai)).toBeNull();
  });

  it('every fault code has a message key', () => {
    for (const code of LLM_FAULT_CODES) expect(faultMessage({ code }, 'custom').key).toBe(`fault_${code}`);
    expect(Object.keys(LLM_FAULT_KEYS)).toEqual([...LLM_FAULT_CODES]);
    expect(faultMessage({ code: 'forbidden', status: 402 }, 'deepseek').hint).toBe('llm_hint_deepseek_balance');
    expect(faultMessage({ code: 'forbidden', status: 403 }, 'deepseek').hint).toBeNull();
  });
});
