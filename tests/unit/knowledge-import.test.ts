import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { detectLocale, importFiles, markdownToHtml, normaliseLocale, type ImportResult } from '../../lib/knowledge/import';

const NOW = '2026-11-23T09:00:00.000Z';
const enc = (s: string) => new TextEncoder().encode(s);

function ok(result: ImportResult) {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.errors)}`);
  return result;
}
function failed(result: ImportResult) {
  if (result.ok) throw new Error(`expected errors, got ${result.articles.length} articles`);
  return result.errors;
}

describe('JSON', () => {
  it('reads an array of articles, text or HTML, and detects the language when no locale is given', () => {
    const json = JSON.stringify([
      { id: 'refunds', title: 'Refunds', body: 'We refund to the original payment method.\n\n\nWithin 5 days.', labels: ['billing', 'refund', 'billing'] },
      { title: '退款多久到账？', html: '<p>退款会在 <b>5–10 个工作日</b>内退回原支付方式。</p><ul><li>银行卡</li><li>支付宝</li></ul>', updatedAt: '2026-03-02' },
      { title: '退款多久會入帳？', body: '退款會在 5–10 個工作天內退回原付款方式，信用卡請留意帳單。', url: 'https://acme.example/hc/zh-tw/1' },
    ]);
    const { articles } = ok(importFiles([{ name: 'faq.json', data: json }], { now: NOW }));
    expect(articles.map((a) => [a.id, a.locale])).toEqual([
      ['import:faq:refunds:en', 'en'],
      ['import:faq:faq.json#2:zh-cn', 'zh-cn'],
      ['import:faq:faq.json#3:zh-tw', 'zh-tw'],
    ]);
    expect(articles[0]).toMatchObject({ source: 'import', externalId: 'refunds', body: 'We refund to the original payment method.\n\nWithin 5 days.', labels: ['billing', 'refund'], updatedAt: NOW, url: '' });
    expect(articles[1]).toMatchObject({ body: '退款会在 5–10 个工作日内退回原支付方式。\n\n银行卡\n\n支付宝', updatedAt: '2026-03-02T00:00:00.000Z' });
    expect(articles[2]!.url).toBe('https://acme.example/hc/zh-tw/1');
  });

  it('reads an object with "articles" and an explicit locale in any common spelling', () => {
    const json = JSON.stringify({ articles: [{ id: 7, title: 'Gift cards', body: 'Never expire.', locale: 'en_US', updated_at: 1767225600 }] });
    const { articles } = ok(importFiles([{ name: 'kb.json', data: enc(json) }]));
    expect(articles[0]).toMatchObject({ id: 'import:kb:7:en-us', locale: 'en-us', updatedAt: '2026-01-01T00:00:00.000Z' });
  });

  it('rejects invalid JSON with the line at fault', () => {
    const errors = failed(importFiles([{ name: 'faq.json', data: '[\n  {"title": "A", "body": "x"},\n  {"title": "B" "body": "y"}\n]' }]));
    expect(errors).toEqual([{ file: 'faq.json', line: 3, message: expect.stringMatching(/^not valid JSON/) }]);
  });

  it('rejects a truncated file with its last line', () => {
    const errors = failed(importFiles([{ name: 'faq.json', data: '[\n  {"title": "A",\n' }]));
    expect(errors[0]).toMatchObject({ file: 'faq.json', line: 3 });
  });

  it('names the field at fault in every bad item and returns nothing, not even the good items', () => {
    const json = JSON.stringify({
      articles: [{ title: 'Good', body: 'fine' }, { body: 'no title' }, { title: 'No body' }, { title: 'Bad labels', body: 'x', labels: [1] }],
    });
    const errors = failed(importFiles([{ name: 'faq.json', data: json }]));
    expect(errors.map((e) => e.field)).toEqual(['articles[1].title', 'articles[2].body', 'articles[3].labels']);
  });

  it('rejects a top level that is not a list of articles', () => {
    expect(failed(importFiles([{ name: 'x.json', data: '{"title": "one"}' }]))[0]!.message).toMatch(/array of articles/);
  });

  it('checks locale, date and address', () => {
    const json = JSON.stringify([
      { title: 'A', body: 'x', locale: 'english please' },
      { title: 'B', body: 'x', updatedAt: 'last Tuesday' },
      { title: 'C', body: 'x', url: 'javascript:alert(1)' },
      { title: '  ', body: 'x' },
    ]);
    expect(failed(importFiles([{ name: 'x.json', data: json }])).map((e) => e.field)).toEqual(['[0].locale', '[1].updatedAt', '[2].url', '[3].title']);
  });
});

describe('CSV', () => {
  const csv = [
    'id,title,body,locale,updated_at,labels',
    'r1,Refunds,"We refund to the original payment method.',
    '',
    'Cards take 5–10 business days, ""as the bank decides"".",en-us,2026-03-02T10:00:00Z,billing;refund',
    'd1,重复扣款,"如果同一订单被扣了两次款，第二笔会在 1 个工作日内自动退回。",,,billing',
  ].join('\r\n');

  it('reads a header with title and body, quoted fields with newlines and quotes, and Chinese rows', () => {
    const { articles } = ok(importFiles([{ name: 'articles.csv', data: enc(`\ufeff${csv}`) }], { now: NOW }));
    expect(articles).toHaveLength(2);
    expect(articles[0]).toMatchObject({
      id: 'import:articles:r1:en-us',
      body: 'We refund to the original payment method.\n\nCards take 5–10 business days, "as the bank decides".',
      updatedAt: '2026-03-02T10:00:00.000Z',
      labels: ['billing', 'refund'],
    });
    expect(articles[1]).toMatchObject({ id: 'import:articles:d1:zh-cn', title: '重复扣款', updatedAt: NOW });
  });

  it('names the line of a row with the wrong number of fields, counting the lines inside quotes', () => {
    const bad = `${csv}\r\nx1,Exchanges,Free, within 30 days,en,,`;
    expect(failed(importFiles([{ name: 'articles.csv', data: bad }]))).toEqual([
      { file: 'articles.csv', line: 6, message: '7 fields where the header has 6 (a comma in an unquoted field?)' },
    ]);
  });

  it('names the line where a quote opens and never closes', () => {
    const bad = 'title,body\nA,"fine"\nB,"never closed\nC,more';
    expect(failed(importFiles([{ name: 'a.csv', data: bad }]))).toEqual([{ file: 'a.csv', line: 3, message: 'a quoted field opened here is never closed' }]);
  });

  it('needs title and body (or html) columns', () => {
    expect(failed(importFiles([{ name: 'a.csv', data: 'name_of_thing,body\nA,b' }]))[0]).toMatchObject({ line: 1, field: 'title' });
    expect(failed(importFiles([{ name: 'a.csv', data: 'title,summary\nA,b' }]))[0]).toMatchObject({ line: 1, field: 'body' });
  });

  it('points at the row of a bad value', () => {
    const errors = failed(importFiles([{ name: 'a.csv', data: 'title,body,updated_at\nA,text,2026-01-01\nB,text,01/02/2026' }]));
    expect(errors).toEqual([{ file: 'a.csv', line: 3, field: 'updatedAt', message: expect.stringContaining('is not a date') }]);
  });

  it('refuses a file that is not UTF-8 (a GBK export from Excel) and says how to fix it', () => {
    const gbk = new Uint8Array([0x74, 0x69, 0x74, 0x6c, 0x65, 0x2c, 0x62, 0x6f, 0x64, 0x79, 0x0a, 0xcd, 0xcb, 0xbf, 0xee, 0x2c, 0xc4, 0xda, 0xc8, 0xdd]);
    expect(failed(importFiles([{ name: 'kb.csv', data: gbk }]))[0]!.message).toMatch(/not UTF-8.*CSV UTF-8/);
  });
});

describe('Markdown and HTML', () => {
  it('takes title, locale, id and labels from front matter', () => {
    const md = '---\ntitle: "Cancel an order"\nlocale: en-us\nid: 360040001012\nlabels:\n  - orders\n  - cancel\n---\n\nYou can cancel **within one hour**.\n\n- Open *Orders*\n- Choose [Cancel](https://acme.example/orders)\n';
    const { articles } = ok(importFiles([{ name: 'cancel.md', data: md }]));
    expect(articles[0]).toMatchObject({
      id: 'import:cancel:360040001012:en-us',
      title: 'Cancel an order',
      body: 'You can cancel within one hour.\n\nOpen Orders\n\nChoose Cancel',
      labels: ['orders', 'cancel'],
    });
  });

  it('takes the first "#" heading as title when there is no front matter, and detects the language', () => {
    const md = '```\n# not a heading\n```\n\n# 如何修改收貨地址\n\n訂單出貨前，您可以在「我的訂單」中修改地址。';
    const { articles } = ok(importFiles([{ name: 'zh/address.md', data: md }, { name: 'zh/other.md', data: '# Other\n\ntext' }]));
    expect(articles[0]).toMatchObject({ id: 'import:zh:address.md:zh-tw', title: '如何修改收貨地址', body: '# not a heading\n\n訂單出貨前，您可以在「我的訂單」中修改地址。' });
  });

  it('rejects a front matter line that is not "key: value", an unclosed front matter and a missing title, with the line', () => {
    expect(failed(importFiles([{ name: 'a.md', data: '---\ntitle: A\nthis is wrong\n---\nbody' }]))).toEqual([
      { file: 'a.md', line: 3, message: 'front matter line is not "key: value"' },
    ]);
    expect(failed(importFiles([{ name: 'a.md', data: '---\ntitle: A\nbody' }]))[0]).toMatchObject({ line: 1 });
    expect(failed(importFiles([{ name: 'a.md', data: '---\nlocale: en\n---\nJust text, no heading.' }]))[0]).toMatchObject({ line: 4, field: 'title' });
  });

  it('reads HTML pages: title from <title> or <h1>, language from <html lang>, the heading not repeated in the body', () => {
    const page = '<!doctype html><html lang="zh-Hans"><head><title>保修政策</title><script>track()</script></head><body><h1>保修政策</h1><p>电子产品保修一年。</p></body></html>';
    const { articles } = ok(importFiles([{ name: 'warranty.html', data: page }, { name: 'returns.htm', data: '<h1>Returns</h1><p>30 days.</p>' }]));
    expect(articles.map((a) => [a.id, a.title, a.body])).toEqual([
      ['import:files:warranty.html:zh-cn', '保修政策', '电子产品保修一年。'],
      ['import:files:returns.htm:en', 'Returns', '30 days.'],
    ]);
    expect(failed(importFiles([{ name: 'x.html', data: '<p>untitled</p>' }]))[0]).toMatchObject({ field: 'title' });
  });
});

describe('zip and folders', () => {
  const zip = (files: Record<string, string | Uint8Array>, level: 0 | 6 = 6) =>
    zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, typeof v === 'string' ? strToU8(v) : v])), { level });

  it('reads a zip with folders, skips images and macOS junk, names the set after the zip', () => {
    const data = zip({
      'acme-kb/en/refunds.md': '# Refunds\n\nWithin 5 days.',
      'acme-kb/zh-cn/refunds.md': '---\nlocale: zh-cn\n---\n# 退款\n\n5 个工作日内。',
      'acme-kb/faq/more.json': JSON.stringify([{ id: 'g1', title: 'Gift cards', body: 'Never expire.' }]),
      'acme-kb/faq/table.csv': 'title,body\nPromo codes,One per order.',
      'acme-kb/images/logo.png': new Uint8Array([137, 80, 78, 71]),
      '__MACOSX/acme-kb/en/._refunds.md': 'junk',
      'acme-kb/.DS_Store': 'junk',
    });
    const result = ok(importFiles([{ name: 'Acme KB.zip', data }]));
    expect(result.articles.map((a) => a.id).sort()).toEqual([
      'import:acme-kb:acme-kb/en/refunds.md:en',
      'import:acme-kb:acme-kb/faq/table.csv#1:en',
      'import:acme-kb:acme-kb/zh-cn/refunds.md:zh-cn',
      'import:acme-kb:g1:en',
    ]);
    expect(result.skipped).toEqual(['Acme KB.zip/acme-kb/images/logo.png']);
  });

  it('gives the same ids when the same files are imported again', () => {
    const data = zip({ 'a/b.md': '# B\n\ntext' });
    const first = ok(importFiles([{ name: 'kb.zip', data }])).articles.map((a) => a.id);
    expect(ok(importFiles([{ name: 'kb.zip', data: zip({ 'a/b.md': '# B\n\nnew text' }) }])).articles.map((a) => a.id)).toEqual(first);
  });

  it('rejects the whole zip when one file inside is malformed, naming it', () => {
    const data = zip({ 'kb/en/good.md': '# Good\n\ntext', 'kb/zh/bad.json': '[\n  {"title": "好的", "body": "x"},\n  {"title": "坏的", "body": }\n]' });
    const errors = failed(importFiles([{ name: 'kb.zip', data }]));
    expect(errors).toEqual([{ file: 'kb.zip/kb/zh/bad.json', line: 3, message: expect.stringMatching(/^not valid JSON/) }]);
  });

  it('refuses a zip bomb before unpacking it', () => {
    const data = zip({ 'kb/huge.md': new Uint8Array(5 * 1024 * 1024).fill(32) });
    expect(data.byteLength).toBeLessThan(50_000);
    expect(failed(importFiles([{ name: 'kb.zip', data }]))[0]!.message).toMatch(/zip bomb/);
  });

  it('refuses more files, or bigger ones, than the limits allow', () => {
    const many = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`kb/${i}.md`, `# A${i}\n\nx`]));
    expect(failed(importFiles([{ name: 'kb.zip', data: zip(many) }], { limits: { maxFiles: 5 } }))[0]!.message).toMatch(/more than 5 files/);
    expect(failed(importFiles([{ name: 'big.md', data: `# Big\n\n${'x'.repeat(2_000)}` }], { limits: { maxFileBytes: 1_000 } }))[0]!.message).toMatch(/limit for one file/);
    const files = Array.from({ length: 3 }, (_, i) => ({ name: `f${i}.md`, data: `# T${i}\n\n${'y'.repeat(600)}` }));
    expect(failed(importFiles(files, { limits: { maxTotalBytes: 1_500 } }))[0]).toMatchObject({ file: 'f2.md', message: expect.stringMatching(/add up to more than/) });
  });

  it('refuses what is not a zip, and a zip inside a zip', () => {
    expect(failed(importFiles([{ name: 'kb.zip', data: enc('not a zip at all') }]))[0]!.message).toMatch(/not a readable zip/);
    const inner = zip({ 'a.md': '# A\n\nx' });
    expect(failed(importFiles([{ name: 'kb.zip', data: zip({ 'inner.zip': inner }, 0) }]))[0]!.message).toMatch(/zip inside a zip/);
  });

  it('reads a folder of files, naming the set after the folder and ids by the path inside it', () => {
    const files = [
      { name: 'help-center/en/returns.md', data: '# Returns\n\n30 days.' },
      { name: 'help-center/zh-tw/returns.md', data: '# 退貨\n\n收到商品 30 天內可申請退貨。' },
    ];
    expect(ok(importFiles(files)).articles.map((a) => a.id)).toEqual(['import:help-center:en/returns.md:en', 'import:help-center:zh-tw/returns.md:zh-tw']);
  });

  it('refuses the same article id twice, and a set with no articles', () => {
    const files = [
      { name: 'a.json', data: JSON.stringify([{ id: 'x', title: 'One', body: 'a', locale: 'en' }]) },
      { name: 'b.json', data: JSON.stringify([{ id: 'x', title: 'Two', body: 'b', locale: 'en' }]) },
    ];
    expect(failed(importFiles(files))).toEqual([{ file: 'b.json', field: '[0].id', message: 'article "x" in en appears twice (first in a.json)' }]);
    expect(failed(importFiles([{ name: 'logo.png', data: new Uint8Array([1]) }]))[0]!.message).toMatch(/no articles found/);
  });
});

describe('markdownToHtml', () => {
  it('renders the everyday subset and shows raw HTML as text', () => {
    const md = '## Times\n\n| Option | Days |\n|---|---|\n| Standard | 3–5 |\n\n1. One\n2. Two\n\n> Note: <b>bold</b>\n\nLine one  \nline two `code`\n\n---';
    expect(markdownToHtml(md)).toBe(
      [
        '<h2>Times</h2>',
        '<table><tr><td>Option</td><td>Days</td></tr><tr><td>Standard</td><td>3–5</td></tr></table>',
        '<ol><li>One</li><li>Two</li></ol>',
        '<blockquote><p>Note: &lt;b&gt;bold&lt;/b&gt;</p></blockquote>',
        '<p>Line one<br>line two <code>code</code></p>',
        '<hr>',
      ].join('\n'),
    );
  });
});

describe('normaliseLocale', () => {
  it('maps the spellings sources use to lower-case tags', () => {
    expect(['en_US', 'EN', 'zh-Hans', 'zh-Hans-CN', 'zh-Hant', 'zh_TW', 'zh-Hant-HK', 'pt-BR', 'not a tag'].map(normaliseLocale)).toEqual([
      'en-us', 'en', 'zh-cn', 'zh-cn', 'zh-tw', 'zh-tw', 'zh-hk', 'pt-br', '',
    ]);
  });
});

describe('the demo knowledge base (scripts/demo/knowledge)', () => {
  it('imports as it is: 27 English articles, most in simplified and traditional Chinese, each with its English original', () => {
    const dir = join(import.meta.dirname, '../../scripts/demo/knowledge');
    const files = ['en-us', 'zh-cn', 'zh-tw'].flatMap((locale) => readdirSync(join(dir, locale)).map((f) => ({ name: `knowledge/${locale}/${f}`, data: readFileSync(join(dir, locale, f)) })));
    const { articles } = ok(importFiles(files));
    const by = (l: string) => articles.filter((a) => a.locale === l);
    expect([by('en-us').length, by('zh-cn').length, by('zh-tw').length]).toEqual([27, 23, 23]);
    const english = new Set(by('en-us').map((a) => a.externalId));
    for (const a of [...by('zh-cn'), ...by('zh-tw')]) expect(english).toContain(a.externalId);
    // The locale the files state agrees with the language their text is in.
    for (const a of articles) expect(detectLocale(`${a.title}\n${a.body}`)).toBe(a.locale === 'en-us' ? 'en' : a.locale);
  });
});
