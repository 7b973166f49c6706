/**
 * Which model requests are still wanted. One controller per ticket and request kind: starting
 * a draft for a ticket aborts the draft still streaming for it (the customer wrote again, the
 * agent asked again), and leaving a ticket aborts everything for it. The client reports those
 * aborts as `cancelled`, so the panel can drop them quietly.
 */
import { ticketKeyId } from '../ticket-key';
import type { TicketKey } from '../types';

/** Kinds run independently: a rewrite does not cancel the draft it rewrites. */
export type RequestKind = 'draft' | 'draft2' | 'rewrite' | 'summary' | 'review' | 'refine' | 'test' | (string & {});

export interface ModelRequests {
  /** The signal for a new request; the previous one of this kind on this ticket is aborted. */
  start(ticket: TicketKey, kind: RequestKind): AbortSignal;
  /** The request is over (whatever its outcome): forget it, unless a newer one took its place. */
  finish(ticket: TicketKey, kind: RequestKind, signal: AbortSignal): void;
  /** Aborts every request for a ticket. */
  cancelTicket(ticket: TicketKey): void;
  /** Aborts every request not for `ticket` (the agent switched to it). */
  keepOnly(ticket: TicketKey): void;
  /** How many are in flight (for diagnostics). */
  readonly size: number;
}

export function createModelRequests(): ModelRequests {
  const live = new Map<string, { ticket: string; controller: AbortController }>();
  const slot = (ticket: TicketKey, kind: RequestKind) => `${ticketKeyId(ticket)}\u0000${kind}`;
  const abortWhere = (test: (ticket: string) => boolean) => {
    for (const [k, v] of live) {
      if (!test(v.ticket)) continue;
      v.controller.abort(new DOMException('superseded', 'AbortError'));
      live.delete(k);
    }
  };
  return {
    start(ticket, kind) {
      const k = slot(ticket, kind);
      live.get(k)?.controller.abort(new DOMException('superseded', 'AbortError'));
      const controller = new AbortController();
      live.set(k, { ticket: ticketKeyId(ticket), controller });
      return controller.signal;
    },
    finish(ticket, kind, signal) {
      const k = slot(ticket, kind);
      if (live.get(k)?.controller.signal === signal) live.delete(k);
    },
    cancelTicket: (ticket) => abortWhere((t) => t === ticketKeyId(ticket)),
    keepOnly: (ticket) => abortWhere((t) => t !== ticketKeyId(ticket)),
    get size() {
      return live.size;
    },
  };
}
