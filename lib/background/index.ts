/**
 * The background service worker: owns every privilege (storage.managed, the
 * network, IndexedDB) and routes between helpdesk tabs and the side panel.
 */
import { setBounded } from '../bounded';
import { browser } from '../browser';
import { ASSIST_PORT, PANEL_PORT, handleBackgroundRequests, insertResultSchema, requestTab, senderKind, tabTicketStateSchema, type TabTicketState } from '../messaging';
import { analyzeState } from '../analysis/index';
import { createIntentService } from '../analysis/intent-service';
import { outboundPreview } from '../analysis/outbound';
import { customSiteForUrl, type CustomSite } from '../adapters/configured';
import { fitForReport } from '../content/report-limits';
import type { TeamIntent } from '../settings/catalogue';
import { createSettingsService } from '../settings/service';
import { sameTicket, ticketKeyId } from '../ticket-key';
import { activeTabId } from './active-tab';
import { syncCustomSites } from './custom-sites';
import { createPanels } from './panels';
import { createTabTickets } from './tab-tickets';
import { createKnowledgeBackground } from './knowledge';
import { createAssist } from './assist';
import { createRefiner } from './refine';
import { DEFAULT_INTENT_PHRASES } from '../analysis/intents-default';
import type { Conversation } from '../types';

function hostOf(url: string | undefined): string | null {
  try {
    return url ? new URL(url).host : null;
  } catch {
    return null;
  }
}

export function startBackground(): void {
  const settings = createSettingsService();
  const tickets = createTabTickets();
  const intents = createIntentService();
  let teamIntents: TeamIntent[] = [];
  const refiner = createRefiner({
    settings: () => settings.current(),
    intentNames: (s) => (s.intents.length ? s.intents.map((i) => i.name) : Object.keys(DEFAULT_INTENT_PHRASES)),
    onRefined: (conversation) => {
      // The model answered about this ticket's latest message: show it wherever the ticket is.
      for (const entry of tickets.all()) {
        if (entry.state.kind !== 'ok' || !sameTicket(entry.state.conversation.key, conversation.key)) continue;
        tickets.set({ ...entry, state: analyze(entry.state) });
        panels.refreshWindow(entry.windowId);
      }
    },
  });
  const analyze = (state: TabTicketState): TabTicketState => {
    const analysed = analyzeState(state, (texts) => intents.classify(teamIntents, texts));
    if (analysed.kind !== 'ok') return analysed;
    const conversation: Conversation = analysed.conversation;
    if (!conversation.insight) return analysed;
    refiner.request(conversation);
    const refined = refiner.refinedFor(conversation);
    const withRefined: Conversation = refined ? { ...conversation, insight: { ...conversation.insight, refined } } : conversation;
    return { kind: 'ok', conversation: withRefined } as TabTicketState;
  };
  // What the agent typed in each ticket's helpdesk composer (memory only; the newest 200 tickets).
  const composerDrafts = new Map<string, string>();
  const panels = createPanels(tickets, settings, analyze, { composerDraftFor: (key) => composerDrafts.get(ticketKeyId(key)) });
  void settings.start();
  const restored = tickets.restore();
  const knowledge = createKnowledgeBackground({ settings, tickets, onFlagsChanged: () => panels.broadcast({ type: 'flags' }) });
  const assist = createAssist({
    settings,
    conversationOf: (key) => tickets.lastConversation(key),
    knowledgeFor: (conversation) => knowledge.recommendFor(conversation),
  });

  let customSites: CustomSite[] = [];
  const syncSites = async () => {
    const current = await settings.current();
    teamIntents = current.intents;
    customSites = current.customSites;
    await syncCustomSites(customSites).catch((error) => console.warn('Deskmate: registering configured helpdesks failed', String(error)));
  };
  const syncReady = syncSites();
  browser.permissions.onAdded.addListener(() => void syncSites());
  browser.permissions.onRemoved.addListener(() => void syncSites());

  settings.subscribe((view) => {
    panels.broadcast({ type: 'settings', view });
    panels.refreshAll();
    void syncSites();
  });

  handleBackgroundRequests({
    'ticket.report': async ({ state }, sender) => {
      await restored;
      const tab = sender.tab!;
      tickets.set({ tabId: tab.id!, windowId: tab.windowId ?? -1, state: analyze(state) });
      panels.refreshWindow(tab.windowId ?? -1);
      if (state.kind === 'ok') knowledge.onTicket(state.conversation);
    },
    'ticket.append': async ({ key, count, lastId, messages }, sender) => {
      await restored;
      const tab = sender.tab!;
      const entry = tickets.get(tab.id!);
      const have = entry?.state.kind === 'ok' ? entry.state.conversation : null;
      if (!have || !sameTicket(have.key, key) || have.messages.length !== count || (have.messages.at(-1)?.id ?? null) !== lastId) {
        return { resync: true };
      }
      const state = { kind: 'ok' as const, conversation: { ...have, messages: [...have.messages, ...messages] } };
      tickets.set({ tabId: tab.id!, windowId: tab.windowId ?? -1, state: analyze(fitForReport(state)) });
      panels.refreshWindow(tab.windowId ?? -1);
      return { resync: false };
    },
    'composer.draft': ({ key, text }, sender) => {
      // A tab speaks for its own helpdesk only.
      if (hostOf(sender.url) !== key.host) return;
      if (text) setBounded(composerDrafts, ticketKeyId(key), text, 200);
      else composerDrafts.delete(ticketKeyId(key));
      panels.composerDraft(sender.tab?.windowId ?? -1, key, text);
    },
    'composer.insert': async ({ windowId, key, text }) => {
      const tabId = await activeTabId(windowId);
      if (tabId === null) return { ok: false, reason: 'no-helpdesk-tab' };
      try {
        return insertResultSchema.parse(await requestTab(tabId, 'composer.insert', { key, text }));
      } catch {
        return { ok: false, reason: 'no-helpdesk-tab' };
      }
    },
    'ticket.diagnose': async ({ windowId }) => {
      const tabId = await activeTabId(windowId);
      if (tabId === null) throw new Error('no helpdesk tab is active in this window');
      return requestTab(tabId, 'ticket.diagnose', {});
    },
    'ticket.preview': async ({ key }) => {
      await restored;
      const conversation = tickets.lastConversation(key);
      return conversation ? outboundPreview(conversation, { redactPii: (await settings.current()).redactPii }) : null;
    },
    'custom.config': async (_payload, sender) => {
      await syncReady;
      return customSiteForUrl(customSites, sender.url ?? '');
    },
    'settings.get': () => settings.view(),
    'settings.set': ({ patch }) => settings.update(patch),
    ...knowledge.handlers,
    ...assist.handlers,
  });
  knowledge.start();

  browser.runtime.onConnect.addListener((port) => {
    if ((port.name !== PANEL_PORT && port.name !== ASSIST_PORT) || !port.sender || senderKind(port.sender) !== 'extension-page') {
      port.disconnect();
      return;
    }
    if (port.name === ASSIST_PORT) assist.connect(port);
    else panels.connect(port);
  });

  browser.tabs.onActivated.addListener(({ windowId }) => panels.refreshWindow(windowId));
  browser.tabs.onRemoved.addListener((tabId, { windowId }) => {
    if (tickets.remove(tabId)) panels.refreshWindow(windowId);
  });
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    // Chrome reports "loading" for a helpdesk's own history.pushState too, when
    // the page and its content script stay. Ask the page: if its content script
    // answers, keep what it says; if not, a new document is loading and the old
    // report is stale until the new content script speaks.
    if (change.status !== 'loading' || !tickets.get(tabId)) return;
    const windowId = tab.windowId ?? -1;
    void requestTab(tabId, 'ticket.read', {})
      .then((state) => tickets.set({ tabId, windowId, state: analyze(tabTicketStateSchema.parse(state)) }))
      .catch(() => tickets.remove(tabId))
      .finally(() => panels.refreshWindow(windowId));
  });
}
