import { describe, expect, it } from 'vitest';
import { cosine, denseRank, fuseRanks } from '../../lib/knowledge/hybrid';
import { bestPassage, SearchIndex, type IndexDoc } from '../../lib/knowledge/search';
import { foldHan } from '../../lib/han-fold';
import { stem, tokenize } from '../../lib/knowledge/tokenize';

const EN: IndexDoc[] = [
  {
    id: 'pw',
    title: 'How do I reset my password?',
    body: 'Open Settings and choose Security.\n\nClick "Reset password" and follow the link we e-mail you. The link works for 24 hours.',
    locale: 'en-us',
  },
  {
    id: 'refund',
    title: 'Refunds for cancelled orders',
    body: 'When you cancel an order before it ships, the refund goes back to the card you paid with.\n\nRefunds take 3 to 5 business days to appear.',
    locale: 'en-us',
  },
  {
    id: 'ship',
    title: 'Where is my package?',
    body: 'Track your delivery from the order page. Most packages arrive within 5 days.\n\nIf tracking has not changed for a week, contact us.',
    locale: 'en-us',
  },
  {
    id: 'sso',
    title: 'Signing in with single sign-on',
    body: 'Accounts that sign in through your company cannot reset a password here. Ask your administrator to reset it.',
    locale: 'en-us',
  },
  {
    id: 'invoice',
    title: 'Download an invoice',
    body: 'Invoices for every order are under Billing. Each invoice is a PDF you can download or print.',
    locale: 'en-us',
  },
];

const ZH: IndexDoc[] = [
  { id: 'zh-refund', title: '如何申请退款？', body: '在订单详情页点击“申请退款”，选择原因并提交。\n\n退款会在3到7个工作日内原路退回。', locale: 'zh-cn' },
  { id: 'zh-address', title: '如何修改收货地址？', body: '订单发货前，可以在订单详情页修改收货地址。已经发货的订单无法修改。', locale: 'zh-cn' },
  { id: 'zh-password', title: '忘记登录密码怎么办？', body: '在登录页面点击“忘记密码”，输入手机号，获取验证码后重设密码。', locale: 'zh-cn' },
  { id: 'tw-roaming', title: '國際漫遊如何開通？', body: '出國前請在會員中心申請開通國際漫遊，並可選購上網日租方案。', locale: 'zh-tw' },
  { id: 'tw-bill', title: '帳單金額有疑問', body: '若對帳單金額有疑問，請在繳費期限前透過客服專線提出。', locale: 'zh-tw' },
];

const build = (docs: readonly IndexDoc[]) => {
  const index = new SearchIndex();
  index.addAll(docs);
  return index;
};
const ids = (index: SearchIndex, q: string, limit = 5) => index.search(q, { limit }).map((h) => h.id);

describe('tokenize', () => {
  it('lower-cases, folds full-width forms, drops apostrophes and stems English lightly', () => {
    expect(tokenize("Refunds REFUNDED, refunding: don't ＲＥＦＵＮＤ")).toEqual(['refund', 'refund', 'refund', 'dont', 'refund']);
    expect(stem('connection')).toBe(stem('connected'));
    expect(stem('charges')).toBe(stem('charging'));
    expect(stem('general')).not.toBe(stem('generate'));
  });

  it('turns Chinese into character unigrams and bigrams, traditional folded to simplified', () => {
    expect(tokenize('退款')).toEqual(['退', '款', '退款']);
    expect(tokenize('訂單')).toEqual(tokenize('订单'));
    expect(tokenize('帳戶密碼')).toEqual(tokenize('账户密码'));
    expect(foldHan('還沒有收到發票')).toBe('还没有收到发票');
  });

  it('splits mixed Chinese and Latin text at the script boundary', () => {
    expect(tokenize('我的iPhone15坏了')).toEqual(['我', '的', '我的', 'iphone15', '坏', '了', '坏了']);
  });
});

describe('SearchIndex ranking', () => {
  it('finds the article that answers an English question, title matches first', () => {
    const index = build(EN);
    expect(ids(index, 'how can I reset my password')[0]).toBe('pw');
    expect(ids(index, 'refund for a cancelled order')[0]).toBe('refund');
    expect(ids(index, 'my package has not arrived')[0]).toBe('ship');
    expect(ids(index, 'invoices')[0]).toBe('invoice');
    // The SSO article mentions "reset a password" in its body, the other has it in the title.
    expect(ids(index, 'reset password')).toEqual(['pw', 'sso']);
  });

  it('returns nothing for words no article has, and function words alone still match', () => {
    const index = build(EN);
    expect(index.search('zyxwv qqq')).toEqual([]);
    expect(ids(index, 'where is my')[0]).toBe('ship');
  });

  it('finds Chinese articles across scripts: traditional query, simplified article and back', () => {
    const index = build(ZH);
    expect(ids(index, '我想退款')[0]).toBe('zh-refund');
    expect(ids(index, '收貨地址寫錯了怎麼修改')[0]).toBe('zh-address');
    expect(ids(index, '忘記密碼')[0]).toBe('zh-password');
    expect(ids(index, '国际漫游怎么开通')[0]).toBe('tw-roaming');
    expect(ids(index, '账单金额不对')[0]).toBe('tw-bill');
  });

  it('reports how much of the question the article covers', () => {
    const index = build(EN);
    const [full] = index.search('reset password');
    expect(full!.coverage).toBeCloseTo(1, 5);
    const [partial] = index.search('reset password qwertyuiop');
    expect(partial!.id).toBe('pw');
    expect(partial!.coverage).toBeLessThan(0.7);
  });

  it('applies per-article priors and locale preference as multipliers', () => {
    const index = build([...EN, { id: 'pw-zh', title: 'How do I reset my password?', body: 'Open Settings and choose Security.', locale: 'zh-cn' }]);
    const plain = index.search('reset password', { limit: 3 });
    expect(plain.map((h) => h.id)).toContain('pw');
    const demoted = index.search('reset password', { limit: 3, priors: new Map([['pw', 0.1]]) });
    expect(demoted[0]!.id).not.toBe('pw');
    expect(demoted.find((h) => h.id === 'pw')?.score ?? 0).toBeLessThan(plain.find((h) => h.id === 'pw')!.score);
    const zhFirst = index.search('reset password', { limit: 3, localeWeight: (l) => (l.startsWith('zh') ? 1 : 0.2) });
    expect(zhFirst[0]!.id).toBe('pw-zh');
  });

  it('weights query parts: the heavier part decides', () => {
    const index = build(EN);
    const latestRefund = index.search([
      { text: 'where is my package', weight: 0.25 },
      { text: 'I want a refund for the cancelled order', weight: 1 },
    ]);
    expect(latestRefund[0]!.id).toBe('refund');
    const latestPackage = index.search([
      { text: 'where is my package', weight: 1 },
      { text: 'I want a refund for the cancelled order', weight: 0.25 },
    ]);
    expect(latestPackage[0]!.id).toBe('ship');
  });
});

describe('passages', () => {
  it('shows the paragraph that matched, as written', () => {
    const index = build(EN);
    const refund = EN[1]!;
    expect(index.passage('how long does a refund take, days', refund.title, refund.body)).toBe('Refunds take 3 to 5 business days to appear.');
    expect(index.passage('cancel before it ships', refund.title, refund.body)).toBe(
      'When you cancel an order before it ships, the refund goes back to the card you paid with.',
    );
  });

  it('picks the sentence window inside a long paragraph, and the title or the opening when the body has no match', () => {
    const body = `${'Shipping is free above 50 euros. '.repeat(12)}Refunds go back to the card you paid with. ${'Opening hours are 9 to 5. '.repeat(12)}`;
    const weights = new Map([['refund', 1], ['card', 1]]);
    expect(bestPassage(weights, 'Money', body)).toBe('Refunds go back to the card you paid with.');
    expect(bestPassage(new Map([['money', 1]]), 'Money back', 'Nothing here.\n\nOr here.')).toBe('Money back');
    expect(bestPassage(new Map([['zzz', 1]]), 'Money back', 'Nothing here.\n\nOr here.')).toBe('Nothing here.');
  });

  it('finds Chinese passages with traditional query words', () => {
    const index = build(ZH);
    const a = ZH[0]!;
    expect(index.passage('退款幾天到帳', a.title, a.body)).toBe('退款会在3到7个工作日内原路退回。');
  });
});

describe('incremental updates', () => {
  it('adds, updates and removes articles', () => {
    const index = build(EN);
    index.add({ id: 'gift', title: 'Gift cards', body: 'Gift cards never expire and can be used on any order.' });
    expect(ids(index, 'gift card expire')[0]).toBe('gift');
    index.add({ id: 'gift', title: 'Vouchers', body: 'Vouchers are valid for one year.' });
    expect(ids(index, 'gift card expire')).not.toContain('gift');
    expect(ids(index, 'voucher valid')[0]).toBe('gift');
    expect(index.size).toBe(EN.length + 1);
    expect(index.remove('gift')).toBe(true);
    expect(ids(index, 'voucher valid')).toEqual([]);
    expect(index.remove('gift')).toBe(false);
    expect(index.size).toBe(EN.length);
  });

  it('after enough changes to merge, ranks exactly like an index built from scratch', () => {
    const docs = Array.from({ length: 1_500 }, (_, i) => ({
      id: `d${i}`,
      title: `Article ${i} about ${['refunds', 'passwords', 'shipping', '退款', '密碼'][i % 5]}`,
      body: `Body ${i % 37} with words ${['card', 'login', 'package', '订单', '登录'][i % 5]} and more ${i % 11}.`,
      locale: i % 2 ? 'en-us' : 'zh-cn',
    }));
    const incremental = new SearchIndex();
    for (const d of docs) incremental.add(d); // crosses the merge threshold more than once
    for (let i = 0; i < docs.length; i += 3) incremental.remove(`d${i}`);
    for (let i = 1; i < docs.length; i += 7) incremental.add({ ...docs[i]!, body: `${docs[i]!.body} updated gift voucher` });
    incremental.merge();
    // Updating a removed article adds it back.
    const fresh = build(docs.flatMap((d, i) => (i % 7 === 1 ? [{ ...d, body: `${d.body} updated gift voucher` }] : i % 3 === 0 ? [] : [d])));
    expect(incremental.size).toBe(fresh.size);
    for (const q of ['refund card', 'gift voucher', '退款 订单', '密码登录', 'package 12', 'article 100']) {
      // Every match, so ties at the cut-off cannot differ; equal scores may come in either order.
      const all = (index: SearchIndex) =>
        index
          .search(q, { limit: 2_000 })
          .map((h) => `${h.score.toFixed(9)} ${h.id}`)
          .sort();
      expect(all(incremental)).toEqual(all(fresh));
      expect(all(fresh).length).toBeGreaterThan(10);
    }
  });
});

describe('snapshots', () => {
  it('round-trips through structured clone (as IndexedDB stores it) with the same results', () => {
    const index = build([...EN, ...ZH]);
    index.add({ id: 'late', title: 'Late article', body: 'Added after the build, still in the delta.' });
    index.remove('invoice');
    const copy = SearchIndex.fromSnapshot(structuredClone(index.toSnapshot()));
    expect(copy.size).toBe(index.size);
    for (const q of ['reset password', '退款', '國際漫遊', 'late article', 'invoice pdf', 'where is my package']) {
      expect(copy.search(q, { limit: 10 })).toEqual(index.search(q, { limit: 10 }));
    }
    // The reloaded index keeps taking updates.
    copy.add({ id: 'new', title: 'Brand new', body: 'Fresh words here' });
    expect(ids(copy, 'brand new fresh')[0]).toBe('new');
    expect(copy.localeOf('tw-bill')).toBe('zh-tw');
  });

  it('refuses data that is not a snapshot', () => {
    expect(() => SearchIndex.fromSnapshot({} as never)).toThrow();
    const snap = build(EN).toSnapshot();
    expect(() => SearchIndex.fromSnapshot({ ...snap, lenT: new Uint32Array(1) })).toThrow(/inconsistent/);
    expect(() => SearchIndex.fromSnapshot({ ...snap, postings: snap.postings.slice(0, -3) })).toThrow(/damaged/);
  });
});

describe('hybrid fusion', () => {
  it('computes cosine similarity', () => {
    expect(cosine(new Float32Array([1, 0]), new Float32Array([1, 0]))).toBeCloseTo(1);
    expect(cosine(new Float32Array([1, 0]), new Float32Array([0, 1]))).toBeCloseTo(0);
    expect(cosine(new Float32Array([0, 0]), new Float32Array([1, 1]))).toBe(0);
    expect(cosine(new Float32Array([1]), new Float32Array([1, 1]))).toBe(0);
  });

  it('lifts an article both rankings like above one only the lexical ranking likes', () => {
    const lexical = [
      { id: 'a', score: 9 },
      { id: 'b', score: 8 },
      { id: 'c', score: 7 },
    ];
    const vectors: [string, Float32Array][] = [
      ['a', new Float32Array([0, 1, 0])],
      ['b', new Float32Array([0.1, 0, 1])],
      ['c', new Float32Array([1, 0.1, 0])],
      ['d', new Float32Array([0.9, 0.2, 0])],
    ];
    const dense = denseRank(new Float32Array([1, 0, 0]), vectors, 10);
    expect(dense.map((h) => h.id)).toEqual(['c', 'd', 'b']);
    const fused = fuseRanks([
      { hits: lexical, weight: 1 },
      { hits: dense, weight: 1 },
    ]);
    expect(fused[0]!.id).toBe('c');
    expect(fused.map((h) => h.id)).toContain('d'); // found by meaning alone
    // With the dense side weighted to nothing, the lexical order stands.
    expect(fuseRanks([{ hits: lexical, weight: 1 }, { hits: dense, weight: 0 }]).slice(0, 3).map((h) => h.id)).toEqual(['a', 'b', 'c']);
  });

  it('scales dense scores by a weight (priors, locale)', () => {
    const vectors: [string, Float32Array][] = [
      ['x', new Float32Array([1, 0])],
      ['y', new Float32Array([0.9, 0.1])],
    ];
    expect(denseRank(new Float32Array([1, 0]), vectors, 2, (id) => (id === 'x' ? 0.5 : 1))[0]!.id).toBe('y');
  });
});
