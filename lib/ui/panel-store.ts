/**
 * The side panel's state: which ticket it shows, the agent's reply per ticket,
 * and what happened to the last insert. Signals and actions from one factory;
 * components get it through context and never touch browser APIs.
 */
import { batch, computed, signal } from '@preact/signals';
import { storage } from 'wxt/utils/storage';
import { browser, type Runtime } from '../browser';
import { createTranslator } from '../i18n';
import { PANEL_PORT, requestBackground, type BackgroundToPanel, type InsertResult, type PanelTicketState, type PanelToBackground } from '../messaging';
import type { OutboundPreview } from '../analysis/outbound';
import type { SettingsView } from '../settings/catalogue';
import { ticketKeyId } from '../ticket-key';
import type { Conversation, TicketKey } from '../types';
import { checkDraft, type DraftFinding } from '../analysis/tone';
import { uiLocale } from './locale';
import { createKnowledgeStore } from './knowledge-store';
import { createAssistStore } from './assist-store';

export type InsertStatus = { keyId: string; pending: true } | { keyId: string; pending: false; result: InsertResult | { ok: false; reason: 'error'; detail: string } };

/**
 * Unsent replies per ticket, in session storage (memory only, gone when the
 * browser closes): closing the panel or a restarted worker loses nothing.
 */
const savedDrafts = storage.defineItem<Record<string, string>>('session:drafts', { fallback: {} });

export type PreviewStatus = { keyId: string } & (
  | { state: 'loading' }
  /** `prompt`: the text is the exact prompt a draft sends (a model is configured). */
  | { state: 'ready'; preview: OutboundPreview; prompt: boolean }
  | { state: 'error'; detail: string }
);

export type DiagnosticsStatus =
  | { state: 'idle' | 'loading' }
  | { state: 'copied' | 'manual'; report: string }
  | { state: 'error'; detail: string };

export function createPanelStore(options: { windowId?: number } = {}) {
  const ticket = signal<PanelTicketState | null>(null);
  const pinned = signal<TicketKey | null>(null);
  const settings = signal<SettingsView | null>(null);
  const drafts = signal<Record<string, string>>({});
  const insertStatus = signal<InsertStatus | null>(null);
  const diagnostics = signal<DiagnosticsStatus>({ state: 'idle' });
  const preview = signal<PreviewStatus | null>(null);
  let windowId: number | null = options.windowId ?? null;
  let port: Runtime.Port | null = null;
  let stopped = false;
  let saveTimer: ReturnType<typeof setTimeout> | null = null;

  const locale = computed(() => uiLocale(settings.value?.settings.uiLanguage));
  const t = computed(() => createTranslator(locale.value));
  const conversation = computed(() => (ticket.value?.kind === 'ok' ? ticket.value.conversation : null));
  const currentKey = computed(() => conversation.value?.key ?? null);
  const draft = computed(() => (currentKey.value ? drafts.value[ticketKeyId(currentKey.value)] ?? '' : ''));
  /** What the agent typed in the helpdesk's own composer, per ticket (memory only). */
  const composerDrafts = signal<Record<string, string>>({});
  const composerText = computed(() => (currentKey.value ? composerDrafts.value[ticketKeyId(currentKey.value)] ?? '' : ''));
  /** Tone findings on a reply, against how the customer feels now. */
  const findingsFor = (text: string): DraftFinding[] => {
    const c = conversation.value as Conversation | null;
    if (!c || !text.trim()) return [];
    const insight = c.insight;
    const latest = insight ? [...c.messages].reverse().find((m) => insight.messages[m.id]) : undefined;
    const mood = latest ? insight!.messages[latest.id]! : { emotion: 'neutral' as const, score: 0 };
    return checkDraft(text, { channel: c.channel, customerEmotion: mood.emotion, customerScore: mood.score });
  };
  /** On the reply written in the panel. */
  const draftFindings = computed<DraftFinding[]>(() => findingsFor(draft.value));
  /** On the reply being written in the helpdesk's composer. */
  const composerFindings = computed<DraftFinding[]>(() => findingsFor(composerText.value));

  const knowledge = createKnowledgeStore({ conversation: conversation as typeof conversation & { value: Conversation | null }, draft });
  const assist = createAssistStore({ conversation: conversation as typeof conversation & { value: Conversation | null }, settings });

  function send(message: PanelToBackground) {
    port?.postMessage(message);
  }

  function onMessage(message: BackgroundToPanel) {
    if (message.type === 'settings') {
      settings.value = message.view;
      return;
    }
    if (message.type === 'flags') {
      void knowledge.refreshFlags();
      return;
    }
    if (message.type === 'composerDraft') {
      const next = { ...composerDrafts.value };
      if (message.text) next[ticketKeyId(message.key)] = message.text;
      else delete next[ticketKeyId(message.key)];
      composerDrafts.value = next;
      return;
    }
    batch(() => {
      if (message.state.kind !== 'failed') diagnostics.value = { state: 'idle' };
      ticket.value = message.state;
      // The background's pin is the one that counts (a click may cross an update in flight).
      pinned.value = message.pinned;
    });
  }

  function connect() {
    if (stopped || windowId === null) return;
    port = browser.runtime.connect({ name: PANEL_PORT });
    port.onMessage.addListener((m: unknown) => onMessage(m as BackgroundToPanel));
    port.onDisconnect.addListener(() => {
      port = null;
      // The service worker was stopped or updated: reconnect, it restores its state.
      if (!stopped) setTimeout(connect, 300);
    });
    send({ type: 'watch', windowId });
    if (pinned.value) send({ type: 'pin', key: pinned.value });
  }

  return {
    ticket,
    pinned,
    settings,
    locale,
    t,
    conversation,
    currentKey,
    draft,
    draftFindings,
    composerText,
    composerFindings,
    insertStatus,
    diagnostics,
    preview,
    knowledge,
    assist,

    async start() {
      drafts.value = { ...(await savedDrafts.getValue()), ...drafts.value };
      windowId ??= (await browser.windows.getCurrent()).id ?? null;
      connect();
      knowledge.start();
      assist.start();
    },
    stop() {
      stopped = true;
      knowledge.stop();
      assist.stop();
      port?.disconnect();
    },
    setDraft(text: string) {
      const key = currentKey.value;
      if (!key) return;
      const next = { ...drafts.value };
      if (text) next[ticketKeyId(key)] = text;
      else delete next[ticketKeyId(key)];
      drafts.value = next;
      if (saveTimer) clearTimeout(saveTimer);
      saveTimer = setTimeout(() => void savedDrafts.setValue(drafts.value), 250);
    },
    togglePin() {
      const next = pinned.value ? null : currentKey.value;
      pinned.value = next;
      send({ type: 'pin', key: next });
    },
    /** Asks the background what would leave the browser for the ticket shown. */
    async loadPreview() {
      const key = currentKey.value;
      if (!key) return;
      const keyId = ticketKeyId(key);
      preview.value = { keyId, state: 'loading' };
      try {
        // With a model configured, the exact prompt a draft would send; else the redacted conversation.
        const result = await requestBackground('ticket.preview', { key });
        if (result && assist.configured.value) {
          const prompt = await requestBackground('llm.preview', { key, task: 'draft' });
          preview.value = { keyId, state: 'ready', preview: { ...result, text: prompt.text }, prompt: true };
        } else {
          preview.value = result ? { keyId, state: 'ready', preview: result, prompt: false } : { keyId, state: 'error', detail: '—' };
        }
      } catch (error) {
        preview.value = { keyId, state: 'error', detail: error instanceof Error ? error.message : String(error) };
      }
    },
    /** Fetches the structure-only diagnostics report of the page in front and copies it. */
    async copyDiagnostics() {
      if (windowId === null) return;
      diagnostics.value = { state: 'loading' };
      try {
        const report = JSON.stringify(await requestBackground('ticket.diagnose', { windowId }), null, 2);
        try {
          await navigator.clipboard.writeText(report);
          diagnostics.value = { state: 'copied', report };
        } catch {
          diagnostics.value = { state: 'manual', report };
        }
      } catch (error) {
        diagnostics.value = { state: 'error', detail: error instanceof Error ? error.message : String(error) };
      }
    },
    /** Inserts the reply written for the ticket shown into that ticket's composer, or says why not. */
    async insert() {
      const key = currentKey.value;
      const text = draft.value.trim();
      if (!key || !text || windowId === null) return;
      const keyId = ticketKeyId(key);
      insertStatus.value = { keyId, pending: true };
      try {
        const result = await requestBackground('composer.insert', { windowId, key, text });
        insertStatus.value = { keyId, pending: false, result };
      } catch (error) {
        insertStatus.value = { keyId, pending: false, result: { ok: false, reason: 'error', detail: error instanceof Error ? error.message : String(error) } };
      }
    },
  };
}

export type PanelStore = ReturnType<typeof createPanelStore>;
