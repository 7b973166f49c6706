/**
 * The knowledge service the background owns: articles in IndexedDB, the search
 * index in memory (persisted as a snapshot so a restarted service worker does
 * not rebuild it), recommendations for a conversation, feedback that tunes
 * ranking per intent, the log of questions nothing answered, and optional
 * hybrid ranking with embeddings.
 *
 * Write articles through upsertArticles/removeArticles: they keep a ledger of
 * the articles (count, newest updatedAt, an order-free hash of id+updatedAt
 * kept up to date incrementally) in the same transaction, and the snapshot is
 * only used when its fingerprint equals the ledger. A writer that goes around
 * the service changes the count or the newest date in all but contrived cases,
 * which makes the ledger stale, and a stale ledger means one rebuild.
 */
import { conversationLanguage, detectLanguage } from '../analysis/language.ts';
import { redact } from '../analysis/pii.ts';
import { setBounded } from '../bounded.ts';
import { fnv1a } from '../hash.ts';
import type { Conversation } from '../types.ts';
import type { EmbeddingRow, KnowledgeDb } from './db.ts';
import { denseRank, fuseRanks, type Scored } from './hybrid.ts';
import { SearchIndex, type IndexSnapshotData, type QueryInput, type RankedHit } from './search.ts';
import { EN_STOP, tokenize } from './tokenize.ts';
import type { Article, ArticleFeedback, FeedbackKind, KbSource, Recommendation } from './types.ts';

export interface KnowledgeServiceOptions {
  db: KnowledgeDb;
  /** Epoch ms (tests pass a fixed clock). */
  now?: () => number;
  /** Embeddings of texts from the configured endpoint; absent or failing means lexical search only. */
  embed?: (texts: string[]) => Promise<Float32Array[]>;
  /** Part of the embedding cache key, so another model never reuses vectors (default 'default'). */
  embedModel?: string;
  /** How long a search waits for embeddings before answering lexically (default 3 s). */
  embedTimeoutMs?: number;
  /** Quiet time after a change before the index snapshot is saved (default 2 s). */
  saveDelayMs?: number;
  /** Most unanswered questions kept; the oldest go first (default 2,000). */
  unansweredCap?: number;
  /** Redaction of customer text before it is logged (default: lib/analysis/pii.ts with no custom patterns). */
  redactText?: (text: string) => string;
}

export interface KnowledgeStats {
  articles: number;
  bySource: Partial<Record<KbSource, number>>;
  byLocale: Record<string, number>;
  /** Newest lastSyncAt of any source ('' when never synced). */
  lastSyncAt: string;
  index: { articles: number; terms: number; loadedFrom: 'snapshot' | 'rebuild' | 'none'; rebuilds: number; savedAt: string };
}

/** Conversation language ('en', 'zh-Hans', 'zh-Hant', '') or a locale ('zh-tw'). */
export type LanguagePreference = string;

const SNAPSHOT_KEY = 'search-index';
const LEDGER_KEY = 'articles-ledger';
/** Customer messages a recommendation reads, latest first, and what each weighs. */
const RECENT_WEIGHTS = [1, 0.5, 0.25];
const SUBJECT_WEIGHT = 0.5;
/** Longer messages (quoted mail that slipped through, logs) are read up to here. */
const MAX_QUERY_CHARS = 2_000;
/**
 * Below this share of the question's weight (by idf) matched by the best
 * article, the question counts as unanswered. A lexical signal, so a rough one:
 * on the retrieval sets it flags 20–33% of the questions whose best article was
 * wrong and 6–12% of those it was right (English), 77% and 29% (Chinese, whose
 * paraphrases share fewer bigrams).
 */
const MIN_COVERAGE = 0.35;
/** Lexical candidates reranked with embeddings. */
const HYBRID_CANDIDATES = 30;
/** Article vectors kept in memory (the oldest go first; IndexedDB keeps them all), and query vectors. */
const MAX_VECTORS = 5_000;
const MAX_QUERY_VECTORS = 64;
/** Score multiplier by feedback, per article and intent, and its bounds. */
const FEEDBACK_FACTOR: Record<FeedbackKind, number> = { helpful: 1.08, not_helpful: 0.7, outdated: 0.6, incorrect: 0.5 };
const PRIOR_MIN = 0.25;
const PRIOR_MAX = 1.25;

interface Ledger {
  count: number;
  maxUpdatedAt: string;
  /** Two 32-bit lanes of Σ hash(id, updatedAt) mod 2^32: order-free, and a removal subtracts. */
  h1: number;
  h2: number;
}

function ledgerAdd(l: Ledger, a: Pick<Article, 'id' | 'updatedAt'>, sign: 1 | -1): void {
  const key = `${a.id}\u0000${a.updatedAt}`;
  l.h1 = (l.h1 + sign * fnv1a(key, 0x811c9dc5)) >>> 0;
  l.h2 = (l.h2 + sign * fnv1a(key, 0x9747b28c)) >>> 0;
}

const fingerprintOf = (l: Ledger) => `${l.count}|${l.maxUpdatedAt}|${l.h1.toString(36)}.${l.h2.toString(36)}`;

/** 'en', 'zh-Hans' or 'zh-Hant' for a conversation language or an article locale; '' when neither. */
export function languageOf(tag: string): string {
  const t = tag.toLowerCase();
  if (t === 'en' || t.startsWith('en-')) return 'en';
  if (t === 'zh-hant' || /^zh-(tw|hk|mo|hant)/.test(t)) return 'zh-Hant';
  if (t === 'zh' || t === 'zh-hans' || /^zh-(cn|sg|my|hans)/.test(t)) return 'zh-Hans';
  return t ? t.split('-')[0]! : '';
}

/**
 * Articles in the preferred language first: the same language and script
 * count fully, Chinese in the other script 0.8 (it reads, and folding makes it
 * match), any other language 0.5, so it still shows when nothing else answers.
 */
function localeWeight(preferred: string): ((locale: string) => number) | undefined {
  const want = languageOf(preferred);
  if (!want) return undefined;
  return (locale) => {
    const have = languageOf(locale);
    if (!have || have === want) return 1;
    if (have.startsWith('zh') && want.startsWith('zh')) return 0.8;
    return 0.5;
  };
}

/**
 * Enough words to be a question worth showing the team: two English content
 * words, or four Chinese characters ("thanks", "好的谢谢" and "ok" are not).
 */
function asksSomething(text: string): boolean {
  let words = 0;
  let han = 0;
  for (const term of new Set(tokenize(text.slice(0, MAX_QUERY_CHARS)))) {
    if (term.charCodeAt(0) >= 0x3040) han += term.length === 1 ? 1 : 0;
    else if (!EN_STOP.has(term)) words++;
  }
  return words + han / 2 >= 2;
}

export function createKnowledgeService(options: KnowledgeServiceOptions) {
  const { db } = options;
  const now = options.now ?? Date.now;
  const model = options.embedModel ?? 'default';
  const saveDelay = options.saveDelayMs ?? 2_000;
  const cap = options.unansweredCap ?? 2_000;
  const redactText = options.redactText ?? ((t: string) => redact(t).text);

  let index = new SearchIndex();
  let ledger: Ledger = { count: 0, maxUpdatedAt: '', h1: 0, h2: 0 };
  let loadedFrom: KnowledgeStats['index']['loadedFrom'] = 'none';
  let rebuilds = 0;
  let savedAt = '';
  let readyPromise: Promise<void> | null = null;
  let saveTimer: ReturnType<typeof setTimeout> | null = null;
  let dirty = false;
  /** Writes, rebuilds and saves run one at a time, in order. */
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn);
    queue = run.catch(() => undefined);
    return run;
  };
  const priorCache = new Map<string, Map<string, number>>();
  const vectors = new Map<string, { updatedAt: string; vector: Float32Array }>();
  /** A ticket's recommendations refresh often with the same question: its vector is asked for once. */
  const queryVectors = new Map<string, Float32Array>();
  /** Ticket + question already logged as unanswered (a recommendation refreshes on every change of the ticket). */
  const logged = new Set<string>();

  const iso = () => new Date(now()).toISOString();

  async function newestUpdatedAt(): Promise<string> {
    const keys = await db.articles.orderBy('updatedAt').reverse().limit(1).keys();
    return (keys[0] as string | undefined) ?? '';
  }

  async function rebuild(): Promise<void> {
    const next = new SearchIndex();
    const fresh: Ledger = { count: 0, maxUpdatedAt: '', h1: 0, h2: 0 };
    const batch: ReturnType<typeof toDoc>[] = [];
    await db.articles.each((a) => {
      batch.push(toDoc(a));
      ledgerAdd(fresh, a, 1);
      fresh.count++;
      if (a.updatedAt > fresh.maxUpdatedAt) fresh.maxUpdatedAt = a.updatedAt;
    });
    next.addAll(batch);
    next.merge();
    index = next;
    ledger = fresh;
    rebuilds++;
    loadedFrom = 'rebuild';
    await db.snapshots.put({ key: LEDGER_KEY, fingerprint: fingerprintOf(ledger), data: { ...ledger }, builtAt: iso() });
    await saveSnapshot();
  }

  async function saveSnapshot(): Promise<void> {
    const data = index.toSnapshot();
    savedAt = iso();
    await db.snapshots.put({ key: SNAPSHOT_KEY, fingerprint: fingerprintOf(ledger), data, builtAt: savedAt });
    dirty = false;
  }

  function scheduleSave(): void {
    dirty = true;
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = setTimeout(() => {
      saveTimer = null;
      void serial(async () => {
        if (dirty) await saveSnapshot();
      }).catch(() => undefined); // the ledger still tells the next start to rebuild
    }, saveDelay);
  }

  function ready(): Promise<void> {
    readyPromise ??= serial(async () => {
      const [count, newest, stored, snap] = await Promise.all([
        db.articles.count(),
        newestUpdatedAt(),
        db.snapshots.get(LEDGER_KEY),
        db.snapshots.get(SNAPSHOT_KEY),
      ]);
      const l = stored?.data as Ledger | undefined;
      if (l && l.count === count && l.maxUpdatedAt === newest && snap?.fingerprint === fingerprintOf(l)) {
        try {
          index = SearchIndex.fromSnapshot(snap.data as IndexSnapshotData);
          ledger = { ...l };
          loadedFrom = 'snapshot';
          savedAt = snap.builtAt;
          return;
        } catch {
          // A snapshot of another version or a damaged one: rebuild below.
        }
      }
      await rebuild();
    }).catch((e) => {
      readyPromise = null; // let the next call try again
      throw e;
    });
    return readyPromise;
  }

  function toDoc(a: Article) {
    return { id: a.id, title: a.title, body: a.body, locale: a.locale };
  }

  async function upsertArticles(articles: readonly Article[]): Promise<void> {
    await ready();
    const byId = new Map(articles.map((a) => [a.id, a]));
    if (!byId.size) return;
    await serial(async () => {
      const next = { ...ledger };
      const ids = [...byId.keys()];
      const old = await db.transaction('rw', db.articles, db.snapshots, async () => {
        const before = await db.articles.bulkGet(ids);
        await db.articles.bulkPut([...byId.values()]);
        before.forEach((a) => a && ledgerAdd(next, a, -1));
        for (const a of byId.values()) ledgerAdd(next, a, 1);
        next.count = await db.articles.count();
        next.maxUpdatedAt = await newestUpdatedAt();
        await db.snapshots.put({ key: LEDGER_KEY, fingerprint: fingerprintOf(next), data: next, builtAt: iso() });
        return before;
      });
      ledger = next;
      index.addAll([...byId.values()].map(toDoc));
      await forgetVectors(old.filter((a): a is Article => !!a && a.updatedAt !== byId.get(a.id)!.updatedAt));
      scheduleSave();
    });
  }

  async function removeArticles(ids: readonly string[]): Promise<void> {
    await ready();
    if (!ids.length) return;
    await serial(async () => {
      const next = { ...ledger };
      const old = await db.transaction('rw', db.articles, db.snapshots, async () => {
        const before = (await db.articles.bulkGet([...ids])).filter((a): a is Article => !!a);
        await db.articles.bulkDelete(before.map((a) => a.id));
        for (const a of before) ledgerAdd(next, a, -1);
        next.count = await db.articles.count();
        next.maxUpdatedAt = await newestUpdatedAt();
        await db.snapshots.put({ key: LEDGER_KEY, fingerprint: fingerprintOf(next), data: next, builtAt: iso() });
        return before;
      });
      ledger = next;
      for (const a of old) index.remove(a.id);
      await forgetVectors(old);
      scheduleSave();
    });
  }

  // ------------------------------------------------------------ feedback

  const intentKey = (intent: string | null | undefined) => intent ?? '';

  /** Per-article multipliers for an intent from the feedback given for it, bounded. */
  async function priorsFor(intent: string | null | undefined): Promise<Map<string, number>> {
    const key = intentKey(intent);
    const cached = priorCache.get(key);
    if (cached) return cached;
    // IndexedDB cannot index null, so feedback without an intent is found by a scan of the (small) table.
    const rows = key ? await db.feedback.where('intent').equals(key).toArray() : await db.feedback.filter((f) => !f.intent).toArray();
    const priors = new Map<string, number>();
    for (const f of rows) priors.set(f.articleId, (priors.get(f.articleId) ?? 1) * FEEDBACK_FACTOR[f.kind]);
    for (const [id, p] of priors) priors.set(id, Math.min(PRIOR_MAX, Math.max(PRIOR_MIN, p)));
    priorCache.set(key, priors);
    return priors;
  }

  async function addFeedback(f: ArticleFeedback): Promise<void> {
    const { id: _ignored, ...row } = f;
    await db.feedback.add(row);
    priorCache.delete(intentKey(f.intent));
  }

  // ------------------------------------------------------------ embeddings

  const vectorKey = (id: string, updatedAt: string) => `${model}|${id}|${updatedAt}`;

  async function forgetVectors(old: readonly Article[]): Promise<void> {
    for (const a of old) vectors.delete(a.id);
    if (options.embed && old.length) await db.embeddings.bulkDelete(old.map((a) => vectorKey(a.id, a.updatedAt)));
  }

  function withTimeout<T>(p: Promise<T>): Promise<T> {
    const ms = options.embedTimeoutMs ?? 3_000;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('embeddings timed out')), ms);
      p.then(
        (v) => (clearTimeout(timer), resolve(v)),
        (e) => (clearTimeout(timer), reject(e)),
      );
    });
  }

  /** Vectors of these articles: memory, then the IndexedDB cache, then the endpoint (and cached). */
  async function ensureVectors(articles: readonly Article[]): Promise<void> {
    const missing = articles.filter((a) => vectors.get(a.id)?.updatedAt !== a.updatedAt);
    if (!missing.length) return;
    const rows = await db.embeddings.bulkGet(missing.map((a) => vectorKey(a.id, a.updatedAt)));
    const toEmbed: Article[] = [];
    missing.forEach((a, i) => {
      const row = rows[i];
      if (row) setBounded(vectors, a.id, { updatedAt: a.updatedAt, vector: row.vector }, MAX_VECTORS);
      else toEmbed.push(a);
    });
    if (!toEmbed.length) return;
    const got = await withTimeout(options.embed!(toEmbed.map((a) => `${a.title}\n${a.body}`.slice(0, MAX_QUERY_CHARS * 2))));
    const put: EmbeddingRow[] = [];
    toEmbed.forEach((a, i) => {
      const vector = got[i];
      if (!(vector instanceof Float32Array)) return;
      setBounded(vectors, a.id, { updatedAt: a.updatedAt, vector }, MAX_VECTORS);
      put.push({ key: vectorKey(a.id, a.updatedAt), model, vector });
    });
    await db.embeddings.bulkPut(put);
  }

  /**
   * Lexical candidates reranked with embeddings: the query's vector against
   * the candidates' (and every article vector computed so far), fused by rank.
   * Any failure (endpoint down, timeout, malformed answer) leaves the lexical order.
   */
  async function hybrid(queryText: string, lexical: RankedHit[], weight: (id: string) => number): Promise<Scored[]> {
    if (!options.embed || !queryText.trim()) return lexical;
    try {
      const candidates = (await db.articles.bulkGet(lexical.slice(0, HYBRID_CANDIDATES).map((h) => h.id))).filter((a): a is Article => !!a);
      const cached = queryVectors.get(queryText);
      const [[query]] = await Promise.all([cached ? [cached] : withTimeout(options.embed([queryText])), ensureVectors(candidates)]);
      if (!(query instanceof Float32Array)) return lexical;
      setBounded(queryVectors, queryText, query, MAX_QUERY_VECTORS);
      const dense = denseRank(query, [...vectors].map(([id, v]) => [id, v.vector] as const), HYBRID_CANDIDATES, weight);
      return fuseRanks([
        { hits: lexical, weight: 1 },
        { hits: dense, weight: 1 },
      ]);
    } catch {
      return lexical;
    }
  }

  // ------------------------------------------------------------ search

  async function run(query: QueryInput, opts: { limit: number; language: string; intent: string | null | undefined }): Promise<{ hits: Recommendation[]; best: RankedHit | undefined }> {
    await ready();
    const priors = await priorsFor(opts.intent);
    const lw = localeWeight(opts.language);
    const lexical = index.search(query, { limit: options.embed ? Math.max(opts.limit, HYBRID_CANDIDATES) : opts.limit, priors, localeWeight: lw });
    const queryText = typeof query === 'string' ? query : [...query].sort((a, b) => b.weight - a.weight).map((p) => p.text).join('\n');
    const weight = (id: string) => (priors.get(id) ?? 1) * (lw ? lw(index.localeOf(id)) : 1);
    const ranked = (await hybrid(queryText.slice(0, MAX_QUERY_CHARS), lexical, weight)).slice(0, opts.limit);
    const articles = await db.articles.bulkGet(ranked.map((h) => h.id));
    const hits: Recommendation[] = [];
    ranked.forEach((h, i) => {
      const a = articles[i];
      if (!a) return; // removed meanwhile
      hits.push({ articleId: a.id, score: h.score, passage: index.passage(query, a.title, a.body), title: a.title, url: a.url, locale: a.locale, source: a.source });
    });
    return { hits, best: lexical[0] };
  }

  /** The agent searches by hand. `locale`: the conversation's language or a locale, preferred but not required. */
  async function search(query: string, opts: { limit?: number; locale?: LanguagePreference; intent?: string | null } = {}): Promise<Recommendation[]> {
    const text = query.slice(0, MAX_QUERY_CHARS);
    const detected = opts.locale ? '' : detectLanguage(text).language;
    const language = opts.locale || (detected === 'unknown' ? '' : detected);
    return (await run(text, { limit: opts.limit ?? 5, language, intent: opts.intent })).hits;
  }

  /**
   * Knowledge for a conversation: its latest customer messages (the latest
   * weighs most; agent, bot and internal text is skipped) and the subject, in
   * the conversation's language first. A question nothing answers well is
   * logged, redacted, for the team view.
   */
  async function recommend(conversation: Conversation, intent: string | null, opts: { limit?: number } = {}): Promise<Recommendation[]> {
    const customer = conversation.messages.filter((m) => m.role === 'customer' && m.text.trim());
    const recent = customer.slice(-RECENT_WEIGHTS.length).reverse();
    const parts = recent.map((m, i) => ({ text: m.text.slice(0, MAX_QUERY_CHARS), weight: RECENT_WEIGHTS[i]! }));
    if (conversation.subject.trim()) parts.push({ text: conversation.subject.slice(0, 500), weight: recent.length ? SUBJECT_WEIGHT : 1 });
    if (!parts.length) return [];
    let language = conversation.language;
    if (!language || language === 'unknown') {
      const detected = conversationLanguage(customer.length ? customer : [{ role: 'customer', text: conversation.subject }]).language;
      language = detected === 'unknown' ? '' : detected;
    }
    const { hits, best } = await run(parts, { limit: opts.limit ?? 5, language, intent });
    const latest = recent[0]?.text ?? conversation.subject;
    if (!best || best.coverage < MIN_COVERAGE) await logUnanswered(conversation, latest, intent, best?.coverage ?? 0, language);
    return hits;
  }

  async function logUnanswered(conversation: Conversation, text: string, intent: string | null, bestScore: number, language: string): Promise<void> {
    if (!asksSomething(text)) return;
    const redacted = redactText(text.trim().slice(0, 1_000));
    if (!redacted) return;
    const k = conversation.key;
    const seen = `${k.site}|${k.host}|${k.ticketId}|${redacted}`;
    if (logged.has(seen)) return;
    if (logged.size >= 1_000) logged.delete(logged.values().next().value!);
    logged.add(seen);
    await db.unanswered.add({ at: iso(), text: redacted, intent, bestScore: Math.round(bestScore * 1000) / 1000, language });
    const over = (await db.unanswered.count()) - cap;
    if (over > 0) await db.unanswered.bulkDelete(await db.unanswered.orderBy('id').limit(over).primaryKeys());
  }

  async function stats(): Promise<KnowledgeStats> {
    // Distinct values, then one count each: listing every key is quadratic in some IndexedDB shims.
    const countBy = async (field: 'source' | 'locale') => {
      const out: Record<string, number> = {};
      for (const k of (await db.articles.orderBy(field).uniqueKeys()) as string[]) out[k] = await db.articles.where(field).equals(k).count();
      return out;
    };
    const [articles, bySource, byLocale, cursors] = await Promise.all([db.articles.count(), countBy('source'), countBy('locale'), db.cursors.toArray()]);
    return {
      articles,
      bySource,
      byLocale,
      lastSyncAt: cursors.reduce((m, c) => (c.lastSyncAt > m ? c.lastSyncAt : m), ''),
      index: { articles: index.size, terms: index.termCount, loadedFrom, rebuilds, savedAt },
    };
  }

  /** Saves a pending snapshot now (before the worker is suspended, and in tests). */
  async function flush(): Promise<void> {
    if (saveTimer) {
      clearTimeout(saveTimer);
      saveTimer = null;
    }
    await serial(async () => {
      if (dirty) await saveSnapshot();
    });
  }

  /** Stops the pending save without running it (tests; a worker simply goes away). */
  function close(): void {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = null;
  }

  return { ready, upsertArticles, removeArticles, search, recommend, addFeedback, stats, flush, close };
}

export type KnowledgeService = ReturnType<typeof createKnowledgeService>;
