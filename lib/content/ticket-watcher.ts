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
import { sameTicket } from '../ticket-key';
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
  /** Told how long each re-read took (ms): for the bench, which measures the cost on the host page. */
  onFlushTiming?: (ms: number) => void;
}

interface Current {
  ticket: ActiveTicket;
  log: Element;
  observer: MutationObserver;
  parsed: WeakMap<Element, Message | null>;
  dirty: Set<Element>;
  /**
   * Subject, channel and requester live outside the log. Finding the requester
   * walks the whole pane, so it is read when the ticket is attached and on the
   * periodic check, not for every new message.
   */
  header: TicketHeader | null;
  /** The log's message items in page order, kept up to date from mutation records when the adapter can tell an item. */
  items: Element[] | null;
  added: Element[];
}

function sameMessage(a: Message, b: Message): boolean {
  return a === b || (a.id === b.id && a.text === b.text && a.role === b.role && a.author === b.author && a.at === b.at);
}

/**
 * Whether two states would show the same thing. Messages parsed once are the
 * same objects from one read to the next, so comparing a long ticket costs a
 * pass over references, not a serialization of all its text.
 */
function sameState(a: TabTicketState, b: TabTicketState): boolean {
  if (a.kind !== 'ok' || b.kind !== 'ok') return JSON.stringify(a) === JSON.stringify(b);
  const x = a.conversation;
  const y = b.conversation;
  return (
    sameTicket(x.key, y.key) &&
    x.channel === y.channel &&
    x.subject === y.subject &&
    x.requester === y.requester &&
    x.messages.length === y.messages.length &&
    x.messages.every((m, i) => sameMessage(m, y.messages[i]!))
  );
}

/** The tag of the elements Deskmate adds to a helpdesk page (each holds a closed shadow root). */
export const OWN_ELEMENT = 'deskmate-gap';

function onlyOwnNodes(record: MutationRecord): boolean {
  const own = (n: Node) => n.nodeType === 1 && (n as Element).localName === OWN_ELEMENT;
  const nodes = [...record.addedNodes, ...record.removedNodes];
  return nodes.length > 0 && nodes.every(own);
}

export interface TicketWatcher {
  refresh: () => TabTicketState;
  /** The page element of each message of the ticket in front, as last read (none when it failed). */
  messageElements: () => { element: Element; message: Message }[];
}

export function watchTickets(opts: WatcherOptions): TicketWatcher {
  const { adapter, doc, host, signal, onState } = opts;
  const pollMs = opts.pollMs ?? 200;
  const batchMs = opts.batchMs ?? 40;
  let current: Current | null = null;
  let lastState: TabTicketState | null = null;
  let flushTimer: ReturnType<typeof setTimeout> | null = null;

  /** Reports a state only when it differs from the last one reported. */
  function emit(state: TabTicketState) {
    const previous = lastState;
    lastState = state;
    if (previous && sameState(previous, state)) return;
    onState(state);
  }

  /**
   * A page the adapter can't read is a state to show, not a crash: an
   * AdapterError names its selector; anything else (a page shape no test
   * foresaw) is reported by its error type only, never its message, which
   * could quote the page.
   */
  function fail(error: unknown, ticketId: string | null): TabTicketState {
    const failure =
      error instanceof AdapterError
        ? { adapter: error.adapter, selector: error.selector, detail: error.message.slice(0, 500) }
        : { adapter: adapter.id, selector: '(unexpected page structure)', detail: error instanceof Error ? error.name : typeof error };
    return { kind: 'failed', key: ticketId ? { site: adapter.id, host, ticketId } : null, failure };
  }

  function detach() {
    current?.observer.disconnect();
    current = null;
  }

  function attach(ticket: ActiveTicket): void {
    const log = adapter.log(ticket.root);
    const state: Current = { ticket, log, observer: new MutationObserver(onMutations), parsed: new WeakMap(), dirty: new Set(), header: null, items: null, added: [] };
    state.observer.observe(log, { childList: true, subtree: true, characterData: true });
    current = state;
  }

  function onMutations(records: MutationRecord[]) {
    if (!current) return;
    for (const record of records) {
      // Deskmate's own affordances on the page (in shadow roots) are not the helpdesk's content.
      if (record.type === 'childList' && onlyOwnNodes(record)) continue;
      if (record.type === 'childList') trackItems(current, record);
      const node = record.target.nodeType === 1 ? (record.target as Element) : record.target.parentElement;
      // The item that contains the change is parsed again; new items are found on flush.
      const item = node ? closestItem(node, current.log) : null;
      if (item) current.dirty.add(item);
    }
    flushTimer ??= setTimeout(() => flush(false), batchMs);
  }

  /**
   * Listing a 1,000-message log with querySelectorAll costs more than all the
   * rest of a re-read, so new items are placed from the mutation records: an
   * item appended after the last one or before the first. Anything else (a
   * removal, an insertion in the middle) lists the log again.
   */
  function trackItems(cur: Current, record: MutationRecord) {
    if (!cur.items) return;
    for (const node of record.removedNodes) {
      if (node.nodeType === 1 && (cur.parsed.has(node as Element) || adapter.items(node as Element).length > 0)) cur.items = null;
    }
    for (const node of record.addedNodes) if (node.nodeType === 1) cur.added.push(node as Element);
  }

  function listItems(cur: Current): Element[] {
    const isItem = adapter.isItem;
    if (cur.items && isItem) {
      for (const node of cur.added.splice(0)) {
        if (!node.isConnected) continue;
        const found = isItem(node) ? [node] : adapter.items(node);
        for (const item of found) {
          if (cur.items.includes(item)) continue;
          const last = cur.items.at(-1);
          const first = cur.items[0];
          if (!last || last.compareDocumentPosition(item) & Node.DOCUMENT_POSITION_FOLLOWING) cur.items.push(item);
          else if (first!.compareDocumentPosition(item) & Node.DOCUMENT_POSITION_PRECEDING) cur.items.unshift(item);
          else return (cur.items = adapter.items(cur.log));
        }
      }
      return cur.items;
    }
    cur.added.length = 0;
    return (cur.items = adapter.items(cur.log));
  }

  function closestItem(node: Element, log: Element): Element | null {
    for (let el: Element | null = node; el && el !== log; el = el.parentElement) {
      if (current?.parsed.has(el)) return el;
    }
    return null;
  }

  function read(cur: Current): Conversation {
    const header: TicketHeader = (cur.header ??= adapter.header(cur.ticket.root));
    const messages: Message[] = [];
    for (const item of listItems(cur)) {
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
  function flush(recheck = true): TabTicketState {
    if (!opts.onFlushTiming) return flushNow(recheck);
    const t0 = performance.now();
    const state = flushNow(recheck);
    opts.onFlushTiming(performance.now() - t0);
    return state;
  }

  /**
   * `recheck` finds the ticket in front again (computed styles of the panes);
   * a flush for changes inside the observed log skips that: a ticket switch
   * is the poll's and the navigation hints' business.
   */
  function flushNow(recheck: boolean): TabTicketState {
    if (flushTimer) clearTimeout(flushTimer);
    flushTimer = null;
    if (signal.aborted) return lastState ?? { kind: 'none', site: adapter.id };
    let ticketId: string | null = null;
    try {
      const ticket = !recheck && current?.ticket.root.isConnected ? current.ticket : adapter.activeTicket(doc);
      ticketId = ticket?.ticketId ?? null;
      if (!ticket) {
        detach();
        emit({ kind: 'none', site: adapter.id });
        return lastState!;
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
    return lastState!;
  }

  function sameLog(cur: Current): boolean {
    try {
      return cur.log.isConnected && adapter.log(cur.ticket.root) === cur.log;
    } catch {
      return false;
    }
  }

  let polls = 0;
  const HEADER_EVERY = 10;

  /** Cheap check of which ticket is in front; a full read only when it changed. */
  function checkActive() {
    if (signal.aborted) return;
    // Now and then, look at the header again (the agent may edit the subject).
    if (current && ++polls % HEADER_EVERY === 0) {
      current.header = null;
      flushTimer ??= setTimeout(() => flush(false), 0);
    }
    let id: string | null;
    try {
      id = adapter.activeTicket(doc)?.ticketId ?? null;
    } catch {
      id = null;
    }
    const shown = lastState?.kind === 'ok' ? lastState.conversation.key.ticketId : lastState?.kind === 'failed' ? lastState.key?.ticketId ?? null : null;
    // The log replaced, removed or no longer matching its selector: read again (and fail visibly if it is gone).
    const stale = current !== null && !sameLog(current);
    if (id !== shown || stale || lastState?.kind === 'failed') flush();
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
  return {
    refresh: flush,
    messageElements() {
      const cur = current;
      if (!cur || !cur.items || lastState?.kind !== 'ok') return [];
      const found: { element: Element; message: Message }[] = [];
      for (const element of cur.items) {
        const message = cur.parsed.get(element);
        if (message) found.push({ element, message });
      }
      return found;
    },
  };
}
