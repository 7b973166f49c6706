/**
 * The demo Zendesk's ticket endpoints, where knowledge-gap flags are
 * delivered as a new ticket for the knowledge team or an internal note on the
 * customer's ticket. Shapes follow developer.zendesk.com (Tickets API):
 * - `POST /api/v2/tickets.json` `{ ticket: { subject, comment: { body | html_body, public }, tags, priority, … } }`
 *   → 201 `{ ticket, audit }`; an `Idempotency-Key` header replays the first
 *   answer for the same body (`x-idempotency-lookup: hit`) and refuses a
 *   different body under the same key;
 * - `PUT /api/v2/tickets/{id}.json` `{ ticket: { comment: { body, public: false } } }`
 *   → 200 `{ ticket, audit }`, 404 for an unknown ticket;
 * - 422 RecordInvalid when there is no comment text.
 * Everything received is kept in `deliveries`, in order, for tests and the demo.
 */
import type { DemoAnswer } from './help-center.ts';

export interface DemoDelivery {
  at: string;
  method: 'POST' | 'PUT';
  path: string;
  /** The ticket created or updated (null when refused). */
  ticketId: number | null;
  status: number;
  /** As sent. */
  body: unknown;
  idempotencyKey: string | null;
  /** Whether an Authorization header came with it (its value is not kept). */
  authorized: boolean;
  /** An Idempotency-Key seen before: the first answer was replayed, nothing new recorded in Zendesk. */
  replayed: boolean;
}

interface Ticket {
  id: number;
  subject: string;
  status: string;
  priority: string | null;
  tags: string[];
  comments: { body: string; public: boolean; at: string }[];
  created_at: string;
  updated_at: string;
}

export interface DemoTicketApi {
  deliveries: DemoDelivery[];
  /** Answers POST /api/v2/tickets(.json) and PUT /api/v2/tickets/{id}(.json); null for other requests. */
  answer(method: string, url: URL, body: string | null, headers: Record<string, string>): DemoAnswer | null;
}

const ORIGIN = 'https://acme.zendesk.com';
const invalid = (description: string): DemoAnswer => ({
  status: 422,
  json: { error: 'RecordInvalid', description: 'Record validation errors', details: { base: [{ description, error: 'BlankValue' }] } },
});

export function createDemoTicketApi(now: () => Date = () => new Date()): DemoTicketApi {
  const deliveries: DemoDelivery[] = [];
  // The demo's own tickets (Zendesk #1001 and #1002) can take notes too.
  const tickets = new Map<number, Ticket>(
    [1001, 1002].map((id) => [id, { id, subject: id === 1001 ? 'Charged twice for order #A-20417' : '订单还没到', status: 'open', priority: id === 1001 ? 'high' : 'normal', tags: [], comments: [], created_at: '2026-11-21T09:14:00Z', updated_at: '2026-11-21T09:14:00Z' }]),
  );
  let nextId = 2001;
  const replays = new Map<string, { body: string; answer: DemoAnswer }>();

  const shape = (t: Ticket) => ({
    id: t.id,
    url: `${ORIGIN}/api/v2/tickets/${t.id}.json`,
    subject: t.subject,
    raw_subject: t.subject,
    description: t.comments[0]?.body ?? '',
    status: t.status,
    priority: t.priority,
    type: null,
    tags: t.tags,
    via: { channel: 'api', source: { from: {}, to: {}, rel: null } },
    created_at: t.created_at,
    updated_at: t.updated_at,
  });
  const audit = (t: Ticket, comment: Ticket['comments'][number]) => ({
    id: 90000000 + deliveries.length,
    ticket_id: t.id,
    created_at: comment.at,
    events: [{ id: 91000000 + deliveries.length, type: 'Comment', body: comment.body, public: comment.public }],
  });

  function parse(body: string | null): { ticket?: Record<string, unknown> } | null {
    try {
      const v = JSON.parse(body ?? '') as unknown;
      return v && typeof v === 'object' && !Array.isArray(v) ? (v as { ticket?: Record<string, unknown> }) : null;
    } catch {
      return null;
    }
  }
  function commentOf(ticket: Record<string, unknown> | undefined): { body: string; public: boolean } | null {
    const c = ticket?.comment as { body?: unknown; html_body?: unknown; public?: unknown } | undefined;
    const text = typeof c?.body === 'string' ? c.body : typeof c?.html_body === 'string' ? c.html_body : '';
    return text.trim() ? { body: text, public: c?.public !== false } : null;
  }

  return {
    deliveries,
    answer(method, url, body, headers) {
      const create = /^\/api\/v2\/tickets(\.json)?$/.test(url.pathname);
      const update = /^\/api\/v2\/tickets\/(\d+)(\.json)?$/.exec(url.pathname);
      if (!(create && method === 'POST') && !(update && method === 'PUT')) return null;
      const key = headers['idempotency-key'] ?? null;
      const record = (answer: DemoAnswer, ticketId: number | null, replayed = false) => {
        deliveries.push({ at: now().toISOString(), method: method as 'POST' | 'PUT', path: url.pathname, ticketId, status: answer.status, body: parse(body) ?? body, idempotencyKey: key, authorized: 'authorization' in headers, replayed });
        return answer;
      };
      const json = parse(body);
      if (!json) return record({ status: 400, json: { error: 'InvalidJSON', description: 'The request body is not valid JSON' } }, null);

      if (create) {
        if (key && replays.has(key)) {
          const first = replays.get(key)!;
          if (first.body !== body) return record({ status: 400, json: { error: 'IdempotentRequestError', description: 'Request parameters do not match those of the original request with this idempotency key' } }, null);
          return record({ ...first.answer, headers: { ...first.answer.headers, 'x-idempotency-lookup': 'hit' } }, (first.answer.json as { ticket: { id: number } }).ticket.id, true);
        }
        const comment = commentOf(json.ticket);
        if (!comment) return record(invalid('Description: cannot be blank'), null);
        const at = now().toISOString().replace(/\.\d{3}Z$/, 'Z');
        const t: Ticket = {
          id: nextId++,
          subject: typeof json.ticket?.subject === 'string' && json.ticket.subject.trim() ? json.ticket.subject : comment.body.slice(0, 80),
          status: 'new',
          priority: typeof json.ticket?.priority === 'string' ? json.ticket.priority : null,
          tags: Array.isArray(json.ticket?.tags) ? (json.ticket.tags as unknown[]).filter((x): x is string => typeof x === 'string') : [],
          comments: [{ ...comment, at }],
          created_at: at,
          updated_at: at,
        };
        tickets.set(t.id, t);
        const answer: DemoAnswer = { status: 201, json: { ticket: shape(t), audit: audit(t, t.comments[0]!) }, headers: { location: `${ORIGIN}/api/v2/tickets/${t.id}.json`, ...(key ? { 'x-idempotency-lookup': 'miss' } : {}) } };
        if (key) replays.set(key, { body: body ?? '', answer });
        return record(answer, t.id);
      }

      const t = tickets.get(Number(update![1]));
      if (!t) return record({ status: 404, json: { error: 'RecordNotFound', description: 'Not found' } }, null);
      const comment = commentOf(json.ticket);
      if (!comment) return record(invalid('Comment: cannot be blank'), null);
      const at = now().toISOString().replace(/\.\d{3}Z$/, 'Z');
      t.comments.push({ ...comment, at });
      t.updated_at = at;
      return record({ status: 200, json: { ticket: shape(t), audit: audit(t, t.comments[t.comments.length - 1]!) } }, t.id);
    },
  };
}
