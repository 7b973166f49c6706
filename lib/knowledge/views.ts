/**
 * What the extension pages see of the knowledge side: plain data shaped for
 * the side panel and the options page, built by the background.
 */
import type { DeliveryStatus, DeliveryTarget, GapReason } from './types';

export interface FlagView {
  id: string;
  createdAt: string;
  ticketId: string;
  reason: GapReason;
  note: string;
  excerpt: string;
  deliveries: { target: DeliveryTarget; status: DeliveryStatus; attempts: number; lastError: string; nextAttemptAt: number }[];
}

export interface SourceStatus {
  /** 'zendesk:acme.zendesk.com', 'salesforce:…', 'import', 'demo'. */
  key: string;
  articles: number;
  lastSyncAt: string;
  /** Plain words, '' when the last run went well. */
  error: string;
  running: boolean;
  progress: { done: number; total: number } | null;
}

export interface KnowledgeStatus {
  articles: number;
  byLocale: Record<string, number>;
  sources: SourceStatus[];
  /** Flags not yet delivered everywhere. */
  pendingFlags: number;
}

export interface GapClusterView {
  representative: string;
  count: number;
  examples: string[];
  intents: string[];
  lastSeen: string;
}

export type ImportOutcome =
  | { ok: true; articles: number }
  | { ok: false; errors: { file: string; line?: number; field?: string; message: string }[] };
