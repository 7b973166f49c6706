import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { applySync, cursorKey, dexieCursors, knownArticleIds, type SyncCursor, type SyncOutcome } from '../../lib/knowledge/cursors';
import { openKnowledgeDb } from '../../lib/knowledge/db';
import type { Article } from '../../lib/knowledge/types';
import { HELPDESK_API_PATH } from '../../lib/messaging';
import { httpFetchJson, syncZendesk, zendeskTokenAuth, type FetchJson, type FetchJsonResponse, type ZendeskSyncOptions } from '../../lib/knowledge/zendesk-sync';

const HOST = 'acme.zendesk.com';
const T0 = Date.parse('2026-11-20T00:00:00Z');
const iso = (s: number) => new Date(s * 1000).toISOString().replace('.000', '');

/** One article in one locale, as a Help Center holds it. */
interface Row {
  id: number;
  locale: string;
  title: string;
  body: string;
  /** Epoch seconds. */
  updated: number;
  draft?: boolean;
  labels?: string[];
}

/**
 * A Help Center that answers the paths the sync uses, with small pages, and
 * records every request. `incremental: 'rows'` returns a row per locale;
 * 'source' only the English row (with translations sideloaded if `sideload`).
 */
function fakeZendesk(rows: Row[], opts: { locales?: string[]; page?: number; incremental?: 'rows' | 'source'; sideload?: boolean } = {}) {
  const requests: string[] = [];
  const overrides: ((path: string) => FetchJsonResponse | undefined)[] = [];
  const size = opts.page ?? 2;
  const fetchJson: FetchJson = async (path) => {
    requests.push(path);
    for (const o of overrides) {
      const r = o(path);
      if (r) return r;
    }
    const url = new URL(path, `https://${HOST}`);
    const shape = (r: Row) => ({
      id: r.id,
      title: r.title,
      body: r.body,
      locale: r.locale,
      source_locale: 'en-us',
      html_url: `https://${HOST}/hc/${r.locale}/articles/${r.id}`,
      updated_at: iso(r.updated),
      draft: r.draft ?? false,
      label_names: r.labels ?? [],
    });
    if (url.pathname === '/api/v2/help_center/locales.json') return { status: 200, json: { locales: opts.locales ?? ['en-us', 'zh-cn'], default_locale: 'en-us' } };
    let m = /^\/api\/v2\/help_center\/([a-z]{2}(?:-[a-z]{2})?)\/articles\.json$/.exec(url.pathname);
    if (m) {
      const mine = rows.filter((r) => r.locale === m![1]);
      const page = Number(url.searchParams.get('page') ?? 1);
      const slice = mine.slice((page - 1) * size, page * size);
      const more = page * size < mine.length;
      return { status: 200, json: { articles: slice.map(shape), count: mine.length, page, next_page: more ? `https://${HOST}/api/v2/help_center/${m[1]}/articles.json?page=${page + 1}&per_page=100` : null } };
    }
    m = /^\/api\/v2\/help_center\/([a-z]{2}(?:-[a-z]{2})?)\/articles\/(\d+)\.json$/.exec(url.pathname);
    if (m) {
      const r = rows.find((x) => x.locale === m![1] && x.id === Number(m![2]));
      return r ? { status: 200, json: { article: shape(r) } } : { status: 404, json: { error: 'RecordNotFound', description: 'Not found' } };
    }
    if (url.pathname === '/api/v2/help_center/incremental/articles.json') {
      const start = Number(url.searchParams.get('start_time'));
      const changed = rows
        .filter((r) => r.updated >= start && (opts.incremental !== 'source' || r.locale === 'en-us'))
        .sort((a, b) => a.updated - b.updated);
      const slice = changed.slice(0, size);
      const end = slice.length ? slice[slice.length - 1]!.updated : start;
      const articles = slice.map((r) =>
        opts.sideload ? { ...shape(r), translations: rows.filter((t) => t.id === r.id && t.locale !== r.locale).map((t) => ({ ...shape(t), id: undefined })) } : shape(r),
      );
      const more = changed.length > size;
      return { status: 200, json: { articles, count: changed.length, end_time: end, next_page: more ? `https://${HOST}/api/v2/help_center/incremental/articles.json?start_time=${end + 1}` : null } };
    }
    return { status: 404, json: { error: 'InvalidEndpoint' } };
  };
  return { fetchJson, requests, overrides };
}

/** Cursors and articles in memory, updated the way applySync does. */
function memoryStore() {
  const cursors = new Map<string, SyncCursor>();
  const articles = new Map<string, Article>();
  return {
    cursors: { get: async (key: string) => cursors.get(key) },
    known: async (locale: string) => [...articles.keys()].filter((id) => id.endsWith(`:${locale}`)),
    apply(o: SyncOutcome) {
      for (const id of o.deletions) articles.delete(id);
      for (const a of o.upserts) articles.set(a.id, a);
      for (const c of o.cursors) cursors.set(c.key, c);
    },
    articles,
    cursorMap: cursors,
  };
}

const rows = (): Row[] => [
  { id: 101, locale: 'en-us', title: 'Refunds', body: '<p>We refund to the original payment method.</p><ul><li>Cards: 5–10 days</li></ul>', updated: 1_760_000_000, labels: ['billing'] },
  { id: 101, locale: 'zh-cn', title: '退款说明', body: '<p>退款会退回原支付方式。</p>', updated: 1_760_000_100 },
  { id: 102, locale: 'en-us', title: 'Tracking', body: '<p>Track your order from the Orders page.</p>', updated: 1_760_000_200 },
  { id: 102, locale: 'zh-cn', title: '查询物流', body: '<p>在“我的订单”查看物流。</p>', updated: 1_760_000_300 },
  { id: 103, locale: 'en-us', title: 'Unfinished', body: '<p>draft</p>', updated: 1_760_000_400, draft: true },
  { id: 104, locale: 'en-us', title: 'Gift cards', body: '<p>Gift cards never expire.</p>', updated: 1_760_000_500 },
];

function options(fake: ReturnType<typeof fakeZendesk>, store: ReturnType<typeof memoryStore>, extra: Partial<ZendeskSyncOptions> = {}): ZendeskSyncOptions {
  return { host: HOST, fetchJson: fake.fetchJson, cursors: store.cursors, known: store.known, now: () => T0, sleep: async () => {}, ...extra };
}

async function synced(o: ZendeskSyncOptions) {
  const r = await syncZendesk(o);
  if (!r.ok) throw new Error(r.error.message);
  return r;
}

describe('first sync', () => {
  it('lists every locale in full, page by page, leaving drafts out', async () => {
    const fake = fakeZendesk(rows());
    const store = memoryStore();
    const progress = vi.fn();
    const r = await synced(options(fake, store, { onProgress: progress }));
    expect(r.mode).toEqual({ 'en-us': 'full', 'zh-cn': 'full' });
    expect(r.upserts.map((a) => a.id).sort()).toEqual([
      'zendesk:acme.zendesk.com:101:en-us',
      'zendesk:acme.zendesk.com:101:zh-cn',
      'zendesk:acme.zendesk.com:102:en-us',
      'zendesk:acme.zendesk.com:102:zh-cn',
      'zendesk:acme.zendesk.com:104:en-us',
    ]);
    expect(r.upserts.find((a) => a.id.endsWith('101:en-us'))).toEqual({
      id: 'zendesk:acme.zendesk.com:101:en-us',
      source: 'zendesk',
      externalId: '101',
      locale: 'en-us',
      title: 'Refunds',
      body: 'We refund to the original payment method.\n\nCards: 5–10 days',
      url: 'https://acme.zendesk.com/hc/en-us/articles/101',
      updatedAt: '2025-10-09T08:53:20.000Z',
      labels: ['billing'],
    });
    expect(fake.requests).toEqual([
      '/api/v2/help_center/locales.json',
      '/api/v2/help_center/en-us/articles.json?per_page=100',
      '/api/v2/help_center/en-us/articles.json?page=2&per_page=100',
      '/api/v2/help_center/zh-cn/articles.json?per_page=100',
    ]);
    expect(progress).toHaveBeenCalledWith({ locale: 'en-us', done: 3, total: 4 });
    expect(r.cursors.map((c) => [c.key, JSON.parse(c.cursor).startTime, c.articles])).toEqual([
      ['zendesk:acme.zendesk.com:en-us', T0 / 1000, 3],
      ['zendesk:acme.zendesk.com:zh-cn', T0 / 1000, 2],
    ]);
  });

  it('syncs only the configured locales and says which the Help Center lacks', async () => {
    const fake = fakeZendesk(rows());
    const r = await synced(options(fake, memoryStore(), { locales: ['ZH-CN', 'fr'] }));
    expect(r.locales).toEqual(['zh-cn']);
    expect(r.missingLocales).toEqual(['fr']);
    expect(fake.requests.some((p) => p.includes('/en-us/'))).toBe(false);
    const none = await syncZendesk(options(fake, memoryStore(), { locales: ['fr'] }));
    expect(none).toMatchObject({ ok: false, error: { kind: 'config' } });
  });
});

describe('incremental sync', () => {
  async function afterFirstSync(fakeOpts: Parameters<typeof fakeZendesk>[1] = {}) {
    const data = rows();
    const fake = fakeZendesk(data, fakeOpts);
    const store = memoryStore();
    store.apply(await synced(options(fake, store)));
    fake.requests.length = 0;
    return { data, fake, store, later: T0 + 60 * 60 * 1000 };
  }

  it('asks only for what changed after the cursor and takes only that', async () => {
    const { data, fake, store, later } = await afterFirstSync();
    const cursor = T0 / 1000;
    data.push({ id: 105, locale: 'en-us', title: 'Promo codes', body: '<p>One code per order.</p>', updated: cursor + 10 });
    data[0] = { ...data[0]!, title: 'Refunds and returns', updated: cursor + 20 };
    const r = await synced(options(fake, store, { now: () => later }));
    expect(r.mode).toEqual({ 'en-us': 'incremental', 'zh-cn': 'incremental' });
    expect(fake.requests[1]).toBe(`/api/v2/help_center/incremental/articles.json?start_time=${cursor}&include=translations`);
    expect(fake.requests.some((p) => /\/(en-us|zh-cn)\/articles\.json/.test(p))).toBe(false);
    // A changed article is taken fresh in every synced locale; 105 has no zh-cn translation, so nothing there.
    expect(r.upserts.map((a) => [a.id, a.title])).toEqual([
      ['zendesk:acme.zendesk.com:105:en-us', 'Promo codes'],
      ['zendesk:acme.zendesk.com:101:en-us', 'Refunds and returns'],
      ['zendesk:acme.zendesk.com:101:zh-cn', '退款说明'],
    ]);
    expect(r.deletions).toEqual([]);
    expect(fake.requests.slice(2)).toEqual(['/api/v2/help_center/zh-cn/articles/105.json', '/api/v2/help_center/zh-cn/articles/101.json']);
    expect(JSON.parse(r.cursors[0]!.cursor).startTime).toBe(cursor + 20);
  });

  it('follows next_page through the export and resumes from its end_time', async () => {
    const { data, fake, store, later } = await afterFirstSync();
    const cursor = T0 / 1000;
    for (let i = 0; i < 5; i++) data.push({ id: 200 + i, locale: 'en-us', title: `New ${i}`, body: `<p>Article ${i}</p>`, updated: cursor + 100 + i });
    const r = await synced(options(fake, store, { now: () => later }));
    expect(fake.requests.filter((p) => p.includes('incremental'))).toEqual([
      `/api/v2/help_center/incremental/articles.json?start_time=${cursor}&include=translations`,
      `/api/v2/help_center/incremental/articles.json?start_time=${cursor + 102}`,
      `/api/v2/help_center/incremental/articles.json?start_time=${cursor + 104}`,
    ]);
    expect(r.upserts).toHaveLength(5);
    expect(JSON.parse(r.cursors[0]!.cursor).startTime).toBe(cursor + 104);
  });

  it('deletes a translation turned draft, and one that is gone (asked for by id)', async () => {
    const { data, fake, store, later } = await afterFirstSync({ incremental: 'source' });
    const cursor = T0 / 1000;
    data[2] = { ...data[2]!, draft: true, updated: cursor + 5 };
    data[0] = { ...data[0]!, updated: cursor + 6 };
    data.splice(1, 1); // the zh-cn translation of 101 is removed
    const r = await synced(options(fake, store, { now: () => later }));
    expect(fake.requests).toContain('/api/v2/help_center/zh-cn/articles/101.json');
    // Drafts are per translation: the zh-cn 102 stays published.
    expect(r.deletions.sort()).toEqual(['zendesk:acme.zendesk.com:101:zh-cn', 'zendesk:acme.zendesk.com:102:en-us']);
    expect(r.upserts.map((a) => a.id).sort()).toEqual(['zendesk:acme.zendesk.com:101:en-us', 'zendesk:acme.zendesk.com:102:zh-cn']);
    store.apply(r);
    expect([...store.articles.keys()].filter((id) => id.endsWith('zh-cn'))).toEqual(['zendesk:acme.zendesk.com:102:zh-cn']);
    expect(r.cursors.find((c) => c.key.endsWith('zh-cn'))!.articles).toBe(1);
  });

  it('takes a sideloaded translation without asking for it', async () => {
    const { data, fake, store, later } = await afterFirstSync({ incremental: 'source', sideload: true });
    const cursor = T0 / 1000;
    data[0] = { ...data[0]!, updated: cursor + 6 };
    data[1] = { ...data[1]!, title: '退款与退货', updated: cursor + 7 };
    const r = await synced(options(fake, store, { now: () => later }));
    expect(fake.requests.some((p) => /articles\/\d+\.json/.test(p))).toBe(false);
    expect(r.upserts.find((a) => a.locale === 'zh-cn')!.title).toBe('退款与退货');
  });

  it('reads the list in full again after a day, deleting what was archived', async () => {
    const { data, fake, store } = await afterFirstSync();
    data.splice(data.findIndex((r) => r.id === 104), 1);
    const r = await synced(options(fake, store, { now: () => T0 + 25 * 60 * 60 * 1000 }));
    expect(r.mode['en-us']).toBe('full');
    expect(r.deletions).toEqual(['zendesk:acme.zendesk.com:104:en-us']);
  });
});

describe('failures', () => {
  it('waits as long as a 429 asks and tries again', async () => {
    const fake = fakeZendesk(rows());
    let limited = 2;
    fake.overrides.push((p) => (p.includes('/en-us/articles.json') && limited-- > 0 ? { status: 429, json: null, headers: { 'Retry-After': '7' } } : undefined));
    const sleep = vi.fn(async () => {});
    const r = await synced(options(fake, memoryStore(), { sleep }));
    expect(sleep.mock.calls).toEqual([[7000], [7000]]);
    expect(r.upserts).toHaveLength(5);
  });

  it('gives up, saving nothing, when the 429s go on', async () => {
    const fake = fakeZendesk(rows());
    fake.overrides.push((p) => (p.includes('zh-cn') ? { status: 429, json: null, headers: { 'retry-after': '1' } } : undefined));
    const r = await syncZendesk(options(fake, memoryStore(), { maxRetries: 2 }));
    expect(r).toEqual({ ok: false, error: expect.objectContaining({ kind: 'rate-limited', status: 429 }) });
    expect(fake.requests.filter((p) => p.includes('zh-cn'))).toHaveLength(3);
  });

  it('says there is no access with this session, or this token, on 401/403', async () => {
    const fake = fakeZendesk(rows());
    fake.overrides.push(() => ({ status: 401, json: { error: "Couldn't authenticate you" } }));
    const session = await syncZendesk(options(fake, memoryStore()));
    expect(session).toMatchObject({ ok: false, error: { kind: 'access', status: 401 } });
    expect(!session.ok && session.error.message).toMatch(/^No access to the Help Center of acme\.zendesk\.com with this session/);
    const token = await syncZendesk(options(fake, memoryStore(), { auth: 'token' }));
    expect(!token.ok && token.error.message).toMatch(/with this API token.*check the API e-mail and token/);
  });

  it('says the Zendesk has no Help Center on 404', async () => {
    const fake = fakeZendesk(rows());
    fake.overrides.push((p) => (p.includes('locales') ? { status: 404, json: { error: 'InvalidEndpoint' } } : undefined));
    const r = await syncZendesk(options(fake, memoryStore()));
    expect(!r.ok && r.error).toMatchObject({ kind: 'not-found', message: expect.stringContaining('has no Help Center') });
  });

  it('rejects a malformed page and returns nothing, not even the pages before it', async () => {
    const fake = fakeZendesk(rows());
    fake.overrides.push((p) => (p.includes('page=2') ? { status: 200, json: { articles: [{ id: 9, locale: 'en-us', updated_at: '2026-01-01T00:00:00Z' }], next_page: null } } : undefined));
    const r = await syncZendesk(options(fake, memoryStore()));
    expect(r).toEqual({ ok: false, error: expect.objectContaining({ kind: 'malformed' }) });
    expect(!r.ok && r.error.message).toMatch(/articles\.0\.title.*nothing was saved/);
    expect('upserts' in r).toBe(false);
  });

  it('refuses a next page on another host', async () => {
    const fake = fakeZendesk(rows());
    fake.overrides.push((p) => (p.includes('/en-us/articles.json') ? { status: 200, json: { articles: [], next_page: 'https://evil.example/api/v2/x' } } : undefined));
    expect(await syncZendesk(options(fake, memoryStore()))).toMatchObject({ ok: false, error: { kind: 'malformed', message: expect.stringContaining('evil.example') } });
  });

  it('reports a network failure in words', async () => {
    const r = await syncZendesk({ ...options(fakeZendesk([]), memoryStore()), fetchJson: async () => { throw new TypeError('Failed to fetch'); } });
    expect(!r.ok && r.error).toEqual({ kind: 'network', path: '/api/v2/help_center/locales.json', message: 'Could not reach acme.zendesk.com (Failed to fetch). Check the connection and try again.' });
  });
});

describe('fetching and storing', () => {
  it('sends only paths the content script relay accepts', async () => {
    const data = rows();
    const fake = fakeZendesk(data, { incremental: 'source' });
    const store = memoryStore();
    store.apply(await synced(options(fake, store)));
    data[0] = { ...data[0]!, updated: T0 / 1000 + 5 };
    await synced(options(fake, store, { now: () => T0 + 1000 }));
    expect(fake.requests.some((p) => p.includes('incremental')) && fake.requests.some((p) => /articles\/\d+\.json/.test(p))).toBe(true);
    for (const p of fake.requests) expect(p).toMatch(HELPDESK_API_PATH);
  });

  it('builds the API token header as Zendesk documents it', () => {
    const header = zendeskTokenAuth('lead@acme.example', 'Xy12');
    expect(header.startsWith('Basic ')).toBe(true);
    expect(atob(header.slice(6))).toBe('lead@acme.example/token:Xy12');
  });

  it('fetches on one origin with the given headers and hands back plain data', async () => {
    const fetchStub = vi.fn(async () => new Response('{"locales":["en-us"]}', { status: 200, headers: { 'Retry-After': '3' } }));
    const fetchJson = httpFetchJson('https://acme.zendesk.com/agent/tickets/1', { headers: { Authorization: 'Basic x' }, fetch: fetchStub as unknown as typeof fetch });
    expect(await fetchJson('/api/v2/help_center/locales.json')).toEqual({ status: 200, json: { locales: ['en-us'] }, headers: { 'content-type': 'text/plain;charset=UTF-8', 'retry-after': '3' } });
    expect(fetchStub).toHaveBeenCalledWith('https://acme.zendesk.com/api/v2/help_center/locales.json', expect.objectContaining({ credentials: 'omit', headers: { Accept: 'application/json', Authorization: 'Basic x' } }));
    fetchStub.mockResolvedValueOnce(new Response('<html>login</html>', { status: 200 }));
    expect((await fetchJson('/x')).json).toBeNull();
  });

  it('stores a sync in IndexedDB with its cursors, and the next sync reads them from there', async () => {
    const db = openKnowledgeDb(`zendesk-sync-${Math.random()}`);
    const data = rows();
    const fake = fakeZendesk(data);
    const o = { host: HOST, fetchJson: fake.fetchJson, cursors: dexieCursors(db), known: (l: string) => knownArticleIds(db, 'zendesk', HOST, l), now: () => T0 };
    const first = await synced(o);
    await applySync(db, first);
    expect(await db.articles.count()).toBe(5);
    expect((await db.cursors.get(cursorKey('zendesk', HOST, 'zh-cn')))!.articles).toBe(2);
    data[3] = { ...data[3]!, draft: true, updated: T0 / 1000 + 1 };
    const second = await synced({ ...o, now: () => T0 + 1000 });
    expect(second.mode['zh-cn']).toBe('incremental');
    await applySync(db, second);
    expect((await db.articles.toCollection().primaryKeys()).sort()).toEqual([
      'zendesk:acme.zendesk.com:101:en-us',
      'zendesk:acme.zendesk.com:101:zh-cn',
      'zendesk:acme.zendesk.com:102:en-us',
      'zendesk:acme.zendesk.com:104:en-us',
    ]);
    db.close();
  });
});

// ------------------------------------------------------------- the demo Zendesk

type Handler = (route: unknown) => unknown;
/** Routes requests through serve.ts's handlers as the browser context would, and hands back what they fulfil. */
async function demoServer() {
  const { routeDemoHelpdesk, resetDemoZendesk, demoHelpCenter, zendeskDeliveries } = await import('../../scripts/demo/serve');
  resetDemoZendesk();
  const handlers: [string, Handler][] = [];
  await routeDemoHelpdesk({ route: async (pattern: string, handler: Handler) => void handlers.push([pattern, handler]) } as never, 'manual');
  async function request(method: string, url: string, body: unknown = null, headers: Record<string, string> = {}) {
    const handler = handlers.find(([p]) => url.startsWith(p.replace('/**', '')))![1];
    let fulfilled: { status: number; body: string; headers?: Record<string, string>; contentType?: string } | null = null;
    await handler({
      request: () => ({ url: () => url, method: () => method, headers: () => headers, postData: () => (body === null ? null : JSON.stringify(body)) }),
      fulfill: async (r: typeof fulfilled) => void (fulfilled = r),
    });
    const r = fulfilled!;
    let json: unknown = null;
    try {
      json = JSON.parse(r.body);
    } catch {
      json = null;
    }
    return { status: r.status, json, text: r.body, headers: r.headers ?? {}, contentType: r.contentType };
  }
  const fetchJson: FetchJson = async (path) => {
    const r = await request('GET', `https://${HOST}${path}`);
    return { status: r.status, json: r.json, headers: r.headers };
  };
  return { request, fetchJson, demoHelpCenter, zendeskDeliveries };
}

describe('the demo Zendesk (scripts/demo/serve.ts)', () => {
  it('serves its Help Center so the sync takes every article in three locales, then only what an editor changed', async () => {
    const demo = await demoServer();
    const store = memoryStore();
    const first = await synced({ ...options(fakeZendesk([]), store), fetchJson: demo.fetchJson });
    expect(first.locales).toEqual(['en-us', 'zh-cn', 'zh-tw']);
    const per = (l: string) => first.upserts.filter((a) => a.locale === l).length;
    expect([per('en-us'), per('zh-cn'), per('zh-tw')]).toEqual([27, 23, 23]);
    const charged = first.upserts.find((a) => a.id === 'zendesk:acme.zendesk.com:360040001003:en-us')!;
    expect(charged.title).toBe('I was charged twice for one order');
    expect(charged.url).toBe('https://acme.zendesk.com/hc/en-us/articles/360040001003-double-charge');
    expect(charged.body).toContain('On your statement our charges appear as ACME*SHOP.');
    store.apply(first);

    demo.demoHelpCenter.edit(360040001007, 'zh-cn', { title: '订单延误怎么办' }, new Date(T0 + 30 * 60 * 1000));
    const second = await synced({ ...options(fakeZendesk([]), store, { now: () => T0 + 60 * 60 * 1000 }), fetchJson: demo.fetchJson });
    expect(second.mode).toEqual({ 'en-us': 'incremental', 'zh-cn': 'incremental', 'zh-tw': 'incremental' });
    expect(second.upserts.map((a) => [a.id, a.title])).toContainEqual(['zendesk:acme.zendesk.com:360040001007:zh-cn', '订单延误怎么办']);
    expect(second.upserts.every((a) => a.externalId === '360040001007')).toBe(true);
  });

  it('opens an article link as a page in its language', async () => {
    const demo = await demoServer();
    const page = await demo.request('GET', 'https://acme.zendesk.com/hc/zh-tw/articles/360040001020-warranty');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<html lang="zh-Hant">');
    expect(page.text).toContain('<h1>保固與維修</h1>');
    expect((await demo.request('GET', 'https://acme.zendesk.com/hc/zh-tw/articles/360040001025-acme-plus')).status).toBe(404);
  });

  it('leaves the gaps the demo shows: nothing on how long a repair takes or a flashing red light', async () => {
    const { demoHelpCenter } = await demoServer();
    const text = demoHelpCenter.articles.map((a) => a.body).join('\n');
    expect(text).not.toMatch(/紅燈|红灯|red light|維修.{0,6}(天|週)|维修.{0,6}(天|周)|repairs? take/i);
    expect(demoHelpCenter.articles.find((a) => a.slug === 'warranty' && a.locale === 'zh-tw')!.body).toContain('來回運費都由 Acme 負擔');
  });

  it('takes gap deliveries as tickets and internal notes, replays an Idempotency-Key, and records them', async () => {
    const demo = await demoServer();
    const ticket = { ticket: { subject: 'Knowledge gap: repair turnaround', comment: { body: 'Customer asks how long a warranty repair takes.', public: false }, tags: ['knowledge_gap'], priority: 'normal' } };
    const created = await demo.request('POST', 'https://acme.zendesk.com/api/v2/tickets.json', ticket, { 'idempotency-key': 'flag-1', authorization: 'Basic x' });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ ticket: { id: 2001, subject: 'Knowledge gap: repair turnaround', status: 'new', tags: ['knowledge_gap'] }, audit: { ticket_id: 2001 } });
    expect(created.headers['x-idempotency-lookup']).toBe('miss');
    const again = await demo.request('POST', 'https://acme.zendesk.com/api/v2/tickets.json', ticket, { 'idempotency-key': 'flag-1' });
    expect([again.status, (again.json as { ticket: { id: number } }).ticket.id, again.headers['x-idempotency-lookup']]).toEqual([201, 2001, 'hit']);
    expect((await demo.request('POST', 'https://acme.zendesk.com/api/v2/tickets.json', { ticket: { comment: { body: 'other' } } }, { 'idempotency-key': 'flag-1' })).status).toBe(400);
    const note = await demo.request('PUT', 'https://acme.zendesk.com/api/v2/tickets/1001.json', { ticket: { comment: { body: 'Gap flagged: refund timing article outdated.', public: false } } });
    expect(note.status).toBe(200);
    expect(note.json).toMatchObject({ ticket: { id: 1001 }, audit: { events: [{ type: 'Comment', public: false }] } });
    expect((await demo.request('PUT', 'https://acme.zendesk.com/api/v2/tickets/999.json', { ticket: { comment: { body: 'x' } } })).status).toBe(404);
    expect((await demo.request('POST', 'https://acme.zendesk.com/api/v2/tickets.json', { ticket: { subject: 'no comment' } })).status).toBe(422);
    expect(demo.zendeskDeliveries.map((d) => [d.method, d.ticketId, d.status, d.replayed, d.authorized])).toEqual([
      ['POST', 2001, 201, false, true],
      ['POST', 2001, 201, true, false],
      ['POST', null, 400, false, false],
      ['PUT', 1001, 200, false, false],
      ['PUT', null, 404, false, false],
      ['POST', null, 422, false, false],
    ]);
  });
});
