/**
 * Side panels connected over the panel port. Each watches one browser window
 * and gets the state of the ticket in that window's active tab, or of the ticket
 * it pinned, whenever either changes.
 */
import type { Runtime } from '../browser';
import { activeTabId } from './active-tab';
import {
  panelToBackgroundSchema,
  requestTab,
  tabTicketStateSchema,
  type BackgroundToPanel,
  type PanelTicketState,
  type TabTicketState,
} from '../messaging';
import type { SettingsService } from '../settings/service';
import { sameTicket } from '../ticket-key';
import type { Site, TicketKey } from '../types';
import type { TabTickets } from './tab-tickets';

function siteOf(state: TabTicketState): Site {
  return state.kind === 'ok' ? state.conversation.site : state.kind === 'failed' ? state.failure.adapter : state.site;
}

interface Panel {
  port: Runtime.Port;
  windowId: number | null;
  pinned: TicketKey | null;
  /** Publishes are worked out asynchronously; only the newest one started may be sent. */
  seq: number;
}

export interface PanelsOptions {
  /** The text last typed in the helpdesk composer of a ticket, sent after the ticket's state. */
  composerDraftFor?: (key: TicketKey) => string | undefined;
}

export function createPanels(tickets: TabTickets, settings: SettingsService, analyze: (state: TabTicketState) => TabTicketState, options: PanelsOptions = {}) {
  const panels = new Set<Panel>();

  /** Asks a tab's content script directly (after a restart, or a tab we never heard from). */
  async function askTab(tabId: number, windowId: number): Promise<TabTicketState | null> {
    try {
      const state = analyze(tabTicketStateSchema.parse(await requestTab(tabId, 'ticket.read', {})));
      tickets.set({ tabId, windowId, state });
      return state;
    } catch {
      return null; // no content script there: not a helpdesk page
    }
  }

  async function siteEnabled(state: TabTicketState): Promise<boolean> {
    const s = await settings.current();
    const enabled: Record<Site, boolean> = { zendesk: s.zendeskEnabled, salesforce: s.salesforceEnabled, custom: true };
    return enabled[siteOf(state)];
  }

  async function stateFor(panel: Panel): Promise<BackgroundToPanel | null> {
    if (panel.windowId === null) return null;
    let tabId: number | null;
    let entry;
    if (panel.pinned) {
      entry = tickets.lastSeen(panel.pinned);
      tabId = entry?.tabId ?? null;
    } else {
      tabId = await activeTabId(panel.windowId);
      entry = tabId === null ? undefined : tickets.get(tabId);
    }
    let found: TabTicketState | null = entry?.state ?? null;
    if (!found && tabId !== null && !panel.pinned) found = await askTab(tabId, panel.windowId);
    let state: PanelTicketState = found ?? { kind: 'no-helpdesk' };
    if (found && !(await siteEnabled(found))) state = { kind: 'disabled', site: siteOf(found) };
    return { type: 'ticket', tabId, pinned: panel.pinned, state };
  }

  async function publish(panel: Panel) {
    const seq = ++panel.seq;
    const message = await stateFor(panel);
    // A newer publish (a tab switch, a pin) started meanwhile: this one is stale.
    if (!message || seq !== panel.seq || !panels.has(panel)) return;
    panel.port.postMessage(message);
    if (message.type !== 'ticket' || message.state.kind !== 'ok') return;
    const key = message.state.conversation.key;
    const text = options.composerDraftFor?.(key);
    if (text !== undefined) panel.port.postMessage({ type: 'composerDraft', key, text } satisfies BackgroundToPanel);
  }

  return {
    connect(port: Runtime.Port) {
      const panel: Panel = { port, windowId: null, pinned: null, seq: 0 };
      panels.add(panel);
      port.onMessage.addListener((raw: unknown) => {
        const parsed = panelToBackgroundSchema.safeParse(raw);
        if (!parsed.success) return;
        const msg = parsed.data;
        if (msg.type === 'watch') panel.windowId = msg.windowId;
        else panel.pinned = msg.key;
        void publish(panel);
        if (msg.type === 'watch') void settings.view().then((view) => port.postMessage({ type: 'settings', view } satisfies BackgroundToPanel));
      });
      port.onDisconnect.addListener(() => panels.delete(panel));
    },
    /** Something changed in this window (tab activated, tab's ticket changed): refresh its panels. */
    refreshWindow(windowId: number) {
      for (const panel of panels) if (panel.windowId === windowId || panel.pinned) void publish(panel);
    },
    refreshAll() {
      for (const panel of panels) void publish(panel);
    },
    broadcast(message: BackgroundToPanel) {
      for (const panel of panels) panel.port.postMessage(message);
    },
    /** The agent typed in a ticket's composer in this window: the panels that watch it, or are pinned to it, hear of it. */
    composerDraft(windowId: number, key: TicketKey, text: string) {
      for (const panel of panels) {
        if (panel.windowId === windowId || (panel.pinned && sameTicket(panel.pinned, key))) panel.port.postMessage({ type: 'composerDraft', key, text } satisfies BackgroundToPanel);
      }
    },
  };
}
