/**
 * Message sentiment, emotion and conversation escalation risk. Local,
 * synchronous, no DOM and no network (runs in the background service worker);
 * a pass over the text with Map look-ups, a few microseconds a message.
 *
 * analyzeSentiment(text, language?)
 * - English: lexicon + rules, VADER-like. Words and phrases of up to five words
 *   (customer-service idioms such as "still haven't received", "cancel my
 *   subscription", "thank you so much") carry valences in -4..4; intensifiers
 *   and diminishers scale the next sentiment word; a negator flips (×-0.74)
 *   sentiment words in the next three words of its clause; before "but" /
 *   "however" counts half and after it 1.5×; an ALL-CAPS word in mixed-case
 *   text counts 1.3×; "!" and "??" push the total away from zero; emoticons and
 *   a few emoji count as words; polite thanks/please count little in a
 *   message that is otherwise negative. The sum s maps to s/√(s²+15).
 * - Chinese (simplified and traditional; traditional is folded to simplified
 *   characters first): longest-match scan over a lexicon of sentiment words,
 *   negators (不 没 别 无 未 …), degree adverbs (很 非常 太 特别 有点 …),
 *   contrast words (但是 不过 可是 …) and neutral shadows (好像, 快递, 不但 …)
 *   so that 不错 is one positive word, 不好 negative, 很不好 more negative and
 *   不太好 mildly negative. A negator reaches the next sentiment word within four
 *   characters of its clause.
 * - Emotion: cue words and phrases per emotion in both languages, scaled by the
 *   same degree words; a negated joy cue ("not happy", 不开心) counts towards
 *   sadness, other negated cues count nothing. With no cue strong enough, a
 *   clearly negative message is `frustration` and a clearly positive one `joy`.
 * - drivers: the words and phrases that carried the score (or the emotion),
 *   largest first, with their signed contribution.
 *
 * escalationRisk(messages) looks at the customer's messages: rising or
 * sustained negativity, threats to cancel or leave, asks for a manager or a
 * human, and complaint or legal words (lawyer, sue, BBB, 投诉, 律师, 12315, 消协).
 */
import { detectLanguage, type DetectedLanguage } from './language.ts';
import { EN_DEGREE, EN_EMOTION, EN_NEGATORS, EN_VALENCE } from './lexicon/en.ts';
import { ZH_CONTRAST, ZH_DEGREE, ZH_EMOTION, ZH_NEGATORS, ZH_NEUTRAL, ZH_VALENCE } from './lexicon/zh.ts';
import { ZH_T2S } from './lexicon/zh-t2s.ts';

export type SentimentLabel = 'positive' | 'negative' | 'neutral';
export const EMOTIONS = ['anger', 'frustration', 'sadness', 'fear', 'joy', 'surprise', 'neutral'] as const;
export type Emotion = (typeof EMOTIONS)[number];
type CueEmotion = Exclude<Emotion, 'neutral'>;

export interface Driver {
  /** The word or phrase as written in the message. */
  text: string;
  /** Signed contribution to the sentiment sum (0 for a pure emotion cue). */
  weight: number;
  /** The emotion this word is a cue for, if any. */
  emotion?: CueEmotion;
}

export interface SentimentResult {
  /** -1 (very negative) .. 1 (very positive). */
  score: number;
  label: SentimentLabel;
  emotion: Emotion;
  /** 0..1 per emotion; `neutral` is 1 minus the strongest cue. */
  emotionScores: Record<Emotion, number>;
  drivers: Driver[];
  /** Which analyser ran. */
  language: 'en' | 'zh';
}

/** |score| below this is neutral. */
export const NEUTRAL_BAND = 0.1;
const MAX_CHARS = 5000;
const MAX_DRIVERS = 6;

// ------------------------------------------------------------------ tables

interface Entry {
  v?: number;
  emo?: [CueEmotion, number][];
  deg?: number;
  neg?: boolean;
  contrast?: boolean;
  neutral?: boolean;
  polite?: boolean;
}

function addEntry(map: Map<string, Entry>, key: string, patch: Partial<Entry>): void {
  const e = map.get(key) ?? {};
  if (patch.emo) e.emo = [...(e.emo ?? []), ...patch.emo];
  if (patch.v !== undefined) e.v = patch.v;
  if (patch.deg !== undefined) e.deg = patch.deg;
  if (patch.neg) e.neg = true;
  if (patch.contrast) e.contrast = true;
  if (patch.neutral) e.neutral = true;
  if (patch.polite) e.polite = true;
  map.set(key, e);
}

function cueList(s: string): [string, number][] {
  return s
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => {
      const i = w.lastIndexOf(':');
      return i > 0 ? [w.slice(0, i), Number(w.slice(i + 1))] : [w, 1];
    });
}

const EN = new Map<string, Entry>();
let EN_MAX_WORDS = 1;
{
  const key = (w: string) => w.toLowerCase().replace(/['’]/g, '');
  for (const [v, words] of Object.entries(EN_VALENCE)) for (const w of words.split(/\s+/).filter(Boolean)) addEntry(EN, key(w), { v: Number(v) });
  for (const [w, d] of Object.entries(EN_DEGREE)) addEntry(EN, w, { deg: d });
  for (const w of EN_NEGATORS.split(/\s+/)) addEntry(EN, w, { neg: true });
  for (const [emo, s] of Object.entries(EN_EMOTION)) for (const [w, x] of cueList(s)) addEntry(EN, key(w), { emo: [[emo as CueEmotion, x]] });
  for (const w of ['but', 'however']) addEntry(EN, w, { contrast: true });
  for (const w of ['thanks', 'thank', 'thank_you', 'thx', 'ty', 'please', 'sorry', 'unfortunately']) addEntry(EN, w, { polite: true });
  for (const k of EN.keys()) EN_MAX_WORDS = Math.max(EN_MAX_WORDS, k.split('_').length);
  // "no" starts many neutral phrases; "like" as a preposition is common.
}

/** Emoticons and emoji: valence and emotion. */
const EMOTICONS: [RegExp, number, CueEmotion | null][] = [
  [/(?:[:;=]-?[)\]D]|\^_?\^|😀|😃|😄|😁|😊|🙂|😍|🥰|👍|❤️?|♥|🎉|🙏|<3)/gu, 1.8, 'joy'],
  [/(?:😂|🤣|xD|XD)/gu, 1.5, 'joy'],
  [/(?:[:;=]-?[(\[]|:'\(|😞|😢|😭|☹️?|🙁|😔|💔)/gu, -1.8, 'sadness'],
  [/(?:😡|🤬|😠|👎|💢)/gu, -2.4, 'anger'],
  [/(?:😤|🙄|😒|:-?\/|:-?\|)/gu, -1.2, 'frustration'],
  [/(?:😱|😨|😰|😟)/gu, -1.2, 'fear'],
  [/(?:😮|😲|🤯|😯|😳)/gu, 0, 'surprise'],
];

const ZH = new Map<string, Entry>();
let ZH_MAX = 1;
{
  const words = (s: string) => s.split(/\s+/).filter(Boolean);
  for (const w of words(ZH_NEUTRAL)) addEntry(ZH, w, { neutral: true });
  for (const [v, s] of Object.entries(ZH_VALENCE)) for (const w of words(s)) addEntry(ZH, w, { v: Number(v) });
  for (const w of words(ZH_NEGATORS)) addEntry(ZH, w, { neg: true });
  for (const [w, d] of Object.entries(ZH_DEGREE)) addEntry(ZH, w, { deg: d });
  for (const w of words(ZH_CONTRAST)) addEntry(ZH, w, { contrast: true });
  for (const [emo, s] of Object.entries(ZH_EMOTION)) for (const [w, x] of cueList(s)) addEntry(ZH, w, { emo: [[emo as CueEmotion, x]] });
  for (const w of ['谢谢', '感谢', '多谢', '抱歉', '对不起', '不好意思']) addEntry(ZH, w, { polite: true });
  for (const k of ZH.keys()) ZH_MAX = Math.max(ZH_MAX, k.length);
}
/** Single characters that are a degree adverb when a sentiment word follows (好差 = very bad). */
const ZH_DEGREE_IF_FOLLOWED: Record<string, number> = { 好: 1.4 };

const T2S = new Map<string, string>();
for (const pair of ZH_T2S.split(' ')) if (pair.length >= 2) for (const t of pair.slice(1)) T2S.set(t, pair[0]);

/** Traditional characters folded to simplified (one to one, so offsets are kept). */
export function foldToSimplified(text: string): string {
  let out = '';
  for (const ch of text) out += T2S.get(ch) ?? ch;
  return out;
}

// ---------------------------------------------------------------- scoring

interface Item {
  text: string;
  v: number;
  emo?: [CueEmotion, number][];
  negated: boolean;
  mult: number;
  polite: boolean;
  /** Index of the contrast segment the item sits in. */
  seg: number;
}

interface Scan {
  items: Item[];
  exclaim: number;
  question: number;
  /** Number of contrast words seen. */
  segs: number;
}

const emptyEmotions = (): Record<CueEmotion, number> => ({ anger: 0, frustration: 0, sadness: 0, fear: 0, joy: 0, surprise: 0 });

function finish(scan: Scan, language: 'en' | 'zh'): SentimentResult {
  const { items } = scan;
  const hasNegative = items.some((it) => !it.polite && it.v * (it.negated ? -1 : 1) < 0);
  let sum = 0;
  const drivers: Driver[] = [];
  const emo = emptyEmotions();
  const cue: Record<CueEmotion, { text: string; w: number }> = {} as never;
  for (const it of items) {
    let w = it.v * it.mult;
    if (it.polite && hasNegative && w > 0) w *= 0.3;
    // Contrast: segments before the last contrast word count half, the one after 1.5×.
    if (scan.segs > 0) w *= it.seg < scan.segs ? 0.5 : 1.5;
    sum += w;
    let emotionOf: CueEmotion | undefined;
    for (const [e, x] of it.emo ?? []) {
      let target: CueEmotion | null = e;
      let weight = x * Math.min(it.mult < 0 ? -it.mult : it.mult, 2);
      if (it.negated) {
        if (e === 'joy') weight *= 0.7, (target = 'sadness');
        else target = null;
      }
      if (!target) continue;
      emo[target] += weight;
      if (!cue[target] || cue[target].w < weight) cue[target] = { text: it.text, w: weight };
      emotionOf ??= target;
    }
    if (w !== 0 || emotionOf) drivers.push({ text: it.text, weight: Math.round(w * 100) / 100, ...(emotionOf ? { emotion: emotionOf } : {}) });
  }
  if (sum !== 0) {
    sum += Math.sign(sum) * Math.min(scan.exclaim, 4) * 0.292;
    if (scan.question > 1) sum += Math.sign(sum) * Math.min(scan.question, 4) * 0.18;
  }
  if (scan.exclaim && scan.question) emo.surprise += 1;
  const score = Math.max(-1, Math.min(1, sum / Math.sqrt(sum * sum + 15)));
  const label: SentimentLabel = score >= NEUTRAL_BAND ? 'positive' : score <= -NEUTRAL_BAND ? 'negative' : 'neutral';

  // Emotion: the strongest cue if strong enough, else from the sentiment.
  let best: CueEmotion | null = null;
  for (const e of Object.keys(emo) as CueEmotion[]) if (!best || emo[e] > emo[best]) best = e;
  let emotion: Emotion = 'neutral';
  if (best && emo[best] >= 1) {
    emotion = best;
    // Joy cues in a clearly negative message are politeness, not joy.
    if (emotion === 'joy' && score <= -0.3) {
      const rest = (Object.keys(emo) as CueEmotion[]).filter((e) => e !== 'joy').sort((a, b) => emo[b] - emo[a])[0];
      emotion = emo[rest] > 0 ? rest : 'frustration';
    }
  } else if (score <= -0.45) emotion = 'frustration';
  else if (score >= 0.5) emotion = 'joy';
  const emotionScores = {} as Record<Emotion, number>;
  let top = 0;
  for (const e of Object.keys(emo) as CueEmotion[]) {
    emotionScores[e] = Math.round((1 - Math.exp(-emo[e] / 2)) * 1000) / 1000;
    top = Math.max(top, emotionScores[e]);
  }
  if (emotion === 'frustration' && emotionScores.frustration < 0.4) emotionScores.frustration = Math.max(emotionScores.frustration, Math.round(-score * 500) / 1000);
  if (emotion === 'joy' && emotionScores.joy < 0.4) emotionScores.joy = Math.max(emotionScores.joy, Math.round(score * 500) / 1000);
  emotionScores.neutral = Math.round((1 - Math.max(top, emotion === 'neutral' ? 0 : emotionScores[emotion])) * 1000) / 1000;

  drivers.sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight) || (b.emotion ? 1 : 0) - (a.emotion ? 1 : 0));
  const seen = new Set<string>();
  const out: Driver[] = [];
  for (const d of drivers) {
    const k = d.text.toLowerCase();
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(d);
    if (out.length >= MAX_DRIVERS) break;
  }
  return { score: Math.round(score * 1000) / 1000, label, emotion, emotionScores, drivers: out, language };
}

// ---------------------------------------------------------------- English

interface Tok {
  norm: string;
  raw: string;
  punct: boolean;
}

const NUMBER_WORDS: Record<string, string> = { '1': 'a', '2': 'two', '3': 'three', '4': 'four', '5': 'five', one: 'a' };

function tokenizeEn(text: string): Tok[] {
  const toks: Tok[] = [];
  for (const m of text.matchAll(/[A-Za-z]+(?:['’][A-Za-z]+)*|\d+|[!?.,;:]|[—–]/g)) {
    const raw = m[0];
    if (/^[!?.,;:—–]$/.test(raw)) toks.push({ norm: raw, raw, punct: true });
    else if (/^\d/.test(raw)) toks.push({ norm: NUMBER_WORDS[raw] ?? 'several', raw, punct: false });
    else toks.push({ norm: raw.toLowerCase().replace(/['’]/g, ''), raw, punct: false });
  }
  return toks;
}

/** Crude stem fallback: the lexicon form of an inflection it does not list. */
function stemLookup(w: string): Entry | undefined {
  for (const [suffix, repl] of [['ies', 'y'], ['es', ''], ['s', ''], ['ed', ''], ['ed', 'e'], ['ing', ''], ['ing', 'e'], ['ly', ''], ['d', '']] as const) {
    if (w.length > suffix.length + 2 && w.endsWith(suffix)) {
      const e = EN.get(w.slice(0, -suffix.length) + repl);
      if (e && (e.v !== undefined || e.emo)) return e;
    }
  }
  return undefined;
}

function scanEnglish(text: string): Scan {
  const items: Item[] = [];
  let exclaim = 0;
  let question = 0;
  let segs = 0;
  // Emoticons first; then they are blanked so ":(" does not leave "(" behind.
  let rest = text;
  for (const [re, v, e] of EMOTICONS) {
    rest = rest.replace(re, (m) => {
      items.push({ text: m, v, emo: e ? [[e, 1.5]] : undefined, negated: false, mult: 1, polite: false, seg: 0 });
      return ' ';
    });
  }
  const letters = rest.replace(/[^A-Za-z]/g, '');
  const shouting = letters.length > 0 && letters === letters.toUpperCase();
  const toks = tokenizeEn(rest);
  let negLeft = 0;
  let negStart = false;
  let degree = 1;
  let degreeLeft = 0;
  let degreeAfterNeg = false;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.punct) {
      if (t.norm === '!') exclaim++;
      else if (t.norm === '?') question++;
      negLeft = 0;
      degreeLeft = 0;
      continue;
    }
    // Longest phrase first.
    let entry: Entry | undefined;
    let span = 1;
    for (let n = Math.min(EN_MAX_WORDS, toks.length - i); n >= 1; n--) {
      let key = '';
      let ok = true;
      for (let j = 0; j < n; j++) {
        if (toks[i + j].punct) { ok = false; break; }
        key += (j ? '_' : '') + toks[i + j].norm;
      }
      if (!ok) continue;
      const e = EN.get(key);
      if (e) { entry = e; span = n; break; }
    }
    if (!entry) entry = stemLookup(t.norm);
    const raw = toks.slice(i, i + span).map((x) => x.raw).join(' ');
    i += span - 1;
    if (!entry) {
      if (negLeft > 0) negLeft--;
      if (degreeLeft > 0) degreeLeft--;
      continue;
    }
    if (entry.contrast) {
      segs++;
      for (const it of items) if (it.seg >= segs) it.seg = segs - 1;
      negLeft = 0;
      continue;
    }
    const sentimental = entry.v !== undefined || entry.emo;
    if (entry.neg && (!sentimental || span === 1)) {
      // "no" / "never" in a phrase entry (no problem, never again) is handled by the phrase.
      if (!(entry.v !== undefined && span > 1)) {
        negLeft = 3;
        negStart = true;
        degreeAfterNeg = false;
        if (entry.v === undefined && !entry.emo) continue;
      }
    }
    if (entry.deg !== undefined && entry.v === undefined && !entry.emo) {
      degree *= entry.deg;
      degreeLeft = 2;
      degreeAfterNeg = negLeft > 0;
      continue;
    }
    if (entry.deg !== undefined && entry.v === undefined) {
      // A degree word that is also an emotion cue ("seriously", "damn"): both.
      degree *= entry.deg;
      degreeLeft = 2;
    }
    const negated = negLeft > 0 && !entry.neg;
    let mult = degreeLeft > 0 ? degree : 1;
    if (negated && degreeAfterNeg && mult > 1) mult = 0.7; // "not very good": mildly negative
    if (negated) mult *= -0.74;
    if (!shouting && span === 1 && t.raw.length > 1 && t.raw === t.raw.toUpperCase() && /[A-Z]/.test(t.raw)) mult *= 1.3;
    items.push({ text: raw, v: entry.v ?? 0, emo: entry.emo, negated, mult, polite: !!entry.polite, seg: segs });
    if (entry.v !== undefined) {
      degree = 1;
      degreeLeft = 0;
      if (negLeft > 0 && !negStart) negLeft--;
    }
    negStart = false;
  }
  return { items, exclaim, question, segs };
}

// ---------------------------------------------------------------- Chinese

const ZH_CLAUSE_END = /[，。！？；,.!?;~～…\n\r、：:]/;

function scanChinese(original: string): Scan {
  const text = foldToSimplified(original).toLowerCase();
  const items: Item[] = [];
  let exclaim = 0;
  let question = 0;
  let segs = 0;
  let negCount = 0;
  let negUntil = -1;
  let degree = 1;
  let degreeUntil = -1;
  let degreeAfterNeg = false;
  for (let i = 0; i < text.length; ) {
    const ch = text[i];
    if (ZH_CLAUSE_END.test(ch) || ch === ' ') {
      if (ch === '!' || ch === '！') exclaim++;
      if (ch === '?' || ch === '？') question++;
      if (ch !== ' ') { negCount = 0; negUntil = -1; degreeUntil = -1; }
      i++;
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
      negCount = negUntil >= i ? negCount + 1 : 1;
      negUntil = end + 4;
      degreeAfterNeg = false;
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
    if (entry.v !== undefined) { negUntil = -1; negCount = 0; degreeUntil = -1; }
    i = end;
  }
  return { items, exclaim, question, segs };
}

// ---------------------------------------------------------------- public

/**
 * Sentiment, emotion and drivers of one message. `language` (as from
 * detectLanguage) picks the analyser; without it the text is detected. Chinese
 * text of either script uses the Chinese lexicon, everything else English.
 */
export function analyzeSentiment(text: string, language?: DetectedLanguage | 'zh'): SentimentResult {
  const t = text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text;
  const lang = language ?? detectLanguage(t).language;
  const zh = lang === 'zh' || lang === 'zh-Hans' || lang === 'zh-Hant';
  return zh ? finish(scanChinese(t), 'zh') : finish(scanEnglish(t), 'en');
}

// ---------------------------------------------------------------- escalation

export interface EscalationMessage {
  role: string;
  text: string;
  at?: string | number | Date;
}
export type EscalationReason = 'legal' | 'manager' | 'leave' | 'rising' | 'sustained' | 'last_negative';

export interface EscalationRisk {
  level: 'low' | 'medium' | 'high';
  /** For logs and the eval, in English. */
  reasons: string[];
  /** The same reasons as codes, for the interface to say in the agent's language. */
  codes: EscalationReason[];
}

const LEGAL_EN = /\b(?:lawyers?|attorneys?|sue|suing|lawsuits?|legal action|take (?:you|this) to court|small claims|court|bbb|better business bureau|ftc|consumer protection|ombudsman|trading standards|regulators?|report (?:you|this) to)\b/i;
const LEGAL_ZH = /投诉|律师|起诉|法院|法律|12315|12345|消协|消费者协会|工商局|市场监管|曝光|媒体|维权|报警|警察/;
const MANAGER_EN = /\b(?:manager|supervisor|someone (?:in charge|senior|else)|higher[- ]up|escalate|escalation|your boss|(?:real|actual|live) (?:person|human|agent)|speak to a human|talk to a human)\b/i;
const MANAGER_ZH = /经理|主管|领导|负责人|上级|老板|转人工|人工客服|找人工|真人/;
const LEAVE_EN = /\b(?:cancel(?:l?ing|l?ed)? (?:my|the|our) (?:[\w-]+ )?(?:subscription|account|membership|plan|service|contract|order)|close my account|switch(?:ing)? to|go(?:ing)? (?:to|with) (?:a |your )?competitor|take my business|taking my business|never (?:buy|order|use|shop)\w* (?:from|with|here|again)|never again|chargeback|dispute the charge|unsubscribe|leave (?:a )?(?:bad |negative |1[- ]star )?review|one[- ]star review|1[- ]star)\b/i;
const LEAVE_ZH = /退订|取消订单|取消会员|注销|销户|再也不|不会再|换一家|换别家|差评|拒付|退钱|全额退款/;

/**
 * Escalation risk from the customer's messages (role `customer` or `user`; the
 * others are ignored): the level and, for the agent, why.
 * high: legal or complaint words, or two signals together (asks for a manager,
 * threatens to cancel or leave, negativity rising to strongly negative or
 * three negative messages in a row). medium: one signal, or the last customer
 * message strongly negative. low otherwise.
 */
export function escalationRisk(
  messages: readonly EscalationMessage[],
  /** Sentiment already computed for a customer message's text (the background caches it). */
  scoreOf: (text: string) => number = (text) => analyzeSentiment(text).score,
): EscalationRisk {
  const customer = messages.filter((m) => m.role === 'customer' || m.role === 'user');
  const reasons: string[] = [];
  const codes: EscalationReason[] = [];
  if (!customer.length) return { level: 'low', reasons, codes };
  const scores = customer.map((m) => scoreOf(m.text));
  let legal = false;
  let manager = false;
  let leave = false;
  for (const m of customer) {
    const zh = foldToSimplified(m.text);
    legal ||= LEGAL_EN.test(m.text) || LEGAL_ZH.test(zh);
    manager ||= MANAGER_EN.test(m.text) || MANAGER_ZH.test(zh);
    leave ||= LEAVE_EN.test(m.text) || LEAVE_ZH.test(zh);
  }
  const last = scores[scores.length - 1];
  const first = scores[0];
  const rising = scores.length >= 2 && last <= -0.3 && last < first - 0.25;
  let run = 0;
  let longestRun = 0;
  for (const s of scores) longestRun = Math.max(longestRun, (run = s <= -NEUTRAL_BAND ? run + 1 : 0));
  const sustained = longestRun >= 3;
  const add = (code: EscalationReason, reason: string) => {
    codes.push(code);
    reasons.push(reason);
  };
  if (legal) add('legal', 'complaint or legal words (lawyer, regulator, 投诉 …)');
  if (manager) add('manager', 'asks for a manager, supervisor or a human');
  if (leave) add('leave', 'threatens to cancel, leave or post a bad review');
  if (rising) add('rising', `negativity rising across customer messages (${first.toFixed(2)} → ${last.toFixed(2)})`);
  else if (sustained) add('sustained', `${longestRun} negative customer messages in a row`);
  const signals = [manager, leave, rising || sustained].filter(Boolean).length;
  let level: EscalationRisk['level'] = 'low';
  if (legal || signals >= 2) level = 'high';
  else if (signals === 1) level = 'medium';
  else if (last <= -0.5) {
    level = 'medium';
    add('last_negative', `last customer message strongly negative (${last.toFixed(2)})`);
  }
  return { level, reasons, codes };
}
