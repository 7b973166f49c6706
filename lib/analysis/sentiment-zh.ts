/**
 * Chinese scan for ./sentiment.ts (both scripts; traditional folds to
 * simplified first): longest-match lexicon look-ups with negators, degree
 * adverbs, contrast and neutral shadows; waits and lateness as patterns; a
 * negator with nothing to negate as a lack; questions damp the praise they ask about.
 */
import { foldHan } from '../han-fold.ts';
import { ZH_CONTRAST, ZH_DEGREE, ZH_EMOTION, ZH_EXPECTED, ZH_NEGATORS, ZH_NEUTRAL, ZH_LACK_NEGATOR_WORDS, ZH_PATTERNS, ZH_VALENCE } from './lexicon/zh.ts';
import { addEntry, ASKED_ABOUT, cueList, deriveValence, type CueEmotion, type Entry, type Item, type Scan } from './sentiment-core.ts';

const ZH = new Map<string, Entry>();
let ZH_MAX = 1;
{
  const words = (s: string) => s.split(/\s+/).filter(Boolean);
  for (const w of words(ZH_NEUTRAL)) addEntry(ZH, w, { neutral: true });
  for (const [v, s] of Object.entries(ZH_VALENCE)) for (const w of words(s)) addEntry(ZH, w, { v: Number(v) });
  for (const w of words(ZH_NEGATORS)) addEntry(ZH, w, { neg: true });
  for (const w of words(ZH_EXPECTED)) addEntry(ZH, w, { expect: true });
  for (const [w, d] of Object.entries(ZH_DEGREE)) addEntry(ZH, w, { deg: d });
  for (const w of words(ZH_CONTRAST)) addEntry(ZH, w, { contrast: true });
  for (const [emo, s] of Object.entries(ZH_EMOTION)) for (const [w, x] of cueList(s)) addEntry(ZH, w, { emo: [[emo as CueEmotion, x]] });
  for (const w of ['谢谢', '感谢', '多谢', '抱歉', '对不起', '不好意思']) addEntry(ZH, w, { polite: true });
  for (const k of ZH.keys()) ZH_MAX = Math.max(ZH_MAX, k.length);
  deriveValence(ZH);
}
/** Valence of a negator left with nothing to negate (没有筷子, 根本不是). */
const ZH_LACK = -0.35;
const ZH_LACK_NEGATORS = new Set(ZH_LACK_NEGATOR_WORDS.split(' '));
/** Single characters that are a degree adverb when a sentiment word follows (好差 = very bad). */
const ZH_DEGREE_IF_FOLLOWED: Record<string, number> = { 好: 1.4 };


const ZH_CLAUSE_END = /[，。！？；,.!?;~～…\n\r、：:]/;
const ZH_QUESTION = /[吗嗎？?]|多久|请问|請問|能不能|可不可以/;

interface PatternSpan { start: number; end: number; v: number; emo: [CueEmotion, number][]; asks?: true }

/** Pattern matches (waits, lateness) in text order, overlaps dropped. */
function zhPatternSpans(text: string): PatternSpan[] {
  const spans: PatternSpan[] = [];
  for (const p of ZH_PATTERNS) {
    p.re.lastIndex = 0;
    for (const m of text.matchAll(p.re)) spans.push({ start: m.index, end: m.index + m[0].length, v: p.v, emo: [[p.emotion[0] as CueEmotion, p.emotion[1]]], ...(p.asks ? { asks: true as const } : {}) });
  }
  // A question is no complaint yet (请问大概几天才能到？ 三天后才能发货吗).
  const asked = (span: PatternSpan) => {
    let from = span.start;
    while (from > 0 && !ZH_CLAUSE_END.test(text[from - 1]!)) from--;
    let to = span.end;
    while (to < text.length && !ZH_CLAUSE_END.test(text[to]!)) to++;
    return ZH_QUESTION.test(text.slice(from, to + 1));
  };
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  for (let k = spans.length - 1; k >= 0; k--) if (!spans[k]!.asks && asked(spans[k]!)) spans.splice(k, 1);
  return spans.filter((s, k) => k === 0 || s.start >= spans[k - 1].end);
}

export function scanChinese(original: string): Scan {
  const text = foldHan(original).toLowerCase();
  const spans = zhPatternSpans(text);
  let nextSpan = 0;
  const items: Item[] = [];
  let exclaim = 0;
  let question = 0;
  let segs = 0;
  let negCount = 0;
  let negUntil = -1;
  let negFrom = 0;
  let degree = 1;
  let degreeUntil = -1;
  let degreeAfterNeg = false;
  // A negator that found nothing to negate by the end of its clause is a lack
  // or a refusal: 筷子都没有, 没有按照要求, 根本不是我点的.
  let dangling: { from: number; mult: number } | null = null;
  let clauseItems = 0;
  let clauseStart = 0;
  const closeClause = (at: number): void => {
    if (dangling) {
      const raw = original.slice(dangling.from, Math.min(at, dangling.from + 8));
      items.push({ text: raw, v: ZH_LACK, emo: [['frustration', 0.3]], negated: false, mult: dangling.mult, polite: false, seg: segs });
      dangling = null;
    }
    // A question asks about the good it names (有没有优惠？ 质量好吗): that is no praise.
    const ch = text[at];
    if (ch === '?' || ch === '？' || text[at - 1] === '吗' || ZH_QUESTION.test(text.slice(clauseStart, at))) {
      // So is a mild word it asks about (退款一般几天到账？); a clear complaint stays one (为什么还没到账？).
      for (let k = clauseItems; k < items.length; k++) {
        const it = items[k]!;
        if (!it.polite && (it.v * it.mult > 0 || Math.abs(it.v) < 1.2)) it.mult *= ASKED_ABOUT;
      }
    }
    clauseItems = items.length;
    clauseStart = at + 1;
  };
  for (let i = 0; i < text.length; ) {
    const ch = text[i];
    if (ZH_CLAUSE_END.test(ch) || ch === ' ') {
      if (ch === '!' || ch === '！') exclaim++;
      if (ch === '?' || ch === '？') question++;
      if (ch !== ' ') { closeClause(i); negCount = 0; negUntil = -1; degreeUntil = -1; }
      i++;
      continue;
    }
    while (nextSpan < spans.length && spans[nextSpan].start < i) nextSpan++;
    const span = spans[nextSpan];
    if (span && span.start === i) {
      items.push({ text: original.slice(i, span.end), v: span.v, emo: span.emo, negated: false, mult: 1, polite: false, seg: segs });
      negUntil = -1;
      negCount = 0;
      degreeUntil = -1;
      i = span.end;
      continue;
    }
    let entry: Entry | undefined;
    let len = 0;
    for (let n = Math.min(ZH_MAX, text.length - i); n >= 1; n--) {
      const e = ZH.get(text.slice(i, i + n));
      if (e) { entry = e; len = n; break; }
    }
    if (!entry || entry.neutral) { i += len || 1; continue; }
    const word = original.slice(i, i + len);
    const end = i + len;
    if (entry.contrast) {
      segs++;
      for (const it of items) if (it.seg >= segs) it.seg = segs - 1;
      negCount = 0;
      negUntil = -1;
      i = end;
      continue;
    }
    if (entry.neg) {
      if (negUntil < i) negFrom = i;
      if (ZH_LACK_NEGATORS.has(text.slice(i, end))) dangling ??= { from: i, mult: degreeUntil >= i ? Math.max(1, degree) : 1 };
      // 还没 is a negator and a cue of frustration.
      if (entry.emo && entry.v === undefined) items.push({ text: word, v: 0, emo: entry.emo, negated: false, mult: 1, polite: false, seg: segs });
      negCount = negUntil >= i ? negCount + 1 : 1;
      negUntil = end + 4;
      degreeAfterNeg = false;
      i = end;
      continue;
    }
    if (entry.expect && entry.v === undefined && !entry.emo) {
      // Negated expectation: 没有收到, 一直没回复.
      if (negUntil >= i && negCount % 2 === 1) {
        items.push({ text: original.slice(negFrom, end), v: -1.8, emo: [['frustration', 0.5]], negated: false, mult: 1, polite: false, seg: segs });
        negUntil = -1;
        negCount = 0;
        dangling = null;
      }
      i = end;
      continue;
    }
    const followedDeg = ZH_DEGREE_IF_FOLLOWED[word] ?? ZH_DEGREE_IF_FOLLOWED[text.slice(i, end)];
    if (followedDeg) {
      let next: Entry | undefined;
      for (let n = Math.min(ZH_MAX, text.length - end); n >= 1; n--) {
        const e = ZH.get(text.slice(end, end + n));
        if (e) { next = e; break; }
      }
      if (next && next.v !== undefined && !next.neutral) entry = { deg: followedDeg };
    }
    if (entry.deg !== undefined && entry.v === undefined && !entry.emo) {
      degree = (degreeUntil >= i ? degree : 1) * entry.deg;
      degreeUntil = end + 2;
      degreeAfterNeg = negUntil >= i;
      i = end;
      continue;
    }
    const negated = negUntil >= i && negCount % 2 === 1;
    let mult = degreeUntil >= i ? degree : 1;
    if (negated) mult = degreeAfterNeg && mult > 1 ? -0.5 : -0.8 * mult; // 不太好 mild, 很不好 strong
    items.push({ text: word, v: entry.v ?? 0, emo: entry.emo, negated, mult, polite: !!entry.polite, seg: segs });
    if (entry.v !== undefined) { negUntil = -1; negCount = 0; degreeUntil = -1; if (negated) dangling = null; }
    i = end;
  }
  closeClause(text.length);
  return { items, exclaim, question, segs };
}
