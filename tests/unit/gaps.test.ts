/**
 * Issue 5, "Feedback and gaps": a flag carries the customer's words redacted,
 * the ticket link, the intent, a validated reason, a note and the draft, and
 * leaves the browser as the documented, versioned webhook body.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { redact } from '../../lib/analysis/pii';
import { DRAFT_MAX, EXCERPT_MAX, GapFlagError, NOTE_MAX, cap, createGapFlag, webhookBody, type GapFlagInput } from '../../lib/knowledge/gaps';

const deps = { redact: (t: string) => redact(t).text, now: () => new Date('2025-03-04T09:15:27.120Z'), uuid: () => '6f1c2a9e-3b7d-4c55-9a51-0d2f0b7e4c11' };
const input: GapFlagInput = {
  ticket: { site: 'zendesk', host: 'acme.zendesk.com', ticketId: '48213' },
  excerpt: 'I was charged twice, call me on +1 415 555 0134 or mail jo@example.com',
  intent: 'billing_refund',
  reason: 'missing',
  note: 'Customer gave card 4111 1111 1111 1111; no article on double charges',
  draft: '',
  language: 'en',
};

describe('createGapFlag', () => {
  it('redacts the excerpt, the note and the draft before anything is stored', () => {
    const flag = createGapFlag({ ...input, draft: 'Dear jo@example.com, we refunded you.' }, deps);
    expect(flag.excerpt).toBe('I was charged twice, call me on [PHONE] or mail [EMAIL]');
    expect(flag.note).toBe('Customer gave card [CARD]; no article on double charges');
    expect(flag.draft).toBe('Dear [EMAIL], we refunded you.');
    expect(flag).toMatchObject({ id: deps.uuid(), createdAt: '2025-03-04T09:15:27.120Z', reason: 'missing', intent: 'billing_refund', language: 'en', articleId: null });
  });

  it("links the ticket: the page's http(s) link, or Zendesk's agent URL; never another scheme", () => {
    expect(createGapFlag(input, deps).ticketUrl).toBe('https://acme.zendesk.com/agent/tickets/48213');
    expect(createGapFlag({ ...input, ticketUrl: 'https://acme.zendesk.com/agent/tickets/48213?x=1' }, deps).ticketUrl).toBe('https://acme.zendesk.com/agent/tickets/48213?x=1');
    const sf = { ...input, ticket: { site: 'salesforce' as const, host: 'acme.lightning.force.com', ticketId: '500xx' } };
    expect(createGapFlag({ ...sf, ticketUrl: 'javascript:alert(1)' }, deps).ticketUrl).toBe('');
    expect(createGapFlag(sf, deps).ticketUrl).toBe('');
  });

  it('caps long texts after redaction, without splitting a character', () => {
    const flag = createGapFlag({ ...input, excerpt: '退款'.repeat(5_000), note: 'n'.repeat(9_000), draft: 'd'.repeat(50_000) }, deps);
    expect(flag.excerpt.length).toBe(EXCERPT_MAX);
    expect(flag.excerpt.endsWith('…')).toBe(true);
    expect(flag.note.length).toBe(NOTE_MAX);
    expect(flag.draft.length).toBe(DRAFT_MAX);
    // A phone number at the cut is redacted whole, not cut in half and left readable.
    const edge = createGapFlag({ ...input, excerpt: 'x'.repeat(EXCERPT_MAX - 10) + ' 13800138000 end' }, deps);
    expect(edge.excerpt).not.toMatch(/\d{4}/);
    expect(cap('ab😀cd', 4)).toBe('ab…');
  });

  it('drops control characters and treats the "unknown" intent as none', () => {
    const flag = createGapFlag({ ...input, excerpt: 'line one\r\nline\u0000 two\u0007', intent: 'unknown' }, deps);
    expect(flag.excerpt).toBe('line one\nline two');
    expect(flag.intent).toBeNull();
  });

  it('refuses a flag with an unknown reason, no ticket, or nothing said, naming the field', () => {
    const fail = (i: unknown) => {
      try {
        createGapFlag(i as GapFlagInput, deps);
      } catch (e) {
        expect(e).toBeInstanceOf(GapFlagError);
        return (e as GapFlagError).field;
      }
      throw new Error('accepted');
    };
    expect(fail({ ...input, reason: 'boring' })).toBe('reason');
    expect(fail({ ...input, ticket: { ...input.ticket, host: '' } })).toBe('ticket.host');
    expect(fail({ ...input, excerpt: '  ', note: '' })).toBe('excerpt');
    expect(createGapFlag({ ...input, excerpt: '', note: 'The whole ticket: no article on it' }, deps).note).toBe('The whole ticket: no article on it');
  });
});

describe('webhook body, version 1', () => {
  const flag = createGapFlag({ ...input, articleId: 'zendesk:acme.zendesk.com:360001:en-us', ticketUrl: 'https://acme.zendesk.com/agent/tickets/48213' }, deps);

  it('has the documented shape', () => {
    expect(webhookBody(flag)).toEqual({
      type: 'deskmate.knowledge_gap',
      version: 1,
      id: flag.id,
      created_at: '2025-03-04T09:15:27.120Z',
      ticket: { site: 'zendesk', host: 'acme.zendesk.com', id: '48213', url: 'https://acme.zendesk.com/agent/tickets/48213' },
      excerpt: 'I was charged twice, call me on [PHONE] or mail [EMAIL]',
      intent: 'billing_refund',
      reason: 'missing',
      note: 'Customer gave card [CARD]; no article on double charges',
      draft: '',
      article_id: 'zendesk:acme.zendesk.com:360001:en-us',
      language: 'en',
    });
  });

  it('matches the example and the field table in its documentation', () => {
    const source = readFileSync(resolve(import.meta.dirname, '../../lib/knowledge/gaps.ts'), 'utf8');
    const doc = source.slice(0, source.indexOf('*/'));
    const example = JSON.parse(/```json\n([\s\S]*?)```/.exec(doc)![1]!.replace(/^ \* ?/gm, ''));
    const keys = (o: object, prefix = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
    expect(keys(example).sort()).toEqual(keys(webhookBody(flag)).sort());
    const documented = [...doc.matchAll(/^ \* \| `([a-z_.]+)` \|/gm)].map((m) => m[1]).sort();
    expect(documented).toEqual(keys(webhookBody(flag)).sort());
  });
});
