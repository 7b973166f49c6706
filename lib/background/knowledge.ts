/**
 * The background's knowledge side: the article store and search (IndexedDB,
 * index snapshot for warm starts), Help Center / Salesforce Knowledge sync
 * through the agent's own helpdesk tab, file import, feedback, knowledge-gap
 * flags delivered through the outbox (webhook, Zendesk), exports and the
 * team view's gap clusters.
 */
import { browser } from '../browser';
import { redact } from '../analysis/pii';
import { requestTab, type BackgroundHandlers, type HelpdeskFetchResult } from '../messaging';
import { openKnowledgeDb } from '../knowledge/db';
import { createKnowledgeService, type KnowledgeService } from '../knowledge/service';
import { createGapFlag } from '../knowledge/gaps';
import { createOutbox, type FlagDelivery, type Outbox } from '../knowledge/outbox';
import { createWebhookDeliverer, createZendeskDeliverer, zendeskTokenRequest, type ZendeskRequest } from '../knowledge/deliver';
import { exportFeedback, exportFlags } from '../knowledge/export';
import { gapClusters } from '../knowledge/clusters';
import { importFiles } from '../knowledge/import';
import { syncZendesk, zendeskTokenAuth, httpFetchJson, type FetchJson } from '../knowledge/zendesk-sync';
import { syncSalesforce } from '../knowledge/salesforce-sync';
import { dexieCursors, knownArticleIds, type SyncOutcome } from '../knowledge/cursors';
import type { DeliveryTarget, GapFlag, Recommendation } from '../knowledge/types';
import { ticketKeyId } from '../ticket-key';
import type { FlagView, KnowledgeStatus, SourceStatus } from '../knowledge/views';
import { createModelClient, modelConfigFromSettings } from '../llm/client';
import type { SettingsService } from '../settings/service';
import type { Settings } from '../settings/catalogue';
import { latestCustomerMessage, type Conversation, type TicketKey } from '../types';
import type { TabTickets } from './tab-tickets';

const OUTBOX_ALARM = 'deskmate-gap-outbox';
/** A helpdesk's knowledge is synced again when a ticket is opened this long after the last sync. */
const SYNC_EVERY_MS = 30 * 60 * 1000;
const RECOMMENDATIONS = 5;

type KnowledgeHandlers = Pick<
  BackgroundHandlers,
  'kb.recommend' | 'kb.search' | 'kb.feedback' | 'gap.flag' | 'gap.flagFromPage' | 'gap.list' | 'gap.retry' | 'kb.status' | 'kb.sync' | 'kb.import' | 'kb.export' | 'kb.teamGaps' | 'ticket.note'
>;

function ticketUrl(key: TicketKey): string {
  if (key.site === 'zendesk') return `https://${key.host}/agent/tickets/${encodeURIComponent(key.ticketId)}`;
  return '';
}

function toFlagView({ flag, delivery }: { flag: GapFlag; delivery: FlagDelivery }): FlagView {
  return {
    id: flag.id,
    createdAt: flag.createdAt,
    ticketId: flag.ticket.ticketId,
    reason: flag.reason,
    note: flag.note,
    excerpt: flag.excerpt,
    deliveries: delivery.deliveries.map((d) => ({ target: d.target, status: d.status, attempts: d.attempts, lastError: d.lastError, nextAttemptAt: d.nextAttemptAt })),
  };
}

export function createKnowledgeBackground(deps: { settings: SettingsService; tickets: TabTickets; onFlagsChanged?: () => void }) {
  const { settings, tickets } = deps;
  const db = openKnowledgeDb();
  let current: Settings | null = null;
  const embed = async (texts: string[]) => {
    const s = current;
    const config = s?.embeddingsModel ? modelConfigFromSettings(s) : null;
    if (!config) throw new Error('no embedding model');
    const result = await createModelClient(config).embed(texts);
    if (!result.ok) throw new Error(result.fault.code);
    return result.vectors.map((v) => Float32Array.from(v));
  };
  const service: KnowledgeService = createKnowledgeService({ db, embed, embedModel: 'endpoint' });
  const ready = service.ready().catch((error) => console.warn('Deskmate: knowledge index', String(error)));
  const sources = new Map<string, SourceStatus>();

  /** The Zendesk tab of a host, to call its API with the agent's session. */
  function tabFor(site: 'zendesk' | 'salesforce', host: string): number | null {
    for (const entry of tickets.all()) {
      const state = entry.state;
      const key = state.kind === 'ok' ? state.conversation.key : state.kind === 'failed' ? state.key : null;
      if (key?.site === site && key.host === host) return entry.tabId;
    }
    return null;
  }

  function sessionRequest(site: 'zendesk' | 'salesforce', host: string): ZendeskRequest {
    return async (method, path, body, headers) => {
      const tabId = tabFor(site, host);
      if (tabId === null) throw new TypeError(`no ${site} tab of ${host} is open`);
      const idempotencyKey = headers?.['Idempotency-Key'];
      const result: HelpdeskFetchResult = await requestTab(tabId, 'helpdesk.fetch', { method, path, body, ...(idempotencyKey ? { idempotencyKey } : {}) });
      return result;
    };
  }

  function zendeskRequest(host: string): ZendeskRequest {
    const s = current!;
    if (s.kbZendeskApiEmail && s.kbZendeskApiToken) return zendeskTokenRequest({ host, email: s.kbZendeskApiEmail, token: s.kbZendeskApiToken });
    return sessionRequest('zendesk', host);
  }

  const outbox: Outbox = createOutbox({
    db,
    onChange: () => deps.onFlagsChanged?.(),
    deliver: {
      webhook: (flag, ctx) => {
        const s = current!;
        if (!s.gapWebhookUrl) return Promise.resolve({ kind: 'failed', error: 'no webhook is configured any more' } as const);
        return createWebhookDeliverer({ url: s.gapWebhookUrl, secret: s.gapWebhookSecret || undefined })(flag, ctx);
      },
      zendesk: (flag, ctx) => {
        const s = current!;
        const mode = s.gapZendeskDelivery;
        if (mode === 'off') return Promise.resolve({ kind: 'failed', error: 'Zendesk delivery was switched off' } as const);
        const host = flag.ticket.site === 'zendesk' ? flag.ticket.host : [...sources.keys()].find((k) => k.startsWith('zendesk:'))?.slice(8) ?? '';
        if (!host) return Promise.resolve({ kind: 'retry', error: 'no Zendesk to deliver to yet' } as const);
        return createZendeskDeliverer({ mode, request: zendeskRequest(host), host })(flag, ctx);
      },
    },
  });

  async function scheduleOutbox() {
    const at = await outbox.nextWakeAt();
    if (at === null) await browser.alarms.clear(OUTBOX_ALARM);
    else await browser.alarms.create(OUTBOX_ALARM, { when: Math.max(at, Date.now() + 30_000) });
  }
  let running: Promise<unknown> | null = null;
  function kick() {
    running ??= (async () => {
      current = await settings.current();
      await outbox.run();
    })()
      .catch((error) => console.warn('Deskmate: gap outbox', String(error)))
      .finally(() => {
        running = null;
        void scheduleOutbox().catch(() => undefined);
      });
  }

  // ------------------------------------------------------------- sync
  function sourceStatus(key: string): SourceStatus {
    let s = sources.get(key);
    if (!s) sources.set(key, (s = { key, articles: 0, lastSyncAt: '', error: '', running: false, progress: null }));
    return s;
  }

  async function store(outcome: SyncOutcome) {
    await ready;
    if (outcome.deletions.length) await service.removeArticles(outcome.deletions);
    if (outcome.upserts.length) await service.upsertArticles(outcome.upserts);
    // Cursors last: a worker stopped in between fetches the same articles again, never skips any.
    if (outcome.cursors.length) await db.cursors.bulkPut(outcome.cursors);
  }

  async function syncSource(site: 'zendesk' | 'salesforce', host: string): Promise<void> {
    const s = (current = await settings.current());
    const status = sourceStatus(`${site}:${host}`);
    if (status.running) return;
    status.running = true;
    status.error = '';
    status.progress = null;
    try {
      const token = site === 'zendesk' && s.kbZendeskApiEmail && s.kbZendeskApiToken;
      const fetchJson: FetchJson = token
        ? httpFetchJson(`https://${host}`, { headers: { Authorization: zendeskTokenAuth(s.kbZendeskApiEmail, s.kbZendeskApiToken) } })
        : async (path) => {
            const r = await sessionRequest(site, host)('GET', path);
            const headers: Record<string, string> = r.retryAfter ? { 'retry-after': r.retryAfter } : {};
            return { status: r.status, json: r.json, headers };
          };
      const common = {
        fetchJson,
        host,
        cursors: dexieCursors(db),
        onProgress: (p: { done: number; total: number }) => (status.progress = { done: p.done, total: p.total }),
      };
      const locales = s.kbLocales.split(',').map((l) => l.trim()).filter(Boolean);
      const result =
        site === 'zendesk'
          ? await syncZendesk({ ...common, locales, auth: token ? 'token' : 'session', known: (locale) => knownArticleIds(db, 'zendesk', host, locale) })
          : await syncSalesforce({
              ...common,
              locales,
              known: async () => (await db.articles.where('id').startsWith(`salesforce:${host}:`).primaryKeys()) as string[],
            });
      if (!result.ok) {
        status.error = result.error.message;
        return;
      }
      await store(result);
      status.lastSyncAt = new Date().toISOString();
    } catch (error) {
      status.error = error instanceof Error ? error.message : String(error);
    } finally {
      status.running = false;
      status.progress = null;
      status.articles = await db.articles.where('id').startsWith(`${site}:${host}:`).count();
    }
  }

  /** When each source was last tried (success or not): a failing one waits as long as a good one. */
  const attempted = new Map<string, number>();

  /** A helpdesk tab reported a ticket: sync its knowledge when it is due. */
  function onTicket(conversation: Conversation) {
    const { site, host } = conversation.key;
    if (site === 'custom') return;
    const key = `${site}:${host}`;
    if (sources.get(key)?.running || Date.now() - (attempted.get(key) ?? 0) < SYNC_EVERY_MS) return;
    attempted.set(key, Date.now());
    void settings.current().then((s) => {
      current = s;
      if (site === 'zendesk' ? s.kbZendeskSync : s.kbSalesforceSync) void syncSource(site, host);
      else attempted.delete(key); // switched on later: sync at the next ticket
    });
  }

  async function status(): Promise<KnowledgeStatus> {
    await ready;
    const stats = await service.stats();
    for (const [source, count] of Object.entries(stats.bySource)) {
      if (source === 'import' || source === 'demo') sourceStatus(source).articles = count ?? 0;
    }
    return { articles: stats.articles, byLocale: stats.byLocale, sources: [...sources.values()].map((s) => ({ ...s })), pendingFlags: await outbox.pendingFlags() };
  }

  const conversationOf = (key: TicketKey) => tickets.lastConversation(key);

  async function flag(input: { key: TicketKey; messageId: string | null; reason: GapFlag['reason']; note: string; draft: string; articleId: string | null }) {
    const s = (current = await settings.current());
    const conversation = conversationOf(input.key);
    const message = conversation?.messages.find((m) => m.id === input.messageId) ?? (conversation ? latestCustomerMessage(conversation) : undefined);
    const gap = createGapFlag(
      {
        ticket: input.key,
        ticketUrl: ticketUrl(input.key),
        excerpt: message?.text ?? '',
        intent: conversation?.insight?.intent?.name ?? null,
        reason: input.reason,
        note: input.note,
        draft: input.draft,
        articleId: input.articleId,
        language: conversation?.language ?? '',
      },
      { redact: (text) => (s.redactPii ? redact(text).text : text) },
    );
    const targets: DeliveryTarget[] = [];
    if (s.gapWebhookUrl) targets.push('webhook');
    if (s.gapZendeskDelivery !== 'off') targets.push('zendesk');
    await outbox.enqueue(gap, targets);
    deps.onFlagsChanged?.();
    kick();
    return { flagId: gap.id };
  }

  // The panel asks when the customer writes, and a draft right after: one search serves both.
  let lastRecommendation: { key: string; hits: Promise<Recommendation[]> } | null = null;
  function recommendFor(conversation: Conversation): Promise<Recommendation[]> {
    const last = conversation.messages.at(-1);
    const key = `${ticketKeyId(conversation.key)}|${conversation.messages.length}|${last?.id ?? ''}|${conversation.insight?.intent?.name ?? ''}|${feedbackVersion}`;
    if (lastRecommendation?.key !== key) {
      const hits = ready.then(() => service.recommend(conversation, conversation.insight?.intent?.name ?? null, { limit: RECOMMENDATIONS }));
      lastRecommendation = { key, hits };
      hits.catch(() => (lastRecommendation = null));
    }
    return lastRecommendation.hits;
  }
  let feedbackVersion = 0;

  const handlers: KnowledgeHandlers = {
    'kb.recommend': async ({ key }) => {
      await ready;
      const conversation = conversationOf(key);
      const articles = (await service.stats()).articles;
      if (!conversation || articles === 0) return { hits: [], articles };
      return { hits: await recommendFor(conversation), articles };
    },
    'kb.search': async ({ query, key }) => {
      await ready;
      const conversation = key ? conversationOf(key) : null;
      return service.search(query, { limit: 10, locale: conversation?.language || undefined, intent: conversation?.insight?.intent?.name ?? null });
    },
    'kb.feedback': async ({ key, articleId, kind, note }) => {
      await ready;
      const s = await settings.current();
      const conversation = conversationOf(key);
      feedbackVersion++;
      await service.addFeedback({
        articleId,
        kind,
        note: s.redactPii ? redact(note).text : note,
        intent: conversation?.insight?.intent?.name ?? null,
        ticket: key,
        at: new Date().toISOString(),
      });
    },
    'gap.flag': (payload) => flag(payload),
    'gap.flagFromPage': (payload) => flag({ ...payload, draft: '', articleId: null }),
    'gap.list': async ({ key }) => (await outbox.list(key ? { ticket: key, limit: 50 } : { limit: 200 })).map(toFlagView),
    'gap.retry': async ({ flagId }) => {
      await outbox.retry(flagId);
      kick();
    },
    'kb.status': () => status(),
    'kb.sync': async () => {
      const s = (current = await settings.current());
      const hosts = new Set<string>();
      for (const entry of tickets.all()) {
        if (entry.state.kind !== 'ok') continue;
        const { site, host } = entry.state.conversation.key;
        if ((site === 'zendesk' && s.kbZendeskSync) || (site === 'salesforce' && s.kbSalesforceSync)) hosts.add(`${site}:${host}`);
      }
      await Promise.all([...hosts].map((h) => syncSource(h.split(':')[0] as 'zendesk' | 'salesforce', h.slice(h.indexOf(':') + 1))));
      return status();
    },
    'kb.import': async ({ files }) => {
      const result = importFiles(
        files.map((f) => ({ name: f.name, data: f.encoding === 'base64' ? Uint8Array.from(atob(f.data), (c) => c.charCodeAt(0)) : f.data })),
      );
      if (!result.ok) return { ok: false, errors: result.errors.slice(0, 50) };
      await ready;
      await service.upsertArticles(result.articles);
      return { ok: true, articles: result.articles.length };
    },
    'kb.export': async ({ what, format }) => {
      if (what === 'flags') return exportFlags(await outbox.list({ limit: Number.POSITIVE_INFINITY }), format);
      return exportFeedback(await db.feedback.toArray(), format);
    },
    'ticket.note': async ({ key, text }) => {
      if (key.site !== 'zendesk') return { ok: false, reason: 'unsupported' };
      current = await settings.current();
      try {
        const res = await zendeskRequest(key.host)('PUT', `/api/v2/tickets/${encodeURIComponent(key.ticketId)}.json`, { ticket: { comment: { body: text, public: false } } });
        return res.status >= 200 && res.status < 300 ? { ok: true } : { ok: false, reason: 'refused', status: res.status };
      } catch {
        return { ok: false, reason: 'no-helpdesk-tab' };
      }
    },
    'kb.teamGaps': async () => gapClusters({ unanswered: await db.unanswered.toArray(), flags: await db.gaps.toArray() }),
  };

  return {
    handlers,
    onTicket,
    recommendFor,
    /** Start-up, alarms and coming back online: deliver what waits. */
    start() {
      kick();
      browser.alarms.onAlarm.addListener((alarm) => {
        if (alarm.name === OUTBOX_ALARM) kick();
      });
      globalThis.addEventListener?.('online', kick);
      // Save a pending index snapshot before the browser stops the worker.
      browser.runtime.onSuspend?.addListener(() => void service.flush());
    },
    service,
    ready,
  };
}
