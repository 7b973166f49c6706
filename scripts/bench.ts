/**
 * npm run bench: speed figures of the built extension in real Chromium on the
 * demo helpdesk. Prints a table, then one `name=value unit` line per figure.
 *
 * Timings across pages use Date.now() taken inside each page (one clock), not
 * the automation's round trips. `--only kb` runs the knowledge search figures
 * alone, `--only analysis` the local-analysis ones, in Node (no build, no Chromium).
 */
import { execFileSync } from 'node:child_process';
import { chromium, type Page } from 'playwright-core';
import { DEMO_URLS, routeDemoHelpdesk } from './demo/serve.ts';
import { findChromium } from './lib/chromium.ts';
import { startDemoSession } from './lib/demo-session.ts';
import { assistFigures } from './bench-assist.ts';
import { adapterBundle } from './lib/page-bundle.ts';
import { mulberry32 } from '../lib/prng.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

type Figure = { name: string; value: number; unit: string; about: string };
const figures: Figure[] = [];
const record = (name: string, value: number, unit: string, about: string) =>
  figures.push({ name, value: value < 1 ? Math.round(value * 1000) / 1000 : Math.round(value * 100) / 100, unit, about });

/** Resolves to Date.now() in the panel when `predicate` first holds (checked on every DOM change). */
function whenPanel(panel: Page, predicate: string): Promise<number> {
  return panel.evaluate(
    (source) =>
      new Promise<number>((resolve) => {
        const test = new Function(`return (${source})`) as () => boolean;
        if (test()) return resolve(Date.now());
        const observer = new MutationObserver(() => {
          if (test()) {
            observer.disconnect();
            resolve(Date.now());
          }
        });
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
      }),
    predicate,
  );
}

type DemoWindow = { deskmateDemo: { customerWrites(id: string, t: string): void }; longTasks: number };

/** Grows ticket 1001's log to `total` messages by copying its items (as a long ticket's history). */
async function growTicket(page: Page, total: number) {
  await page.evaluate((n) => {
    const log = document.querySelector('[data-ticket-id="1001"] [data-test-id="omni-log-container"]')!;
    const items = [...log.querySelectorAll('article[data-test-id="omni-log-comment-item"]')];
    for (let i = 0; log.querySelectorAll('article').length < n; i++) {
      const copy = items[i % items.length]!.cloneNode(true) as HTMLElement;
      copy.id = `comment-g${i}`;
      copy.dataset.commentId = `g${i}`;
      log.prepend(copy);
    }
  }, total);
}

async function longTasksOnBigTicket(page: Page): Promise<number> {
  await page.evaluate(() => (window as unknown as DemoWindow).deskmateDemo.customerWrites('1001', 'warm-up'));
  if ((await page.evaluate(() => location.pathname)) !== '/agent/tickets/1001') {
    await page.locator('[data-test-id="header-tab"][data-entity-id="1001"]').click();
  }
  await growTicket(page, 1000);
  await page.waitForTimeout(500); // the first full read of the grown ticket is not part of this figure
  await page.evaluate(() => ((window as unknown as DemoWindow).longTasks = 0));
  for (let i = 0; i < 50; i++) {
    await page.evaluate((n) => (window as unknown as DemoWindow).deskmateDemo.customerWrites('1001', `Message ${n} on a long ticket`), i);
    await page.waitForTimeout(60);
  }
  return page.evaluate(() => (window as unknown as DemoWindow).longTasks);
}

/** The adapter and the watcher alone, in a page without the extension: what one read and one new message cost. */
async function adapterAlone() {
  const browser = await chromium.launch({ executablePath: findChromium(), headless: true, args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
  try {
    const context = await browser.newContext();
    await routeDemoHelpdesk(context, 'manual');
    const page = await context.newPage();
    await page.goto(DEMO_URLS.zendeskEmail);
    await page.evaluate(() => (window as unknown as { deskmateDemo: { ready: Promise<unknown> } }).deskmateDemo.ready);
    await growTicket(page, 1000);
    // tsx keeps function names with a __name() helper that the page does not have.
    await page.evaluate(`globalThis.__name = (f) => f; ${await adapterBundle()}; globalThis.DeskmateRead = DeskmateRead;`);
    const result = await page.evaluate(async () => {
      type Api = {
        readPage(d: Document): { ok: boolean; reading?: { messages: unknown[] } };
        ADAPTERS: Record<string, unknown>;
        watchTickets(o: object): unknown;
      };
      const api = (globalThis as unknown as { DeskmateRead: Api }).DeskmateRead;
      const reads: number[] = [];
      for (let r = 0; r < 20; r++) {
        const t0 = performance.now();
        const out = api.readPage(document);
        reads.push(performance.now() - t0);
        if (!out.ok || out.reading!.messages.length !== 1000) throw new Error('read failed');
      }
      const flushes: number[] = [];
      const controller = new AbortController();
      api.watchTickets({ adapter: api.ADAPTERS.zendesk, doc: document, host: location.host, signal: controller.signal, onState: () => undefined, batchMs: 5, onFlushTiming: (ms: number) => flushes.push(ms) });
      flushes.length = 0; // the initial full read is measured above
      const demo = (window as unknown as DemoWindow).deskmateDemo;
      for (let i = 0; i < 100; i++) {
        demo.customerWrites('1001', `New message ${i}`);
        await new Promise((r) => setTimeout(r, 15));
      }
      controller.abort();
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)]!;
      return { read: median(reads), perMessage: median(flushes), perMessageP95: p95(flushes), flushes: flushes.length };
    });
    record('adapter_read_1000_ms', result.read, 'ms', 'full read of a 1,000-message Zendesk ticket (median of 20), the first read of a ticket');
    record('adapter_per_message_ms', result.perMessage, 'ms', `content-script work per new message on that ticket (median of ${result.flushes} re-reads)`);
    record('adapter_per_message_p95_ms', result.perMessageP95, 'ms', 'same, p95');
  } finally {
    await browser.close();
  }
}

/** Local analysis in the background's engine (V8, as in Node): redaction and language per message. */
async function analysisFigures() {
  const { redact } = await import('../lib/analysis/pii.ts');
  const { detectLanguage } = await import('../lib/analysis/language.ts');
  const { generatePiiDocs } = await import('./eval/gen-pii.ts');
  const texts = generatePiiDocs(600, 11).map((d) => d.text);
  const thousand: string[] = [];
  for (let i = 0, cur = ''; i < texts.length; i++) {
    cur += `${texts[i]}\n`;
    if (cur.length >= 1000) {
      thousand.push(cur.slice(0, 1000));
      cur = '';
    }
  }
  const time = (fn: () => void, rounds: number) => {
    for (let i = 0; i < 3; i++) fn();
    const samples: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const t0 = performance.now();
      fn();
      samples.push(performance.now() - t0);
    }
    return quantile(samples, 0.5);
  };
  record('pii_redact_1000_chars_ms', time(() => thousand.forEach((t) => redact(t)), 20) / thousand.length, 'ms', `redaction of a 1,000-character message dense with PII (median over ${thousand.length} messages)`);
  // Everything the background computes when a customer writes on a 40-message ticket.
  const { analyzeConversation } = await import('../lib/analysis/index.ts');
  const { createIntentService } = await import('../lib/analysis/intent-service.ts');
  const intents = createIntentService();
  const classify = (t: readonly string[]) => intents.classify([], t);
  const base = texts.slice(0, 40).map((text, i) => ({ id: `m${i}`, role: i % 2 ? ('agent' as const) : ('customer' as const), author: '', at: '', text }));
  const conversation = { key: { site: 'zendesk' as const, host: 'h', ticketId: '1' }, site: 'zendesk' as const, channel: 'email' as const, subject: '', requester: '', language: '', messages: base };
  analyzeConversation(conversation, classify);
  let n = 0;
  const perNew = time(() => {
    const next = { ...conversation, messages: [...base, { id: `new${n}`, role: 'customer' as const, author: '', at: '', text: `${texts[40 + (n++ % 200)]}` }] };
    analyzeConversation(next, classify);
  }, 100);
  record('analysis_per_message_ms', perNew, 'ms', 'every local signal (language, sentiment/emotion, escalation, intent) when a customer message arrives on a 40-message ticket (target < 5 ms)');
  // A 1,000-message conversation analysed from nothing (a long ticket opened, or a restarted worker).
  // Every round's texts are new (a numbered sign-off), so no message's result is cached from before.
  let round = 0;
  const longConversation = () => {
    round++;
    const messages = Array.from({ length: 1000 }, (_, i) => ({
      id: `l${i}`,
      role: i % 3 === 1 ? ('agent' as const) : ('customer' as const),
      author: '',
      at: '',
      text: `${texts[i % texts.length]!} (${round}.${i})`,
    }));
    return { ...conversation, messages };
  };
  const longSamples: number[] = [];
  for (let r = 0; r < 12; r++) {
    const c = longConversation();
    const t0 = performance.now();
    analyzeConversation(c, classify);
    if (r >= 2) longSamples.push(performance.now() - t0);
  }
  record('analysis_1000_messages_ms', quantile(longSamples, 0.5), 'ms', 'every local signal for all messages of a 1,000-message conversation never seen before (median of 10; target < 200 ms)');
  record('language_per_message_ms', time(() => texts.forEach((t) => detectLanguage(t)), 20) / texts.length, 'ms', 'language of one support message (en / zh-Hans / zh-Hant / other)');
}

/**
 * A seeded FAQ-like knowledge base for the kb figures, independent of any data
 * set: English articles (60%, en-us) and Chinese ones (25% zh-cn, 15% zh-tw in
 * traditional characters), titles shaped as questions, bodies of a few
 * paragraphs. Besides a support vocabulary, words come from a Zipf-distributed
 * long tail (made-up product and feature names, rarer Han characters) so term
 * frequencies look like a real collection's.
 */
function syntheticKnowledge(n: number, seed: number) {
  const rand = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const zipf = (size: number) => {
    const cum = new Float64Array(size);
    for (let r = 0, sum = 0; r < size; r++) cum[r] = sum += 1 / (r + 1) ** 1.05;
    return () => {
      const x = rand() * cum[size - 1]!;
      let lo = 0;
      let hi = size - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cum[mid]! < x) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
  };
  const syllables = 'ka lo mi ne ra to vu zen pa qui sor tel dra fen gal hor jin lux mor nex ori pix quo rel sta tri umb vel wex yor'.split(' ');
  const tail = Array.from({ length: 30_000 }, () => pick(syllables) + pick(syllables) + (rand() < 0.6 ? pick(syllables) : ''));
  const tailRank = zipf(tail.length);
  const fn = 'the a to and of in for your you is it on with this that be can if or not we are at from by will have as an'.split(' ');
  const support = (
    'account password order refund payment invoice subscription plan card charge delivery shipping address email phone ' +
    'login sign reset cancel update change upgrade download install app device settings profile security verification code ' +
    'error issue problem help support contact agent ticket return exchange warranty repair replace item product price discount ' +
    'coupon billing receipt tax bank transfer balance credit limit access permission team member admin report export import sync ' +
    'notification message chat call schedule appointment booking confirm status tracking package store online mobile website browser'
  ).split(' ');
  const verbs = 'reset cancel change update delete add remove transfer track request download connect verify restore recover'.split(' ');
  const hans = '订单 退款 账户 密码 付款 发票 订阅 套餐 银行卡 扣款 配送 快递 地址 邮箱 手机 登录 注册 重置 取消 修改 升级 下载 安装 设备 设置 验证码 错误 问题 客服 人工 退货 换货 保修 维修 商品 价格 优惠券 积分 余额 会员 通知 消息 预约 确认 状态 物流 门店 网站'.split(' ');
  const hant = '訂單 退款 帳戶 密碼 付款 發票 訂閱 方案 銀行卡 扣款 配送 快遞 地址 郵箱 手機 登入 註冊 重設 取消 修改 升級 下載 安裝 裝置 設定 驗證碼 錯誤 問題 客服 人工 退貨 換貨 保固 維修 商品 價格 優惠券 積分 餘額 會員 通知 訊息 預約 確認 狀態 物流 門市 網站'.split(' ');
  const zhFn = '的 了 是 在 我 您 请 可以 如果 需要 和 后 到 时 会 不 就 也 都 要'.split(' ');
  // Chinese long tail: words of one to three characters (frequent characters more often), drawn by Zipf.
  const hanRank = zipf(5_000);
  const hanChar = () => String.fromCharCode(0x4e00 + ((hanRank() * 7_919) % 20_902));
  const hanWords = Array.from({ length: 20_000 }, () => hanChar() + (rand() < 0.8 ? hanChar() : '') + (rand() < 0.15 ? hanChar() : ''));
  const hanWordRank = zipf(hanWords.length);
  const enWord = () => {
    const x = rand();
    return x < 0.4 ? pick(fn) : x < 0.7 ? pick(support) : tail[tailRank()]!;
  };
  const zhWord = (words: readonly string[]) => {
    const x = rand();
    return x < 0.3 ? pick(zhFn) : x < 0.6 ? pick(words) : hanWords[hanWordRank()]!;
  };
  const sentence = (zh: readonly string[] | null) => {
    const len = zh ? 6 + Math.floor(rand() * 10) : 8 + Math.floor(rand() * 11);
    const words = Array.from({ length: len }, () => (zh ? zhWord(zh) : enWord()));
    return zh ? `${words.join('')}。` : `${words.join(' ').replace(/^./, (c) => c.toUpperCase())}.`;
  };
  const body = (zh: readonly string[] | null) =>
    Array.from({ length: 3 + Math.floor(rand() * 4) }, () => Array.from({ length: 2 + Math.floor(rand() * 3) }, () => sentence(zh)).join(zh ? '' : ' ')).join('\n\n');
  const articles: { id: string; title: string; body: string; locale: string; query: string }[] = [];
  for (let i = 0; i < n; i++) {
    const x = rand();
    const zh = x < 0.6 ? null : x < 0.85 ? hans : hant;
    const product = tail[tailRank()]!;
    let title: string;
    let query: string;
    if (!zh) {
      const [v, o] = [pick(verbs), pick(support)];
      title = pick([`How do I ${v} my ${product} ${o}?`, `${product} ${o} not working`, `Why can't I ${v} the ${o} in ${product}?`]);
      // A customer's question about it: part of the title's words, other words, sometimes a whole message.
      query = rand() < 0.7 ? `${v} ${product} ${o} ${enWord()}` : `Hi, ${sentence(null)} I tried to ${v} my ${o} on ${product} but it fails. ${sentence(null)}`;
    } else {
      const [w1, w2] = [pick(zh), pick(zh)];
      title = pick([`如何${w1}${product}的${w2}？`, `${product}${w1}${w2}失败`, `为什么无法${w1}${w2}？`]);
      query = rand() < 0.7 ? `${w1}${w2}${zhWord(zh)}` : `你好，${sentence(zh)}我的${w2}一直${w1}不了，${sentence(zh)}`;
    }
    articles.push({ id: `kb:${i}`, title, body: body(zh), locale: zh === hant ? 'zh-tw' : zh ? 'zh-cn' : 'en-us', query });
  }
  return articles;
}

/** Knowledge search at 50,000 articles, in Node (the service worker's engine): build, query, warm start. */
async function knowledgeFigures() {
  // IndexedDB in Node, installed before dexie is loaded (dexie looks for it once).
  const fake = await import('fake-indexeddb');
  Object.assign(globalThis, { indexedDB: fake.indexedDB, IDBKeyRange: fake.IDBKeyRange });
  const { SearchIndex } = await import('../lib/knowledge/search.ts');
  const { openKnowledgeDb } = await import('../lib/knowledge/db.ts');
  const { createKnowledgeService } = await import('../lib/knowledge/service.ts');
  const N = 50_000;
  const corpus = syntheticKnowledge(N, 20261124);
  new SearchIndex().addAll(corpus.slice(0, 2_000)); // warm the tokenizer and the JIT
  const t0 = performance.now();
  const index = new SearchIndex();
  index.addAll(corpus);
  index.merge();
  record('kb_index_50k_ms', performance.now() - t0, 'ms', `search index build for ${N.toLocaleString('en')} synthetic articles (60% English, 40% Chinese), from text`);

  // Queries: about random articles, 70% a few words, 30% a customer's message; top 5 with their passages.
  const rand = mulberry32(7);
  const byId = new Map(corpus.map((a) => [a.id, a]));
  const asked = Array.from({ length: 1_050 }, () => corpus[Math.floor(rand() * N)]!);
  const samples: number[] = [];
  let found = 0;
  asked.forEach(({ id, query }, i) => {
    const t = performance.now();
    const hits = index.search(query, { limit: 5 });
    for (const h of hits) index.passage(query, byId.get(h.id)!.title, byId.get(h.id)!.body);
    if (i >= 50) samples.push(performance.now() - t); // the first 50 warm up
    if (hits.some((h) => h.id === id)) found++;
  });
  record('kb_query_p50_ms', quantile(samples, 0.5), 'ms', `one query at 50k articles: top 5 and their passages (median of ${samples.length}; the article asked about in the top 5 for ${found} of ${asked.length})`);
  record('kb_query_p95_ms', quantile(samples, 0.95), 'ms', 'same, p95 (target < 10 ms)');

  // Warm start: the service writes the articles and its snapshot; a new service on the same database
  // (a restarted worker) reads the snapshot back instead of rebuilding.
  const name = `bench-kb-${Date.now()}`;
  const first = createKnowledgeService({ db: openKnowledgeDb(name) });
  await first.ready();
  const articles = corpus.map(({ query: _q, ...a }) => ({ ...a, source: 'import' as const, externalId: a.id, url: '', updatedAt: '2026-11-01T00:00:00.000Z', labels: [] }));
  for (let i = 0; i < N; i += 5_000) await first.upsertArticles(articles.slice(i, i + 5_000));
  await first.flush();
  const snapshot = (await openKnowledgeDb(name).snapshots.get('search-index'))!.data as Record<string, unknown>;
  const bytes = Object.values(snapshot).reduce<number>((sum, v) => sum + (ArrayBuffer.isView(v) ? v.byteLength : typeof v === 'string' ? v.length * 2 : 0), 0);
  const t1 = performance.now();
  const restarted = createKnowledgeService({ db: openKnowledgeDb(name) });
  await restarted.ready();
  const warm = performance.now() - t1;
  const { index: state } = await restarted.stats();
  if (state.loadedFrom !== 'snapshot' || state.articles !== N) throw new Error(`warm start did not use the snapshot (${JSON.stringify(state)})`);
  record('kb_warm_start_ms', warm, 'ms', `index ready after a worker restart at 50k: ledger check, snapshot (${(bytes / 1e6).toFixed(1)} MB of typed arrays) read from IndexedDB (fake-indexeddb) and loaded, no rebuild`);
}

function printFigures(heading: string) {
  console.log(`${heading}\n`);
  console.log('figure'.padEnd(32), 'value'.padStart(10), ' unit   what');
  for (const f of figures) console.log(f.name.padEnd(32), String(f.value).padStart(10), ` ${f.unit.padEnd(6)} ${f.about}`);
  console.log('');
  for (const f of figures) console.log(`${f.name}=${f.value} ${f.unit}`);
}

/** `--only kb` / `--only analysis`: those figures alone (Node only, no build, no Chromium). */
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;

async function main() {
  if (only === 'kb') {
    await knowledgeFigures();
    printFigures('Deskmate bench (knowledge search only, Node)');
    return;
  }
  if (only === 'analysis') {
    await analysisFigures();
    printFigures('Deskmate bench (local analysis only, Node)');
    return;
  }
  if (only) throw new Error(`--only ${only}: unknown (kb and analysis are the parts that run alone)`);
  if (!process.argv.includes('--no-build')) execFileSync('npx', ['wxt', 'build', '--mode', 'development'], { stdio: 'ignore' });
  const session = await startDemoSession({ headless: true, pace: 'manual', firstUrl: DEMO_URLS.zendeskEmail });
  try {
    const helpdesk = session.context.pages()[0]!;
    await helpdesk.evaluate(() => (window as unknown as { deskmateDemo: { ready: Promise<unknown> } }).deskmateDemo.ready);
    await helpdesk.evaluate(() => {
      const w = window as unknown as { longTasks: number };
      w.longTasks = 0;
      new PerformanceObserver((list) => (w.longTasks += list.getEntries().length)).observe({ type: 'longtask', buffered: false });
    });
    const panel = await session.openPanel();
    await panel.getByTestId('ticket-id').filter({ hasText: '1001' }).waitFor();

    // Live update: the customer writes; how long until the panel shows it.
    const live: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const text = `Bench message ${i}: is there any news on my refund?`;
      const shown = whenPanel(panel, `[...document.querySelectorAll('[data-testid="message-text"]')].some((e) => e.textContent === ${JSON.stringify(text)})`);
      const sent = await helpdesk.evaluate((t) => {
        const at = Date.now();
        (window as unknown as { deskmateDemo: { customerWrites(id: string, t: string): void } }).deskmateDemo.customerWrites('1001', t);
        return at;
      }, text);
      live.push((await shown) - sent);
    }
    record('panel_live_update_p50_ms', quantile(live, 0.5), 'ms', 'customer message appended in the page -> shown in the side panel (p50)');
    record('panel_live_update_p95_ms', quantile(live, 0.95), 'ms', 'same, p95');
    record('panel_update_p95_ms', quantile(live, 0.95), 'ms', "the issue's name for the same figure (target < 100 ms)");

    // Ticket switch inside the helpdesk (no page load).
    const switches: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const to = i % 2 === 0 ? '1002' : '1001';
      const shown = whenPanel(panel, `document.querySelector('[data-testid="ticket-id"]')?.textContent === 'Ticket #${to}'`);
      const clicked = await helpdesk.evaluate((id) => {
        const at = Date.now();
        (document.querySelector(`[data-test-id="header-tab"][data-entity-id="${id}"]`) as HTMLElement).click();
        return at;
      }, to);
      switches.push((await shown) - clicked);
    }
    record('ticket_switch_p50_ms', quantile(switches, 0.5), 'ms', 'agent clicks another ticket tab -> panel shows that ticket (p50)');
    record('ticket_switch_p95_ms', quantile(switches, 0.95), 'ms', 'same, p95 (target < 300 ms)');

    // Insert: click in the panel -> the composer has the text and the panel says so.
    const inserts: number[] = [];
    await panel.getByTestId('ticket-id').filter({ hasText: '1001' }).waitFor();
    for (let i = 0; i < Math.min(ROUNDS, 15); i++) {
      await panel.getByTestId('reply-text').fill(`Reply ${i}: the refund is on its way.`);
      inserts.push(
        await panel.evaluate(
          () =>
            new Promise<number>((resolve) => {
              const button = document.querySelector<HTMLButtonElement>('[data-testid="insert"]')!;
              const t0 = performance.now();
              let wasPending = false;
              const observer = new MutationObserver(() => {
                wasPending ||= button.disabled;
                if (wasPending && !button.disabled && document.querySelector('[data-testid="insert-status"][data-ok="true"]')) {
                  observer.disconnect();
                  resolve(performance.now() - t0);
                }
              });
              observer.observe(document.body, { childList: true, subtree: true, attributes: true, characterData: true });
              button.click();
            }),
        ),
      );
    }
    record('insert_p50_ms', quantile(inserts, 0.5), 'ms', 'panel insert click -> text registered by CKEditor and confirmed (p50; includes the 50 ms read-back wait)');

    record('host_long_tasks', await helpdesk.evaluate(() => (window as unknown as { longTasks: number }).longTasks), 'count', 'long tasks (> 50 ms) on the helpdesk page during all of the above');

    // A 1,000-message ticket with the extension loaded: long tasks while the customer keeps writing.
    record('adapter_long_tasks', await longTasksOnBigTicket(helpdesk), 'count', 'long tasks (> 50 ms) on a 1,000-message ticket while 50 new messages arrive, with Deskmate reading it');

    // Drafts: time to first token through the extension vs a direct SDK call (mock endpoint).
    await assistFigures(session, panel, Math.min(ROUNDS, 20), record);
  } finally {
    await session.close();
  }
  await adapterAlone();
  await analysisFigures();
  await knowledgeFigures();

  printFigures(`Deskmate bench (${ROUNDS} rounds, Chromium headless, demo helpdesk)`);
}

await main();
