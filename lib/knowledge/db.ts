/**
 * The knowledge database (IndexedDB through dexie), owned by the background.
 * One schema for articles, the persisted search index, sync cursors, feedback,
 * gap flags and their outbox, and unanswered questions.
 */
import Dexie, { type EntityTable } from 'dexie';
import type { Article, ArticleFeedback, GapFlag, OutboxEntry, UnansweredQuestion } from './types';

/** A source's incremental sync position (e.g. Zendesk's `end_time`), per host and locale. */
export interface SyncCursor {
  key: string;
  cursor: string;
  lastSyncAt: string;
  articles: number;
}

/** The serialized search index, with the fingerprint of the articles it was built from. */
export interface IndexSnapshot {
  key: string;
  fingerprint: string;
  data: unknown;
  builtAt: string;
}

/** An embedding of an article (or query) text by a model, cached. */
export interface EmbeddingRow {
  key: string;
  model: string;
  vector: Float32Array;
}

export type KnowledgeDb = Dexie & {
  articles: EntityTable<Article, 'id'>;
  cursors: EntityTable<SyncCursor, 'key'>;
  snapshots: EntityTable<IndexSnapshot, 'key'>;
  embeddings: EntityTable<EmbeddingRow, 'key'>;
  feedback: EntityTable<ArticleFeedback, 'id'>;
  gaps: EntityTable<GapFlag, 'id'>;
  outbox: Dexie.Table<OutboxEntry, [string, string]>;
  unanswered: EntityTable<UnansweredQuestion, 'id'>;
};

export function openKnowledgeDb(name = 'deskmate-knowledge'): KnowledgeDb {
  const db = new Dexie(name) as KnowledgeDb;
  db.version(1).stores({
    articles: 'id, source, locale, updatedAt',
    cursors: 'key',
    snapshots: 'key',
    embeddings: 'key, model',
    feedback: '++id, articleId, intent, at',
    gaps: 'id, createdAt',
    outbox: '[flagId+target], status, nextAttemptAt, flagId',
    unanswered: '++id, at, intent',
  });
  return db;
}
