/**
 * Our own retry and timeout policy around the SDK (which runs with maxRetries: 0):
 * - 429: wait what Retry-After asks when that is at most `maxRetryAfterMs`; longer, give up at once
 *   and let the UI say when to try again (an agent will not stare at a spinner for a minute).
 * - 5xx: exponential backoff (base, 2×, 4×, with a little jitter), `attempts` in all.
 * - nothing else is retried: 4xx will not change, a timeout has already cost the agent its wait.
 * Streams retry only before the first token (the caller decides; see client.ts).
 */
import type { LlmFault } from './faults';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxRetryAfterMs: number;
}

export interface Timeouts {
  /** Request start to the first streamed chunk (headers included). */
  firstTokenMs: number;
  /** Between two streamed chunks once the stream has started. */
  idleMs: number;
  /** A whole non-streamed request (models, JSON, embeddings). */
  requestMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 500, maxRetryAfterMs: 8_000 };
export const DEFAULT_TIMEOUTS: Timeouts = { firstTokenMs: 20_000, idleMs: 15_000, requestMs: 30_000 };

/** How long to wait before attempt `attempt + 1` (0-based `attempt` just failed), or null to stop. */
export function retryDelay(f: LlmFault, attempt: number, policy: RetryPolicy): number | null {
  if (attempt + 1 >= policy.attempts) return null;
  const backoff = policy.baseDelayMs * 2 ** attempt * (1 + Math.random() * 0.2);
  if (f.code === 'rate_limited') {
    if (f.retryAfterMs === undefined) return backoff;
    return f.retryAfterMs <= policy.maxRetryAfterMs ? f.retryAfterMs : null;
  }
  return f.code === 'server' ? backoff : null;
}

/** Resolves after `ms`, or early with false when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const done = (ok: boolean) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve(ok);
    };
    const onAbort = () => done(false);
    const timer = setTimeout(() => done(true), ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * One attempt's abort: fires on the caller's signal or on our own timer, and remembers which,
 * so a timeout is never reported as a cancellation or the other way round.
 */
export class Attempt {
  readonly signal: AbortSignal;
  timedOut = false;
  private readonly controller = new AbortController();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly unlink: () => void;

  constructor(private readonly caller: AbortSignal | undefined) {
    this.signal = this.controller.signal;
    const onAbort = () => this.controller.abort(caller?.reason);
    if (caller?.aborted) this.controller.abort(caller.reason);
    caller?.addEventListener('abort', onAbort, { once: true });
    this.unlink = () => caller?.removeEventListener('abort', onAbort);
  }

  get cancelled(): boolean {
    return !!this.caller?.aborted && !this.timedOut;
  }

  /** (Re)arms the timer: each streamed chunk pushes the deadline out by `ms`. */
  arm(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort(new DOMException('timed out', 'TimeoutError'));
    }, ms);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.unlink();
  }
}
