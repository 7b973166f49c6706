/**
 * Salesforce Knowledge sync through the REST API, when the org allows it.
 *
 * Same injected `fetchJson(path)` as the Zendesk sync (./zendesk-sync.ts). A
 * Lightning page (`*.lightning.force.com`) cannot lend its session to the REST
 * API: Salesforce answers 401 INVALID_SESSION_ID there. So the usual outcome
 * from the agent's own session is a clear "not through the API" with
 * `suggestImport`, and the options page offers import instead; an org that
 * gives an API session (a `*.my.salesforce.com` page, or a token) syncs.
 *
 * Requests (REST API, developer.salesforce.com):
 * - `GET /services/data/` lists the API versions (the newest is used unless
 *   `apiVersion` is set);
 * - `GET /services/data/vNN.0/sobjects/Knowledge__kav/describe` finds the
 *   fields: the body is the configured `bodyFields`, else every custom
 *   rich-text field in layout order, else Summary;
 * - `GET /services/data/vNN.0/query?q=SELECT … FROM Knowledge__kav WHERE
 *   PublishStatus = 'Online' [AND Language = 'en_US'] [AND LastModifiedDate > cursor]`,
 *   following `nextRecordsUrl`; archived articles since the cursor
 *   (`PublishStatus = 'Archived' AND IsLatestVersion = true AND ArchivedDate > cursor`)
 *   are deleted; a full list (first sync, then daily) deletes whatever else
 *   is gone. Cursors are Salesforce's own LastModifiedDate, never this clock.
 */
import { z } from 'zod';
import { cursorKey, type CursorStore, type SyncCursor, type SyncOutcome } from './cursors';
import { htmlToText } from './html-text';
import type { Article } from './types';
import { getWithRetry, malformed, SyncStop, type RequestOptions, type SyncError } from './zendesk-sync';

export interface SalesforceSyncOptions extends Omit<RequestOptions, 'host'> {
  /** The org's host as the agent uses it: 'acme.lightning.force.com' or 'acme.my.salesforce.com'. */
  host: string;
  cursors: CursorStore;
  /** Every article id stored for this source and host (cursors.knownArticleIds per locale, joined). */
  known: () => Promise<string[]>;
  /** Locales to sync ('en-us', 'zh-tw'); empty: every language at once. */
  locales?: string[];
  /** 'v62.0'; default the newest the org offers. */
  apiVersion?: string;
  /** Article type object (default Knowledge__kav). */
  objectName?: string;
  /** Fields that hold the article body, in order; default found by describe. */
  bodyFields?: string[];
  full?: boolean;
  fullEveryMs?: number;
  onProgress?: (p: { locale: string; done: number; total: number }) => void;
  now?: () => number;
}

export type SalesforceSyncResult =
  | ({ ok: true; locales: string[]; mode: Record<string, 'full' | 'incremental'> } & SyncOutcome)
  | { ok: false; error: SyncError & { suggestImport: boolean } };

const sfErrors = z.array(z.looseObject({ errorCode: z.string(), message: z.string().optional() }));
const versionsSchema = z.array(z.looseObject({ version: z.string(), url: z.string() })).min(1);
const describeSchema = z.looseObject({
  name: z.string(),
  fields: z.array(z.looseObject({ name: z.string(), type: z.string(), custom: z.boolean().optional(), extraTypeInfo: z.string().nullable().optional() })),
});
const isDate = (s: string) => Number.isFinite(Date.parse(s));
const recordSchema = z.looseObject({
  Id: z.string().min(1),
  KnowledgeArticleId: z.string().min(1),
  Language: z.string().min(1),
  LastModifiedDate: z.string().refine(isDate, 'not a date'),
});
const queryPage = <T extends z.ZodType>(record: T) =>
  z.looseObject({ totalSize: z.number(), done: z.boolean(), nextRecordsUrl: z.string().nullable().optional(), records: z.array(record) });
const onlineSchema = queryPage(recordSchema.extend({ Title: z.string(), UrlName: z.string().nullable().optional() }));
const archivedSchema = queryPage(recordSchema.extend({ ArchivedDate: z.string().nullable().optional() }));

const MAX_PAGES = 1_000;

/** 'en-us' → 'en_US' (Salesforce's language codes); 'zh-cn' → 'zh_CN'. */
export const salesforceLanguage = (locale: string) => locale.replace(/^([a-z]+)[-_]([a-z0-9]+)$/i, (_, l: string, r: string) => `${l.toLowerCase()}_${r.toUpperCase()}`);
/** 'en_US' → 'en-us'. */
export const localeOfLanguage = (language: string) => language.replace(/_/g, '-').toLowerCase();
/** A SOQL datetime literal (no quotes, no milliseconds). */
const soqlDate = (iso: string) => new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');
/** Percent-encode everything but letters, digits and -_.~ (the helpdesk path check allows no parentheses or quotes). */
const encodeSoql = (q: string) => encodeURIComponent(q).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

interface SalesforceCursor {
  since: string;
  fullAt: number;
}
function readCursor(c: SyncCursor | undefined): SalesforceCursor | null {
  try {
    const v = JSON.parse(c?.cursor ?? '') as Partial<SalesforceCursor>;
    return typeof v.since === 'string' && isDate(v.since) && Number.isFinite(v.fullAt) ? { since: v.since, fullAt: v.fullAt! } : null;
  } catch {
    return null;
  }
}

export async function syncSalesforce(opts: SalesforceSyncOptions): Promise<SalesforceSyncResult> {
  try {
    return await run(opts);
  } catch (e) {
    if (e instanceof SyncStop) return { ok: false, error: { suggestImport: e.error.kind === 'access' || e.error.kind === 'not-found', ...e.error } };
    throw e;
  }
}

const IMPORT = 'Import the articles instead (a Knowledge export as CSV or a zip of HTML files).';

async function run(opts: SalesforceSyncOptions): Promise<SalesforceSyncResult> {
  const { host } = opts;
  const now = opts.now ?? Date.now;
  const object = opts.objectName ?? 'Knowledge__kav';

  async function get<T extends z.ZodType>(path: string, schema: T): Promise<z.infer<T>> {
    const res = await getWithRetry({ ...opts, host }, path);
    const ok = res.status >= 200 && res.status < 300;
    const errors = sfErrors.safeParse(res.json);
    const code = !ok && errors.success ? errors.data[0]?.errorCode ?? '' : '';
    const said = !ok && errors.success ? errors.data[0]?.message ?? '' : '';
    const stop = (kind: SyncError['kind'], message: string) => new SyncStop({ kind, status: res.status, path: path.split('?')[0], message });
    if (res.status === 401) throw stop('access', `Salesforce does not accept this session for its API (${code || 'HTTP 401'}): Lightning pages cannot lend their session to the REST API. ${IMPORT}`);
    if (code === 'API_DISABLED_FOR_ORG') throw stop('access', `This org has the Salesforce API turned off (API_DISABLED_FOR_ORG), so Knowledge cannot be read from it. ${IMPORT}`);
    if (code === 'REQUEST_LIMIT_EXCEEDED') throw stop('rate-limited', `The org has used up its API requests for now (REQUEST_LIMIT_EXCEEDED); the sync will try again later.`);
    if (res.status === 403) throw stop('access', `This user may not read Knowledge through the API (${code || 'HTTP 403'}${said ? `: ${said}` : ''}). ${IMPORT}`);
    if (res.status === 404 || code === 'INVALID_TYPE' || code === 'NOT_FOUND') throw stop('not-found', `This org has no Salesforce Knowledge articles (${object} not found). ${IMPORT}`);
    if (code === 'INVALID_FIELD') throw stop('config', `${object} has no such field (${said || code}); check the body fields to sync.`);
    if (!ok) throw stop('http', `Salesforce answered HTTP ${res.status}${code ? ` ${code}` : ''} for ${path.split('?')[0]}; the sync will try again later.`);
    if (res.json === null) throw stop('access', `Salesforce answered with a page instead of data (a sign-in page?). ${IMPORT}`);
    const parsed = schema.safeParse(res.json);
    if (!parsed.success) throw malformed(host, path.split('?')[0]!, parsed.error);
    return parsed.data;
  }

  // 1. API version and the article type's fields.
  let version = opts.apiVersion;
  if (!version) {
    const versions = await get('/services/data/', versionsSchema);
    version = `v${versions.map((v) => v.version).sort((a, b) => Number(a) - Number(b)).pop()}`;
  }
  if (!/^v\d+\.\d$/.test(version)) throw new SyncStop({ kind: 'config', message: `"${version}" is not a Salesforce API version like v62.0.` });
  const base = `/services/data/${version}`;
  const describe = await get(`${base}/sobjects/${object}/describe`, describeSchema);
  const names = new Set(describe.fields.map((f) => f.name));
  const bodyFields = opts.bodyFields?.length
    ? opts.bodyFields
    : describe.fields.filter((f) => f.custom && f.type === 'textarea' && f.extraTypeInfo === 'richtextarea').map((f) => f.name);
  if (!bodyFields.length && names.has('Summary')) bodyFields.push('Summary');
  const unknown = bodyFields.filter((f) => !names.has(f));
  if (unknown.length) throw new SyncStop({ kind: 'config', message: `${object} has no field ${unknown.join(', ')}; check the body fields to sync.` });
  if (!bodyFields.length) throw new SyncStop({ kind: 'config', message: `${object} has no rich-text field to read articles from; set the body field to sync.` });
  const select = ['Id', 'KnowledgeArticleId', 'Title', 'UrlName', 'Language', 'LastModifiedDate', ...bodyFields.filter((f) => f !== 'Title')];

  // 2. Per locale (or all at once): a full list or the changes since the cursor.
  const scopes = (opts.locales ?? []).map((l) => l.trim().toLowerCase()).filter(Boolean);
  const keys = scopes.length ? scopes : ['all'];
  const startedAt = now();
  const fullEvery = opts.fullEveryMs ?? 24 * 60 * 60 * 1000;
  const known = await opts.known();
  const upserts = new Map<string, Article>();
  const deletions = new Set<string>();
  const cursors: SyncCursor[] = [];
  const mode: Record<string, 'full' | 'incremental'> = {};

  async function* pages<T extends z.ZodType>(soql: string, schema: T): AsyncGenerator<z.infer<T>> {
    let path: string | null = `${base}/query?q=${encodeSoql(soql)}`;
    for (let n = 0; path; n++) {
      if (n >= MAX_PAGES) throw new SyncStop({ kind: 'malformed', path: `${base}/query`, message: `Salesforce kept sending pages past ${MAX_PAGES}; nothing was saved.` });
      const page: z.infer<T> = await get(path, schema);
      yield page;
      const next = (page as { nextRecordsUrl?: string | null }).nextRecordsUrl;
      if (next && !next.startsWith('/services/data/')) throw new SyncStop({ kind: 'malformed', path: `${base}/query`, message: `Salesforce sent a next page outside its API (${next}); nothing was saved.` });
      path = (page as { done: boolean }).done ? null : next ?? null;
    }
  }

  for (const key of keys) {
    const cursor = readCursor(await opts.cursors.get(cursorKey('salesforce', host, key)));
    const full = opts.full || !cursor || startedAt - cursor.fullAt >= fullEvery;
    mode[key] = full ? 'full' : 'incremental';
    const language = key === 'all' ? '' : ` AND Language = '${salesforceLanguage(key)}'`;
    const inScope = (id: string) => key === 'all' || id.endsWith(`:${key}`);
    let since = cursor?.since ?? '';
    const seen = new Set<string>();

    if (!full) {
      // Archived first: a republished article's new Online version (changed in the same window) then wins.
      const archived = `SELECT Id, KnowledgeArticleId, Language, LastModifiedDate, ArchivedDate FROM ${object} WHERE PublishStatus = 'Archived' AND IsLatestVersion = true AND ArchivedDate > ${soqlDate(cursor!.since)}${language}`;
      for await (const page of pages(archived, archivedSchema)) {
        for (const r of page.records) {
          const id = `salesforce:${host}:${r.KnowledgeArticleId}:${localeOfLanguage(r.Language)}`;
          if (known.includes(id) || upserts.has(id)) {
            upserts.delete(id);
            deletions.add(id);
          }
          if (r.ArchivedDate && isDate(r.ArchivedDate) && Date.parse(r.ArchivedDate) > Date.parse(since)) since = new Date(r.ArchivedDate).toISOString();
        }
      }
    }
    const changed = full ? '' : ` AND LastModifiedDate > ${soqlDate(cursor!.since)}`;
    const online = `SELECT ${select.join(', ')} FROM ${object} WHERE PublishStatus = 'Online'${language}${changed} ORDER BY LastModifiedDate ASC`;
    let done = 0;
    for await (const page of pages(online, onlineSchema)) {
      for (const r of page.records) {
        const locale = localeOfLanguage(r.Language);
        const html = bodyFields.map((f) => (typeof r[f] === 'string' ? (r[f] as string) : '')).filter(Boolean).join('\n');
        const a: Article = {
          id: `salesforce:${host}:${r.KnowledgeArticleId}:${locale}`,
          source: 'salesforce',
          externalId: r.KnowledgeArticleId,
          locale,
          title: r.Title.replace(/\s+/g, ' ').trim(),
          body: htmlToText(html),
          url: `https://${host}/lightning/r/${object}/${r.Id}/view`,
          updatedAt: new Date(r.LastModifiedDate).toISOString(),
          labels: [],
        };
        seen.add(a.id);
        upserts.set(a.id, a);
        deletions.delete(a.id);
        if (!since || Date.parse(r.LastModifiedDate) > Date.parse(since)) since = a.updatedAt;
        done++;
      }
      opts.onProgress?.({ locale: key, done, total: page.totalSize });
    }
    if (full) for (const id of known) if (inScope(id) && !seen.has(id)) deletions.add(id);
    const count = new Set([...known.filter(inScope), ...[...upserts.keys()].filter(inScope)].filter((id) => !deletions.has(id))).size;
    cursors.push({
      key: cursorKey('salesforce', host, key),
      // Nothing seen yet: resume from the beginning (cheap while there is nothing), never from this machine's clock.
      cursor: JSON.stringify({ since: since || new Date(0).toISOString(), fullAt: full ? startedAt : cursor!.fullAt }),
      lastSyncAt: new Date(startedAt).toISOString(),
      articles: count,
    });
  }
  return { ok: true, locales: keys, mode, upserts: [...upserts.values()], deletions: [...deletions], cursors };
}
