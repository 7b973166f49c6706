/**
 * Zendesk Help Center sync: the articles of the agent's own Zendesk, every
 * locale the team uses, only what changed since the last sync.
 *
 * The caller injects `fetchJson(path)`, which decides how the request is made:
 * - a content script on https://acme.zendesk.com fetching same-origin with the
 *   agent's session (`credentials: 'same-origin'`), answering the background's
 *   `helpdesk.fetch` messages, or
 * - the background with an API token from managed policy
 *   (`httpFetchJson('https://acme.zendesk.com', { headers: { Authorization: zendeskTokenAuth(email, token) } })`).
 *
 * API used (developer.zendesk.com, Help Center API):
 * - `GET /api/v2/help_center/locales.json` → `{ locales, default_locale }`;
 * - a locale's first sync, and a reconciliation every `fullEveryMs`:
 *   `GET /api/v2/help_center/{locale}/articles.json?per_page=100` with offset
 *   pagination (`next_page` URL, `count`); what the store holds and the list
 *   does not is deleted (archived, unpublished);
 * - after that, the incremental export
 *   `GET /api/v2/help_center/incremental/articles.json?start_time=<epoch s>`
 *   (agents and admins only; up to 1,000 articles a page; `next_page` carries
 *   the next start_time, `end_time` is the next sync's start). It is not per
 *   locale: a changed article is taken in each synced locale from its row in
 *   that locale, else its sideloaded translation, else
 *   `GET /api/v2/help_center/{locale}/articles/{id}.json` (404: not in that
 *   locale any more, deleted here). Drafts are deleted.
 *
 * Every page is validated; one malformed page fails the whole sync and
 * nothing is returned for storing, so cursors never pass unstored articles.
 */
import { z } from 'zod';
import { cursorKey, type CursorStore, type SyncCursor, type SyncOutcome } from './cursors';
import { htmlToText } from './html-text';
import type { Article } from './types';

// ------------------------------------------------------- the fetch contract

/** A helpdesk API answer as plain data (it may cross the message channel from a content script). */
export interface FetchJsonResponse {
  status: number;
  /** Parsed JSON body; null when the body was empty or not JSON. */
  json: unknown;
  /** Response headers, names in lower case (`retry-after` at least, for 429). */
  headers?: Record<string, string>;
}
/** GET a path on the helpdesk's origin ('/api/v2/…'); throws only when the network fails. */
export type FetchJson = (path: string) => Promise<FetchJsonResponse>;

/** `Authorization` for a Zendesk API token: Basic base64("email/token:TOKEN"). */
export function zendeskTokenAuth(email: string, token: string): string {
  const bytes = new TextEncoder().encode(`${email.trim()}/token:${token.trim()}`);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return `Basic ${btoa(binary)}`;
}

/** A FetchJson over `fetch` for one origin: same-origin with the session in a content script, or with headers in the background. */
export function httpFetchJson(
  origin: string,
  init: { headers?: Record<string, string>; credentials?: RequestCredentials; fetch?: typeof fetch } = {},
): FetchJson {
  const base = new URL(origin).origin;
  const doFetch = init.fetch ?? fetch;
  return async (path) => {
    const res = await doFetch(`${base}${path}`, {
      headers: { Accept: 'application/json', ...init.headers },
      credentials: init.credentials ?? 'omit',
      redirect: 'error',
    });
    const raw = await res.text();
    let json: unknown = null;
    try {
      json = raw ? JSON.parse(raw) : null;
    } catch {
      json = null;
    }
    const headers: Record<string, string> = {};
    res.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value;
    });
    return { status: res.status, json, headers };
  };
}

// ------------------------------------------------- requests, retries, errors

export type SyncErrorKind = 'access' | 'not-found' | 'rate-limited' | 'network' | 'malformed' | 'http' | 'config' | 'aborted';
/** A failed sync, in words for the agent; `status` and `path` for diagnostics. */
export interface SyncError {
  kind: SyncErrorKind;
  message: string;
  status?: number;
  path?: string;
}
export class SyncStop extends Error {
  constructor(readonly error: SyncError) {
    super(error.message);
  }
}

export interface RequestOptions {
  fetchJson: FetchJson;
  host: string;
  /** Waits (429 Retry-After); injected so tests do not wait. */
  sleep?: (ms: number) => Promise<void>;
  /** 429s retried per request before giving up (default 3). */
  maxRetries?: number;
  /** A Retry-After longer than this (seconds) is not waited for (default 120). */
  maxWaitSeconds?: number;
  signal?: AbortSignal;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function header(res: FetchJsonResponse, name: string): string | undefined {
  for (const [k, v] of Object.entries(res.headers ?? {})) if (k.toLowerCase() === name) return v;
  return undefined;
}

/** Seconds to wait: Retry-After as seconds or an HTTP date; else a doubling backoff. */
function retryAfterSeconds(res: FetchJsonResponse, attempt: number): number {
  const value = header(res, 'retry-after')?.trim();
  if (value && /^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value));
  const date = value ? Date.parse(value) : NaN;
  if (Number.isFinite(date)) return Math.max(0, Math.ceil((date - Date.now()) / 1000));
  return 2 ** attempt * 5;
}

/**
 * GET with the waits a helpdesk asks for: 429 (and 503 with Retry-After) are
 * retried after Retry-After; a network failure, or the retries running out,
 * stop the sync. Any other status is returned for the source to word.
 */
export async function getWithRetry(opts: RequestOptions, path: string): Promise<FetchJsonResponse> {
  const sleep = opts.sleep ?? defaultSleep;
  const maxRetries = opts.maxRetries ?? 3;
  const maxWait = opts.maxWaitSeconds ?? 120;
  for (let attempt = 0; ; attempt++) {
    if (opts.signal?.aborted) throw new SyncStop({ kind: 'aborted', message: 'The sync was stopped.', path });
    let res: FetchJsonResponse;
    try {
      res = await opts.fetchJson(path);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      throw new SyncStop({ kind: 'network', message: `Could not reach ${opts.host} (${why}). Check the connection and try again.`, path });
    }
    const busy = res.status === 429 || (res.status === 503 && header(res, 'retry-after') !== undefined);
    if (!busy) return res;
    const wait = retryAfterSeconds(res, attempt);
    if (attempt >= maxRetries || wait > maxWait) {
      throw new SyncStop({
        kind: 'rate-limited',
        status: res.status,
        path,
        message: `${opts.host} is limiting requests (HTTP ${res.status}) and asks to wait ${wait} s; the sync will try again later.`,
      });
    }
    await sleep(wait * 1000);
  }
}

/** A zod failure as one line: where in the answer, and what. */
export function malformed(host: string, path: string, error: z.ZodError): SyncStop {
  const issue = error.issues[0]!;
  const where = issue.path.length ? issue.path.join('.') : 'the answer';
  return new SyncStop({ kind: 'malformed', path, message: `${host} sent an unexpected answer for ${path.split('?')[0]} (${where}: ${issue.message}); nothing was saved.` });
}

// ------------------------------------------------------------ Zendesk shapes

const isDate = (s: string) => Number.isFinite(Date.parse(s));

const translationSchema = z.looseObject({
  locale: z.string().min(1),
  title: z.string(),
  body: z.string().nullable().optional(),
  draft: z.boolean().optional(),
  html_url: z.string().optional(),
  updated_at: z.string().refine(isDate, 'not a date').optional(),
});
const articleSchema = z.looseObject({
  id: z.number().int().nonnegative(),
  title: z.string(),
  body: z.string().nullable().optional(),
  locale: z.string().min(1),
  html_url: z.string().optional(),
  updated_at: z.string().refine(isDate, 'not a date'),
  edited_at: z.string().nullable().optional(),
  draft: z.boolean().optional(),
  label_names: z.array(z.string()).optional(),
  translations: z.array(translationSchema).optional(),
});
type ZendeskArticle = z.infer<typeof articleSchema>;
const localesSchema = z.looseObject({ locales: z.array(z.string().min(1)), default_locale: z.string().optional() });
const listPageSchema = z.looseObject({ articles: z.array(articleSchema), next_page: z.string().nullable().optional(), count: z.number().optional() });
const incrementalPageSchema = z.looseObject({
  articles: z.array(articleSchema),
  next_page: z.string().nullable().optional(),
  end_time: z.number().nullable().optional(),
  count: z.number().optional(),
});
const showSchema = z.looseObject({ article: articleSchema });

/** The cursor string of a Zendesk locale: where the incremental export resumes, and when the list was last read in full. */
interface ZendeskCursor {
  startTime: number;
  fullAt: number;
}
function readCursor(c: SyncCursor | undefined): ZendeskCursor | null {
  try {
    const v = JSON.parse(c?.cursor ?? '') as Partial<ZendeskCursor>;
    return Number.isInteger(v.startTime) && Number.isFinite(v.fullAt) ? { startTime: v.startTime!, fullAt: v.fullAt! } : null;
  } catch {
    return null;
  }
}

// --------------------------------------------------------------------- sync

export interface ZendeskSyncOptions extends Omit<RequestOptions, 'host'> {
  /** 'acme.zendesk.com'. */
  host: string;
  cursors: CursorStore;
  /** Article ids stored for this host and locale (cursors.knownArticleIds). */
  known: (locale: string) => Promise<string[]>;
  /** Locales to sync (setting kbLocales); empty: every locale of the Help Center. */
  locales?: string[];
  /** How the requests are authorised, for the wording of a 401/403. */
  auth?: 'session' | 'token';
  /** Read every locale's list in full (finds archived articles) instead of the incremental export. */
  full?: boolean;
  /** A locale's list is read in full again after this long (default a day), to catch archived articles. */
  fullEveryMs?: number;
  onProgress?: (p: { locale: string; done: number; total: number }) => void;
  /** Epoch ms. */
  now?: () => number;
}

export type ZendeskSyncResult =
  | ({ ok: true; locales: string[]; mode: Record<string, 'full' | 'incremental'>; missingLocales: string[] } & SyncOutcome)
  | { ok: false; error: SyncError };

const MAX_PAGES = 1_000;

export async function syncZendesk(opts: ZendeskSyncOptions): Promise<ZendeskSyncResult> {
  try {
    return await run(opts);
  } catch (e) {
    if (e instanceof SyncStop) return { ok: false, error: e.error };
    throw e;
  }
}

async function run(opts: ZendeskSyncOptions): Promise<ZendeskSyncResult> {
  const { host } = opts;
  const now = opts.now ?? Date.now;
  const who = opts.auth === 'token' ? 'this API token' : 'this session';

  /** GET and validate; 404 is null only where the caller can use it. */
  async function get<T extends z.ZodType>(path: string, schema: T, allow404 = false): Promise<z.infer<T> | null> {
    const res = await getWithRetry({ ...opts, host }, path);
    if (res.status === 401 || res.status === 403) {
      throw new SyncStop({
        kind: 'access',
        status: res.status,
        path,
        message: `No access to the Help Center of ${host} with ${who} (HTTP ${res.status}). Sign in to Zendesk again${opts.auth === 'token' ? ', or check the API e-mail and token' : ''}; the incremental export needs an agent or admin.`,
      });
    }
    if (res.status === 404 && allow404) return null;
    if (res.status === 404) throw new SyncStop({ kind: 'not-found', status: 404, path, message: `${host} has no Help Center (HTTP 404): there are no articles to sync; import them instead.` });
    if (res.status < 200 || res.status >= 300) throw new SyncStop({ kind: 'http', status: res.status, path, message: `${host} answered HTTP ${res.status} for ${path.split('?')[0]}; the sync will try again later.` });
    const parsed = schema.safeParse(res.json);
    if (!parsed.success) throw malformed(host, path, parsed.error);
    return parsed.data;
  }
  /** A next_page URL as a path on this host; refuses to be led elsewhere. */
  function nextPath(url: string, from: string): string {
    let u: URL;
    try {
      u = new URL(url, `https://${host}`);
    } catch {
      throw new SyncStop({ kind: 'malformed', path: from, message: `${host} sent a next page that is not an address; nothing was saved.` });
    }
    if (u.host !== host) throw new SyncStop({ kind: 'malformed', path: from, message: `${host} sent a next page on another host (${u.host}); nothing was saved.` });
    return `${u.pathname}${u.search}`;
  }

  // 1. Locales.
  const hc = (await get('/api/v2/help_center/locales.json', localesSchema))!;
  const available = hc.locales.map((l) => l.toLowerCase());
  const wanted = (opts.locales ?? []).map((l) => l.trim().toLowerCase()).filter(Boolean);
  const locales = wanted.length ? wanted.filter((l) => available.includes(l)) : available;
  const missingLocales = wanted.filter((l) => !available.includes(l));
  if (!locales.length) {
    throw new SyncStop({ kind: 'config', message: `None of the locales to sync (${wanted.join(', ')}) is in the Help Center of ${host} (${available.join(', ') || 'none'}).` });
  }

  const startedAt = now();
  const startedS = Math.floor(startedAt / 1000);
  const fullEvery = opts.fullEveryMs ?? 24 * 60 * 60 * 1000;
  const cursors = new Map<string, ZendeskCursor | null>();
  for (const l of locales) cursors.set(l, readCursor(await opts.cursors.get(cursorKey('zendesk', host, l))));
  const mode: Record<string, 'full' | 'incremental'> = {};
  for (const l of locales) {
    const c = cursors.get(l);
    mode[l] = opts.full || !c || startedAt - c.fullAt >= fullEvery ? 'full' : 'incremental';
  }

  const upserts = new Map<string, Article>();
  const deletions = new Set<string>();
  const newCursors: SyncCursor[] = [];
  const idOf = (articleId: number, locale: string) => `zendesk:${host}:${articleId}:${locale}`;
  const put = (a: Article) => {
    upserts.set(a.id, a);
    deletions.delete(a.id);
  };
  const remove = (id: string) => {
    upserts.delete(id);
    deletions.add(id);
  };
  const cursorRow = async (locale: string, c: ZendeskCursor) => {
    const ids = new Set(await opts.known(locale));
    for (const id of upserts.keys()) if (id.endsWith(`:${locale}`)) ids.add(id);
    for (const id of deletions) ids.delete(id);
    newCursors.push({ key: cursorKey('zendesk', host, locale), cursor: JSON.stringify(c), lastSyncAt: new Date(startedAt).toISOString(), articles: ids.size });
  };

  // 2. Full lists: the first sync of a locale, and the periodic reconciliation.
  for (const locale of locales.filter((l) => mode[l] === 'full')) {
    const seen = new Set<string>();
    let path: string | null = `/api/v2/help_center/${encodeURIComponent(locale)}/articles.json?per_page=100`;
    for (let page = 0; path; page++) {
      if (page >= MAX_PAGES) throw new SyncStop({ kind: 'malformed', path, message: `${host} kept sending pages past ${MAX_PAGES}; nothing was saved.` });
      const data: z.infer<typeof listPageSchema> = (await get(path, listPageSchema))!;
      for (const row of data.articles) {
        if (row.locale.toLowerCase() !== locale || row.draft) continue;
        const a = toArticle(host, locale, row);
        seen.add(a.id);
        put(a);
      }
      opts.onProgress?.({ locale, done: seen.size, total: Math.max(data.count ?? 0, seen.size) });
      path = data.next_page ? nextPath(data.next_page, path) : null;
    }
    for (const id of await opts.known(locale)) if (!seen.has(id)) remove(id);
    await cursorRow(locale, { startTime: startedS, fullAt: startedAt });
  }

  // 3. The incremental export, once for every locale that has a cursor.
  const incremental = locales.filter((l) => mode[l] === 'incremental');
  if (incremental.length) {
    const start = Math.min(...incremental.map((l) => cursors.get(l)!.startTime));
    const changed = new Map<number, ZendeskArticle[]>();
    let endTime = start;
    let path: string | null = `/api/v2/help_center/incremental/articles.json?start_time=${start}&include=translations`;
    for (let page = 0; path; page++) {
      if (page >= MAX_PAGES) throw new SyncStop({ kind: 'malformed', path, message: `${host} kept sending pages past ${MAX_PAGES}; nothing was saved.` });
      const data: z.infer<typeof incrementalPageSchema> = (await get(path, incrementalPageSchema))!;
      for (const row of data.articles) changed.set(row.id, [...(changed.get(row.id) ?? []), row]);
      // end_time is where the next export starts; without it, the latest change seen.
      const pageEnd = typeof data.end_time === 'number' ? data.end_time : Math.max(start, ...data.articles.map((r) => epoch(r.updated_at)));
      if (pageEnd > endTime) endTime = pageEnd;
      for (const locale of incremental) opts.onProgress?.({ locale, done: 0, total: changed.size });
      const next: string | null = data.next_page ? nextPath(data.next_page, path) : null;
      // A full page of articles that all changed in the same second points at itself: take it as the end.
      path = next && next !== path && data.articles.length ? next : null;
    }
    for (const locale of incremental) {
      const since = cursors.get(locale)!.startTime;
      const known = new Set(await opts.known(locale));
      let done = 0;
      for (const [articleId, rows] of changed) {
        done++;
        // Rows older than this locale's own cursor were already taken by it.
        if (Math.max(...rows.map((r) => epoch(r.updated_at))) < since) continue;
        const own = rows.find((r) => r.locale.toLowerCase() === locale);
        const translation = rows.flatMap((r) => r.translations ?? []).find((t) => t.locale.toLowerCase() === locale);
        let current: ZendeskArticle | null = own ?? null;
        if (!current && translation) {
          const base = rows[0]!;
          current = { ...base, ...translation, html_url: translation.html_url ?? base.html_url, updated_at: translation.updated_at ?? base.updated_at };
        }
        if (!current) {
          // Neither a row nor a translation in this locale: ask for it; 404 means it is not (or no longer) in this locale.
          const shown = await get(`/api/v2/help_center/${encodeURIComponent(locale)}/articles/${articleId}.json`, showSchema, true);
          current = shown && shown.article.locale.toLowerCase() === locale ? shown.article : null;
        }
        if (current && !current.draft) put(toArticle(host, locale, current));
        else if (known.has(idOf(articleId, locale)) || upserts.has(idOf(articleId, locale))) remove(idOf(articleId, locale));
        opts.onProgress?.({ locale, done, total: changed.size });
      }
      await cursorRow(locale, { startTime: Math.max(endTime, since), fullAt: cursors.get(locale)!.fullAt });
    }
  }

  return { ok: true, locales, mode, missingLocales, upserts: [...upserts.values()], deletions: [...deletions], cursors: newCursors };
}

/** Epoch seconds of a date the schema has already checked. */
const epoch = (iso: string) => Math.floor(Date.parse(iso) / 1000);

function toArticle(host: string, locale: string, row: ZendeskArticle): Article {
  return {
    id: `zendesk:${host}:${row.id}:${locale}`,
    source: 'zendesk',
    externalId: String(row.id),
    locale,
    title: row.title.replace(/\s+/g, ' ').trim(),
    body: htmlToText(row.body ?? ''),
    url: row.html_url ?? '',
    updatedAt: new Date(row.updated_at).toISOString(),
    labels: row.label_names ?? [],
  };
}
