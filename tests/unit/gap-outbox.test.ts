// @vitest-environment node
// Node, not happy-dom: these tests talk to a real HTTP server on 127.0.0.1 with Node's own fetch.
/**
 * Issue 5, "Feedback and gaps": knowledge-gap flags are delivered through an
 * outbox in IndexedDB, with nothing lost and nothing twice. The clock the
 * outbox sees is controlled (backoff never takes real minutes); the network
 * is real (node:http on a random port).
 */
import 'fake-indexeddb/auto';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { redact } from '../../lib/analysis/pii';
import { openKnowledgeDb, type KnowledgeDb } from '../../lib/knowledge/db';
import { createWebhookDeliverer, createZendeskDeliverer, flagMarker, parseRetryAfter, verifySignature, type ZendeskRequest } from '../../lib/knowledge/deliver';
import { createGapFlag, webhookBody } from '../../lib/knowledge/gaps';
import { backoffDelay, createOutbox, retryDelay, type Deliverer, type DeliveryResult, type Outbox, type OutboxOptions } from '../../lib/knowledge/outbox';
import type { GapFlag } from '../../lib/knowledge/types';
import { mulberry32 } from '../../lib/prng';

const T0 = Date.parse('2025-03-04T09:00:00Z');
const SECRET = 'team-secret-🔑';
let dbCount = 0;
const dbs: KnowledgeDb[] = [];
const servers: { close(): Promise<void> }[] = [];

afterEach(async () => {
  for (const db of dbs.splice(0)) db.close();
  for (const s of servers.splice(0)) await s.close();
});

function newDbName(): string {
  return `gap-outbox-test-${++dbCount}-${Math.random().toString(36).slice(2)}`;
}
function open(name: string): KnowledgeDb {
  const db = openKnowledgeDb(name);
  dbs.push(db);
  return db;
}

const EXCERPTS = [
  'I was charged twice for my order, my card is 4111 1111 1111 1111',
  'How do I change the delivery address? Email me at wang.li@example.com',
  '退款什么时候到账？我的电话是13800138000',
  'The app crashes when I open the camera',
  '我忘记密码了，如何重置？',
];

function makeFlag(i: number): GapFlag {
  return createGapFlag(
    {
      ticket: { site: 'zendesk', host: 'acme.zendesk.com', ticketId: String(1000 + i) },
      excerpt: `${EXCERPTS[i % EXCERPTS.length]} (#${i})`,
      intent: i % 3 ? 'billing_refund' : null,
      reason: (['missing', 'outdated', 'incorrect', 'unclear'] as const)[i % 4],
      note: i % 2 ? 'No article covers this' : '',
      draft: i % 5 ? '' : 'Hello, we are looking into it.',
      language: i % 5 === 2 || i % 5 === 4 ? 'zh-Hans' : 'en',
    },
    { redact: (t) => redact(t).text, now: () => new Date(T0 + i), uuid: () => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` },
  );
}

/** A deliverer whose answers the test hands out one by one. */
function scripted(): { deliver: Deliverer; calls: { flagId: string; attempt: number }[]; answer: (r: DeliveryResult) => void; pending: () => number } {
  const calls: { flagId: string; attempt: number }[] = [];
  const waiting: ((r: DeliveryResult) => void)[] = [];
  return {
    calls,
    deliver: (flag, ctx) =>
      new Promise((resolve) => {
        calls.push({ flagId: flag.id, attempt: ctx.attempt });
        waiting.push(resolve);
        ctx.signal.addEventListener('abort', () => resolve({ kind: 'retry', error: 'aborted' }));
      }),
    answer: (r) => waiting.shift()!(r),
    pending: () => waiting.length,
  };
}
const always = (r: DeliveryResult): Deliverer => async () => r;
const tick = () => new Promise((r) => setTimeout(r, 0));
async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !cond(); i++) await tick();
  expect(cond()).toBe(true);
}

function clockAt(t = T0) {
  const c = { t, now: () => c.t };
  return c;
}

// ------------------------------------------------------------------ backoff
describe('backoff', () => {
  it('doubles from 30 s with equal jitter and stops growing at an hour', () => {
    expect(backoffDelay(1, () => 0)).toBe(15_000);
    expect(backoffDelay(1, () => 0.999999)).toBeCloseTo(30_000, -1);
    expect(backoffDelay(2, () => 0)).toBe(30_000);
    expect(backoffDelay(4, () => 0)).toBe(120_000);
    for (const attempt of [8, 9, 20, 60, 1000]) {
      expect(backoffDelay(attempt, () => 0)).toBe(1_800_000);
      expect(backoffDelay(attempt, () => 0.999999)).toBeLessThanOrEqual(3_600_000);
    }
    const rand = mulberry32(7);
    const spread = new Set(Array.from({ length: 20 }, () => backoffDelay(3, rand)));
    expect(spread.size).toBeGreaterThan(15);
    for (const d of spread) {
      expect(d).toBeGreaterThanOrEqual(60_000);
      expect(d).toBeLessThanOrEqual(120_000);
    }
  });

  it("waits for the receiver's Retry-After when it is longer than the backoff, never less than the backoff", () => {
    expect(retryDelay(1, 600_000, () => 0)).toBe(600_000);
    expect(retryDelay(1, 1_000, () => 0)).toBe(15_000);
    expect(retryDelay(1, 10 * 86_400_000, () => 0)).toBe(86_400_000);
  });

  it('parses Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('120', T0)).toBe(120_000);
    expect(parseRetryAfter(new Date(T0 + 90_000).toUTCString(), T0)).toBe(90_000);
    expect(parseRetryAfter(new Date(T0 - 90_000).toUTCString(), T0)).toBe(0);
    expect(parseRetryAfter('soon', T0)).toBeUndefined();
    expect(parseRetryAfter(null, T0)).toBeUndefined();
  });
});

// ------------------------------------------------------------------ outbox, with scripted deliverers
describe('outbox', () => {
  function outbox(db: KnowledgeDb, clock: { now: () => number }, deliver: OutboxOptions['deliver'], extra: Partial<OutboxOptions> = {}): Outbox {
    return createOutbox({ db, deliver, now: clock.now, random: () => 0, ...extra });
  }

  it('stores the flag and its entries in one transaction: a failed write leaves neither', async () => {
    const db = open(newDbName());
    const box = outbox(db, clockAt(), {});
    db.outbox.hook('creating', (_key, entry) => {
      if (entry.target === 'zendesk') throw new Error('disk full');
    });
    await expect(box.enqueue(makeFlag(1), ['webhook', 'zendesk'])).rejects.toThrow('disk full');
    expect(await db.gaps.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('delivers each target once and reports per-target status', async () => {
    const db = open(newDbName());
    const clock = clockAt();
    const changes: string[][] = [];
    const box = outbox(db, clock, { webhook: always({ kind: 'delivered' }), zendesk: always({ kind: 'failed', error: 'Zendesk refused the flag (422).' }) }, { onChange: (ids) => changes.push(ids) });
    const flag = makeFlag(1);
    await box.enqueue(flag, ['webhook', 'zendesk']);
    expect((await box.status([flag.id]))[flag.id]!.status).toBe('pending');
    const summary = await box.run();
    expect(summary).toMatchObject({ attempted: 2, delivered: 1, failed: 1, retried: 0, paused: false });
    const s = (await box.status([flag.id]))[flag.id]!;
    expect(s.status).toBe('failed');
    expect(s.deliveries.map((d) => [d.target, d.status, d.attempts, d.lastError])).toEqual([
      ['webhook', 'delivered', 1, ''],
      ['zendesk', 'failed', 1, 'Zendesk refused the flag (422).'],
    ]);
    expect(changes.flat()).toContain(flag.id);
    expect(await box.pendingFlags()).toBe(1);
    // Nothing left to do: a permanent failure is not retried by itself.
    clock.t += 86_400_000;
    expect(await box.nextWakeAt()).toBeNull();
    expect((await box.run()).attempted).toBe(0);
    expect((await box.list())[0]).toMatchObject({ flag: { id: flag.id }, delivery: { status: 'failed' } });
  });

  it('retries with growing backoff, honouring Retry-After, until delivered', async () => {
    const db = open(newDbName());
    const clock = clockAt();
    const answers: DeliveryResult[] = [
      { kind: 'retry', error: 'The webhook had a server error (500); it will try again.' },
      { kind: 'retry', error: 'server error' },
      { kind: 'retry', error: 'slow down', retryAfterMs: 600_000 },
      { kind: 'delivered' },
    ];
    const seen: number[] = [];
    const box = outbox(db, clock, { webhook: async () => (seen.push(clock.t), answers.shift()!) });
    const flag = makeFlag(2);
    await box.enqueue(flag, ['webhook']);
    await box.run();
    let s = (await box.status([flag.id]))[flag.id]!.deliveries[0]!;
    expect(s).toMatchObject({ status: 'pending', attempts: 1, lastError: 'The webhook had a server error (500); it will try again.', nextAttemptAt: T0 + 15_000 });
    // Not due yet: nothing happens.
    clock.t += 10_000;
    expect((await box.run()).attempted).toBe(0);
    for (;;) {
      const wake = await box.nextWakeAt();
      if (wake === null) break;
      clock.t = wake;
      await box.run();
    }
    expect(seen.map((t) => t - T0)).toEqual([0, 15_000, 15_000 + 30_000, 15_000 + 30_000 + 600_000]);
    s = (await box.status([flag.id]))[flag.id]!.deliveries[0]!;
    expect(s).toMatchObject({ status: 'delivered', attempts: 4, lastError: '', nextAttemptAt: 0 });
  });

  it('retry() makes a failed delivery due again, and the agent sees it go through', async () => {
    const db = open(newDbName());
    const clock = clockAt();
    const answers: DeliveryResult[] = [{ kind: 'failed', error: 'The webhook address was not found (404): check it in the settings.' }, { kind: 'delivered' }];
    const box = outbox(db, clock, { webhook: async () => answers.shift()! });
    const flag = makeFlag(3);
    await box.enqueue(flag, ['webhook']);
    await box.run();
    expect((await box.status([flag.id]))[flag.id]!.status).toBe('failed');
    clock.t += 5_000;
    expect(await box.retry(flag.id)).toBe(1);
    expect(await box.nextWakeAt()).toBe(clock.t);
    expect((await box.status([flag.id]))[flag.id]!.deliveries[0]).toMatchObject({ status: 'pending', lastError: '' });
    await box.run();
    expect((await box.status([flag.id]))[flag.id]!.deliveries[0]).toMatchObject({ status: 'delivered', attempts: 2 });
    expect(await box.retry(flag.id)).toBe(0);
  });

  it('pauses while the browser is offline, and a network error is only a retry', async () => {
    const db = open(newDbName());
    const clock = clockAt();
    let online = false;
    let calls = 0;
    const box = outbox(db, clock, { webhook: async () => (calls++, { kind: 'retry', error: 'Could not reach the webhook (fetch failed); it will try again.' }) }, { online: () => online });
    const flag = makeFlag(4);
    await box.enqueue(flag, ['webhook']);
    expect(await box.run()).toMatchObject({ paused: true, attempted: 0 });
    expect(calls).toBe(0);
    online = true;
    expect(await box.run()).toMatchObject({ paused: false, attempted: 1, retried: 1 });
    expect((await box.status([flag.id]))[flag.id]!.status).toBe('pending');
  });

  it('a restarted worker takes over an entry whose worker was killed mid-delivery, once its lease ran out', async () => {
    const name = newDbName();
    const clock = clockAt();
    const first = scripted();
    const a = outbox(open(name), clock, { webhook: first.deliver }, { leaseMs: 60_000 });
    const flag = makeFlag(5);
    await a.enqueue(flag, ['webhook']);
    const runA = a.run();
    await until(() => first.calls.length === 1);
    a.stop(); // the browser kills the worker while the request is in flight
    await runA;

    let sent = 0;
    const b = outbox(open(name), clock, { webhook: async () => (sent++, { kind: 'delivered' }) }, { leaseMs: 60_000 });
    expect((await b.run()).attempted).toBe(0); // still held by the dead worker
    expect(await b.nextWakeAt()).toBe(T0 + 60_000);
    clock.t = T0 + 60_000;
    await b.run();
    expect(sent).toBe(1);
    expect((await b.status([flag.id]))[flag.id]!.deliveries[0]).toMatchObject({ status: 'delivered', attempts: 2 });
  });

  it('a worker that lost its lease cannot overwrite the new holder with a stale answer, but its "delivered" counts', async () => {
    const name = newDbName();
    const clock = clockAt();
    const slowA = scripted();
    const slowB = scripted();
    const a = outbox(open(name), clock, { webhook: slowA.deliver }, { leaseMs: 60_000 });
    const b = outbox(open(name), clock, { webhook: slowB.deliver }, { leaseMs: 60_000 });
    const flag = makeFlag(6);
    await a.enqueue(flag, ['webhook']);
    const runA = a.run();
    await until(() => slowA.pending() === 1);
    // B at the same moment: the entry is held.
    expect((await b.run()).attempted).toBe(0);
    clock.t += 60_001;
    const runB = b.run();
    await until(() => slowB.pending() === 1);
    slowA.answer({ kind: 'failed', error: 'stale' });
    await runA;
    expect((await b.status([flag.id]))[flag.id]!.deliveries[0]).toMatchObject({ status: 'pending', lastError: '', sending: true });
    slowB.answer({ kind: 'delivered' });
    await runB;
    expect((await b.status([flag.id]))[flag.id]!.deliveries[0]).toMatchObject({ status: 'delivered', attempts: 2 });
  });

  it('a target without a deliverer fails in plain words; an unknown target is refused', async () => {
    const db = open(newDbName());
    const box = outbox(db, clockAt(), { webhook: always({ kind: 'delivered' }) });
    const flag = makeFlag(7);
    await expect(box.enqueue(flag, ['slack' as never])).rejects.toThrow(/unknown delivery target/);
    await box.enqueue(flag, ['zendesk']);
    await box.run();
    expect((await box.status([flag.id]))[flag.id]!.deliveries[0]).toMatchObject({ status: 'failed', lastError: 'Delivery to zendesk is not set up any more.' });
  });

  it('lists flags newest first, for one ticket, with their delivery state', async () => {
    const db = open(newDbName());
    const box = outbox(db, clockAt(), { webhook: always({ kind: 'delivered' }) });
    const [a, b, c] = [makeFlag(30), makeFlag(31), { ...makeFlag(32), ticket: makeFlag(30).ticket }];
    await box.enqueue(a, ['webhook']);
    await box.enqueue(b, []);
    await box.enqueue(c, ['webhook']);
    await box.run();
    expect((await box.list()).map((x) => [x.flag.id, x.delivery.status])).toEqual([
      [c.id, 'delivered'],
      [b.id, 'local'],
      [a.id, 'delivered'],
    ]);
    expect((await box.list({ ticket: a.ticket })).map((x) => x.flag.id)).toEqual([c.id, a.id]);
    expect((await box.list({ limit: 1 })).map((x) => x.flag.id)).toEqual([c.id]);
  });

  it('enqueueing the same flag again adds targets but never changes what is delivered', async () => {
    const db = open(newDbName());
    const box = outbox(db, clockAt(), {});
    const flag = makeFlag(8);
    await box.enqueue(flag, ['webhook']);
    await box.enqueue({ ...flag, note: 'changed' }, ['webhook', 'zendesk']);
    expect((await db.gaps.get(flag.id))!.note).toBe(flag.note);
    expect((await db.outbox.toArray()).map((e) => e.target).sort()).toEqual(['webhook', 'zendesk']);
  });
});

// ------------------------------------------------------------------ HTTP
async function listen(handler: (req: IncomingMessage, res: ServerResponse, body: string) => void): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handler(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const s = {
    url: `http://127.0.0.1:${port}/hooks/deskmate`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
  servers.push(s);
  return s;
}

describe('webhook deliverer', () => {
  it('POSTs the documented body with the idempotency key and a signature a receiver can verify', async () => {
    const got: { headers: IncomingMessage['headers']; body: string; method?: string }[] = [];
    const server = await listen((req, res, body) => {
      got.push({ headers: req.headers, body, method: req.method });
      res.writeHead(202).end();
    });
    const flag = makeFlag(11);
    const result = await createWebhookDeliverer({ url: server.url, secret: SECRET })(flag);
    expect(result).toEqual({ kind: 'delivered' });
    const [{ headers, body, method }] = got as [(typeof got)[0]];
    expect(method).toBe('POST');
    expect(headers['content-type']).toBe('application/json');
    expect(headers['idempotency-key']).toBe(flag.id);
    expect(JSON.parse(body)).toEqual(webhookBody(flag));
    // Independently of our own code: HMAC-SHA256 of the raw body with the secret, hex.
    const expected = 'sha256=' + createHmac('sha256', SECRET).update(body, 'utf8').digest('hex');
    expect(headers['x-deskmate-signature']).toBe(expected);
    expect(await verifySignature(body, SECRET, expected)).toBe(true);
    expect(await verifySignature(body, 'another secret', expected)).toBe(false);
    expect(await verifySignature(body.replace('zendesk', 'zendesc'), SECRET, expected)).toBe(false);
    expect(await verifySignature(body, SECRET, null)).toBe(false);
  });

  it('sends no signature without a secret', async () => {
    let signature: string | string[] | undefined = 'unset';
    const server = await listen((req, res) => {
      signature = req.headers['x-deskmate-signature'];
      res.writeHead(200).end('ok');
    });
    await createWebhookDeliverer({ url: server.url, secret: '' })(makeFlag(12));
    expect(signature).toBeUndefined();
  });

  it.each([
    [500, {}, 'retry', undefined],
    [503, { 'Retry-After': '120' }, 'retry', 120_000],
    [503, { 'Retry-After': new Date(T0 + 45_000).toUTCString() }, 'retry', 45_000],
    [429, { 'Retry-After': '7' }, 'retry', 7_000],
    [408, {}, 'retry', undefined],
    [425, {}, 'retry', undefined],
    [400, {}, 'failed', undefined],
    [401, {}, 'failed', undefined],
    [403, {}, 'failed', undefined],
    [404, {}, 'failed', undefined],
    [410, {}, 'failed', undefined],
    [422, {}, 'failed', undefined],
    [301, { Location: '/elsewhere' }, 'failed', undefined],
  ] as const)('answer %i %j → %s', async (status, headers, kind, retryAfterMs) => {
    let requests = 0;
    const server = await listen((_req, res) => {
      requests++;
      res.writeHead(status, headers).end('{}');
    });
    const result = await createWebhookDeliverer({ url: server.url, now: () => T0 })(makeFlag(13));
    expect(result.kind).toBe(kind);
    expect(requests).toBe(1); // a redirect is not followed
    if (result.kind === 'retry') expect(result.retryAfterMs).toBe(retryAfterMs);
    if (result.kind !== 'delivered') expect(result.error).toMatch(new RegExp(`${status}`));
  });

  it('a network error and a timeout are retries, in plain words', async () => {
    const server = await listen(() => undefined); // never answers
    const timedOut = await createWebhookDeliverer({ url: server.url, timeoutMs: 100 })(makeFlag(14));
    expect(timedOut).toEqual({ kind: 'retry', error: 'The webhook did not answer within 100 ms; it will try again.' });
    const closed = await listen((_req, res) => res.writeHead(200).end());
    const url = closed.url;
    await closed.close();
    const refused = await createWebhookDeliverer({ url })(makeFlag(14));
    expect(refused.kind).toBe('retry');
    expect(refused.kind === 'retry' && refused.error).toMatch(/^Could not reach the webhook/);
  });
});

// ------------------------------------------------------------------ Zendesk
describe('zendesk deliverer', () => {
  function fakeZendesk(answers: Record<string, { status: number; json?: unknown; retryAfter?: string | null } | Error>) {
    const calls: { method: string; path: string; body: unknown; headers?: Record<string, string> }[] = [];
    const request: ZendeskRequest = async (method, path, body, headers) => {
      calls.push({ method, path, body, headers });
      const a = answers[`${method} ${path}`];
      if (!a) throw new Error(`unexpected ${method} ${path}`);
      if (a instanceof Error) throw a;
      return { status: a.status, json: a.json ?? null, retryAfter: a.retryAfter ?? null };
    };
    return { calls, request };
  }

  it("'ticket' creates a ticket with a private comment, our tags and Zendesk's Idempotency-Key", async () => {
    const z = fakeZendesk({ 'POST /api/v2/tickets.json': { status: 201, json: { ticket: { id: 9 } } } });
    const flag = makeFlag(21);
    expect(await createZendeskDeliverer({ mode: 'ticket', request: z.request })(flag, { attempt: 1 })).toEqual({ kind: 'delivered' });
    const [call] = z.calls;
    expect(call!.headers).toEqual({ 'Idempotency-Key': flag.id });
    const ticket = (call!.body as { ticket: { subject: string; comment: { body: string; public: boolean }; tags: string[] } }).ticket;
    expect(ticket.subject).toMatch(/^Knowledge gap \(outdated\): /);
    expect(ticket.comment.public).toBe(false);
    expect(ticket.comment.body).toContain(flag.excerpt);
    expect(ticket.comment.body).toContain(flagMarker(flag));
    expect(ticket.tags).toEqual(['deskmate_kb_gap', 'outdated']);
  });

  it("'note' adds an internal note to the flagged ticket, and after a lost answer looks for it before sending again", async () => {
    const flag = makeFlag(22);
    const id = flag.ticket.ticketId;
    const z = fakeZendesk({ [`PUT /api/v2/tickets/${id}.json`]: { status: 200 } });
    const deliver = createZendeskDeliverer({ mode: 'note', request: z.request, host: 'acme.zendesk.com' });
    expect(await deliver(flag, { attempt: 1 })).toEqual({ kind: 'delivered' });
    expect(z.calls).toEqual([{ method: 'PUT', path: `/api/v2/tickets/${id}.json`, body: { ticket: { comment: { body: expect.stringContaining(flagMarker(flag)), public: false } } }, headers: undefined }]);

    const landed = fakeZendesk({ [`GET /api/v2/tickets/${id}/comments.json?sort_order=desc`]: { status: 200, json: { comments: [{ body: `…\n${flagMarker(flag)}` }] } } });
    expect(await createZendeskDeliverer({ mode: 'note', request: landed.request })(flag, { attempt: 2 })).toEqual({ kind: 'delivered' });
    expect(landed.calls.map((c) => c.method)).toEqual(['GET']);

    const lost = fakeZendesk({
      [`GET /api/v2/tickets/${id}/comments.json?sort_order=desc`]: { status: 200, json: { comments: [{ body: 'an unrelated comment' }] } },
      [`PUT /api/v2/tickets/${id}.json`]: { status: 200 },
    });
    expect(await createZendeskDeliverer({ mode: 'note', request: lost.request })(flag, { attempt: 2 })).toEqual({ kind: 'delivered' });
    expect(lost.calls.map((c) => c.method)).toEqual(['GET', 'PUT']);
  });

  it('classifies Zendesk answers and refuses notes it cannot place', async () => {
    const flag = makeFlag(23);
    const put = `PUT /api/v2/tickets/${flag.ticket.ticketId}.json`;
    const run = (a: Parameters<typeof fakeZendesk>[0][string]) => createZendeskDeliverer({ mode: 'note', request: fakeZendesk({ [put]: a }).request, now: () => T0 })(flag, { attempt: 1 });
    expect(await run({ status: 422 })).toMatchObject({ kind: 'failed', error: expect.stringMatching(/closed/) });
    expect(await run({ status: 401 })).toMatchObject({ kind: 'failed', error: expect.stringMatching(/sign in/) });
    expect(await run({ status: 429, retryAfter: '30' })).toEqual({ kind: 'retry', error: expect.any(String), retryAfterMs: 30_000 });
    expect(await run({ status: 409 })).toMatchObject({ kind: 'retry' });
    expect(await run(new TypeError('Failed to fetch'))).toMatchObject({ kind: 'retry', error: expect.stringMatching(/^Could not reach Zendesk/) });
    const other = { ...flag, ticket: { ...flag.ticket, site: 'salesforce' as const } };
    expect(await createZendeskDeliverer({ mode: 'note', request: fakeZendesk({}).request })(other)).toMatchObject({ kind: 'failed', error: expect.stringMatching(/not a Zendesk ticket/) });
    expect(await createZendeskDeliverer({ mode: 'note', request: fakeZendesk({}).request, host: 'other.zendesk.com' })(flag)).toMatchObject({ kind: 'failed' });
  });
});

// ------------------------------------------------------------------ 1,000 flags
/**
 * A receiver that fails half the time, deterministically (seeded): 500 before
 * processing, 503 with Retry-After (seconds or a date), 500 or a reset
 * connection AFTER processing (the sender cannot know it landed). It stores by
 * Idempotency-Key, as the README asks receivers to, and counts everything.
 */
async function flakyReceiver(seed: number, clock: { now: () => number }, observed2xx: Set<string>) {
  const rand = mulberry32(seed);
  const stats = {
    requests: 0,
    outcomes: { ok: 0, error500: 0, retryAfter503: 0, processedThen500: 0, reset: 0, processedThenReset: 0 },
    /** Requests for a key that was already stored (absorbed by the receiver's own dedupe). */
    redeliveries: 0,
    /** Requests for a key after our side had seen a 2xx for it: must stay 0. */
    afterSeen2xx: 0,
    /** A request while another with the same key was still open: must stay 0. */
    concurrentSameKey: 0,
    badSignatures: 0,
  };
  const stored = new Map<string, unknown>();
  const open = new Map<string, number>();
  let openRequests = 0;
  const hooks: { beforeAnswer?: (n: number) => void } = {};
  const server = createServer((req, res) => {
    const n = ++stats.requests;
    const key = String(req.headers['idempotency-key'] ?? '');
    openRequests++;
    if ((open.get(key) ?? 0) > 0) stats.concurrentSameKey++;
    open.set(key, (open.get(key) ?? 0) + 1);
    let closed = false;
    const done = () => {
      if (closed) return;
      closed = true;
      openRequests--;
      open.set(key, open.get(key)! - 1);
    };
    res.on('close', done);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      if (req.headers['x-deskmate-signature'] !== 'sha256=' + createHmac('sha256', SECRET).update(body, 'utf8').digest('hex')) stats.badSignatures++;
      if (observed2xx.has(key)) stats.afterSeen2xx++;
      const processBody = () => {
        if (stored.has(key)) stats.redeliveries++;
        else stored.set(key, JSON.parse(body));
      };
      hooks.beforeAnswer?.(n);
      const r = rand();
      if (r < 0.15) {
        stats.outcomes.error500++;
        res.writeHead(500).end('{"error":"boom"}');
      } else if (r < 0.22) {
        stats.outcomes.retryAfter503++;
        res.writeHead(503, { 'Retry-After': '120' }).end();
      } else if (r < 0.28) {
        stats.outcomes.retryAfter503++;
        res.writeHead(503, { 'Retry-After': new Date(clock.now() + 300_000).toUTCString() }).end();
      } else if (r < 0.4) {
        stats.outcomes.processedThen500++;
        processBody();
        res.writeHead(500).end();
      } else if (r < 0.45) {
        stats.outcomes.reset++;
        req.socket.destroy();
      } else if (r < 0.5) {
        stats.outcomes.processedThenReset++;
        processBody();
        req.socket.destroy();
      } else {
        stats.outcomes.ok++;
        processBody();
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  servers.push({
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  });
  return {
    url: `http://127.0.0.1:${port}/gaps`,
    stats,
    stored,
    hooks,
    /** Until every request the server saw is answered or gone. */
    idle: async () => {
      for (let i = 0; i < 1000 && openRequests > 0; i++) await new Promise((r) => setTimeout(r, 1));
      expect(openRequests).toBe(0);
    },
  };
}

describe('1,000 flags through a webhook that fails half the time, with the service worker restarted', () => {
  it('delivers every flag, none twice after a 2xx was seen, none by two workers at once', async () => {
    const N = 1000;
    const RESTART_AT = new Set([150, 600, 1100, 1500, 1900]);
    const CONCURRENT_ROUND = 1;
    const name = newDbName();
    const clock = clockAt();
    const observed2xx = new Set<string>();
    const observedOk = new Map<string, number>();
    const receiver = await flakyReceiver(20250304, clock, observed2xx);
    const client = { sentAfterSeen2xx: 0, concurrent: 0, aborted: 0 };
    const sending = new Set<string>();

    let instances = 0;
    function startWorker(): { box: Outbox; alive: boolean } {
      instances++;
      const worker = { box: null as unknown as Outbox, alive: true };
      const webhook = createWebhookDeliverer({ url: receiver.url, secret: SECRET, now: clock.now, timeoutMs: 10_000 });
      // What the test watches on our side of the wire, for every worker alike.
      const watched: Deliverer = async (flag, ctx) => {
        if (observed2xx.has(flag.id)) client.sentAfterSeen2xx++;
        if (sending.has(flag.id)) client.concurrent++;
        sending.add(flag.id);
        try {
          const result = await webhook(flag, ctx);
          if (!worker.alive) client.aborted++;
          else if (result.kind === 'delivered') {
            observed2xx.add(flag.id);
            observedOk.set(flag.id, (observedOk.get(flag.id) ?? 0) + 1);
          }
          return result;
        } finally {
          sending.delete(flag.id);
        }
      };
      worker.box = createOutbox({ db: open(name), deliver: { webhook: watched }, now: clock.now, random: mulberry32(instances), concurrency: 8 });
      return worker;
    }

    const flags = Array.from({ length: N }, (_, i) => makeFlag(i));
    let live: { box: Outbox; alive: boolean } | null = startWorker();
    for (const f of flags) await live.box.enqueue(f, ['webhook']);

    let restarts = 0;
    receiver.hooks.beforeAnswer = (n) => {
      if (!RESTART_AT.has(n) || !live) return;
      // The browser kills the service worker: this request (already processed or not) is never answered to it.
      live.alive = false;
      live.box.stop();
      live = null;
      restarts++;
    };

    let rounds = 0;
    let concurrentRuns = 0;
    for (; rounds < 400; rounds++) {
      const worker: { box: Outbox; alive: boolean } = live ?? (live = startWorker());
      if (rounds === CONCURRENT_ROUND) {
        // Two workers at once over the same database (an old and a new service worker).
        const other = startWorker();
        await Promise.all([worker.box.run(), other.box.run()]);
        other.alive = false;
        other.box.stop();
        concurrentRuns++;
      } else {
        await worker.box.run();
      }
      await receiver.idle();
      if (!live) continue; // killed mid-run: a new worker starts at once (start-up run)
      const wake = await live.box.nextWakeAt();
      if (wake === null) break;
      clock.t = Math.max(wake, clock.t + 30_000); // the alarm, never sooner than Chrome's 30 s
    }

    const db = open(name);
    const entries = await db.outbox.toArray();
    const attempts = entries.reduce((n, e) => n + e.attempts, 0);
    const report = {
      flags: N,
      requests: receiver.stats.requests,
      retries: receiver.stats.requests - N,
      attempts,
      restarts,
      concurrentRuns,
      workers: instances,
      rounds,
      simulatedHours: +((clock.t - T0) / 3_600_000).toFixed(1),
      outcomes: receiver.stats.outcomes,
      redeliveriesAbsorbedByReceiver: receiver.stats.redeliveries,
      sentAfterSeen2xx: client.sentAfterSeen2xx + receiver.stats.afterSeen2xx,
      concurrentSameKey: client.concurrent + receiver.stats.concurrentSameKey,
      answersLostToRestarts: client.aborted,
    };
    console.log('gap delivery, 1,000 flags:', JSON.stringify(report));

    // Every flag's body reached the receiver, intact and signed.
    expect(receiver.stored.size).toBe(N);
    for (const f of flags) expect(receiver.stored.get(f.id)).toEqual(webhookBody(f));
    expect(receiver.stats.badSignatures).toBe(0);
    // Every entry ended delivered, and each flag's 2xx was seen by exactly one live worker.
    expect(entries).toHaveLength(N);
    expect(entries.filter((e) => e.status !== 'delivered')).toEqual([]);
    expect(observedOk.size).toBe(N);
    expect([...observedOk.values()].filter((n) => n !== 1)).toEqual([]);
    // Never sent again after a 2xx we saw; never by two workers at once.
    expect(client.sentAfterSeen2xx).toBe(0);
    expect(receiver.stats.afterSeen2xx).toBe(0);
    expect(client.concurrent).toBe(0);
    expect(receiver.stats.concurrentSameKey).toBe(0);
    // The run really was hostile: half the answers failed, workers were killed mid-flight.
    expect(restarts).toBe(RESTART_AT.size);
    expect(concurrentRuns).toBe(1);
    expect(receiver.stats.outcomes.ok).toBeLessThan(receiver.stats.requests * 0.6);
    expect(receiver.stats.redeliveries).toBeGreaterThan(0);
    expect(attempts).toBeGreaterThanOrEqual(receiver.stats.requests);
  }, 120_000);
});
