/**
 * Keeps the active ticket's Conversation current in a content script.
 *
 * - One MutationObserver, scoped to the active ticket's log, re-targeted when
 *   the agent switches ticket; records are batched and only message items that
 *   changed (or are new) are parsed again.
 * - Ticket switches in a single-page helpdesk happen without a page load, and an
 *   isolated world cannot see the page's history.pushState, so the watcher
 *   checks the ticket in front on clicks, key presses and popstate, and on a
 *   short poll (a few DOM queries), which also catches programmatic switches.
 */
import type { TabTicketState } from '../messaging';
import { AdapterError, assembleConversation, type ActiveTicket, type SiteAdapter, type TicketHeader } from '../adapters/types';
import type { Conversation, Message } from '../types';

export interface WatcherOptions {
  adapter: SiteAdapter;
  doc: Document;
  host: string;
  signal: AbortSignal;
  onState: (state: TabTicketState) => void;
  /** How often the ticket in front is checked (ms). Zendesk must switch within 300 ms. */
  pollMs?: number;
  /** How long mutation records are gathered before one re-read (ms). */
  batchMs?: number;
}

interface Current {
  ticket: ActiveTicket;
  log: Element;
  observer: MutationObserver;
  parsed: WeakMap<Element, Message | null>;
  dirty: Set<Element>;
}

export function watchTickets(opts: WatcherOptions): { refresh: () => TabTicketState } {
  const { adapter, doc, host, signal, onState } = opts;
  const pollMs = opts.pollMs ?? 200;
  const batchMs = opts.batchMs ?? 40;
  let current: Current | null = null;
  let lastSent = '';
  let lastState: TabTicketState = { kind: 'none', site: adapter.id };
  let flushTimer: ReturnType<typeof setTimeout> | null = null;

  function emit(state: TabTicketState) {
    lastState = state;
    const serialized = JSON.stringify(state);
    if (serialized === lastSent) return;
    lastSent = serialized;
    onState(state);
  }

  function fail(error: unknown, ticketId: string | null): TabTicketState {
    if (!(error instanceof AdapterError)) throw error;
    return {
      kind: 'failed',
      key: ticketId ? { site: adapter.id, host, ticketId } : null,
      failure: { adapter: error.adapter, selector: error.selector, detail: error.message.slice(0, 500) },
    };
  }

  function detach() {
    current?.observer.disconnect();
    current = null;
  }

  function attach(ticket: ActiveTicket): void {
    const log = adapter.log(ticket.root);
    const state: Current = { ticket, log, observer: new MutationObserver(onMutations), parsed: new WeakMap(), dirty: new Set() };
    state.observer.observe(log, { childList: true, subtree: true, characterData: true });
    current = state;
  }

  function onMutations(records: MutationRecord[]) {
    if (!current) return;
    for (const record of records) {
      const node = record.target.nodeType === 1 ? (record.target as Element) : record.target.parentElement;
      // The item that contains the change is parsed again; new items are found on flush.
      const item = node ? closestItem(node, current.log) : null;
      if (item) current.dirty.add(item);
    }
    flushTimer ??= setTimeout(flush, batchMs);
  }

  function closestItem(node: Element, log: Element): Element | null {
    for (let el: Element | null = node; el && el !== log; el = el.parentElement) {
      if (current?.parsed.has(el)) return el;
    }
    return null;
  }

  function read(cur: Current): Conversation {
    const header: TicketHeader = adapter.header(cur.ticket.root);
    const messages: Message[] = [];
    for (const item of adapter.items(cur.log)) {
      let message = cur.parsed.get(item);
      if (message === undefined || cur.dirty.has(item)) {
        message = adapter.message(item, header);
        cur.parsed.set(item, message);
      }
      if (message) messages.push(message);
    }
    cur.dirty.clear();
    return assembleConversation(adapter, host, cur.ticket.ticketId, header, cur.log, messages);
  }

  /** Re-reads the ticket in front; switches the observer when it changed. */
  function flush(): TabTicketState {
    if (flushTimer) clearTimeout(flushTimer);
    flushTimer = null;
    if (signal.aborted) return lastState;
    let ticketId: string | null = null;
    try {
      const ticket = adapter.activeTicket(doc);
      ticketId = ticket?.ticketId ?? null;
      if (!ticket) {
        detach();
        emit({ kind: 'none', site: adapter.id });
        return lastState;
      }
      const switched = !current || current.ticket.ticketId !== ticket.ticketId || current.ticket.root !== ticket.root;
      if (switched || !sameLog(current!)) {
        detach();
        attach(ticket);
      }
      emit({ kind: 'ok', conversation: read(current!) });
    } catch (error) {
      detach();
      emit(fail(error, ticketId));
    }
    return lastState;
  }

  function sameLog(cur: Current): boolean {
    try {
      return cur.log.isConnected && adapter.log(cur.ticket.root) === cur.log;
    } catch {
      return false;
    }
  }

  /** Cheap check of which ticket is in front; a full read only when it changed. */
  function checkActive() {
    if (signal.aborted) return;
    let id: string | null;
    try {
      id = adapter.activeTicket(doc)?.ticketId ?? null;
    } catch {
      id = null;
    }
    const shown = lastState.kind === 'ok' ? lastState.conversation.key.ticketId : lastState.kind === 'failed' ? lastState.key?.ticketId ?? null : null;
    // The log replaced, removed or no longer matching its selector: read again (and fail visibly if it is gone).
    const stale = current !== null && !sameLog(current);
    if (id !== shown || stale || lastState.kind === 'failed') flush();
  }

  const poll = setInterval(checkActive, pollMs);
  // Navigation hints: check right after the agent acts, before the next poll.
  const hint = () => setTimeout(checkActive, 0);
  for (const type of ['click', 'keyup', 'popstate'] as const) {
    (type === 'popstate' ? doc.defaultView : doc)?.addEventListener(type, hint, { capture: true, signal, passive: true });
  }
  signal.addEventListener('abort', () => {
    clearInterval(poll);
    if (flushTimer) clearTimeout(flushTimer);
    detach();
  });

  flush();
  return { refresh: flush };
}
