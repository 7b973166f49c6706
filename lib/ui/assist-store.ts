/**
 * Model help in the side panel: reply drafts streamed token by token (one or
 * two variants), rewrites of a draft or of the agent's reply, a wrap-up
 * summary and a review of the reply. One request at a time per panel, on its
 * own port: a newer request or a ticket switch disconnects the old one, which
 * cancels it in the background. Results are kept per ticket; a draft written
 * before the customer's latest message is marked stale.
 */
import { computed, effect, signal, type ReadonlySignal } from '@preact/signals';
import { browser, type Runtime } from '../browser';
import { ASSIST_PORT, requestBackground, type AssistEvent, type AssistFault, type AssistRequest, type ReviewResult, type RewriteKind } from '../messaging';
import type { SettingsView } from '../settings/catalogue';
import { ticketKeyId } from '../ticket-key';
import { latestCustomerMessage, type Conversation } from '../types';

export type AssistTask = AssistRequest['task'];

export interface Variant {
  text: string;
  state: 'streaming' | 'done' | 'partial' | 'failed';
  fault: AssistFault | null;
  citations: { n: number; articleId: string; title: string; url: string }[];
}

export interface AssistResult {
  keyId: string;
  task: AssistTask;
  /** What the rewrite did, for its heading. */
  kind?: RewriteKind;
  /** The customer's latest message when it was asked: a newer one makes a draft stale. */
  basedOn: string;
  variants: Variant[];
  review: ReviewResult | null;
  fault: AssistFault | null;
  running: boolean;
}

function latestCustomerId(c: Conversation | null): string {
  if (!c) return '';
  return (c && latestCustomerMessage(c)?.id) ?? '';
}

export function createAssistStore(deps: { conversation: ReadonlySignal<Conversation | null>; settings: ReadonlySignal<SettingsView | null> }) {
  const { conversation } = deps;
  /** The latest result per ticket and task. */
  const results = signal<Record<string, AssistResult>>({});
  /** The outcome of adding the summary as an internal note, per ticket. */
  const noteStatus = signal<{ keyId: string; state: 'sending' | 'done' | 'unsupported' | 'error'; detail?: string } | null>(null);
  const keyId = computed(() => (conversation.value ? ticketKeyId(conversation.value.key) : null));
  const configured = computed(() => !!deps.settings.value?.settings.llmBaseUrl && !!deps.settings.value?.settings.llmModel);
  let port: Runtime.Port | null = null;
  let portKeyId: string | null = null;
  const disposers: (() => void)[] = [];

  const slot = (id: string, task: AssistTask) => `${id}|${task}`;

  function update(id: string, task: AssistTask, change: (r: AssistResult) => AssistResult) {
    const key = slot(id, task);
    const current = results.value[key];
    if (current) results.value = { ...results.value, [key]: change(current) };
  }

  function cancel() {
    if (!port) return;
    const id = portKeyId!;
    port.disconnect();
    port = null;
    portKeyId = null;
    // What streamed so far stays, marked as cut short.
    for (const task of ['draft', 'rewrite', 'summary', 'review'] as const) {
      update(id, task, (r) =>
        r.running
          ? { ...r, running: false, variants: r.variants.map((v) => (v.state === 'streaming' ? { ...v, state: v.text ? 'partial' : 'failed', fault: v.fault ?? { code: 'cancelled', detail: '' } } : v)) }
          : r,
      );
    }
  }

  function run(request: AssistRequest, extra: Partial<AssistResult> = {}) {
    const c = conversation.value;
    if (!c) return;
    cancel();
    const id = ticketKeyId(c.key);
    const task = request.task;
    const variants = task === 'draft' ? request.variants : task === 'review' ? 0 : 1;
    results.value = {
      ...results.value,
      [slot(id, task)]: {
        keyId: id,
        task,
        basedOn: latestCustomerId(c),
        variants: Array.from({ length: variants }, () => ({ text: '', state: 'streaming' as const, fault: null, citations: [] })),
        review: null,
        fault: null,
        running: true,
        ...extra,
      },
    };
    const p = browser.runtime.connect({ name: ASSIST_PORT });
    port = p;
    portKeyId = id;
    p.onMessage.addListener((raw: unknown) => {
      if (port !== p) return;
      const event = raw as AssistEvent;
      update(id, task, (r) => apply(r, event));
      if (!results.value[slot(id, task)]?.running) {
        p.disconnect();
        if (port === p) port = null;
      }
    });
    p.onDisconnect.addListener(() => {
      if (port !== p) return;
      port = null;
      // The worker went away mid-request: keep what came, say it was cut.
      update(id, task, (r) =>
        r.running
          ? {
              ...r,
              running: false,
              fault: r.variants.length ? r.fault : { code: 'cut', detail: '' },
              variants: r.variants.map((v) => (v.state === 'streaming' ? { ...v, state: v.text ? 'partial' : 'failed', fault: { code: 'cut', detail: '' } } : v)),
            }
          : r,
      );
    });
    p.postMessage(request);
  }

  function apply(r: AssistResult, event: AssistEvent): AssistResult {
    switch (event.type) {
      case 'delta':
        return { ...r, variants: r.variants.map((v, i) => (i === event.variant ? { ...v, text: v.text + event.text } : v)) };
      case 'done': {
        const variants = r.variants.map((v, i): Variant =>
          i === event.variant
            ? { text: event.text, state: event.complete ? 'done' : event.text ? 'partial' : 'failed', fault: event.fault, citations: event.citations }
            : v,
        );
        return { ...r, variants, running: variants.some((v) => v.state === 'streaming') };
      }
      case 'review':
        return { ...r, review: event.review, running: false };
      case 'failed':
        return {
          ...r,
          fault: event.fault,
          running: false,
          variants: r.variants.map((v) => (v.state === 'streaming' ? { ...v, state: v.text ? 'partial' : 'failed', fault: event.fault } : v)),
        };
    }
  }

  /** The ticket's draft result, and whether the customer wrote after it was asked. */
  const draft = computed(() => (keyId.value ? results.value[slot(keyId.value, 'draft')] ?? null : null));
  const stale = computed(() => {
    const d = draft.value;
    return !!d && d.basedOn !== latestCustomerId(conversation.value);
  });

  return {
    results,
    noteStatus,
    configured,
    /** Adds the text to the ticket shown as an internal note (Zendesk). */
    async addNote(text: string) {
      const c = conversation.value;
      if (!c || !text.trim()) return;
      const id = ticketKeyId(c.key);
      noteStatus.value = { keyId: id, state: 'sending' };
      try {
        const result = await requestBackground('ticket.note', { key: c.key, text: text.trim() });
        noteStatus.value = result.ok
          ? { keyId: id, state: 'done' }
          : { keyId: id, state: result.reason === 'unsupported' ? 'unsupported' : 'error', detail: result.status ? `HTTP ${result.status}` : result.reason };
      } catch (error) {
        noteStatus.value = { keyId: id, state: 'error', detail: error instanceof Error ? error.message : String(error) };
      }
    },
    draft,
    stale,
    resultFor(task: AssistTask): AssistResult | null {
      return keyId.value ? results.value[slot(keyId.value, task)] ?? null : null;
    },
    start() {
      // A ticket switch cancels the request of the ticket left.
      disposers.push(
        effect(() => {
          const id = keyId.value;
          if (port && portKeyId !== id) cancel();
        }),
        // A stale draft is written again by itself when the team wants that.
        effect(() => {
          const d = draft.value;
          if (stale.value && d && !d.running && deps.settings.value?.settings.autoRegenerateDrafts && configured.value) {
            run({ task: 'draft', key: conversation.value!.key, variants: d.variants.length === 2 ? 2 : 1 });
          }
        }),
      );
    },
    stop() {
      for (const dispose of disposers.splice(0)) dispose();
      cancel();
    },
    cancel,
    draftReply(variants: 1 | 2 = 1) {
      const c = conversation.value;
      if (c) run({ task: 'draft', key: c.key, variants });
    },
    rewrite(kind: RewriteKind, text: string, instruction = '') {
      const c = conversation.value;
      if (c && text.trim()) run({ task: 'rewrite', key: c.key, kind, text, instruction }, { kind });
    },
    summarize() {
      const c = conversation.value;
      if (c) run({ task: 'summary', key: c.key });
    },
    review(text: string) {
      const c = conversation.value;
      if (c && text.trim()) run({ task: 'review', key: c.key, text });
    },
  };
}

export type AssistStore = ReturnType<typeof createAssistStore>;
