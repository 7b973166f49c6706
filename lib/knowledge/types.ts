/**
 * Knowledge shapes shared by the store, the search index, sync/import, the
 * gap outbox and the side panel (issue 5). Everything here is plain data that
 * can go through structured clone, IndexedDB and the message protocol.
 */
import type { TicketKey } from '../types';

export const KB_SOURCES = ['zendesk', 'salesforce', 'import', 'demo'] as const;
export type KbSource = (typeof KB_SOURCES)[number];

/** One article in one locale, as cached in IndexedDB. */
export interface Article {
  /** Stable and unique: `${source}:${host or file set}:${externalId}:${locale}`. */
  id: string;
  source: KbSource;
  /** The article's id in its source (Zendesk article id, Salesforce KnowledgeArticleId, file path…). */
  externalId: string;
  /** Lower-case BCP 47 as the source says it: 'en-us', 'zh-cn', 'zh-tw', 'en'… */
  locale: string;
  title: string;
  /** Plain text (HTML stripped), paragraphs separated by a blank line. */
  body: string;
  /** Where the agent opens it ('' when the source has no link). */
  url: string;
  /** ISO 8601 of the source's last change. */
  updatedAt: string;
  labels: string[];
}

/** A search result: the article and the passage that matched best. */
export interface SearchHit {
  articleId: string;
  score: number;
  /** The paragraph (or sentence window) of the body or title that matched, as written. */
  passage: string;
}

/** A recommendation as the side panel shows it. */
export interface Recommendation extends SearchHit {
  title: string;
  url: string;
  locale: string;
  source: KbSource;
}

export const FEEDBACK_KINDS = ['helpful', 'not_helpful', 'outdated', 'incorrect'] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];

export interface ArticleFeedback {
  id?: number;
  articleId: string;
  kind: FeedbackKind;
  note: string;
  /** The conversation's intent when the feedback was given (ranking is tuned per intent). */
  intent: string | null;
  ticket: TicketKey;
  at: string;
}

export const GAP_REASONS = ['missing', 'outdated', 'incorrect', 'unclear'] as const;
export type GapReason = (typeof GAP_REASONS)[number];

/** A knowledge gap an agent flagged. `id` is also the delivery's idempotency key. */
export interface GapFlag {
  id: string;
  createdAt: string;
  ticket: TicketKey;
  /** Link to the ticket in the helpdesk. */
  ticketUrl: string;
  /** The customer's words the flag is about, redacted. */
  excerpt: string;
  intent: string | null;
  reason: GapReason;
  note: string;
  /** The reply draft at the time, redacted ('' when none). */
  draft: string;
  /** The article the flag is about (outdated / incorrect), if any. */
  articleId: string | null;
  language: string;
}

export const DELIVERY_TARGETS = ['webhook', 'zendesk'] as const;
export type DeliveryTarget = (typeof DELIVERY_TARGETS)[number];
export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/** One delivery of one flag to one target. */
export interface OutboxEntry {
  flagId: string;
  target: DeliveryTarget;
  status: DeliveryStatus;
  attempts: number;
  /** Epoch ms; the worker leaves it alone before then. */
  nextAttemptAt: number;
  /** Plain words for the agent ('' when none). */
  lastError: string;
  deliveredAt: string;
  /** Epoch ms until which a worker holds it (a restarted worker may take it after). */
  leaseUntil: number;
}

/** A customer question the knowledge base did not answer well (for the team view). */
export interface UnansweredQuestion {
  id?: number;
  at: string;
  /** Redacted. */
  text: string;
  intent: string | null;
  bestScore: number;
  language: string;
}
