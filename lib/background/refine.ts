/**
 * When a model is configured, the local intent and emotion of the customer's
 * latest message are refined by it (structured output, validated). Local
 * signals show at once; the model's reading joins when it arrives, for that
 * message only, and never blocks or replaces what the agent already sees.
 */
import { createModelClient, modelConfigFromSettings } from '../llm/client';
import { refinePrompt } from '../llm/prompts';
import type { Settings } from '../settings/catalogue';
import { ticketKeyId } from '../ticket-key';
import { latestCustomerMessage, type Conversation, type ConversationInsight } from '../types';

type Refined = NonNullable<ConversationInsight['refined']>;

const CACHE_LIMIT = 500;

export function createRefiner(deps: {
  settings: () => Promise<Settings>;
  intentNames: (s: Settings) => string[];
  /** A refinement arrived for this conversation: analyse and publish it again. */
  onRefined: (conversation: Conversation) => void;
  fetch?: typeof fetch;
}) {
  const done = new Map<string, Refined>();
  const inFlight = new Set<string>();

  const slot = (c: Conversation, messageId: string) => `${ticketKeyId(c.key)}|${messageId}`;

  return {
    /** The model's reading of the conversation's latest customer message, when there is one. */
    refinedFor(conversation: Conversation): Refined | null {
      const latest = latestCustomerMessage(conversation);
      return latest ? done.get(slot(conversation, latest.id)) ?? null : null;
    },
    /** Asks the model about the latest customer message once (analysed conversation in). */
    request(conversation: Conversation): void {
      const latest = latestCustomerMessage(conversation);
      if (!latest) return;
      const key = slot(conversation, latest.id);
      if (done.has(key) || inFlight.has(key)) return;
      inFlight.add(key);
      void (async () => {
        const s = await deps.settings();
        const config = modelConfigFromSettings(s);
        if (!config || !s.modelRefinement) return;
        const model = createModelClient({ ...config, ...(deps.fetch ? { fetch: deps.fetch } : {}) });
        const insight = conversation.insight;
        const local = insight?.messages[latest.id];
        const prompt = refinePrompt(conversation, insight?.intent?.name ?? null, local?.emotion ?? 'neutral', deps.intentNames(s), {
          redactPii: s.redactPii,
          sendHistory: s.sendHistoryToModel,
        });
        const result = await model.completeJson(prompt.schema, { messages: prompt.messages, name: prompt.name });
        if (!result.ok) return;
        if (done.size >= CACHE_LIMIT) done.delete(done.keys().next().value!);
        done.set(key, {
          messageId: latest.id,
          intent: result.value.intent === 'unknown' ? null : result.value.intent,
          emotion: result.value.emotion,
          confidence: result.value.confidence,
        });
        deps.onRefined(conversation);
      })()
        .catch(() => undefined)
        .finally(() => inFlight.delete(key));
    },
  };
}
