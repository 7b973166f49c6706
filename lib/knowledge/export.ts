/**
 * Gap flags (with where each was delivered) and article feedback, exported
 * for the knowledge team as CSV (RFC 4180) or JSON.
 *
 * CSV cells that a spreadsheet would run as a formula (starting with =, +, -,
 * @, tab or carriage return) are prefixed with an apostrophe: the cells hold
 * customer and agent text, and a customer can write "=HYPERLINK(…)"
 * (OWASP, "CSV Injection").
 */
import { webhookBody } from './gaps';
import type { FlagDelivery } from './outbox';
import { DELIVERY_TARGETS, type ArticleFeedback, type GapFlag } from './types';

export type ExportFormat = 'csv' | 'json';

export interface ExportOptions {
  now?: () => Date;
  /**
   * Start the CSV with a byte-order mark (default true): Excel reads a CSV
   * without one in the system's legacy code page, which garbles Chinese.
   */
  bom?: boolean;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: formula guard, then quoted when it holds a quote, comma or line break. */
export function csvCell(value: string | number | null | undefined): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (typeof value === 'string' && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows joined with CRLF, as RFC 4180 has it, ending with a line break. */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[], bom = true): string {
  const lines = [header, ...rows].map((r) => r.map(csvCell).join(','));
  return (bom ? '\uFEFF' : '') + lines.join('\r\n') + '\r\n';
}

const FLAG_COLUMNS = ['id', 'created_at', 'site', 'host', 'ticket_id', 'ticket_url', 'reason', 'intent', 'language', 'article_id', 'excerpt', 'note', 'draft', 'status'];

export function exportFlags(items: readonly { flag: GapFlag; delivery?: FlagDelivery }[], format: ExportFormat, options: ExportOptions = {}): string {
  if (format === 'json') {
    return JSON.stringify(
      {
        type: 'deskmate.knowledge_gaps_export',
        version: 1,
        exported_at: (options.now?.() ?? new Date()).toISOString(),
        flags: items.map(({ flag, delivery }) => ({
          ...webhookBody(flag),
          status: delivery?.status ?? 'local',
          deliveries: (delivery?.deliveries ?? []).map((d) => ({
            target: d.target,
            status: d.status,
            attempts: d.attempts,
            last_error: d.lastError,
            delivered_at: d.deliveredAt || null,
          })),
        })),
      },
      null,
      2,
    );
  }
  const header = [...FLAG_COLUMNS, ...DELIVERY_TARGETS.flatMap((t) => [`${t}_status`, `${t}_attempts`, `${t}_last_error`, `${t}_delivered_at`])];
  const rows = items.map(({ flag, delivery }) => {
    const base = [
      flag.id,
      flag.createdAt,
      flag.ticket.site,
      flag.ticket.host,
      flag.ticket.ticketId,
      flag.ticketUrl,
      flag.reason,
      flag.intent ?? '',
      flag.language,
      flag.articleId ?? '',
      flag.excerpt,
      flag.note,
      flag.draft,
      delivery?.status ?? 'local',
    ];
    const perTarget = DELIVERY_TARGETS.flatMap((t) => {
      const d = delivery?.deliveries.find((x) => x.target === t);
      return d ? [d.status, d.attempts, d.lastError, d.deliveredAt] : ['', '', '', ''];
    });
    return [...base, ...perTarget];
  });
  return toCsv(header, rows, options.bom ?? true);
}

const FEEDBACK_COLUMNS = ['at', 'article_id', 'kind', 'note', 'intent', 'site', 'host', 'ticket_id'];

export function exportFeedback(rows: readonly ArticleFeedback[], format: ExportFormat, options: ExportOptions = {}): string {
  if (format === 'json') {
    return JSON.stringify(
      {
        type: 'deskmate.article_feedback_export',
        version: 1,
        exported_at: (options.now?.() ?? new Date()).toISOString(),
        feedback: rows.map((f) => ({
          at: f.at,
          article_id: f.articleId,
          kind: f.kind,
          note: f.note,
          intent: f.intent,
          ticket: { site: f.ticket.site, host: f.ticket.host, id: f.ticket.ticketId },
        })),
      },
      null,
      2,
    );
  }
  return toCsv(
    FEEDBACK_COLUMNS,
    rows.map((f) => [f.at, f.articleId, f.kind, f.note, f.intent ?? '', f.ticket.site, f.ticket.host, f.ticket.ticketId]),
    options.bom ?? true,
  );
}
