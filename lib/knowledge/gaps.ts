/**
 * A knowledge gap an agent flags: built once, redacted, capped and validated,
 * then stored and delivered as is (the outbox never rebuilds it, so what the
 * agent saw in the panel is exactly what leaves the browser).
 *
 * ## The webhook body (version 1)
 *
 * Deskmate POSTs one JSON object per flag to the configured `gapWebhookUrl`:
 *
 * ```json
 * {
 *   "type": "deskmate.knowledge_gap",
 *   "version": 1,
 *   "id": "6f1c2a9e-3b7d-4c55-9a51-0d2f0b7e4c11",
 *   "created_at": "2025-03-04T09:15:27.120Z",
 *   "ticket": { "site": "zendesk", "host": "acme.zendesk.com", "id": "48213",
 *               "url": "https://acme.zendesk.com/agent/tickets/48213" },
 *   "excerpt": "I was charged twice for order [CUSTOM], call me on [PHONE]",
 *   "intent": "billing_refund",
 *   "reason": "missing",
 *   "note": "No article on double charges after a failed payment",
 *   "draft": "",
 *   "article_id": null,
 *   "language": "en"
 * }
 * ```
 *
 * | field | type | meaning |
 * |---|---|---|
 * | `type` | string | always `deskmate.knowledge_gap` |
 * | `version` | integer | `1`; a new version is a new number, fields are never renamed within one |
 * | `id` | string (UUID) | the flag's id; the same value as the `Idempotency-Key` header |
 * | `created_at` | string | ISO 8601 (UTC) time the agent flagged it |
 * | `ticket.site` | string | `zendesk`, `salesforce` or `custom` |
 * | `ticket.host` | string | the helpdesk's host name |
 * | `ticket.id` | string | the ticket's id in that helpdesk |
 * | `ticket.url` | string | link to the ticket (`""` when unknown) |
 * | `excerpt` | string | the customer's words, personal data replaced by `[EMAIL]`, `[PHONE]`, `[CARD]`, `[IBAN]`, `[CN_ID]`, `[SSN]`, `[IP]`, `[CUSTOM]`; at most 2,000 characters |
 * | `intent` | string or null | the conversation's intent when one was recognised |
 * | `reason` | string | `missing`, `outdated`, `incorrect` or `unclear` |
 * | `note` | string | the agent's note, redacted the same way (`""` when none); at most 2,000 characters |
 * | `draft` | string | the reply draft at the time, redacted (`""` when none); at most 8,000 characters |
 * | `article_id` | string or null | the Deskmate id of the article the flag is about (outdated, incorrect) |
 * | `language` | string | language of the excerpt: `en`, `zh-Hans`, `zh-Hant`, `other` or `""` |
 *
 * Headers: `Content-Type: application/json`, `Idempotency-Key: <id>`, and, when a shared secret
 * (`gapWebhookSecret`) is set, `X-Deskmate-Signature: sha256=<hex>`: the HMAC-SHA256 of the raw
 * body bytes with the secret (compare it in constant time before parsing).
 *
 * Answer any 2xx once the flag is stored. Deskmate retries on a network error, a timeout, 408, 409,
 * 425, 429 and 5xx (honouring `Retry-After`, in seconds or as an HTTP date), with exponential backoff up to
 * an hour, across browser restarts; so the same `id` can arrive more than once when an earlier answer
 * was lost: store by `id` and answer 2xx again for an `id` already stored. Other answers (400, 401,
 * 403, 404, 410, 422, any other 4xx, a redirect) stop delivery of that flag; the agent sees the error and can
 * retry it by hand.
 */
import { z } from 'zod';
import { SITES } from '../types';
import { GAP_REASONS, type GapFlag } from './types';

export const GAP_WEBHOOK_TYPE = 'deskmate.knowledge_gap';
export const GAP_WEBHOOK_VERSION = 1;

export const EXCERPT_MAX = 2_000;
export const NOTE_MAX = 2_000;
export const DRAFT_MAX = 8_000;

/** What the background knows when an agent flags a gap (before redaction and capping). */
export const gapFlagInputSchema = z
  .object({
    ticket: z.object({ site: z.enum(SITES), host: z.string().min(1).max(253), ticketId: z.string().min(1).max(64) }),
    /** Link to the ticket; anything but an http(s) URL is dropped. */
    ticketUrl: z.string().max(2_048).default(''),
    excerpt: z.string().max(200_000).default(''),
    intent: z.string().max(100).nullable().default(null),
    reason: z.enum(GAP_REASONS),
    note: z.string().max(20_000).default(''),
    draft: z.string().max(200_000).default(''),
    articleId: z.string().max(500).nullable().default(null),
    language: z.string().max(35).default(''),
  })
  .refine((v) => v.excerpt.trim() !== '' || v.note.trim() !== '', { message: 'a flag needs the customer\'s words or a note', path: ['excerpt'] });
export type GapFlagInput = z.input<typeof gapFlagInputSchema>;

export interface GapFlagDeps {
  /** The background's redaction with the team's configured patterns: text in, redacted text out. */
  redact: (text: string) => string;
  now?: () => Date;
  uuid?: () => string;
}

export class GapFlagError extends Error {
  constructor(
    /** The input field at fault, e.g. "reason" or "ticket.host". */
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'GapFlagError';
  }
}

// C0/C1 controls other than tab and newline: page text can carry them, and they break CSV cells and logs.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

function clean(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROL, '').trim();
}

/** At most `max` UTF-16 units, never splitting a surrogate pair, with an ellipsis when cut. */
export function cap(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const c = text.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return text.slice(0, end) + '…';
}

function httpUrl(value: string): string {
  try {
    const u = new URL(value);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : '';
  } catch {
    return '';
  }
}

/**
 * Validate and build a flag. Redaction runs before capping so a cut never
 * leaves half a phone number behind. The note is redacted too: agents paste
 * customer details into notes.
 */
export function createGapFlag(input: GapFlagInput, deps: GapFlagDeps): GapFlag {
  const parsed = gapFlagInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new GapFlagError(issue.path.join('.') || 'input', issue.message);
  }
  const v = parsed.data;
  const now = deps.now?.() ?? new Date();
  const id = deps.uuid?.() ?? crypto.randomUUID();
  const tidy = (text: string, max: number) => cap(clean(deps.redact(clean(text))), max);
  let ticketUrl = httpUrl(v.ticketUrl);
  // Zendesk's agent URL is stable; the other helpdesks' links come from the page.
  if (!ticketUrl && v.ticket.site === 'zendesk' && /^\d+$/.test(v.ticket.ticketId)) {
    ticketUrl = httpUrl(`https://${v.ticket.host}/agent/tickets/${v.ticket.ticketId}`);
  }
  const intent = v.intent?.trim() ?? '';
  return {
    id,
    createdAt: now.toISOString(),
    ticket: { site: v.ticket.site, host: v.ticket.host, ticketId: v.ticket.ticketId },
    ticketUrl,
    excerpt: tidy(v.excerpt, EXCERPT_MAX),
    intent: intent && intent !== 'unknown' ? intent : null,
    reason: v.reason,
    note: tidy(v.note, NOTE_MAX),
    draft: tidy(v.draft, DRAFT_MAX),
    articleId: v.articleId?.trim() || null,
    language: v.language.trim(),
  };
}

/** Version 1 of the webhook body; see the table at the top of this file. */
export interface GapWebhookBodyV1 {
  type: typeof GAP_WEBHOOK_TYPE;
  version: typeof GAP_WEBHOOK_VERSION;
  id: string;
  created_at: string;
  ticket: { site: string; host: string; id: string; url: string };
  excerpt: string;
  intent: string | null;
  reason: string;
  note: string;
  draft: string;
  article_id: string | null;
  language: string;
}

export function webhookBody(flag: GapFlag): GapWebhookBodyV1 {
  return {
    type: GAP_WEBHOOK_TYPE,
    version: GAP_WEBHOOK_VERSION,
    id: flag.id,
    created_at: flag.createdAt,
    ticket: { site: flag.ticket.site, host: flag.ticket.host, id: flag.ticket.ticketId, url: flag.ticketUrl },
    excerpt: flag.excerpt,
    intent: flag.intent,
    reason: flag.reason,
    note: flag.note,
    draft: flag.draft,
    article_id: flag.articleId,
    language: flag.language,
  };
}
