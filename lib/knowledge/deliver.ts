/**
 * The two ways a gap flag leaves the browser: a webhook (the documented body
 * of ./gaps.ts) and Zendesk (a ticket for the knowledge team, or an internal
 * note on the flagged ticket). Each turns an HTTP answer into a
 * DeliveryResult the outbox understands; neither retries by itself.
 */
import { httpResult } from '../http-result';
import { webhookBody } from './gaps';
import type { DeliveryContext, DeliveryResult } from './outbox';
import type { GapFlag } from './types';

// ------------------------------------------------------------------ answers
/** Retry-After as milliseconds from `now`: delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** 408/409/425/429/5xx are worth another try; other 4xx (and 3xx, which we do not follow) are not. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 425 || status === 429 || status >= 500;
}

function classify(status: number, retryAfter: string | null | undefined, now: number, words: (status: number) => string): DeliveryResult {
  if (status >= 200 && status < 300) return { kind: 'delivered' };
  if (isRetryableStatus(status)) return { kind: 'retry', error: words(status), retryAfterMs: parseRetryAfter(retryAfter, now) };
  return { kind: 'failed', error: words(status) };
}

function webhookWords(status: number): string {
  if (status === 401 || status === 403) return `The webhook refused access (${status}): check the webhook address and the shared secret.`;
  if (status === 404 || status === 410) return `The webhook address was not found (${status}): check it in the settings.`;
  if (status === 400 || status === 422) return `The webhook rejected the flag (${status}). Retry once the receiver is fixed.`;
  if (status === 429) return 'The webhook asked Deskmate to slow down (429); it will try again.';
  if (status === 408) return 'The webhook timed out (408); it will try again.';
  if (status >= 500) return `The webhook had a server error (${status}); it will try again.`;
  if (status >= 300 && status < 400) return `The webhook answered with a redirect (${status}): set its final address in the settings.`;
  return `The webhook answered ${status}.`;
}

function zendeskWords(status: number): string {
  if (status === 401 || status === 403) return `Zendesk refused the request (${status}): sign in to Zendesk again, or check the API token and its permissions.`;
  if (status === 404) return 'Zendesk could not find the ticket (404): it may have been deleted, or this account cannot see it.';
  if (status === 422) return 'Zendesk refused the flag (422): the ticket may be closed or cannot take more comments.';
  if (status === 429) return 'Zendesk asked Deskmate to slow down (429); it will try again.';
  if (status === 409) return 'The ticket was being changed at the same time (409); it will try again.';
  if (status >= 500) return `Zendesk had a server error (${status}); it will try again.`;
  return `Zendesk answered ${status}.`;
}

function networkWords(error: unknown, what: string, timedOut: boolean, timeoutMs: number): string {
  if (timedOut) return `${what[0]!.toUpperCase()}${what.slice(1)} did not answer within ${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`}; it will try again.`;
  const detail = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
  return `Could not reach ${what} (${detail}); it will try again.`;
}

// ------------------------------------------------------------------ signature
const enc = new TextEncoder();

async function hmacHex(body: string, secret: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', enc.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, enc.encode(body)));
  return Array.from(mac, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The `X-Deskmate-Signature` value for a body: `sha256=` and the hex HMAC-SHA256 with the secret. */
export async function signBody(body: string, secret: string): Promise<string> {
  return `sha256=${await hmacHex(body, secret)}`;
}

/** What a receiver does: recompute over the raw body and compare in constant time. */
export async function verifySignature(body: string, secret: string, header: string | null | undefined): Promise<boolean> {
  const expected = await signBody(body, secret);
  const given = (header ?? '').trim().toLowerCase();
  let diff = expected.length ^ given.length;
  for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ (given.charCodeAt(i) || 0);
  return diff === 0;
}

// ------------------------------------------------------------------ webhook
export interface WebhookOptions {
  url: string;
  /** Signs the body when non-empty. */
  secret?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** Epoch ms, for Retry-After given as a date. */
  now?: () => number;
}

export function createWebhookDeliverer(options: WebhookOptions): (flag: GapFlag, ctx?: Partial<DeliveryContext>) => Promise<DeliveryResult> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const now = options.now ?? Date.now;
  return async (flag, ctx = {}) => {
    const fetcher = options.fetch ?? globalThis.fetch.bind(globalThis);
    // Serialised once: the signature is over exactly these bytes.
    const body = JSON.stringify(webhookBody(flag));
    const headers: Record<string, string> = { 'Content-Type': 'application/json', 'Idempotency-Key': flag.id };
    if (options.secret) headers['X-Deskmate-Signature'] = await signBody(body, options.secret);
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = ctx.signal ? AbortSignal.any([ctx.signal, timeout]) : timeout;
    let res: Response;
    try {
      // A redirect would turn the POST into a GET (301/302) or resend it elsewhere: not followed.
      res = await fetcher(options.url, { method: 'POST', headers, body, signal, redirect: 'manual', credentials: 'omit', cache: 'no-store' });
    } catch (error) {
      return { kind: 'retry', error: networkWords(error, 'the webhook', timeout.aborted, timeoutMs) };
    }
    void res.body?.cancel().catch(() => undefined);
    // Browsers hide a manual redirect as an opaque response with status 0.
    if (res.type === 'opaqueredirect' || res.status === 0) return { kind: 'failed', error: webhookWords(302) };
    return classify(res.status, res.headers.get('retry-after'), now(), webhookWords);
  };
}

// ------------------------------------------------------------------ Zendesk
/** A helpdesk API answer; the same shape as the content script's same-origin `helpdesk.fetch`. */
export interface ZendeskResponse {
  status: number;
  json: unknown;
  retryAfter: string | null;
}
/**
 * One Zendesk API call, made by whoever holds the credentials: the agent's
 * session through the helpdesk tab, or an API token in the background
 * (`zendeskTokenRequest`). It throws on a network error. `headers` carries
 * Zendesk's `Idempotency-Key`; a caller that cannot send it may drop it.
 */
export type ZendeskRequest = (method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown, headers?: Record<string, string>) => Promise<ZendeskResponse>;

export interface ZendeskDeliveryOptions {
  /** 'ticket': a new ticket for the knowledge team; 'note': an internal note on the flagged ticket. */
  mode: 'ticket' | 'note';
  request: ZendeskRequest;
  /** The Zendesk host the request function talks to; a note for a ticket elsewhere fails in words. */
  host?: string;
  now?: () => number;
}

/** The marker in every comment Deskmate writes: a duplicate can be found by searching for it. */
export const flagMarker = (flag: GapFlag) => `[deskmate-flag:${flag.id}]`;

/** The comment text: plain text (Zendesk renders `body` as text), the flag id last. */
export function zendeskCommentBody(flag: GapFlag): string {
  const lines = [`Knowledge gap flagged by an agent in Deskmate: ${flag.reason}.`, ''];
  lines.push(`Ticket: ${flag.ticketUrl || `${flag.ticket.site} ${flag.ticket.host} #${flag.ticket.ticketId}`}`);
  if (flag.intent) lines.push(`Intent: ${flag.intent}`);
  if (flag.articleId) lines.push(`Article: ${flag.articleId}`);
  if (flag.language) lines.push(`Language: ${flag.language}`);
  lines.push(`Flagged at: ${flag.createdAt}`);
  if (flag.excerpt) lines.push('', "Customer's words (personal data removed):", flag.excerpt);
  if (flag.note) lines.push('', "Agent's note:", flag.note);
  if (flag.draft) lines.push('', 'Reply draft at the time:', flag.draft);
  lines.push('', flagMarker(flag));
  return lines.join('\n');
}

export function zendeskSubject(flag: GapFlag): string {
  const words = flag.excerpt.replace(/\s+/g, ' ').trim() || flag.note.replace(/\s+/g, ' ').trim();
  const short = Array.from(words).length > 80 ? Array.from(words).slice(0, 79).join('') + '…' : words;
  return `Knowledge gap (${flag.reason}): ${short}`;
}

function commentBodies(json: unknown): string[] {
  const comments = (json as { comments?: unknown } | null)?.comments;
  if (!Array.isArray(comments)) return [];
  return comments.map((c) => {
    const o = c as { body?: unknown; plain_body?: unknown };
    return `${typeof o.body === 'string' ? o.body : ''}\n${typeof o.plain_body === 'string' ? o.plain_body : ''}`;
  });
}

export function createZendeskDeliverer(options: ZendeskDeliveryOptions): (flag: GapFlag, ctx?: Partial<DeliveryContext>) => Promise<DeliveryResult> {
  const now = options.now ?? Date.now;
  const call = async (method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown, headers?: Record<string, string>): Promise<ZendeskResponse | DeliveryResult> => {
    try {
      return await options.request(method, path, body, headers);
    } catch (error) {
      return { kind: 'retry', error: networkWords(error, 'Zendesk', false, 0) };
    }
  };
  const isResult = (r: ZendeskResponse | DeliveryResult): r is DeliveryResult => 'kind' in r;

  return async (flag, ctx = {}) => {
    const body = zendeskCommentBody(flag);
    if (options.mode === 'ticket') {
      // Zendesk keeps ticket-creation idempotency keys for a while (two hours when this was written),
      // which covers the retries of an attempt whose answer was lost.
      const res = await call(
        'POST',
        '/api/v2/tickets.json',
        { ticket: { subject: zendeskSubject(flag), comment: { body, public: false }, tags: ['deskmate_kb_gap', flag.reason] } },
        { 'Idempotency-Key': flag.id },
      );
      return isResult(res) ? res : classify(res.status, res.retryAfter, now(), zendeskWords);
    }

    if (flag.ticket.site !== 'zendesk' || !/^\d+$/.test(flag.ticket.ticketId)) {
      return { kind: 'failed', error: 'The flagged ticket is not a Zendesk ticket, so no internal note can be added to it.' };
    }
    if (options.host && flag.ticket.host.toLowerCase() !== options.host.toLowerCase()) {
      return { kind: 'failed', error: `The flagged ticket is on ${flag.ticket.host}, not on ${options.host}.` };
    }
    const ticketPath = `/api/v2/tickets/${flag.ticket.ticketId}`;
    // A ticket update has no idempotency key. When an earlier attempt may have
    // landed (its answer was lost), look for our marker among the latest comments first.
    if ((ctx.attempt ?? 1) > 1) {
      const seen = await call('GET', `${ticketPath}/comments.json?sort_order=desc`);
      if (isResult(seen)) return seen;
      if (seen.status >= 200 && seen.status < 300) {
        if (commentBodies(seen.json).some((b) => b.includes(flagMarker(flag)))) return { kind: 'delivered' };
      } else if (isRetryableStatus(seen.status)) {
        return classify(seen.status, seen.retryAfter, now(), zendeskWords);
      }
      // Any other answer: the update below reports the real problem.
    }
    const res = await call('PUT', `${ticketPath}.json`, { ticket: { comment: { body, public: false } } });
    return isResult(res) ? res : classify(res.status, res.retryAfter, now(), zendeskWords);
  };
}

/**
 * Zendesk calls from the background with an API token (`kbZendeskApiEmail` +
 * `kbZendeskApiToken`): HTTP Basic with `{email}/token:{token}`.
 */
export function zendeskTokenRequest(options: { host: string; email: string; token: string; fetch?: typeof fetch; timeoutMs?: number }): ZendeskRequest {
  const auth = 'Basic ' + btoa(String.fromCharCode(...enc.encode(`${options.email}/token:${options.token}`)));
  return async (method, path, body, headers = {}) => {
    const fetcher = options.fetch ?? globalThis.fetch.bind(globalThis);
    const url = new URL(path, `https://${options.host}`);
    if (url.host !== options.host) throw new Error('path not allowed');
    const res = await fetcher(url, {
      method,
      headers: { Accept: 'application/json', Authorization: auth, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit',
      redirect: 'error',
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
    return httpResult(res);
  };
}
