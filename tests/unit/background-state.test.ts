import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createTabTickets } from '../../lib/background/tab-tickets';
import { fitForReport, MAX_MESSAGES, MAX_TEXT } from '../../lib/content/report-limits';
import { tabTicketStateSchema, type TabTicketState } from '../../lib/messaging';
import type { Conversation } from '../../lib/types';

function conversation(ticketId: string, count = 2, text = 'hello'): Conversation {
  return {
    key: { site: 'zendesk', host: 'acme.zendesk.com', ticketId },
    site: 'zendesk',
    channel: 'email',
    subject: `Subject ${ticketId}`,
    requester: 'Maya',
    language: '',
    messages: Array.from({ length: count }, (_, i) => ({ id: String(i), role: 'customer' as const, author: 'Maya', at: '', text: `${text} ${i}` })),
  };
}
const ok = (c: Conversation): TabTicketState => ({ kind: 'ok', conversation: c });
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeEach(() => fakeBrowser.reset());

describe('tab tickets', () => {
  it('survive a service-worker restart through session storage', async () => {
    const before = createTabTickets();
    before.set({ tabId: 7, windowId: 1, state: ok(conversation('1001')) });
    await wait(150); // saves are batched
    const after = createTabTickets();
    expect(after.get(7)).toBeUndefined();
    await after.restore();
    expect(after.get(7)?.state).toEqual(ok(conversation('1001')));
  });

  it('remember the last conversation of a ticket after its tab moved on (for a pinned panel)', () => {
    const tickets = createTabTickets();
    tickets.set({ tabId: 7, windowId: 1, state: ok(conversation('1001')) });
    tickets.set({ tabId: 7, windowId: 1, state: ok(conversation('1002')) });
    expect(tickets.get(7)?.state).toEqual(ok(conversation('1002')));
    expect(tickets.lastSeen(conversation('1001').key)?.state).toEqual(ok(conversation('1001')));
  });

  it('forget everything about a closed tab', () => {
    const tickets = createTabTickets();
    tickets.set({ tabId: 7, windowId: 1, state: ok(conversation('1001')) });
    expect(tickets.remove(7)).toBe(true);
    expect(tickets.get(7)).toBeUndefined();
    expect(tickets.lastSeen(conversation('1001').key)).toBeUndefined();
    expect(tickets.remove(7)).toBe(false);
  });
});

describe('report limits', () => {
  it('a huge ticket still fits the protocol: first message and the latest kept, long bodies cut', () => {
    const huge = conversation('1001', 6_000, 'x'.repeat(50_000));
    expect(tabTicketStateSchema.safeParse(ok(huge)).success).toBe(false);
    const fitted = fitForReport(ok(huge));
    expect(tabTicketStateSchema.safeParse(fitted).success).toBe(true);
    const messages = fitted.kind === 'ok' ? fitted.conversation.messages : [];
    expect(messages).toHaveLength(MAX_MESSAGES);
    expect(messages[0]!.id).toBe('0');
    expect(messages.at(-1)!.id).toBe('5999');
    expect(messages[0]!.text.length).toBe(MAX_TEXT + 1);
  });

  it('leaves an ordinary ticket untouched', () => {
    expect(fitForReport(ok(conversation('1001')))).toEqual(ok(conversation('1001')));
  });
});

describe('appended messages', () => {
  it('are the new tail when only messages were added at the end', async () => {
    const { appendedTo } = await import('../../lib/content/report-limits');
    const before = conversation('1001', 3);
    const after = { ...before, messages: [...before.messages, { id: '9', role: 'customer' as const, author: 'Maya', at: '', text: 'new' }] };
    expect(appendedTo(before, after)?.map((m) => m.id)).toEqual(['9']);
  });

  it('are not used when an earlier message changed, the header changed, or the ticket changed', async () => {
    const { appendedTo } = await import('../../lib/content/report-limits');
    const before = conversation('1001', 3);
    const extra = { id: '9', role: 'customer' as const, author: 'Maya', at: '', text: 'new' };
    const edited = { ...before, messages: [{ ...before.messages[0]!, text: 'edited' }, ...before.messages.slice(1), extra] };
    expect(appendedTo(before, edited)).toBeNull();
    expect(appendedTo(before, { ...before, subject: 'Other', messages: [...before.messages, extra] })).toBeNull();
    expect(appendedTo(before, { ...conversation('1002', 3), messages: [...before.messages, extra] })).toBeNull();
    expect(appendedTo(before, before)).toBeNull();
  });
});
