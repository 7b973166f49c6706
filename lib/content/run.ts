/**
 * What every site's content script does: watch the ticket in front, report it
 * to the background, and insert text into the composer of exactly the ticket
 * the text was written for.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { handleContentRequests, requestBackground, type InsertResult, type TabTicketState } from '../messaging';
import { diagnose } from '../adapters/diagnostics';
import type { SiteAdapter } from '../adapters/types';
import type { Conversation, TicketKey } from '../types';
import { insertIntoComposer } from './composer';
import { createGapAffordance } from './gap-affordance';
import { helpdeskFetch } from './helpdesk-fetch';
import { createTranslator, localeFor } from '../i18n';
import { appendedTo, fitForReport, trimText } from './report-limits';
import { watchTickets } from './ticket-watcher';
import { watchComposer } from './composer-watch';

export async function insertForTicket(adapter: SiteAdapter, doc: Document, host: string, key: TicketKey, text: string): Promise<InsertResult> {
  const active = adapter.activeTicket(doc);
  if (!active) return { ok: false, reason: 'not-readable' };
  if (key.site !== adapter.id || key.host !== host || key.ticketId !== active.ticketId) {
    return { ok: false, reason: 'other-ticket', composerTicketId: active.ticketId };
  }
  const composer = adapter.composer(active.root);
  if (!composer) return { ok: false, reason: 'no-composer' };
  // The composer must sit inside the pane of the ticket in front, not in a hidden one.
  if (!active.root.contains(composer)) return { ok: false, reason: 'other-ticket' };
  return (await insertIntoComposer(composer, text)) ? { ok: true, ticketId: active.ticketId } : { ok: false, reason: 'not-registered' };
}

export function runContentScript(ctx: ContentScriptContext, adapter: SiteAdapter): void {
  const controller = new AbortController();
  ctx.onInvalidated(() => controller.abort());
  const host = location.host;

  // What the background has, so a new message travels alone, not with the whole ticket.
  let reported: Conversation | null = null;

  async function sendFull(state: TabTicketState) {
    reported = state.kind === 'ok' ? state.conversation : null;
    await requestBackground('ticket.report', { state: fitForReport(state) });
  }

  async function send(state: TabTicketState) {
    const appended = state.kind === 'ok' && reported ? appendedTo(reported, state.conversation) : null;
    if (!appended || appended.length > 200) return sendFull(state);
    const previous = reported!;
    reported = (state as { conversation: Conversation }).conversation;
    const { resync } = await requestBackground('ticket.append', {
      key: previous.key,
      count: previous.messages.length,
      lastId: previous.messages.at(-1)?.id ?? null,
      messages: appended.map(trimText),
    });
    if (resync) await sendFull(state);
  }

  const report = (state: TabTicketState) => {
    send(state).catch(() => {
      // The background may be restarting; it asks again with ticket.read when it is back.
      reported = null;
    });
  };

  const gaps = createGapAffordance({
    doc: document,
    t: createTranslator(localeFor(navigator.language)),
    flag: async (key, messageId, reason, note) => {
      await requestBackground('gap.flagFromPage', { key, messageId, reason, note });
    },
  });
  let decorateTimer: ReturnType<typeof setTimeout> | null = null;
  let latest: TabTicketState | null = null;
  const decorate = (state: TabTicketState) => {
    latest = state;
    if (state.kind !== 'ok') return gaps.clear();
    // After the report, off the path of the next mutation batch; for the state then current.
    decorateTimer ??= setTimeout(() => {
      decorateTimer = null;
      const shown = latest?.kind === 'ok' ? watcher.messageElements() : [];
      gaps.update(latest?.kind === 'ok' && shown.length ? latest.conversation.key : null, shown);
    }, 50);
  };

  const composerWatch = watchComposer({
    doc: document,
    signal: controller.signal,
    current: () => {
      const state = latest;
      if (state?.kind !== 'ok') return null;
      const active = adapter.activeTicket(document);
      if (!active || active.ticketId !== state.conversation.key.ticketId) return null;
      const el = adapter.composer(active.root);
      return { key: state.conversation.key, el: el && active.root.contains(el) ? el : null };
    },
    onDraft: (key, text) => void requestBackground('composer.draft', { key, text }).catch(() => undefined),
  });

  const watcher = watchTickets({
    adapter,
    doc: document,
    host,
    signal: controller.signal,
    onState: (state) => {
      report(state);
      decorate(state);
      composerWatch.check();
    },
  });

  const stop = handleContentRequests({
    'ticket.read': () => {
      const state = watcher.refresh();
      reported = state.kind === 'ok' ? state.conversation : null;
      return fitForReport(state);
    },
    'ticket.diagnose': () => {
      const state = watcher.refresh();
      return diagnose(adapter, document, state.kind === 'failed' ? { selector: state.failure.selector } : undefined);
    },
    'composer.insert': ({ key, text }) => insertForTicket(adapter, document, host, key, text),
    'helpdesk.fetch': (request) => helpdeskFetch(request, { doc: document, origin: location.origin }),
  });
  controller.signal.addEventListener('abort', () => {
    stop();
    gaps.clear();
  });
}
