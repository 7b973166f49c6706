import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SyncCursor } from '../../lib/knowledge/cursors';
import { localeOfLanguage, salesforceLanguage, syncSalesforce, type SalesforceSyncOptions } from '../../lib/knowledge/salesforce-sync';
import type { FetchJsonResponse } from '../../lib/knowledge/zendesk-sync';
import { HELPDESK_API_PATH } from '../../lib/messaging';

const HOST = 'acme.my.salesforce.com';
const T0 = Date.parse('2026-11-20T00:00:00Z');
const fixture = (name: string): unknown => JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/knowledge/salesforce', name), 'utf8'));

/** An org answering from recorded-shape fixtures; `routes` go first. Records every path and the SOQL of each query. */
function fakeOrg(routes: [RegExp, FetchJsonResponse][] = []) {
  const paths: string[] = [];
  const soql: string[] = [];
  const fetchJson = async (path: string): Promise<FetchJsonResponse> => {
    paths.push(path);
    const q = /\/query\?q=(.*)$/.exec(path);
    if (q) soql.push(decodeURIComponent(q[1]!));
    for (const [re, res] of routes) if (re.test(path)) return res;
    if (path === '/services/data/') return { status: 200, json: fixture('versions.json') };
    if (path === '/services/data/v62.0/sobjects/Knowledge__kav/describe') return { status: 200, json: fixture('describe-knowledge-kav.json') };
    if (path === '/services/data/v62.0/query/0r8Hs00000Ab1cDIAR-2') return { status: 200, json: fixture('query-online-2.json') };
    if (q && soql.at(-1)!.includes("PublishStatus = 'Archived'")) return { status: 200, json: { totalSize: 0, done: true, records: [] } };
    if (q) return { status: 200, json: fixture('query-online-1.json') };
    return { status: 404, json: fixture('not-found.json') };
  };
  return { fetchJson, paths, soql };
}

function options(org: ReturnType<typeof fakeOrg>, extra: Partial<SalesforceSyncOptions> = {}, cursors: SyncCursor[] = [], known: string[] = []): SalesforceSyncOptions {
  return {
    host: HOST,
    fetchJson: org.fetchJson,
    cursors: { get: async (key) => cursors.find((c) => c.key === key) },
    known: async () => known,
    now: () => T0,
    sleep: async () => {},
    ...extra,
  };
}

describe('Salesforce Knowledge sync', () => {
  it('finds the newest API version and the rich-text body fields, lists Online articles page by page', async () => {
    const org = fakeOrg();
    const r = await syncSalesforce(options(org));
    if (!r.ok) throw new Error(r.error.message);
    expect(org.paths.slice(0, 2)).toEqual(['/services/data/', '/services/data/v62.0/sobjects/Knowledge__kav/describe']);
    expect(org.soql).toEqual([
      "SELECT Id, KnowledgeArticleId, Title, UrlName, Language, LastModifiedDate, Answer__c, Internal_Notes__c FROM Knowledge__kav WHERE PublishStatus = 'Online' ORDER BY LastModifiedDate ASC",
    ]);
    expect(org.paths.at(-1)).toBe('/services/data/v62.0/query/0r8Hs00000Ab1cDIAR-2');
    expect(r.upserts.map((a) => [a.id, a.locale, a.title])).toEqual([
      ['salesforce:acme.my.salesforce.com:kA0Hs000000AbC1KAK:en-us', 'en-us', 'Replacing an item that arrived damaged'],
      ['salesforce:acme.my.salesforce.com:kA0Hs000000AbC2KAK:en-us', 'en-us', 'Exchanging for a different size'],
      ['salesforce:acme.my.salesforce.com:kA0Hs000000AbC1KAK:zh-tw', 'zh-tw', '商品到貨時損壞，如何換貨'],
    ]);
    expect(r.upserts[0]).toMatchObject({
      source: 'salesforce',
      externalId: 'kA0Hs000000AbC1KAK',
      body: "Send us a photo of the item and the box within 14 days.\n\nWe ship a replacement by express.\n\nYou don't need to return the broken item.\n\nReplacements over $150 need a lead's approval.",
      url: 'https://acme.my.salesforce.com/lightning/r/Knowledge__kav/ka0Hs000000XyZ1IAK/view',
      updatedAt: '2026-09-14T08:30:00.000Z',
    });
    // The cursor is Salesforce's latest LastModifiedDate, not this machine's clock.
    expect(r.cursors).toEqual([{ key: `salesforce:${HOST}:all`, cursor: JSON.stringify({ since: '2026-10-02T11:00:00.000Z', fullAt: T0 }), lastSyncAt: new Date(T0).toISOString(), articles: 3 }]);
  });

  it('asks only for what changed after the cursor, and deletes what was archived since', async () => {
    const known = ['salesforce:acme.my.salesforce.com:kA0Hs000000Old9KAK:en-us', 'salesforce:acme.my.salesforce.com:kA0Hs000000AbC2KAK:en-us'];
    const archived = { totalSize: 1, done: true, records: [{ attributes: { type: 'Knowledge__kav' }, Id: 'ka0Hs000000Old9IAK', KnowledgeArticleId: 'kA0Hs000000Old9KAK', Language: 'en_US', LastModifiedDate: '2026-11-01T00:00:00.000+0000', ArchivedDate: '2026-11-01T00:00:00.000+0000' }] };
    const org = fakeOrg([[/PublishStatus%20%3D%20%27Archived%27/, { status: 200, json: archived }]]);
    const cursor = { key: `salesforce:${HOST}:all`, cursor: JSON.stringify({ since: '2026-10-01T00:00:00.000Z', fullAt: T0 - 1000 }), lastSyncAt: '', articles: 2 };
    const r = await syncSalesforce(options(org, { apiVersion: 'v62.0' }, [cursor], known));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.mode).toEqual({ all: 'incremental' });
    expect(org.paths[0]).toBe('/services/data/v62.0/sobjects/Knowledge__kav/describe');
    expect(org.soql).toEqual([
      "SELECT Id, KnowledgeArticleId, Language, LastModifiedDate, ArchivedDate FROM Knowledge__kav WHERE PublishStatus = 'Archived' AND IsLatestVersion = true AND ArchivedDate > 2026-10-01T00:00:00Z",
      "SELECT Id, KnowledgeArticleId, Title, UrlName, Language, LastModifiedDate, Answer__c, Internal_Notes__c FROM Knowledge__kav WHERE PublishStatus = 'Online' AND LastModifiedDate > 2026-10-01T00:00:00Z ORDER BY LastModifiedDate ASC",
    ]);
    expect(r.deletions).toEqual(['salesforce:acme.my.salesforce.com:kA0Hs000000Old9KAK:en-us']);
    expect(JSON.parse(r.cursors[0]!.cursor)).toEqual({ since: '2026-11-01T00:00:00.000Z', fullAt: T0 - 1000 });
  });

  it('syncs one language per configured locale, with its own cursor, and deletes what a full list no longer has', async () => {
    const org = fakeOrg();
    const stale = 'salesforce:acme.my.salesforce.com:kA0Hs000000Gone1KAK:zh-tw';
    const r = await syncSalesforce(options(org, { locales: ['zh-tw'], bodyFields: ['Answer__c'] }, [], [stale, 'salesforce:acme.my.salesforce.com:kA0Hs000000Other:en-us']));
    if (!r.ok) throw new Error(r.error.message);
    expect(org.soql[0]).toBe("SELECT Id, KnowledgeArticleId, Title, UrlName, Language, LastModifiedDate, Answer__c FROM Knowledge__kav WHERE PublishStatus = 'Online' AND Language = 'zh_TW' ORDER BY LastModifiedDate ASC");
    expect(r.cursors.map((c) => c.key)).toEqual([`salesforce:${HOST}:zh-tw`]);
    expect(r.deletions).toEqual([stale]);
  });

  it('sends only paths the content script relay accepts', async () => {
    const org = fakeOrg();
    await syncSalesforce(options(org, { locales: ['en-us'] }));
    await syncSalesforce(options(org, {}, [{ key: `salesforce:${HOST}:all`, cursor: JSON.stringify({ since: '2026-10-01T00:00:00.000Z', fullAt: T0 }), lastSyncAt: '', articles: 0 }]));
    expect(org.paths.length).toBeGreaterThan(5);
    for (const p of org.paths) expect(p).toMatch(HELPDESK_API_PATH);
  });

  it('maps locales to Salesforce languages and back', () => {
    expect(['en-us', 'zh-cn', 'zh-tw', 'de'].map(salesforceLanguage)).toEqual(['en_US', 'zh_CN', 'zh_TW', 'de']);
    expect(localeOfLanguage('zh_TW')).toBe('zh-tw');
  });
});

describe('when the org refuses', () => {
  it('says a Lightning session cannot use the API (401 INVALID_SESSION_ID) and suggests import', async () => {
    const org = fakeOrg([[/./, { status: 401, json: fixture('invalid-session.json') }]]);
    const r = await syncSalesforce(options(org));
    expect(r).toEqual({ ok: false, error: expect.objectContaining({ kind: 'access', status: 401, suggestImport: true }) });
    expect(!r.ok && r.error.message).toMatch(/does not accept this session for its API \(INVALID_SESSION_ID\).*Import the articles instead/);
  });

  it('says the org has the API turned off (403 API_DISABLED_FOR_ORG)', async () => {
    const org = fakeOrg([[/describe/, { status: 403, json: fixture('api-disabled.json') }]]);
    const r = await syncSalesforce(options(org));
    expect(!r.ok && r.error).toMatchObject({ kind: 'access', suggestImport: true, message: expect.stringContaining('API turned off (API_DISABLED_FOR_ORG)') });
  });

  it('says the org has no Knowledge (404 on the article type)', async () => {
    const org = fakeOrg([[/describe/, { status: 404, json: fixture('not-found.json') }]]);
    const r = await syncSalesforce(options(org));
    expect(!r.ok && r.error).toMatchObject({ kind: 'not-found', suggestImport: true, message: expect.stringContaining('no Salesforce Knowledge') });
  });

  it('names a configured body field the org does not have', async () => {
    const r = await syncSalesforce(options(fakeOrg(), { bodyFields: ['Body__c'] }));
    expect(!r.ok && r.error).toMatchObject({ kind: 'config', suggestImport: false, message: 'Knowledge__kav has no field Body__c; check the body fields to sync.' });
  });

  it('rejects a malformed page, even after good ones, and returns nothing', async () => {
    const bad = { totalSize: 3, done: true, records: [{ Id: 'ka0x', KnowledgeArticleId: 'kA0x', Language: 'en_US', LastModifiedDate: 'yesterday', Title: 'x' }] };
    const org = fakeOrg([[/query\/0r8Hs00000Ab1cDIAR-2/, { status: 200, json: bad }]]);
    const r = await syncSalesforce(options(org));
    expect(r).toEqual({ ok: false, error: expect.objectContaining({ kind: 'malformed', suggestImport: false, message: expect.stringContaining('records.0.LastModifiedDate') }) });
  });

  it('reads a sign-in page instead of JSON as no API access', async () => {
    const r = await syncSalesforce(options(fakeOrg([[/./, { status: 200, json: null }]])));
    expect(!r.ok && r.error).toMatchObject({ kind: 'access', suggestImport: true });
  });
});

describe('the demo Salesforce (scripts/demo/serve.ts)', () => {
  it('refuses Knowledge over REST on its Lightning domain, so the agent is pointed to import', async () => {
    const { routeDemoHelpdesk } = await import('../../scripts/demo/serve');
    const handlers: [string, (route: unknown) => unknown][] = [];
    await routeDemoHelpdesk({ route: async (pattern: string, handler: (route: unknown) => unknown) => void handlers.push([pattern, handler]) } as never, 'manual');
    const lightning = handlers.find(([p]) => p.startsWith('https://acme.lightning.force.com'))![1];
    const fetchJson = async (path: string): Promise<FetchJsonResponse> => {
      let fulfilled: { status: number; body: string } | null = null;
      await lightning({
        request: () => ({ url: () => `https://acme.lightning.force.com${path}`, method: () => 'GET', headers: () => ({}), postData: () => null }),
        fulfill: async (r: { status: number; body: string }) => void (fulfilled = r),
      });
      return { status: fulfilled!.status, json: JSON.parse(fulfilled!.body) };
    };
    const r = await syncSalesforce({ ...options(fakeOrg()), host: 'acme.lightning.force.com', fetchJson });
    expect(r).toMatchObject({ ok: false, error: { kind: 'access', status: 401, suggestImport: true } });
  });
});
