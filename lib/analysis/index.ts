/**
 * Local analysis in the background, on every report of a conversation:
 * language, per-message sentiment and emotion with the words behind them, and
 * escalation risk. Intent and tone guidance join here (issue 4).
 */
import type { TabTicketState } from '../messaging';
import type { Conversation, ConversationInsight, MessageInsight } from '../types';
import { escalationRisk } from './escalation';
import { analyzeSentiment } from './sentiment';
import { toneGuidance } from './tone';
import { conversationLanguage } from './language';

const RECENT_TURNS = 100;
const CACHE_LIMIT = 5_000;
/** Each new message re-analyses the conversation; a message's own result is computed once. */
const insightCache = new Map<string, MessageInsight>();

function messageInsight(text: string): MessageInsight {
  let insight = insightCache.get(text);
  if (!insight) {
    const result = analyzeSentiment(text);
    insight = { score: result.score, emotion: result.emotion, drivers: result.drivers.map((d) => d.text) };
    if (insightCache.size >= CACHE_LIMIT) insightCache.delete(insightCache.keys().next().value!);
    insightCache.set(text, insight);
  }
  return insight;
}

/**
 * The conversation with its language ('' when there is no usable text), the
 * sentiment, emotion and driving words of each customer message, and the
 * escalation risk.
 */
export function analyzeConversation(conversation: Conversation, classify?: IntentClassifier): Conversation {
  const { language } = conversationLanguage(conversation.messages);
  const messages: ConversationInsight['messages'] = {};
  for (const m of conversation.messages) {
    if (m.role === 'customer' && m.text) messages[m.id] = messageInsight(m.text);
  }
  // Escalation is about where the conversation is going: the recent turns.
  const risk = escalationRisk(conversation.messages.slice(-RECENT_TURNS), (text) => messageInsight(text).score);
  const intent = classify?.(conversation.messages.filter((m) => m.role === 'customer' && m.text).map((m) => m.text)) ?? null;
  const latest = [...conversation.messages].reverse().find((m) => messages[m.id]);
  const mood = latest ? messages[latest.id]! : null;
  const guidance = mood
    ? toneGuidance({
        emotion: mood.emotion,
        score: mood.score,
        intent: intent?.name ?? null,
        channel: conversation.channel,
        escalation: risk.level,
        language: language === 'unknown' ? '' : language,
      })
    : null;
  return {
    ...conversation,
    language: language === 'unknown' ? '' : language,
    insight: { messages, escalation: { level: risk.level, codes: risk.codes }, intent, guidance },
  };
}

/** What the customer wants, from their messages (the background binds the team's model). */
export type IntentClassifier = (customerTexts: readonly string[]) => { name: string; confidence: number } | null;

/** A tab's reported state, analysed when it holds a conversation. */
export function analyzeState(state: TabTicketState, classify?: IntentClassifier): TabTicketState {
  return state.kind === 'ok' ? { kind: 'ok', conversation: analyzeConversation(state.conversation, classify) } : state;
}
