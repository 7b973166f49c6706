// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createRefiner } from '../../lib/background/refine';
import { defaults, type Settings } from '../../lib/settings/catalogue';
import type { Conversation } from '../../lib/types';
import { startMockLlm, type MockLlm } from '../mock-llm/server';

let mock: MockLlm;
beforeAll(async () => {
  mock = await startMockLlm();
});
afterAll(() => mock.close());

const conversation = (last: string): Conversation => ({
  key: { site: 'zendesk', host: 'acme.zendesk.com', ticketId: '1001' },
  site: 'zendesk',
  channel: 'email',
  subject: 'Refund',
  requester: 'Maya Thompson',
  language: 'en',
  messages: [
    { id: 'm1', role: 'customer', author: 'Maya', at: '', text: 'I was charged twice, call me on +1 415 555 0136' },
    { id: 'm2', role: 'agent', author: 'Dan', at: '', text: 'Sorry, checking.' },
    { id: last, role: 'customer', author: 'Maya', at: '', text: 'Still nothing. I want my money back.' },
  ],
  insight: { messages: {}, escalation: { level: 'low', codes: [] }, intent: { name: 'refund', confidence: 0.6 }, guidance: null },
});

function refiner(settings: Partial<Settings>) {
  const onRefined = vi.fn();
  const r = createRefiner({
    settings: async () => ({ ...defaults(), llmBaseUrl: mock.url, llmModel: 'mock-chat', ...settings }),
    intentNames: () => ['refund', 'double_charge', 'delivery_status'],
    onRefined,
  });
  return { r, onRefined };
}

describe("the model's refinement of intent and emotion", () => {
  it('asks once per latest customer message, validates the answer, and reports it', async () => {
    const { r, onRefined } = refiner({});
    const c = conversation('m3');
    const before = mock.requests.length;
    r.request(c);
    r.request(c); // in flight: not asked twice
    await vi.waitFor(() => expect(onRefined).toHaveBeenCalledTimes(1));
    const refined = r.refinedFor(c)!;
    expect(refined.messageId).toBe('m3');
    expect([null, 'refund', 'double_charge', 'delivery_status']).toContain(refined.intent);
    expect(['anger', 'frustration', 'sadness', 'fear', 'joy', 'surprise', 'neutral']).toContain(refined.emotion);
    r.request(c); // answered: not asked again
    expect(mock.requests.length - before).toBe(1);
    // Redacted before it left.
    expect(JSON.stringify(mock.requests.at(-1)!.body)).not.toContain('555 0136');
    // A newer customer message has no refinement until asked.
    expect(r.refinedFor(conversation('m4'))).toBeNull();
  });

  it('does nothing without a model or when switched off, and keeps nothing from a failed answer', async () => {
    const off = refiner({ llmBaseUrl: '', llmModel: '' });
    const switchedOff = refiner({ modelRefinement: false });
    const before = mock.requests.length;
    off.r.request(conversation('m5'));
    switchedOff.r.request(conversation('m5'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(mock.requests.length).toBe(before);
    expect(switchedOff.r.refinedFor(conversation('m5'))).toBeNull();
    mock.setFault({ kind: 'unauthorized' });
    const failing = refiner({});
    failing.r.request(conversation('m6'));
    await vi.waitFor(() => expect(mock.requests.length).toBeGreaterThan(before));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(failing.onRefined).not.toHaveBeenCalled();
    expect(failing.r.refinedFor(conversation('m6'))).toBeNull();
    mock.setFault(null);
  });
});
