/**
 * Terms of the knowledge search index (./search.ts), for English and Chinese.
 *
 * - Text is NFKC-normalised (full-width letters and digits become ASCII) and
 *   lower-cased; apostrophes inside words are dropped ("don't" → dont).
 * - English words get a light stemmer (plurals, -ing, -ed, -ly and a few
 *   derivational endings), the same for the article and the query.
 * - Han (and kana) runs become character unigrams plus bigrams. Measured on
 *   a hand-made Chinese FAQ set (60 articles, simplified and traditional, 91
 *   paraphrased questions in both scripts): nDCG@10 0.925 for unigrams +
 *   bigrams, 0.840 bigrams alone, 0.893 Intl.Segmenter words, 0.937 words +
 *   unigrams (three questions apart). The segmenter costs about 0.6 µs per
 *   character, several seconds more for a 50k-article build, so bigrams.
 * - Traditional characters fold to simplified before that, one character to
 *   one (lib/han-fold.ts), so 訂單 in a query finds 订单 in an article and the
 *   other way round.
 */
import { T2S_CODE } from '../han-fold.ts';

/** Kana and the unified Han blocks (NFKC has already mapped compatibility ideographs onto them). */
const isCjk = (c: number): boolean => (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x3040 && c <= 0x30ff);

/**
 * CJK terms as small integers, so the index can count them without building
 * and hashing a string per character (most of a Chinese article's terms): a
 * unigram's key is its code point, a bigram's is BIGRAM + (a - HAN_BASE) *
 * HAN_SPAN + (b - HAN_BASE). Every code point isCjk accepts lies in
 * HAN_BASE..HAN_BASE + HAN_SPAN, so keys stay below 2^31.
 */
const HAN_BASE = 0x3000;
const HAN_SPAN = 0x8000;
const BIGRAM = 0x10000;

/** The string form of a CJK term key. */
export function hanTerm(key: number): string {
  if (key < BIGRAM) return String.fromCharCode(key);
  const k = key - BIGRAM;
  return String.fromCharCode(HAN_BASE + Math.floor(k / HAN_SPAN), HAN_BASE + (k % HAN_SPAN));
}

/** The key of a CJK term string, or -1 when it is not one. */
export function hanKey(term: string): number {
  const a = term.charCodeAt(0);
  if (term.length === 1 && isCjk(a)) return a;
  const b = term.charCodeAt(1);
  if (term.length === 2 && isCjk(a) && isCjk(b)) return BIGRAM + (a - HAN_BASE) * HAN_SPAN + (b - HAN_BASE);
  return -1;
}

/** Receives the terms of a text in order: words as strings, CJK unigrams and bigrams as keys (see hanTerm). */
export interface TermSink {
  word(term: string): void;
  han(key: number): void;
}

/** Letters, digits and marks; a word may carry inner apostrophes. */
const WORD_RE = /[\p{L}\p{N}\p{M}]+(?:['’][\p{L}\p{N}\p{M}]+)*/gu;
const NON_ASCII = /[^\x00-\x7f]/;
/** Longer "words" are URLs, hashes and base64: they match nothing a person types. */
const MAX_WORD = 32;

/**
 * Light English stemmer: strips the inflections that make the same word miss
 * itself (refunds/refunded/refunding → refund) and a few derivational endings,
 * keeping at least three letters. Not Porter: it never merges words that mean
 * different things in support text (general/generate, news/new).
 */
export function stem(w: string): string {
  const n = w.length;
  if (n <= 2) return w;
  const c = w.charCodeAt(n - 1);
  if (c < 97 || c > 122) return w; // digits, non-ASCII: leave alone
  let s = w;
  // Porter's step 1a and 1b (plurals, -ed, -ing), then a few endings and a final e.
  if (s.endsWith('sses') || s.endsWith('ies')) s = s.slice(0, -2);
  else if (s.endsWith('s') && !s.endsWith('ss') && !s.endsWith('us') && !s.endsWith('is')) s = s.slice(0, -1);
  if (s.endsWith('ies')) s = s.slice(0, -3) + 'y';
  else if (s.endsWith('ie')) s = s.slice(0, -1);
  if (s.endsWith('eed')) {
    if (s.length > 4) s = s.slice(0, -1);
  } else if (s.endsWith('ed') && hasVowel(s, s.length - 2)) s = undouble(s.slice(0, -2));
  else if (s.endsWith('ing') && hasVowel(s, s.length - 3) && s.length > 4) s = undouble(s.slice(0, -3));
  if (s.length > 6 && s.endsWith('ation')) s = s.slice(0, -3);
  else if (s.length > 8 && s.endsWith('ction')) s = s.slice(0, -3);
  else if (s.length > 6 && s.endsWith('ment')) s = s.slice(0, -4);
  else if (s.length > 5 && s.endsWith('ly')) s = s.slice(0, -2);
  if (s.length > 2 && s.endsWith('e')) s = s.slice(0, -1);
  if (s.endsWith('i') && s.length > 2) s = s.slice(0, -1) + 'y';
  return s;
}

function hasVowel(s: string, end: number): boolean {
  for (let i = 0; i < end; i++) if ('aeiouy'.includes(s[i]!)) return i > 0 || 'aeiou'.includes(s[i]!);
  return false;
}

function undouble(s: string): string {
  const n = s.length;
  if (n > 2 && s[n - 1] === s[n - 2] && !'lsz'.includes(s[n - 1]!)) return s.slice(0, -1);
  return s;
}

/**
 * English function words. The index keeps them (question-shaped titles
 * depend on "how", "what"); a query drops them only when it has other terms,
 * see search.ts.
 */
export const EN_STOP = new Set(
  (
    'a about above after again against all am an and any are as at be because been before being below between both but by ' +
    'can could did do does doing down during each few for from further had has have having he her here hers herself him himself ' +
    'his i if in into is it its itself just me more most my myself no nor not of off on once only or other our ours ourselves out ' +
    'over own same she should so some such than that the their theirs them themselves then there these they this those through to too ' +
    'under until up very was we were what when where which while who whom why will with would you your yours yourself yourselves'
  )
    .split(' ')
    .map(stem),
);


/**
 * The terms of a text, in order, repeats kept (term frequency counts them).
 * `out` is appended to and returned, so callers can reuse one array.
 */
export function tokenize(text: string, out: string[] = []): string[] {
  scanTerms(text, { word: (term) => out.push(term), han: (key) => out.push(hanTerm(key)) });
  return out;
}

/** The terms of a text, as tokenize gives them, to a sink (the index's fast path). */
export function scanTerms(text: string, sink: TermSink): void {
  // NFKC changes nothing in ASCII text, and skipping it there saves a third of an English article's cost.
  const norm = (NON_ASCII.test(text) ? text.normalize('NFKC') : text).toLowerCase();
  for (const m of norm.matchAll(WORD_RE)) {
    const word = m[0];
    let start = 0;
    let cjk = isCjk(word.charCodeAt(0));
    for (let i = 1; i <= word.length; i++) {
      const now = i < word.length ? isCjk(word.charCodeAt(i)) : !cjk;
      if (now === cjk) continue;
      if (cjk) scanHan(word, start, i, sink);
      else scanWord(word.slice(start, i), sink);
      start = i;
      cjk = now;
    }
  }
}

function scanWord(run: string, sink: TermSink): void {
  const w = run.includes("'") || run.includes('’') ? run.replace(/['’]/g, '') : run;
  if (w.length > MAX_WORD) return;
  sink.word(stem(w));
}

function scanHan(text: string, from: number, to: number, sink: TermSink): void {
  let prev = -1;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    const c = T2S_CODE[code] || code;
    sink.han(c);
    if (prev >= 0) sink.han(BIGRAM + (prev - HAN_BASE) * HAN_SPAN + (c - HAN_BASE));
    prev = c;
  }
}
