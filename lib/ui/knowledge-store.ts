/**
 * The side panel's knowledge: recommendations for the ticket shown (asked
 * again when the customer writes), a search by hand, feedback on articles and
 * knowledge-gap flags with their delivery status. Every answer is checked
 * against the ticket still shown, so nothing from another ticket appears.
 */
import { computed, effect, signal, type ReadonlySignal } from '@preact/signals';
import { requestBackground } from '../messaging';
import type { FeedbackKind, GapReason, Recommendation } from '../knowledge/types';
import type { FlagView } from '../knowledge/views';
import { ticketKeyId } from '../ticket-key';
import { latestCustomerMessage, type Conversation } from '../types';

export type Loadable<T> = { keyId: string } & ({ state: 'loading' } | { state: 'ready'; value: T } | { state: 'error'; detail: string });

const REFRESH_DELAY_MS = 150;
/** Flags still on their way are looked at again this often while the panel shows them. */
const FLAG_POLL_MS = 5_000;

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function createKnowledgeStore(deps: { conversation: ReadonlySignal<Conversation | null>; draft: ReadonlySignal<string> }) {
  const { conversation } = deps;
  const recommendations = signal<Loadable<{ hits: Recommendation[]; articles: number }> | null>(null);
  const search = signal<{ keyId: string; query: string; result: Loadable<Recommendation[]> } | null>(null);
  /** Feedback given in this panel, by ticket and article. */
  const feedback = signal<Record<string, { kind: FeedbackKind; state: 'sending' | 'sent' | 'error' }>>({});
  const flags = signal<Loadable<FlagView[]> | null>(null);
  const flagStatus = signal<{ keyId: string; state: 'sending' | 'sent' | 'error'; detail?: string } | null>(null);

  const keyId = computed(() => (conversation.value ? ticketKeyId(conversation.value.key) : null));
  /** Changes when the customer writes (or the ticket changes): what recommendations follow. */
  const customerTurn = computed(() => {
    const c = conversation.value;
    if (!c) return null;
    const last = latestCustomerMessage(c);
    return `${ticketKeyId(c.key)}|${last?.id ?? ''}|${c.messages.length === 0 ? 0 : 1}`;
  });

  async function loadRecommendations() {
    const c = conversation.value;
    if (!c) return;
    const id = ticketKeyId(c.key);
    if (recommendations.value?.keyId !== id) recommendations.value = { keyId: id, state: 'loading' };
    try {
      const value = await requestBackground('kb.recommend', { key: c.key });
      if (keyId.value === id) recommendations.value = { keyId: id, state: 'ready', value };
    } catch (error) {
      if (keyId.value === id) recommendations.value = { keyId: id, state: 'error', detail: errorText(error) };
    }
  }

  async function loadFlags() {
    const c = conversation.value;
    if (!c) return;
    const id = ticketKeyId(c.key);
    try {
      const value = await requestBackground('gap.list', { key: c.key });
      if (keyId.value === id) flags.value = { keyId: id, state: 'ready', value };
    } catch (error) {
      if (keyId.value === id) flags.value = { keyId: id, state: 'error', detail: errorText(error) };
    }
  }

  let refreshTimer: ReturnType<typeof setTimeout> | null = null;
  let pollTimer: ReturnType<typeof setInterval> | null = null;
  const disposers: (() => void)[] = [];

  return {
    recommendations,
    search,
    feedback,
    flags,
    flagStatus,
    keyId,

    start() {
      disposers.push(
        effect(() => {
          const turn = customerTurn.value;
          if (refreshTimer) clearTimeout(refreshTimer);
          if (!turn) return;
          refreshTimer = setTimeout(() => void loadRecommendations(), REFRESH_DELAY_MS);
        }),
        effect(() => {
          if (keyId.value) void loadFlags();
        }),
      );
      pollTimer = setInterval(() => {
        const f = flags.value;
        if (f?.state === 'ready' && f.value.some((flag) => flag.deliveries.some((d) => d.status === 'pending'))) void loadFlags();
      }, FLAG_POLL_MS);
    },
    stop() {
      for (const dispose of disposers.splice(0)) dispose();
      if (refreshTimer) clearTimeout(refreshTimer);
      if (pollTimer) clearInterval(pollTimer);
    },
    refresh: loadRecommendations,
    refreshFlags: loadFlags,

    async runSearch(query: string) {
      const c = conversation.value;
      const id = keyId.value ?? '';
      const q = query.trim();
      if (!q) {
        search.value = null;
        return;
      }
      search.value = { keyId: id, query: q, result: { keyId: id, state: 'loading' } };
      try {
        const value = await requestBackground('kb.search', { query: q, key: c?.key ?? null });
        if (search.value?.query === q && keyId.value === id) search.value = { keyId: id, query: q, result: { keyId: id, state: 'ready', value } };
      } catch (error) {
        if (search.value?.query === q) search.value = { keyId: id, query: q, result: { keyId: id, state: 'error', detail: errorText(error) } };
      }
    },

    async giveFeedback(articleId: string, kind: FeedbackKind, note = '') {
      const c = conversation.value;
      if (!c) return;
      const slot = `${ticketKeyId(c.key)}|${articleId}`;
      feedback.value = { ...feedback.value, [slot]: { kind, state: 'sending' } };
      try {
        await requestBackground('kb.feedback', { key: c.key, articleId, kind, note: note.trim() });
        feedback.value = { ...feedback.value, [slot]: { kind, state: 'sent' } };
      } catch {
        feedback.value = { ...feedback.value, [slot]: { kind, state: 'error' } };
      }
    },
    feedbackFor(articleId: string) {
      return keyId.value ? feedback.value[`${keyId.value}|${articleId}`] ?? null : null;
    },

    /** Flags a gap about the ticket (its latest customer message) or an article, with the draft. */
    async flagGap(input: { reason: GapReason; note: string; articleId: string | null; messageId?: string | null }) {
      const c = conversation.value;
      if (!c) return;
      const id = ticketKeyId(c.key);
      const latest = latestCustomerMessage(c);
      flagStatus.value = { keyId: id, state: 'sending' };
      try {
        await requestBackground('gap.flag', {
          key: c.key,
          messageId: input.messageId ?? latest?.id ?? null,
          reason: input.reason,
          note: input.note.trim(),
          draft: deps.draft.value,
          articleId: input.articleId,
        });
        flagStatus.value = { keyId: id, state: 'sent' };
        await loadFlags();
      } catch (error) {
        flagStatus.value = { keyId: id, state: 'error', detail: errorText(error) };
      }
    },
    async retryFlag(flagId: string) {
      await requestBackground('gap.retry', { flagId }).catch(() => undefined);
      await loadFlags();
    },
  };
}

export type KnowledgeStore = ReturnType<typeof createKnowledgeStore>;
