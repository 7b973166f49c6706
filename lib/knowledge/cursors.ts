/**
 * Sync positions per source, host and locale (db.cursors), and the one place
 * a sync's outcome is written: articles, deletions and the new cursors in one
 * IndexedDB transaction, so a cursor never moves past articles that were not
 * stored.
 */
import type { KnowledgeDb, SyncCursor } from './db';
import type { Article, KbSource } from './types';

export type { SyncCursor } from './db';

/** 'zendesk:acme.zendesk.com:zh-cn'; Salesforce uses 'all' when it syncs every language at once. */
export const cursorKey = (source: KbSource, host: string, locale: string) => `${source}:${host}:${locale}`;

/** What a sync reads of the cursors (the writing is applySync's). */
export interface CursorStore {
  get(key: string): Promise<SyncCursor | undefined>;
}

/** What a sync hands back for storing. */
export interface SyncOutcome {
  upserts: Article[];
  /** Article ids to remove (archived, unpublished, draft, gone). */
  deletions: string[];
  cursors: SyncCursor[];
}

export function dexieCursors(db: KnowledgeDb): CursorStore {
  return { get: (key) => db.cursors.get(key) };
}

/** Ids of the articles stored for a source, host and locale: what a full sync compares against to find deletions. */
export async function knownArticleIds(db: KnowledgeDb, source: KbSource, host: string, locale: string): Promise<string[]> {
  const ids = (await db.articles.where('id').startsWith(`${source}:${host}:`).primaryKeys()) as string[];
  const suffix = `:${locale}`;
  return ids.filter((id) => id.endsWith(suffix));
}

/** Stores a sync's outcome all together or not at all. */
export async function applySync(db: KnowledgeDb, outcome: SyncOutcome): Promise<void> {
  await db.transaction('rw', db.articles, db.cursors, async () => {
    if (outcome.deletions.length) await db.articles.bulkDelete(outcome.deletions);
    if (outcome.upserts.length) await db.articles.bulkPut(outcome.upserts);
    if (outcome.cursors.length) await db.cursors.bulkPut(outcome.cursors);
  });
}
