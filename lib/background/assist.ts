/**
 * Model requests from the side panel: reply drafts (streamed, one or two
 * variants) grounded in the recommended knowledge, rewrites, summaries and
 * reviews, each on its own port. Customer text reaches the model only through
 * lib/llm's prompt builders (redacted, delimited); output goes back as text.
 * A disconnect (newer request, ticket switch, closed panel) aborts the call.
 */
import type { Runtime } from '../browser';
import { assistRequestSchema, type AssistEvent, type AssistFault, type AssistRequest, type BackgroundHandlers } from '../messaging';
import { createModelClient, modelConfigFromSettings, type ModelClient } from '../llm/client';
import { faultMessage, type LlmFault } from '../llm/faults';
import type { LlmProvider } from '../llm/presets';
import { citedPassages, draftPrompt, promptPreview, reviewPrompt, reviewRows, rewritePrompt, summaryPrompt, type ChatMessage, type ReplyLanguage } from '../llm/prompts';
import type { Recommendation } from '../knowledge/types';
import type { SettingsService } from '../settings/service';
import type { Settings } from '../settings/catalogue';
import type { Conversation, TicketKey } from '../types';

function replyLanguage(conversation: Conversation): ReplyLanguage {
  return conversation.language === 'zh-Hans' || conversation.language === 'zh-Hant' ? conversation.language : 'en';
}

function toFault(f: LlmFault, provider: LlmProvider): AssistFault {
  const hint = faultMessage(f, provider).hint;
  return { code: f.code, detail: f.detail, ...(f.retryAfterMs !== undefined ? { retryAfterMs: f.retryAfterMs } : {}), ...(hint ? { hint } : {}) };
}

export interface AssistDeps {
  settings: SettingsService;
  conversationOf: (key: TicketKey) => Conversation | null;
  knowledgeFor: (conversation: Conversation) => Promise<Recommendation[]>;
  /** Tests and the bench pass their own fetch. */
  fetch?: typeof fetch;
}

export function createAssist(deps: AssistDeps) {
  // One client per endpoint configuration, kept across requests (it remembers what the provider supports).
  let cached: { key: string; client: ModelClient } | null = null;
  function client(s: Settings, requireModel = true): ModelClient | null {
    const config = modelConfigFromSettings(s, { requireModel });
    if (!config) return null;
    const key = JSON.stringify(config);
    if (cached?.key !== key) cached = { key, client: createModelClient({ ...config, ...(deps.fetch ? { fetch: deps.fetch } : {}) }) };
    return cached.client;
  }

  function draftMessages(s: Settings, conversation: Conversation, variant: 1 | 2, knowledge: Recommendation[]): ChatMessage[] {
    return draftPrompt({
      conversation,
      knowledge,
      guidance: conversation.insight?.guidance ?? null,
      channel: conversation.channel,
      language: replyLanguage(conversation),
      brandVoice: s.brandVoice,
      sendHistory: s.sendHistoryToModel,
      redactPii: s.redactPii,
      variant,
    });
  }

  async function run(request: AssistRequest, emit: (event: AssistEvent) => void, signal: AbortSignal): Promise<void> {
    const s = await deps.settings.current();
    const model = client(s);
    if (!model) return emit({ type: 'failed', fault: { code: 'not_configured', detail: '' } });
    const conversation = deps.conversationOf(request.key);
    if (!conversation) return emit({ type: 'failed', fault: { code: 'no_ticket', detail: '' } });
    const privacy = { redactPii: s.redactPii, sendHistory: s.sendHistoryToModel };

    const stream = async (variant: number, messages: ChatMessage[], knowledge: Recommendation[]) => {
      const result = await model.streamChat({ messages, signal, onDelta: (text) => emit({ type: 'delta', variant, text }) });
      emit({
        type: 'done',
        variant,
        text: result.text,
        complete: result.complete,
        fault: result.fault ? toFault(result.fault, s.llmProvider) : null,
        citations: citedPassages(result.text, knowledge),
      });
    };

    switch (request.task) {
      case 'draft': {
        const knowledge = await deps.knowledgeFor(conversation).catch(() => []);
        const variants = request.variants === 2 ? [1, 2] as const : [1] as const;
        // Variants stream side by side: the second does not wait for the first.
        await Promise.all(variants.map((v, i) => stream(i, draftMessages(s, conversation, v, knowledge), knowledge)));
        return;
      }
      case 'rewrite':
        return stream(0, rewritePrompt(request.kind, request.text, { language: replyLanguage(conversation), instruction: request.instruction, conversation, redactPii: s.redactPii }), []);
      case 'summary':
        return stream(0, summaryPrompt(conversation, { ...privacy, language: replyLanguage(conversation) }), []);
      case 'review': {
        const knowledge = await deps.knowledgeFor(conversation).catch(() => []);
        const review = reviewPrompt(request.text, conversation, knowledge, privacy);
        const result = await model.completeJson(review.schema, { messages: review.messages, name: review.name, signal });
        if (!result.ok) return emit({ type: 'failed', fault: toFault(result.fault, s.llmProvider) });
        return emit({ type: 'review', review: reviewRows(result.value) });
      }
    }
  }

  const handlers: Pick<BackgroundHandlers, 'llm.test' | 'llm.preview'> = {
    'llm.test': async () => {
      const s = await deps.settings.current();
      const model = client(s, false);
      if (!model) return { ok: false, fault: { code: 'not_configured', detail: '' } };
      const report = await model.testConnection();
      return report.ok ? { ok: true, models: report.models, modelFound: report.modelFound ?? false } : { ok: false, fault: toFault(report.fault, s.llmProvider) };
    },
    'llm.preview': async ({ key, task }) => {
      const s = await deps.settings.current();
      const conversation = deps.conversationOf(key);
      if (!conversation) return { text: '', configured: !!client(s) };
      const messages =
        task === 'draft'
          ? draftMessages(s, conversation, 1, await deps.knowledgeFor(conversation).catch(() => []))
          : summaryPrompt(conversation, { redactPii: s.redactPii, sendHistory: s.sendHistoryToModel, language: replyLanguage(conversation) });
      return { text: promptPreview(messages), configured: !!client(s) };
    },
  };

  return {
    handlers,
    /** One port, one request. */
    connect(port: Runtime.Port) {
      const controller = new AbortController();
      let open = true;
      port.onDisconnect.addListener(() => {
        open = false;
        controller.abort(new DOMException('the panel went away', 'AbortError'));
      });
      const emit = (event: AssistEvent) => {
        if (open) port.postMessage(event);
      };
      port.onMessage.addListener((raw: unknown) => {
        const parsed = assistRequestSchema.safeParse(raw);
        if (!parsed.success) {
          emit({ type: 'failed', fault: { code: 'bad_request', detail: 'invalid request' } });
          return port.disconnect();
        }
        run(parsed.data, emit, controller.signal).catch((error: unknown) =>
          emit({ type: 'failed', fault: { code: 'unknown', detail: error instanceof Error ? error.message.slice(0, 200) : 'error' } }),
        );
      });
    },
  };
}
