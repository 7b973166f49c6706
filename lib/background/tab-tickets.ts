/**
 * What each helpdesk tab shows, as its content script last reported it. Kept
 * in storage.session too, so a restarted service worker knows the tabs it had
 * without waiting for the pages to speak again.
 */
import { storage } from 'wxt/utils/storage';
import { setBounded } from '../bounded';
import type { TabTicketState } from '../messaging';
import { ticketKeyId } from '../ticket-key';
import type { Conversation, TicketKey } from '../types';

export interface TabTicket {
  tabId: number;
  windowId: number;
  state: TabTicketState;
}

const persisted = storage.defineItem<TabTicket[]>('session:tabTickets', { fallback: [] });

/** How many tickets' last conversations are kept for pinned panels. */
const RECENT_LIMIT = 20;

export function createTabTickets() {
  const byTab = new Map<number, TabTicket>();
  // The last conversation seen per ticket, so a panel pinned to a ticket keeps
  // showing it after the agent switches the tab to another one.
  const recent = new Map<string, { tabId: number; state: TabTicketState & { kind: 'ok' } }>();
  let saveTimer: ReturnType<typeof setTimeout> | null = null;

  function save() {
    saveTimer ??= setTimeout(() => {
      saveTimer = null;
      void persisted.setValue([...byTab.values()]);
    }, 100);
  }

  return {
    async restore(): Promise<void> {
      for (const entry of await persisted.getValue()) if (!byTab.has(entry.tabId)) byTab.set(entry.tabId, entry);
    },
    get(tabId: number): TabTicket | undefined {
      return byTab.get(tabId);
    },
    set(entry: TabTicket): void {
      byTab.set(entry.tabId, entry);
      if (entry.state.kind === 'ok') {
        const id = ticketKeyId(entry.state.conversation.key);
        setBounded(recent, id, { tabId: entry.tabId, state: entry.state }, RECENT_LIMIT);
      }
      save();
    },
    /** The last conversation seen for a ticket, in whichever tab. */
    lastSeen(key: TicketKey): { tabId: number; state: TabTicketState } | undefined {
      return recent.get(ticketKeyId(key));
    },
    /** The last conversation seen for a ticket (analysed), or null when it was never read. */
    lastConversation(key: TicketKey): Conversation | null {
      return recent.get(ticketKeyId(key))?.state.conversation ?? null;
    },
    remove(tabId: number): boolean {
      for (const [id, seen] of recent) if (seen.tabId === tabId) recent.delete(id);
      const had = byTab.delete(tabId);
      if (had) save();
      return had;
    },
    all(): TabTicket[] {
      return [...byTab.values()];
    },
  };
}

export type TabTickets = ReturnType<typeof createTabTickets>;
