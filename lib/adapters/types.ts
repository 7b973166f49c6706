import type { Channel, Conversation, Message, Site } from '../types';

/**
 * A selector kept as data: fallbacks in order of preference. Tests check each
 * against the fixtures with an expected count, so a page change shows up as a
 * named selector, not as a wrong conversation.
 */
export interface SelectorSpec {
  name: string;
  css: readonly string[];
}

/** A required part of the page is missing: names the adapter and the selector. */
export class AdapterError extends Error {
  constructor(
    readonly adapter: Site,
    readonly selector: string,
    detail: string,
  ) {
    super(`${adapter}: ${selector}: ${detail}`);
    this.name = 'AdapterError';
  }
}

/** The ticket a page shows in front, and the part of the DOM that belongs to it. */
export interface ActiveTicket {
  ticketId: string;
  root: Element;
}

export interface TicketHeader {
  channel: Channel;
  subject: string;
  requester: string;
}

/**
 * A helpdesk site. Everything is a pure function over DOM nodes (no globals,
 * no browser APIs), so the same code runs in the content script, in happy-dom
 * unit tests and in `npm run eval -- read`.
 */
export interface SiteAdapter {
  id: Site;
  /** Every selector the adapter uses, for the diagnostics report and the fixture counts. */
  selectors: Record<string, SelectorSpec>;
  /** Whether this document is this site's agent UI, from its structure (not its URL). */
  detect(doc: Document): boolean;
  /** The ticket in front; null when no ticket is open (a view, a dashboard). */
  activeTicket(doc: Document): ActiveTicket | null;
  header(root: Element): TicketHeader;
  /** The element that holds the conversation; observed for changes. */
  log(root: Element): Element;
  /** Message elements in the order the page shows them. */
  items(log: Element): Element[];
  /** Whether an element is one message item (lets the watcher place new items without listing the log again). */
  isItem?(el: Element): boolean;
  /** One message element to a Message; null for an item that is not a message (a hidden duplicate). */
  message(item: Element, header: TicketHeader): Message | null;
  /** True when the page shows newest first; the reader then reverses. */
  newestFirst?(log: Element): boolean;
  /** The reply composer of this ticket, if one is open. */
  composer(root: Element): Element | null;
}

/** A Conversation from what an adapter read: oldest first, whatever order the page shows, each message once. */
export function assembleConversation(
  adapter: SiteAdapter,
  host: string,
  ticketId: string,
  header: TicketHeader,
  log: Element,
  messages: Message[],
): Conversation {
  if (adapter.newestFirst?.(log)) messages.reverse();
  // A re-render or a lazy load can show the same message twice for a moment: count it once.
  const seen = new Set<string>();
  const unique = messages.filter((m) => !m.id || (!seen.has(m.id) && !!seen.add(m.id)));
  return { key: { site: adapter.id, host, ticketId }, site: adapter.id, ...header, language: '', messages: unique };
}

/** The whole conversation of the active ticket, read at once. Throws AdapterError. */
export function readConversation(adapter: SiteAdapter, doc: Document, host: string): Conversation | null {
  const active = adapter.activeTicket(doc);
  if (!active) return null;
  const header = adapter.header(active.root);
  const log = adapter.log(active.root);
  const messages = adapter
    .items(log)
    .map((item) => adapter.message(item, header))
    .filter((m): m is Message => m !== null);
  return assembleConversation(adapter, host, active.ticketId, header, log, messages);
}
