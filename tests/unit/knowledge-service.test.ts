import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openKnowledgeDb, type KnowledgeDb } from '../../lib/knowledge/db';
import { createKnowledgeService, type KnowledgeServiceOptions } from '../../lib/knowledge/service';
import type { Article, ArticleFeedback, FeedbackKind } from '../../lib/knowledge/types';
import type { Conversation, Message } from '../../lib/types';

let dbCount = 0;
const opened: KnowledgeDb[] = [];
const services: { close(): void }[] = [];

function freshDbName(): string {
  return `kb-test-${Date.now()}-${dbCount++}`;
}
function db(name: string): KnowledgeDb {
  const d = openKnowledgeDb(name);
  opened.push(d);
  return d;
}
function service(name: string, options: Partial<KnowledgeServiceOptions> = {}) {
  const s = createKnowledgeService({ db: db(name), now: () => Date.parse('2026-11-24T10:00:00Z'), ...options });
  services.push(s);
  return s;
}

afterEach(async () => {
  for (const s of services.splice(0)) s.close();
  for (const d of opened.splice(0)) d.close();
});

function article(id: string, title: string, body: string, locale = 'en-us', updatedAt = '2026-11-01T00:00:00Z'): Article {
  return { id, source: 'demo', externalId: id, locale, title, body, url: `https://help.example.com/${id}`, updatedAt, labels: [] };
}

const ARTICLES: Article[] = [
  article('refund', 'How do I get a refund?', 'Refunds go back to the card you paid with.\n\nThey take 3 to 5 business days.'),
  article('password', 'Reset your password', 'Open Settings, then Security, then Reset password.'),
  article('shipping', 'Where is my package?', 'Track the delivery from the order page. Packages arrive within 5 days.'),
  article('refund-zh', '如何申请退款？', '在订单详情页点击申请退款。\n\n退款会在3到7个工作日内原路退回。', 'zh-cn'),
  article('refund-tw', '如何申請退款？', '在訂單詳情頁點擊申請退款。\n\n退款會在3到7個工作天內退回。', 'zh-tw'),
  article('refund-en-dup', 'Refund policy', 'A refund is possible within 30 days of delivery.', 'en-gb'),
];

function conversation(messages: [Message['role'], string][], language = '', subject = ''): Conversation {
  return {
    key: { site: 'zendesk', host: 'acme.zendesk.com', ticketId: '1001' },
    site: 'zendesk',
    channel: 'email',
    subject,
    requester: 'Ana',
    language,
    messages: messages.map(([role, text], i) => ({ id: `m${i}`, role, author: role, at: '', text })),
  };
}

function feedback(articleId: string, kind: FeedbackKind, intent: string | null): ArticleFeedback {
  return { articleId, kind, note: '', intent, ticket: { site: 'zendesk', host: 'acme.zendesk.com', ticketId: '1001' }, at: '2026-11-24T10:00:00Z' };
}

describe('knowledge service: articles and search', () => {
  it('indexes upserted articles and answers with title, link, locale and the passage that matched', async () => {
    const kb = service(freshDbName());
    await kb.upsertArticles(ARTICLES);
    const [top] = await kb.search('how long does a refund take', { locale: 'en' });
    expect(top).toMatchObject({ articleId: 'refund', title: 'How do I get a refund?', url: 'https://help.example.com/refund', locale: 'en-us', source: 'demo' });
    expect(top!.passage).toBe('They take 3 to 5 business days.');
    expect(await kb.search('zzzz qqqq')).toEqual([]);
  });

  it('updates and removes articles in the database and the index', async () => {
    const name = freshDbName();
    const kb = service(name);
    await kb.upsertArticles(ARTICLES);
    await kb.upsertArticles([article('password', 'Sign-in help', 'Use the magic link we e-mail you.', 'en-us', '2026-11-20T00:00:00Z')]);
    expect((await kb.search('magic link'))[0]!.articleId).toBe('password');
    expect((await kb.search('reset password')).map((h) => h.articleId)).not.toContain('password');
    await kb.removeArticles(['shipping', 'no-such-id']);
    expect((await kb.search('where is my package')).map((h) => h.articleId)).not.toContain('shipping');
    expect(await db(name).articles.get('shipping')).toBeUndefined();
    const stats = await kb.stats();
    expect(stats.articles).toBe(ARTICLES.length - 1);
    expect(stats.index.articles).toBe(ARTICLES.length - 1);
    expect(stats.byLocale).toEqual({ 'en-us': 2, 'en-gb': 1, 'zh-cn': 1, 'zh-tw': 1 });
    expect(stats.bySource).toEqual({ demo: 5 });
  });

  it('prefers the conversation language and falls back to others', async () => {
    const kb = service(freshDbName());
    await kb.upsertArticles(ARTICLES);
    expect((await kb.search('退款', { locale: 'zh-Hant' }))[0]!.articleId).toBe('refund-tw');
    expect((await kb.search('退款', { locale: 'zh-Hans' }))[0]!.articleId).toBe('refund-zh');
    // Nothing in English matches Chinese words: the Chinese articles still come.
    expect((await kb.search('退款', { locale: 'en' })).map((h) => h.articleId)).toContain('refund-zh');
  });
});

describe('knowledge service: warm start', () => {
  it('loads the saved index after a restart instead of rebuilding, with the same answers', async () => {
    const name = freshDbName();
    const first = service(name);
    await first.upsertArticles(ARTICLES);
    await first.flush();
    const before = await first.search('refund card');
    expect((await first.stats()).index.rebuilds).toBe(1); // the empty start

    const restarted = service(name);
    await restarted.ready();
    const { index } = await restarted.stats();
    expect(index).toMatchObject({ loadedFrom: 'snapshot', rebuilds: 0, articles: ARTICLES.length });
    expect(await restarted.search('refund card')).toEqual(before);
  });

  it('rebuilds once when the articles changed since the snapshot', async () => {
    const name = freshDbName();
    const first = service(name);
    await first.upsertArticles(ARTICLES);
    await first.flush();
    // Another writer adds an article behind the service's back.
    await db(name).articles.put(article('gift', 'Gift cards', 'Gift cards never expire.', 'en-us', '2026-11-23T00:00:00Z'));

    const restarted = service(name);
    await restarted.ready();
    expect((await restarted.stats()).index).toMatchObject({ loadedFrom: 'rebuild', rebuilds: 1, articles: ARTICLES.length + 1 });
    expect((await restarted.search('gift card'))[0]!.articleId).toBe('gift');

    // That rebuild saved a new snapshot: the next start loads it.
    const again = service(name);
    await again.ready();
    expect((await again.stats()).index).toMatchObject({ loadedFrom: 'snapshot', rebuilds: 0 });
  });

  it('rebuilds when the worker stopped before the changed index was saved', async () => {
    const name = freshDbName();
    const first = service(name, { saveDelayMs: 60_000 });
    await first.upsertArticles(ARTICLES);
    await first.flush();
    await first.upsertArticles([article('refund', 'Refunds', 'Changed body about store credit.', 'en-us', '2026-11-02T00:00:00Z')]);
    first.close(); // the debounced save never ran

    const restarted = service(name);
    await restarted.ready();
    expect((await restarted.stats()).index.loadedFrom).toBe('rebuild');
    expect((await restarted.search('store credit'))[0]!.articleId).toBe('refund');
  });
});

describe('knowledge service: recommendations', () => {
  it('reads the latest customer messages, skips agent text, and weighs the latest most', async () => {
    const kb = service(freshDbName());
    await kb.upsertArticles(ARTICLES);
    const talk = conversation([
      ['customer', 'Where is my package? It has not arrived.'],
      ['agent', 'You can reset your password in Settings, Security.'],
      ['customer', 'Also, I would like a refund to my card.'],
    ]);
    const hits = await kb.recommend(talk, null);
    expect(hits[0]!.articleId).toBe('refund');
    expect(hits.map((h) => h.articleId)).not.toContain('password');
    expect(hits.map((h) => h.articleId)).toContain('shipping'); // the earlier question still counts, less
  });

  it('answers in the conversation language, detected when the adapter left it empty', async () => {
    const kb = service(freshDbName());
    await kb.upsertArticles(ARTICLES);
    expect((await kb.recommend(conversation([['customer', '我想申請退款，錢什麼時候退回？']]), null))[0]!.articleId).toBe('refund-tw');
    expect((await kb.recommend(conversation([['customer', '我想申请退款']], 'zh-Hans'), null))[0]!.articleId).toBe('refund-zh');
    expect(await kb.recommend(conversation([['agent', 'Hello!']]), null)).toEqual([]);
  });

  it('logs a question nothing answers, redacted, once per ticket, and keeps the log bounded', async () => {
    const name = freshDbName();
    const kb = service(name, { unansweredCap: 5 });
    await kb.upsertArticles(ARTICLES);
    const ask = (text: string) => kb.recommend(conversation([['customer', text]]), 'warranty');
    await ask('Does the warranty cover water damage? Write me at ana.lopez@example.com');
    await ask('Does the warranty cover water damage? Write me at ana.lopez@example.com'); // the same ticket refreshing
    await ask('I want a refund to my card'); // answered
    const rows = await db(name).unanswered.toArray();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ intent: 'warranty', language: 'en', at: '2026-11-24T10:00:00.000Z' });
    expect(rows[0]!.text).toBe('Does the warranty cover water damage? Write me at [EMAIL]');
    expect(rows[0]!.bestScore).toBeLessThan(0.35);

    for (let i = 0; i < 8; i++) await ask(`Question number ${i} about telescopes`);
    const kept = await db(name).unanswered.orderBy('id').toArray();
    expect(kept).toHaveLength(5);
    expect(kept.at(-1)!.text).toBe('Question number 7 about telescopes');
    expect(kept.map((r) => r.text)).not.toContain(rows[0]!.text); // the oldest went first
  });
});

describe('knowledge service: feedback', () => {
  it('lowers an article for the intent it was rated under, and only for that intent', async () => {
    const kb = service(freshDbName());
    await kb.upsertArticles(ARTICLES);
    const top = async (intent: string | null) => (await kb.search('refund to my card', { locale: 'en', intent })).map((h) => h.articleId);
    const before = await top('refund_request');
    expect(before[0]).toBe('refund');
    await kb.addFeedback(feedback('refund', 'not_helpful', 'refund_request'));
    await kb.addFeedback(feedback('refund', 'outdated', 'refund_request'));
    const after = await top('refund_request');
    expect(after[0]).toBe('refund-en-dup');
    expect(after).toContain('refund'); // lower, not gone
    expect(await top('order_status')).toEqual(before);
    expect(await top(null)).toEqual(before);
  });

  it('keeps the prior bounded, and helpful raises an article slightly', async () => {
    const kb = service(freshDbName());
    await kb.upsertArticles(ARTICLES);
    const score = async (intent: string) => (await kb.search('refund', { locale: 'en', intent })).find((h) => h.articleId === 'refund')!.score;
    const base = await score('x');
    for (let i = 0; i < 30; i++) await kb.addFeedback(feedback('refund', 'incorrect', 'x'));
    expect((await score('x')) / base).toBeCloseTo(0.25, 5);
    await kb.addFeedback(feedback('refund', 'helpful', 'y'));
    const raised = (await score('y')) / base;
    expect(raised).toBeGreaterThan(1);
    expect(raised).toBeLessThanOrEqual(1.25);
  });
});

describe('knowledge service: embeddings', () => {
  /** A fake model: one dimension per topic, "cash" meaning money. */
  const TOPICS = [['refund'], ['money', 'cash'], ['package'], ['password'], ['退款']];
  const vectorOf = (text: string) => new Float32Array(TOPICS.map((words) => (words.some((w) => text.toLowerCase().includes(w)) ? 1 : 0)));
  const MORE = [
    article('money', 'Our guarantee', 'If you are not happy, you get your money back.'),
    article('back', 'Back to school offers', 'Discounts on back packs.'),
  ];

  it('without embeddings, "cash back" finds the school offer first (the word back in its title)', async () => {
    const kb = service(freshDbName());
    await kb.upsertArticles([...ARTICLES, ...MORE]);
    expect((await kb.search('cash back'))[0]!.articleId).toBe('back');
  });

  it('with embeddings, the article that means it comes first, and article vectors are cached in IndexedDB', async () => {
    const name = freshDbName();
    let embedded = 0;
    const kb = service(name, {
      embedModel: 'fake-1',
      embed: async (texts) => {
        embedded += texts.length;
        return texts.map(vectorOf);
      },
    });
    await kb.upsertArticles([...ARTICLES, ...MORE]);
    const hits = await kb.search('cash back');
    expect(hits[0]!.articleId).toBe('money');
    expect(hits[0]!.passage).toBe('If you are not happy, you get your money back.');
    const rows = await db(name).embeddings.toArray();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.model === 'fake-1' && r.key.startsWith('fake-1|') && r.vector instanceof Float32Array)).toBe(true);
    const calls = embedded;
    await kb.search('cash back');
    expect(embedded).toBe(calls); // the same question: its vector and the articles' are remembered
    await kb.search('cash back please');
    expect(embedded).toBe(calls + 1); // a new question: only its own vector is asked for
    // After a restart, article vectors come from IndexedDB.
    let afterRestart = 0;
    const restarted = service(name, { embedModel: 'fake-1', embed: async (texts) => ((afterRestart += texts.length), texts.map(vectorOf)) });
    expect((await restarted.search('cash back'))[0]!.articleId).toBe('money');
    expect(afterRestart).toBe(1);
    // A changed article gets a new vector (keyed by updatedAt), the old one is dropped.
    await kb.upsertArticles([{ ...MORE[0]!, updatedAt: '2026-11-22T00:00:00Z' }]);
    await kb.search('cash back');
    expect((await db(name).embeddings.toArray()).filter((r) => r.key.includes('|money|')).map((r) => r.key)).toEqual(['fake-1|money|2026-11-22T00:00:00Z']);
  });

  it('answers lexically when the embedding endpoint fails or hangs', async () => {
    const failing = service(freshDbName(), { embed: async () => Promise.reject(new Error('503')) });
    await failing.upsertArticles(ARTICLES);
    expect((await failing.search('reset password'))[0]!.articleId).toBe('password');
    const hanging = service(freshDbName(), { embed: () => new Promise(() => undefined), embedTimeoutMs: 20 });
    await hanging.upsertArticles(ARTICLES);
    expect((await hanging.search('reset password'))[0]!.articleId).toBe('password');
  });
});
