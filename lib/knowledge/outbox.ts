/**
 * The gap outbox: every flag reaches each of its targets once, across
 * service-worker restarts, offline periods and failing receivers.
 *
 * All state is in IndexedDB (`gaps` and `outbox`), so a new outbox over the
 * same database carries on where a killed worker stopped. One entry per flag
 * and target moves pending → delivered, or pending → failed on an answer that
 * retrying cannot fix (the agent can retry it by hand).
 *
 * A worker takes an entry by writing a lease (`leaseUntil`) in a readwrite
 * transaction; IndexedDB runs readwrite transactions on the same store one
 * after another, also across connections, so two workers (an old and a
 * restarted service worker, or two runs at once) never hold the same entry.
 * A lease that runs out (its worker was killed mid-delivery) is taken over.
 * Lease values only grow (a new lease starts after the old one ended), so a
 * late answer from a worker that lost its lease is recognised and only a
 * "delivered" from it is kept: that one is the truth whoever learns it.
 *
 * Delivered and failed entries get `nextAttemptAt = NEVER`, which keeps the
 * `nextAttemptAt` index a queue of pending work only.
 *
 * No timers of its own: the background calls `run()` on start-up, on the
 * `online` event and when its alarm fires, and sets the alarm from
 * `nextWakeAt()` (Chrome's minimum is 30 s), so an idle worker can sleep.
 */
import type { KnowledgeDb } from './db';
import { DELIVERY_TARGETS, type DeliveryStatus, type DeliveryTarget, type GapFlag, type OutboxEntry } from './types';
import type { TicketKey } from '../types';
import { sameTicket } from '../ticket-key';

/** What one delivery attempt came to, in words the agent can read. */
export type DeliveryResult =
  | { kind: 'delivered' }
  /** Worth trying again later: network, timeout, 408/409/425/429/5xx. */
  | { kind: 'retry'; error: string; retryAfterMs?: number }
  /** Trying again would give the same answer (400/401/403/404/410/422…). */
  | { kind: 'failed'; error: string };

export interface DeliveryContext {
  /** 1 for the first attempt; above 1 an earlier attempt may have reached the receiver. */
  attempt: number;
  /** Aborted when the worker stops or the attempt outlives half its lease. */
  signal: AbortSignal;
}
export type Deliverer = (flag: GapFlag, ctx: DeliveryContext) => Promise<DeliveryResult>;

export interface OutboxOptions {
  db: KnowledgeDb;
  /** One deliverer per configured target; an entry for a target without one fails in plain words. */
  deliver: Partial<Record<DeliveryTarget, Deliverer>>;
  /** Epoch ms. */
  now?: () => number;
  random?: () => number;
  /** Called with the flags whose delivery state changed (for the panel). */
  onChange?: (flagIds: string[]) => void;
  /** Whether the browser thinks it is online; false pauses `run()`. */
  online?: () => boolean;
  /** How long a worker holds an entry; deliverers must answer well within half of it. */
  leaseMs?: number;
  /** Deliveries in flight at once per worker. */
  concurrency?: number;
  backoff?: BackoffOptions;
}

export interface BackoffOptions {
  baseMs?: number;
  capMs?: number;
}

export interface TargetDelivery {
  target: DeliveryTarget;
  status: DeliveryStatus;
  attempts: number;
  lastError: string;
  /** Epoch ms of the next attempt while pending; 0 otherwise. */
  nextAttemptAt: number;
  deliveredAt: string;
  /** A worker holds it right now. */
  sending: boolean;
}

export interface FlagDelivery {
  flagId: string;
  /** failed if any target failed, delivered if all were, local when there is no target, else pending. */
  status: DeliveryStatus | 'local';
  deliveries: TargetDelivery[];
}

export interface RunSummary {
  attempted: number;
  delivered: number;
  retried: number;
  failed: number;
  /** Nothing was tried: offline, or this outbox was stopped. */
  paused: boolean;
}

export interface Outbox {
  /** Store the flag and one pending entry per target, in one transaction. */
  enqueue(flag: GapFlag, targets: readonly DeliveryTarget[]): Promise<void>;
  /** Deliver everything due now; resolves when nothing due is left (or on stop). */
  run(): Promise<RunSummary>;
  /** When `run()` has work next (epoch ms; may be in the past), or null when nothing is pending. */
  nextWakeAt(): Promise<number | null>;
  /** Make a flag's failed (and waiting) deliveries due now; returns how many. Call `run()` after. */
  retry(flagId: string): Promise<number>;
  /** Delivery state per flag id (all flags in the outbox when no ids are given). */
  status(flagIds?: readonly string[]): Promise<Record<string, FlagDelivery>>;
  /** Flags newest first, optionally of one ticket, with their delivery state. */
  list(filter?: { ticket?: TicketKey | null; limit?: number }): Promise<{ flag: GapFlag; delivery: FlagDelivery }[]>;
  /** How many flags are not yet delivered everywhere (pending or failed). */
  pendingFlags(): Promise<number>;
  /** Behave as a killed worker: no new attempts, in-flight ones aborted, nothing more written. */
  stop(): void;
}

/** `nextAttemptAt` of entries with nothing left to do. */
export const NEVER = Number.MAX_SAFE_INTEGER;
const DEFAULT_LEASE_MS = 120_000;
/** A receiver's Retry-After is honoured up to a day. */
const MAX_RETRY_AFTER_MS = 86_400_000;

/**
 * Exponential backoff with "equal jitter": half the step fixed, half random,
 * so retries spread out but never come sooner than half the step.
 * `attempt` counts from 1 (the attempt that just failed).
 */
export function backoffDelay(attempt: number, random: () => number, options: BackoffOptions = {}): number {
  const base = options.baseMs ?? 30_000;
  const cap = options.capMs ?? 3_600_000;
  const step = Math.min(cap, base * 2 ** Math.min(Math.max(attempt - 1, 0), 30));
  return Math.round(step / 2 + random() * (step / 2));
}

/** The delay before the next attempt: never sooner than the backoff nor than the receiver's Retry-After. */
export function retryDelay(attempt: number, retryAfterMs: number | undefined, random: () => number, options: BackoffOptions = {}): number {
  const backoff = backoffDelay(attempt, random, options);
  if (retryAfterMs === undefined || !Number.isFinite(retryAfterMs)) return backoff;
  return Math.max(backoff, Math.min(Math.max(retryAfterMs, 0), MAX_RETRY_AFTER_MS));
}

const entryKey = (e: Pick<OutboxEntry, 'flagId' | 'target'>) => `${e.flagId}\u0000${e.target}`;

function overall(deliveries: TargetDelivery[]): FlagDelivery['status'] {
  if (!deliveries.length) return 'local';
  if (deliveries.some((d) => d.status === 'failed')) return 'failed';
  return deliveries.every((d) => d.status === 'delivered') ? 'delivered' : 'pending';
}

export function createOutbox(options: OutboxOptions): Outbox {
  const { db } = options;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const online = options.online ?? (() => globalThis.navigator?.onLine !== false);
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const changed = (ids: string[]) => {
    if (ids.length) options.onChange?.(ids);
  };

  let stopped = false;
  const inFlight = new Set<AbortController>();
  let current: Promise<RunSummary> | null = null;
  let again = false;

  /** Take one due entry nobody holds, skipping those already tried in this run. */
  async function claim(skip: Set<string>): Promise<{ entry: OutboxEntry; flag: GapFlag } | null> {
    const t = now();
    const orphans: string[] = [];
    const claimed = await db.transaction('rw', db.outbox, db.gaps, async () => {
      for (;;) {
        const [entry] = await db.outbox
          .where('nextAttemptAt')
          .belowOrEqual(t)
          .filter((e) => e.status === 'pending' && e.leaseUntil <= t && !skip.has(entryKey(e)))
          .limit(1)
          .toArray();
        if (!entry) return null;
        const flag = await db.gaps.get(entry.flagId);
        if (!flag) {
          await db.outbox.put({ ...entry, status: 'failed', lastError: 'The flag is no longer stored on this computer.', nextAttemptAt: NEVER, leaseUntil: 0 });
          orphans.push(entry.flagId);
          continue;
        }
        const held: OutboxEntry = { ...entry, attempts: entry.attempts + 1, leaseUntil: t + leaseMs };
        await db.outbox.put(held);
        return { entry: held, flag };
      }
    });
    changed(orphans);
    return claimed;
  }

  /** Write what an attempt came to, if this worker still may. Returns the outcome counted. */
  async function record(held: OutboxEntry, result: DeliveryResult): Promise<'delivered' | 'retried' | 'failed' | null> {
    const t = now();
    const outcome = await db.transaction('rw', db.outbox, async () => {
      const cur = await db.outbox.get([held.flagId, held.target]);
      if (!cur || cur.status === 'delivered') return null;
      if (result.kind === 'delivered') {
        await db.outbox.put({ ...cur, status: 'delivered', deliveredAt: new Date(t).toISOString(), lastError: '', nextAttemptAt: NEVER, leaseUntil: 0 });
        return 'delivered' as const;
      }
      // Someone took the entry over after our lease ran out: their attempt decides.
      if (cur.status !== 'pending' || cur.leaseUntil !== held.leaseUntil) return null;
      if (result.kind === 'failed') {
        await db.outbox.put({ ...cur, status: 'failed', lastError: result.error, nextAttemptAt: NEVER, leaseUntil: 0 });
        return 'failed' as const;
      }
      const delay = retryDelay(cur.attempts, result.retryAfterMs, random, options.backoff);
      await db.outbox.put({ ...cur, lastError: result.error, nextAttemptAt: t + delay, leaseUntil: 0 });
      return 'retried' as const;
    });
    if (outcome) changed([held.flagId]);
    return outcome;
  }

  async function attempt(held: OutboxEntry, flag: GapFlag): Promise<DeliveryResult> {
    const deliverer = options.deliver[held.target];
    if (!deliverer) return { kind: 'failed', error: `Delivery to ${held.target} is not set up any more.` };
    const controller = new AbortController();
    inFlight.add(controller);
    // In real time: an attempt must end well before its lease does, or another worker could start a second one.
    const timer = setTimeout(() => controller.abort(new Error('the attempt took too long')), leaseMs / 2);
    try {
      return await deliverer(flag, { attempt: held.attempts, signal: controller.signal });
    } catch (error) {
      return { kind: 'retry', error: `Delivery stopped unexpectedly: ${error instanceof Error ? error.message : String(error)}` };
    } finally {
      clearTimeout(timer);
      inFlight.delete(controller);
    }
  }

  async function runOnce(): Promise<RunSummary> {
    const summary: RunSummary = { attempted: 0, delivered: 0, retried: 0, failed: 0, paused: false };
    if (!online()) return { ...summary, paused: true };
    const tried = new Set<string>();
    const worker = async () => {
      while (!stopped) {
        const next = await claim(tried);
        if (!next || stopped) return;
        tried.add(entryKey(next.entry));
        changed([next.entry.flagId]);
        summary.attempted++;
        const result = await attempt(next.entry, next.flag);
        // A stopped worker stands for a killed one: it learns nothing and writes nothing.
        if (stopped) return;
        const outcome = await record(next.entry, result).catch((error) => {
          console.warn('Deskmate: recording a gap delivery failed', String(error));
          return null;
        });
        if (outcome) summary[outcome]++;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return summary;
  }

  function run(): Promise<RunSummary> {
    if (stopped) return Promise.resolve({ attempted: 0, delivered: 0, retried: 0, failed: 0, paused: true });
    if (current) {
      again = true;
      return current;
    }
    current = (async () => {
      const total: RunSummary = { attempted: 0, delivered: 0, retried: 0, failed: 0, paused: false };
      do {
        again = false;
        const s = await runOnce();
        total.attempted += s.attempted;
        total.delivered += s.delivered;
        total.retried += s.retried;
        total.failed += s.failed;
        total.paused ||= s.paused;
      } while (again && !stopped);
      return total;
    })().finally(() => {
      current = null;
    });
    return current;
  }

  async function enqueue(flag: GapFlag, targets: readonly DeliveryTarget[]): Promise<void> {
    const wanted = [...new Set(targets)];
    for (const target of wanted) if (!DELIVERY_TARGETS.includes(target)) throw new Error(`unknown delivery target: ${String(target)}`);
    const t = now();
    await db.transaction('rw', db.gaps, db.outbox, async () => {
      // A flag is delivered as first stored: enqueueing the same id again only adds targets.
      if (!(await db.gaps.get(flag.id))) await db.gaps.add(flag);
      for (const target of wanted) {
        if (await db.outbox.get([flag.id, target])) continue;
        await db.outbox.add({ flagId: flag.id, target, status: 'pending', attempts: 0, nextAttemptAt: t, lastError: '', deliveredAt: '', leaseUntil: 0 });
      }
    });
    changed([flag.id]);
  }

  async function retry(flagId: string): Promise<number> {
    const t = now();
    const n = await db.transaction('rw', db.outbox, async () => {
      const entries = await db.outbox.where('flagId').equals(flagId).toArray();
      let count = 0;
      for (const e of entries) {
        if (e.status === 'delivered' || (e.status === 'pending' && (e.leaseUntil > t || e.nextAttemptAt <= t))) continue;
        await db.outbox.put({ ...e, status: 'pending', nextAttemptAt: t, leaseUntil: 0, lastError: e.status === 'failed' ? '' : e.lastError });
        count++;
      }
      return count;
    });
    if (n) changed([flagId]);
    return n;
  }

  function view(e: OutboxEntry, t: number): TargetDelivery {
    const pending = e.status === 'pending';
    return {
      target: e.target,
      status: e.status,
      attempts: e.attempts,
      lastError: e.lastError,
      nextAttemptAt: pending ? e.nextAttemptAt : 0,
      deliveredAt: e.deliveredAt,
      sending: pending && e.leaseUntil > t,
    };
  }

  async function status(flagIds?: readonly string[]): Promise<Record<string, FlagDelivery>> {
    const t = now();
    const entries = flagIds ? await db.outbox.where('flagId').anyOf([...flagIds]).toArray() : await db.outbox.toArray();
    const out: Record<string, FlagDelivery> = {};
    for (const id of flagIds ?? []) out[id] = { flagId: id, status: 'local', deliveries: [] };
    for (const e of entries) (out[e.flagId] ??= { flagId: e.flagId, status: 'local', deliveries: [] }).deliveries.push(view(e, t));
    for (const f of Object.values(out)) {
      f.deliveries.sort((a, b) => DELIVERY_TARGETS.indexOf(a.target) - DELIVERY_TARGETS.indexOf(b.target));
      f.status = overall(f.deliveries);
    }
    return out;
  }

  async function list(filter: { ticket?: TicketKey | null; limit?: number } = {}) {
    const limit = filter.limit ?? 200;
    const ticket = filter.ticket;
    let coll = db.gaps.orderBy('createdAt').reverse();
    if (ticket) coll = coll.filter((f) => sameTicket(f.ticket, ticket));
    const flags = await coll.limit(limit).toArray();
    const states = await status(flags.map((f) => f.id));
    return flags.map((flag) => ({ flag, delivery: states[flag.id]! }));
  }

  async function pendingFlags(): Promise<number> {
    const open = await db.outbox.where('status').anyOf('pending', 'failed').toArray();
    return new Set(open.map((e) => e.flagId)).size;
  }

  async function nextWakeAt(): Promise<number | null> {
    const pending = await db.outbox.where('status').equals('pending').toArray();
    let next: number | null = null;
    for (const e of pending) {
      const at = Math.max(e.nextAttemptAt, e.leaseUntil);
      if (next === null || at < next) next = at;
    }
    return next;
  }

  function stop(): void {
    stopped = true;
    for (const c of inFlight) c.abort(new Error('the worker stopped'));
  }

  return { enqueue, run, nextWakeAt, retry, status, list, pendingFlags, stop };
}
