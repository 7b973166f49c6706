/**
 * The team view's "most frequent customer questions without a good match":
 * unanswered questions and flagged excerpts grouped by what they ask.
 *
 * Each text becomes a set of content tokens: English words without function
 * words, lightly stemmed; Chinese as character bigrams within the words
 * Intl.Segmenter finds (runs of single characters are joined first, because
 * its dictionary splits words such as 重置 into 重|置), with question and
 * function words dropped and traditional characters folded to simplified.
 * Two texts are alike when the Jaccard index of their sets reaches the
 * threshold. Clustering is greedy: the most frequent phrasings lead, and a
 * text joins the cluster whose first few members it is most like (a bounded
 * single link, so one ambiguous text cannot chain two topics together).
 * Texts with an intent only join clusters of the same intent; texts without
 * one may join any. An inverted index keeps it to a few milliseconds for a
 * few thousand rows.
 */
import { foldHan } from '../han-fold';
import type { GapFlag, UnansweredQuestion } from './types';

export interface ClusterInput {
  text: string;
  intent: string | null;
  /** ISO 8601. */
  at: string;
}

export interface GapCluster {
  /** The most frequent phrasing. */
  representative: string;
  count: number;
  /** Up to three other phrasings, newest first. */
  examples: string[];
  /** The intents of its members, most frequent first (empty when none was recognised). */
  intents: string[];
  /** ISO 8601 of the newest member. */
  lastSeen: string;
}

export interface ClusterOptions {
  /** Jaccard index at which two texts are the same question (default 0.5). */
  threshold?: number;
  /** Members a text is compared with in each candidate cluster (default 8). */
  linkMembers?: number;
  /** Clusters smaller than this are left out (default 1). */
  minCount?: number;
  /** At most this many clusters (default 50). */
  limit?: number;
}

// ------------------------------------------------------------------ tokens
const EN_STOP = new Set(
  (
    'a an the and or but if then so of to in on at by for from with about into over after before as is are was were be been being am ' +
    'i me my mine we us our you your he she him her his it its they them their this that these those there here ' +
    'do does did doing done have has had having can could would should will shall may might must ' +
    "can't cant cannot don't dont doesn't doesnt didn't didnt won't wont isn't isnt aren't arent wasn't wasnt i'm im i've ive it's " +
    'not no yes how what why when where which who whom whose get got getting please pls hi hello hey thanks thank ' +
    'help need want like just any some all also still again very really much more most too up out there way keep keeps kept'
  ).split(' '),
);

const ZH_STOP = new Set(
  (
    '我 你 您 他 她 它 的 了 吗 呢 吧 啊 呀 嘛 是 在 有 要 想 能 会 把 就 都 也 还 又 请 下 一 个 和 与 及 或 被 让 给 对 这 那 哪 么 ' +
    '怎么 怎样 怎么样 如何 为什么 为何 什么 哪里 哪个 可以 可不可以 能否 能不能 是否 请问 你们 我们 我的 你的 您的 一下 ' +
    '现在 已经 这个 那个 还是 因为 所以 但是 可是 然后 谢谢 您好 你好 麻烦 帮忙 帮我 一个 怎么办 办 多少 有没有 ' +
    '什么时候 多久 多长时间 何时 没 没有 还没 不 我想 我要 想要 需要 希望'
  ).split(' '),
);


const HAN = /^\p{Script=Han}+$/u;
const WORD = /^[\p{L}\p{N}][\p{L}\p{N}'_-]*$/u;
const PLACEHOLDER = /\[(?:email|phone|card|iban|cn_id|ssn|ip|custom|name)\]/gi;

let segmenter: Intl.Segmenter | null | undefined;
function segments(text: string): { segment: string; isWordLike?: boolean }[] {
  if (segmenter === undefined) segmenter = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter('zh', { granularity: 'word' }) : null;
  if (segmenter) return Array.from(segmenter.segment(text));
  // Without a segmenter every Han character is a word of its own; the runs below join them again.
  return Array.from(text.matchAll(/\p{Script=Han}|[\p{L}\p{N}'_-]+|[^\p{L}\p{N}]+/gu), (m) => ({ segment: m[0], isWordLike: /[\p{L}\p{N}]/u.test(m[0]) }));
}

/** A small suffix stripper: enough to meet "refunds" / "refunded" / "refunding" at "refund". */
function stem(word: string): string {
  let w = word.replace(/'s$/, '').replace(/'/g, '');
  if (w.length > 4 && w.endsWith('ies')) w = w.slice(0, -3) + 'y';
  else if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  else if (w.length > 4 && w.endsWith('es')) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  if (w.length > 4 && /([b-df-hj-np-tv-z])\1$/.test(w)) w = w.slice(0, -1);
  if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

function bigrams(chars: string[], out: Set<string>): void {
  if (chars.length === 1) out.add(chars[0]!);
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
}

/** The content tokens of a question (exported for tests and tuning). */
export function questionTokens(text: string): string[] {
  const folded = foldHan(text.normalize('NFKC').toLowerCase().replace(/[’‘`]/g, "'").replace(PLACEHOLDER, ' '));
  const out = new Set<string>();
  let run: string[] = [];
  const flush = () => {
    if (run.length) bigrams(run, out);
    run = [];
  };
  for (const { segment, isWordLike } of segments(folded)) {
    if (!isWordLike) {
      flush();
      continue;
    }
    if (HAN.test(segment)) {
      if (ZH_STOP.has(segment)) flush();
      else if (segment.length === 1) run.push(segment);
      else {
        flush();
        bigrams(Array.from(segment), out);
      }
      continue;
    }
    flush();
    if (!WORD.test(segment) || EN_STOP.has(segment) || /^[\d'_-]+$/.test(segment)) continue;
    const s = stem(segment);
    if (s.length > 1 && !EN_STOP.has(s)) out.add(s);
  }
  flush();
  return [...out];
}

// ------------------------------------------------------------------ clustering
function jaccard(a: Int32Array, b: Int32Array): number {
  let i = 0;
  let j = 0;
  let inter = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      inter++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  return inter / (a.length + b.length - inter);
}

interface Phrasing {
  intent: string | null;
  tokens: Int32Array;
  count: number;
  /** Distinct texts: how often each came, and when last. */
  texts: Map<string, { n: number; at: string }>;
  lastSeen: string;
  intents: Map<string, number>;
}

interface Cluster {
  intent: string | null;
  members: Phrasing[];
}

const normIntent = (intent: string | null | undefined) => (intent && intent !== 'unknown' ? intent : null);
/** The newer of two ISO times (an unreadable one loses). */
function later(a: string, b: string): string {
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  if (Number.isNaN(ta)) return b;
  return tb > ta ? b : a;
}

export function clusterQuestions(items: readonly ClusterInput[], options: ClusterOptions = {}): GapCluster[] {
  const threshold = options.threshold ?? 0.5;
  const linkMembers = options.linkMembers ?? 8;
  const ids = new Map<string, number>();

  // Identical token sets within one intent are one phrasing, counted.
  const phrasings = new Map<string, Phrasing>();
  // Segmenting is most of the cost, and the same question comes back word for word.
  const tokenCache = new Map<string, string[]>();
  for (const item of items) {
    const text = item.text.replace(/\s+/g, ' ').trim();
    let tokens = tokenCache.get(text);
    if (!tokens) tokenCache.set(text, (tokens = questionTokens(text)));
    if (!tokens.length) continue;
    const nums = Int32Array.from(tokens, (t) => {
      let id = ids.get(t);
      if (id === undefined) ids.set(t, (id = ids.size));
      return id;
    }).sort();
    const intent = normIntent(item.intent);
    const key = `${intent ?? ''}\u0000${nums.join(',')}`;
    let p = phrasings.get(key);
    if (!p) phrasings.set(key, (p = { intent, tokens: nums, count: 0, texts: new Map(), lastSeen: item.at, intents: new Map() }));
    p.count++;
    const seen = p.texts.get(text);
    p.texts.set(text, { n: (seen?.n ?? 0) + 1, at: later(seen?.at ?? item.at, item.at) });
    p.lastSeen = later(p.lastSeen, item.at);
    if (intent) p.intents.set(intent, (p.intents.get(intent) ?? 0) + 1);
  }

  // Texts with an intent first (they found their clusters), then the rest; frequent phrasings lead.
  const order = [...phrasings.values()].sort((a, b) => Number(a.intent === null) - Number(b.intent === null) || b.count - a.count);
  const clusters: Cluster[] = [];
  const index = new Map<number, number[]>();
  for (const p of order) {
    const candidates = new Set<number>();
    for (const t of p.tokens) for (const c of index.get(t) ?? []) candidates.add(c);
    let best = -1;
    let bestSim = threshold;
    for (const c of candidates) {
      const cluster = clusters[c]!;
      if (p.intent !== null && cluster.intent !== p.intent) continue;
      let sim = 0;
      for (let m = 0; m < Math.min(linkMembers, cluster.members.length); m++) sim = Math.max(sim, jaccard(p.tokens, cluster.members[m]!.tokens));
      if (sim >= bestSim && (best < 0 || sim > bestSim)) {
        best = c;
        bestSim = sim;
      }
    }
    if (best < 0) {
      best = clusters.push({ intent: p.intent, members: [] }) - 1;
    }
    const cluster = clusters[best]!;
    cluster.members.push(p);
    if (cluster.members.length <= linkMembers) {
      for (const t of p.tokens) {
        const list = index.get(t) ?? [];
        if (list[list.length - 1] !== best) list.push(best);
        index.set(t, list);
      }
    }
  }

  const out: GapCluster[] = clusters.map(({ members }) => {
    const lead = members[0]!;
    // The lead phrasing's most frequent wording (the shorter on a tie).
    const representative = [...lead.texts].sort((a, b) => b[1].n - a[1].n || a[0].length - b[0].length)[0]![0];
    const others = new Map<string, string>();
    for (const m of members) for (const [text, { at }] of m.texts) if (text !== representative) others.set(text, at);
    const examples = [...others].sort((a, b) => Date.parse(b[1]) - Date.parse(a[1])).slice(0, 3).map(([text]) => text);
    const intents = new Map<string, number>();
    for (const m of members) for (const [i, n] of m.intents) intents.set(i, (intents.get(i) ?? 0) + n);
    return {
      representative,
      count: members.reduce((n, m) => n + m.count, 0),
      examples,
      intents: [...intents].sort((a, b) => b[1] - a[1]).map(([i]) => i),
      lastSeen: members.reduce((at, m) => later(at, m.lastSeen), lead.lastSeen),
    };
  });
  return out
    .filter((c) => c.count >= (options.minCount ?? 1))
    .sort((a, b) => b.count - a.count || Date.parse(b.lastSeen) - Date.parse(a.lastSeen))
    .slice(0, options.limit ?? 50);
}

/** The team view: unanswered questions and the excerpts of flagged gaps, together. */
export function gapClusters(sources: { unanswered?: readonly UnansweredQuestion[]; flags?: readonly GapFlag[] }, options: ClusterOptions = {}): GapCluster[] {
  const items: ClusterInput[] = [
    ...(sources.unanswered ?? []).map((q) => ({ text: q.text, intent: q.intent, at: q.at })),
    ...(sources.flags ?? []).filter((f) => f.excerpt).map((f) => ({ text: f.excerpt, intent: f.intent, at: f.createdAt })),
  ];
  return clusterQuestions(items, options);
}
