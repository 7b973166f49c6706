import type { TabTicketState } from '../messaging';
import { sameTicket } from '../ticket-key';
import type { Conversation, Message } from '../types';

/**
 * The background refuses reports past the protocol's size limits (a hostile
 * or broken page must not exhaust it), so the content script trims first and
 * a very long ticket still shows instead of silently going stale: the first
 * message (what the customer came for) and the most recent ones are kept, and
 * very long bodies are cut.
 */
export const MAX_MESSAGES = 1_000;
export const MAX_TEXT = 20_000;

export function trimText(message: Message): Message {
  return message.text.length <= MAX_TEXT ? message : { ...message, text: `${message.text.slice(0, MAX_TEXT)}…` };
}

export function fitForReport(state: TabTicketState): TabTicketState {
  if (state.kind !== 'ok') return state;
  const all = state.conversation.messages;
  const kept = all.length <= MAX_MESSAGES ? all : [all[0]!, ...all.slice(all.length - (MAX_MESSAGES - 1))];
  const messages = kept.map(trimText);
  const cut = (s: string, n: number) => (s.length <= n ? s : s.slice(0, n));
  return {
    kind: 'ok',
    conversation: { ...state.conversation, subject: cut(state.conversation.subject, 2_000), requester: cut(state.conversation.requester, 500), messages },
  };
}

/**
 * The messages `next` adds at the end of `previous` (same ticket, same header,
 * every earlier message unchanged), or null when anything else changed.
 */
export function appendedTo(previous: Conversation, next: Conversation): Message[] | null {
  if (
    !sameTicket(previous.key, next.key) ||
    previous.subject !== next.subject ||
    previous.channel !== next.channel ||
    previous.requester !== next.requester ||
    previous.messages.length >= next.messages.length ||
    next.messages.length > MAX_MESSAGES
  ) {
    return null;
  }
  for (let i = 0; i < previous.messages.length; i++) {
    const a = previous.messages[i]!;
    const b = next.messages[i]!;
    if (a !== b && (a.id !== b.id || a.text !== b.text || a.role !== b.role || a.author !== b.author || a.at !== b.at)) return null;
  }
  return next.messages.slice(previous.messages.length);
}
