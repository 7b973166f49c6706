/**
 * Local analysis in the background, on every report of a conversation. For
 * now: the conversation's language (en, zh-Hans, zh-Hant, other), so the
 * panel can say which language the customer writes in. Sentiment, intent and
 * tone guidance join here (issue 4).
 */
import type { TabTicketState } from '../messaging';
import type { Conversation } from '../types';
import { conversationLanguage } from './language';

/** The conversation with its language filled in ('' when there is no usable text). */
export function analyzeConversation(conversation: Conversation): Conversation {
  const { language } = conversationLanguage(conversation.messages);
  return { ...conversation, language: language === 'unknown' ? '' : language };
}

/** A tab's reported state, analysed when it holds a conversation. */
export function analyzeState(state: TabTicketState): TabTicketState {
  return state.kind === 'ok' ? { kind: 'ok', conversation: analyzeConversation(state.conversation) } : state;
}
