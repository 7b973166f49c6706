/** Core data shapes shared by adapters, background and UI (see DESIGN.md, "Core types"). */

/** The helpdesks Deskmate knows, and `custom`: one a team lead describes in settings or policy. */
export const BUILT_IN_SITES = ['zendesk', 'salesforce'] as const;
export type BuiltInSite = (typeof BUILT_IN_SITES)[number];
export const SITES = [...BUILT_IN_SITES, 'custom'] as const;
export type Site = (typeof SITES)[number];

export const CHANNELS = ['email', 'chat', 'messaging', 'social', 'voice', 'web', 'unknown'] as const;
export type Channel = (typeof CHANNELS)[number];

export const ROLES = ['customer', 'agent', 'bot', 'internal', 'system'] as const;
export type Role = (typeof ROLES)[number];

/** Identifies one ticket everywhere: every piece of state about a conversation is keyed by it. */
export interface TicketKey {
  site: Site;
  host: string;
  ticketId: string;
}

export interface Message {
  id: string;
  role: Role;
  author: string;
  /** ISO 8601, or '' when the page shows no machine-readable time. */
  at: string;
  text: string;
}

/** What local analysis says about one customer message (filled by the background). */
export interface MessageInsight {
  /** -1 (very negative) .. 1 (very positive). */
  score: number;
  emotion: 'anger' | 'frustration' | 'sadness' | 'fear' | 'joy' | 'surprise' | 'neutral';
  /** The words that drove it, as written. */
  drivers: string[];
}

export interface ConversationInsight {
  /** By message id, customer messages only. */
  messages: Record<string, MessageInsight>;
  escalation: { level: 'low' | 'medium' | 'high'; codes: ('legal' | 'manager' | 'leave' | 'rising' | 'sustained' | 'last_negative')[] };
  /** What the customer wants, when an intent fits; null for "unknown". */
  intent?: { name: string; confidence: number } | null;
  /** The configured model's reading of the latest customer message, when it has answered (issue 6). */
  refined?: { messageId: string; intent: string | null; emotion: MessageInsight['emotion']; confidence: number } | null;
  /** How to reply (codes the interface translates), from the latest customer message. */
  guidance?: { first: string[]; avoid: string[]; length: { min: number; max: number }; channelNote: string } | null;
}

export interface Conversation {
  key: TicketKey;
  site: Site;
  channel: Channel;
  subject: string;
  requester: string;
  /** Filled by analysis (issue 4); adapters leave it ''. */
  language: string;
  messages: Message[];
  /** Filled by the background's analysis; never sent by content scripts. */
  insight?: ConversationInsight;
}

/** Why a page could not be read: names the adapter and the selector, never customer text. */
export interface ReadFailure {
  adapter: Site;
  selector: string;
  detail: string;
}

/** The customer's latest message that has text: what recommendations, drafts and refinements follow. */
export function latestCustomerMessage(conversation: Pick<Conversation, 'messages'>): Message | undefined {
  for (let i = conversation.messages.length - 1; i >= 0; i--) {
    const m = conversation.messages[i]!;
    if (m.role === 'customer' && m.text) return m;
  }
  return undefined;
}
