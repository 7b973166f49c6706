/**
 * Message sentiment, emotion and conversation escalation risk. Local,
 * synchronous, no DOM and no network (runs in the background service worker);
 * a pass over the text with Map look-ups, a few microseconds a message.
 *
 * analyzeSentiment(text, language?)
 * - English: lexicon + rules, VADER-like, for customer messages and tweets.
 *   Handles and links are dropped and hashtags read as words; contractions are
 *   split (he'll is not hell) and elongations squeezed (loooove). Words and
 *   phrases of up to five words carry valences in -4..4 (see lexicon/en.ts for
 *   what the tiers mean); intensifiers and diminishers scale the next sentiment
 *   word; a negator in the three words before flips a positive word (×-0.74),
 *   turns a negative one into faint praise (×-0.4, "not bad") and leaves
 *   swearing alone. A negated expectation is a complaint ("never came", "won't
 *   let me", "no refund") and no/zero/without + a noun a lack ("no wifi"); a
 *   wait (for 2 hours, since Tuesday) and a repeat (third time) count. Before
 *   "but"/"however" counts half and after it 1.5×; an ALL-CAPS word in
 *   mixed-case text counts 1.3×; "!" and "??" push the total away from zero;
 *   emoji and emoticons (lexicon/emoji.ts) count as words. Then the message as
 *   a whole: irony flips praise (thanks for losing my bag, "…again. Great.",
 *   an eye-roll); a question or a polite request damps the clear words it asks
 *   about (Is my flight delayed?) and thanks that closes one is a courtesy,
 *   while a why-question or "where is my …" is a complaint. The sum s maps to
 *   s/√(s²+15); |score| < NEUTRAL_BAND is neutral. A post shared on (a link
 *   with a hashtag, a $TICKER, "RT @" or "via @") and no I / we / you is a
 *   report, not the writer's experience: its sum counts 0.3× (headlines read
 *   as neutral). A customer's screenshot link alone changes nothing.
 * - Chinese (simplified and traditional; traditional is folded to simplified
 *   characters first): longest-match scan over a lexicon of sentiment words,
 *   negators (不 没 别 无 未 …), degree adverbs (很 非常 太 特别 有点 …),
 *   contrast words (但是 不过 可是 …) and neutral shadows (好像, 快递, 不但 …)
 *   so that 不错 is one positive word, 不好 negative, 很不好 more negative and
 *   不太好 mildly negative. A negator reaches the next sentiment word within four
 *   characters of its clause; a negated expectation is a complaint (没有收到),
 *   and a negator left with nothing to negate by the end of its clause a mild
 *   lack (筷子都没有, 根本不是我点的). Waits and lateness are patterns (等了两个小时,
 *   一点半才送到, 三天了还没); a question damps the good it asks about (有没有优惠？).
 * - Words that cancel out exactly lean to the last one said, inside the neutral
 *   band (量大，味道差 stays neutral as a label, with a negative sign).
 * - Emotion: cue words and phrases per emotion in both languages, scaled by the
 *   same degree words; a negated joy cue ("not happy", 不开心) counts towards
 *   sadness, other negated cues count nothing. Cues that disagree with a clear
 *   sentiment count less ("I still love it" is no frustration). With no cue
 *   strong enough, a clearly negative message is `frustration` and a clearly
 *   positive one `joy`. A cue with no valence of its own (不开心, "gutted")
 *   carries its emotion's sign into the score.
 * - drivers: the words and phrases that carried the score (or the emotion),
 *   largest first, with their signed contribution.
 *
 * escalationRisk(messages) looks at the customer's messages: rising or
 * sustained negativity, threats to cancel or leave, asks for a manager or a
 * human, and complaint or legal words (lawyer, sue, BBB, 投诉, 律师, 12315, 消协).
 */
import { detectLanguage, type DetectedLanguage } from './language.ts';
import { EMOJI, EMOTICON_CHARS } from './lexicon/emoji.ts';
import { EN_DEGREE, EN_EMOTION, EN_EXPECTED, EN_INTERJECTIONS, EN_NEGATORS, EN_NEUTRAL, EN_VALENCE } from './lexicon/en.ts';
import { ZH_CONTRAST, ZH_DEGREE, ZH_EMOTION, ZH_EXPECTED, ZH_NEGATORS, ZH_NEUTRAL, ZH_LACK_NEGATOR_WORDS, ZH_PATTERNS, ZH_VALENCE } from './lexicon/zh.ts';
import { foldHan } from '../han-fold.ts';

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

/**
 * |score| below this is neutral: a sum under about half a hint word (|s| < 0.39).
 * A hint said as a statement (issue, late, ok) is polar; a clear word asked
 * about (× ASKED_ABOUT) is not. Set on that principle, not fitted to a test set
 * (development sets scored the same anywhere from 0.06 to 0.2).
 */
export const NEUTRAL_BAND = 0.1;
/** With no emotion cue, |score| from here names the emotion (joy, or frustration when negative). */
const EMOTION_FROM_SCORE = 0.35;
/** Sum given to words that cancel out exactly: the sign of the last one, far inside NEUTRAL_BAND. */
const TIE_LEAN = 0.1;
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
  /** English: something a customer expects to happen; negated, a complaint. */
  expect?: boolean;
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
  if (patch.expect) e.expect = true;
  map.set(key, e);
}

const CUE_SIGN: Partial<Record<CueEmotion, number>> = { anger: -1, sadness: -1, fear: -1, joy: 1 };

/**
 * A clear emotion cue with no valence of its own (不开心, 爱, "gutted") carries the
 * sign of its emotion; frustration cues ("still", "again") and surprise do not.
 */
function deriveValence(map: Map<string, Entry>): void {
  for (const e of map.values()) {
    if (e.v !== undefined || !e.emo || e.neg || e.deg !== undefined || e.neutral) continue;
    let v = 0;
    for (const [emo, w] of e.emo) if (w >= 1 && CUE_SIGN[emo]) v += CUE_SIGN[emo]! * Math.min(1.8, 0.9 * w);
    if (v !== 0) e.v = Math.max(-1.8, Math.min(1.8, v));
  }
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
  for (const w of EN_NEUTRAL.split(/\s+/)) addEntry(EN, w, { neutral: true });
  for (const w of EN_EXPECTED.split(/\s+/)) addEntry(EN, w, { expect: true });
  for (const [emo, s] of Object.entries(EN_EMOTION)) for (const [w, x] of cueList(s)) addEntry(EN, key(w), { emo: [[emo as CueEmotion, x]] });
  for (const w of ['but', 'however']) addEntry(EN, w, { contrast: true });
  for (const w of ['thanks', 'thank', 'thank_you', 'thx', 'ty', 'tnx', 'please', 'pls', 'plz', 'sorry', 'unfortunately']) addEntry(EN, w, { polite: true });
  for (const k of EN.keys()) EN_MAX_WORDS = Math.max(EN_MAX_WORDS, k.split('_').length);
  deriveValence(EN);
}

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

/** Traditional characters folded to simplified (one to one, so offsets are kept). */
export const foldToSimplified = foldHan;

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
  /** English: sentence and clause (between punctuation) the item sits in, its token position and the word after it. */
  sent?: number;
  clause?: number;
  pos?: number;
  next?: string;
  /** English: a length of time; 'led' when said as a wait ("for 3 hours"), 'bare' otherwise ("a 6 hour flight"). */
  wait?: 'led' | 'bare';
}

interface Scan {
  items: Item[];
  exclaim: number;
  question: number;
  /** Number of contrast words seen. */
  segs: number;
  /** Factor on the whole sum (a third-person report with a link says less about the writer's feelings). */
  damp?: number;
}

const emptyEmotions = (): Record<CueEmotion, number> => ({ anger: 0, frustration: 0, sadness: 0, fear: 0, joy: 0, surprise: 0 });

function finish(scan: Scan, language: 'en' | 'zh'): SentimentResult {
  const { items } = scan;
  const hasNegative = items.some((it) => !it.polite && it.v * (it.negated ? -1 : 1) < 0);
  let sum = 0;
  let lastW = 0;
  const drivers: Driver[] = [];
  const emo = emptyEmotions();
  const cue: Record<CueEmotion, { text: string; w: number }> = {} as never;
  for (const it of items) {
    let w = it.v * it.mult;
    if (it.polite && hasNegative && w > 0) w *= 0.3;
    // Contrast: segments before the last contrast word count half, the one after 1.5×.
    if (scan.segs > 0) w *= it.seg < scan.segs ? 0.5 : 1.5;
    sum += w;
    if (w !== 0) lastW = w;
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
  if (scan.damp !== undefined) sum *= scan.damp;
  // Words that cancel out exactly (量大，味道差): what was said last leans the score, inside the neutral band.
  if (Math.abs(sum) < 1e-9 && lastW !== 0) sum = TIE_LEAN * Math.sign(lastW);
  if (scan.exclaim && scan.question) emo.surprise += 1;
  const score = Math.max(-1, Math.min(1, sum / Math.sqrt(sum * sum + 15)));
  const label: SentimentLabel = score >= NEUTRAL_BAND ? 'positive' : score <= -NEUTRAL_BAND ? 'negative' : 'neutral';

  // Emotion: the strongest cue if strong enough, else from the sentiment. Cues that disagree with a
  // clear sentiment count less: "I still love it" is no frustration, thanks in a complaint no joy.
  if (score >= 0.3) {
    emo.anger *= 0.5;
    emo.frustration *= 0.3;
    emo.sadness *= 0.7;
    emo.fear *= 0.7;
  } else if (score <= -0.3) emo.joy *= 0.3;
  // Frustration is about something going wrong: "still" and "again" alone are not it.
  if (score > -NEUTRAL_BAND) emo.frustration *= 0.5;
  let best: CueEmotion | null = null;
  for (const e of Object.keys(emo) as CueEmotion[]) if (!best || emo[e] > emo[best]) best = e;
  let emotion: Emotion = 'neutral';
  if (best && emo[best] >= 1) emotion = best;
  else if (score <= -EMOTION_FROM_SCORE) emotion = 'frustration';
  else if (score >= EMOTION_FROM_SCORE) emotion = 'joy';
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
  /** As written; '' for the second half of a split contraction ("I'm" → i + am). */
  raw: string;
  punct: boolean;
  num?: boolean;
  /** With a letter repeated for emphasis: every doubled letter squeezed ("loooove" → "love", "awesoomeee" → "awesome"). */
  alt?: string;
}

/** Tweets and chats: handles, links and the # of hashtags say nothing ("#NeverAgain" is read as "Never Again"). */
const LINK = /https?:\/\/|www\.|(?<![\w$])\$[A-Za-z]{1,5}\b/i;
/** Marks of a post shared on: a hashtag, a $TICKER, a retweet or "via @". A customer's screenshot link alone is not one. */
const SHARED = /(?:^|\s)#[A-Za-z]|(?<![\w$])\$[A-Za-z]{1,5}\b|\bRT @|\bvia @/i;
const PERSONAL = /\b(?:i|i'm|i've|i'd|i'll|me|my|mine|we|we're|our|us|you|your|you're|u|ur|im|ive)\b/i;
const REPORT_DAMP = 0.3;
const EN_STRIP = /https?:\/\/\S+|www\.\S+|@\w+|#([A-Za-z][A-Za-z0-9_]*)/g;
const EN_TOKEN = /[A-Za-z]+(?:['’][A-Za-z]+)*|\d+(?:[.,:]\d+)*|[!?.,;:\n]|[—–]/g;
const CAMEL = /([a-z])([A-Z])/g;
const LAUGHTER = /^(?:(?:ha|he|hi){2,}h?|a?(?:ha){2,}|lo+l+|lmf?a+o+|rofl)$/;
const EN_CLAUSE_END_ONLY = new Set(EN_INTERJECTIONS.split(' '));
const REPEAT3 = /(.)\1\1+/g;
const REPEAT2 = /(.)\1+/g;
const HAS_REPEAT3 = /(.)\1\1/;
const CONTRACTION: Record<string, string> = { ll: 'will', re: 'are', ve: 'have', d: 'would', m: 'am', s: '' };
const SENTENCE_END = new Set(['.', '!', '?', '\n']);
const NUMBER_WORDS = new Set('two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty several few couple many multiple hundreds'.split(' '));
const TIME_UNITS = new Set('min mins minute minutes hr hrs hour hours day days week weeks month months'.split(' '));
/** After "since", these say when a wait began ("since Tuesday", "since last week"). */
const SINCE_WHEN = new Set('yesterday last this early monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december morning noon lunch the'.split(' '));
/** Second and later: a repeat ("third time", "5th time"). */
const REPEAT_ORDINAL = /^(?:second|third|fourth|fifth|sixth|seventh|umpteenth|nth|multiple|several|many|countless|\d*(?:[02-9]nd|[02-9]rd|[04-9]th|1[0-9]th|1[1-3]th))$/i;
/** After these, "a"/"an" + unit is a wait ("for an hour", "over a week"), not a frequency ("once a day"). */
const DURATION_LEAD = new Set('for over almost nearly than been took taken waited waiting about after past'.split(' '));
/** "no" before these is not a lack of something ("no more", "no one", "no longer"). */
const LACK_SKIP = new Set('a an the any my your our their his her its this that these those i you we they he she it me us them one more much many longer other others else further than to for of in on at by with from about as if so such or and but way matter doubt need idea thanks thank big less fewer sir maam'.split(' '));
/** "no/zero/without" + one of these + a noun: the noun is still what is lacking. */
const LACK_FILLER = new Set('any a an real single proper further actual'.split(' '));
const LACK_WORDS: Record<string, number> = { no: -0.8, without: -0.8, zero: -1.2, lack: -0.8, lacks: -0.8, lacking: -0.8 };
/**
 * Chosen so that one clear word (±1.6) asked about stays inside the neutral band
 * (1.6 × 0.2 → |score| 0.08 < NEUTRAL_BAND: "Is my flight delayed?"), and thanks
 * that closes a question (2.2 × 0.15) does too ("Can you DM me? Thanks").
 */
const ASKED_ABOUT = 0.2;
const SIGN_OFF = 0.15;
/** How a polite request starts: its mild words are what it asks about, not what the customer feels. */
const REQUEST_START = new Set(['please', 'pls', 'plz', 'kindly']);
const REQUEST_MODAL = new Set(['can', 'could', 'would', 'will', 'may']);
/** A sentence that starts like a question and ends with "?" asks; "My bag arrived broken, can I …?" complains. */
const QUESTION_START = new Set('what when where which who whom whose how is are am was were do does did can could will would may might should shall any anyone anybody has have'.split(' '));

const stripTweet = (_m: string, tag?: string): string => (tag ? ' ' + tag.replace(CAMEL, '$1 $2') + ' ' : ' ');

function tokenizeEn(text: string): Tok[] {
  const toks: Tok[] = [];
  for (const m of text.matchAll(EN_TOKEN)) {
    const raw = m[0];
    const c = raw.charCodeAt(0);
    if (raw.length === 1 && !((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57))) {
      toks.push({ norm: raw, raw, punct: true });
      continue;
    }
    if (c >= 48 && c <= 57) {
      toks.push({ norm: '#', raw, punct: false, num: true });
      continue;
    }
    let norm = raw.toLowerCase();
    let expansion: string | undefined;
    const apos = Math.max(norm.lastIndexOf("'"), norm.lastIndexOf('’'));
    if (apos > 0) {
      expansion = CONTRACTION[norm.slice(apos + 1)];
      if (expansion !== undefined) norm = norm.slice(0, apos);
      norm = norm.replace(/['’]/g, '');
    }
    let alt: string | undefined;
    if (HAS_REPEAT3.test(norm)) {
      alt = norm.replace(REPEAT2, '$1');
      norm = norm.replace(REPEAT3, '$1$1');
    }
    toks.push({ norm, raw, punct: false, alt });
    if (expansion) toks.push({ norm: expansion, raw: '', punct: false });
  }
  return toks;
}

/** Crude stem fallback: the lexicon form of an inflection it does not list. */
function stemLookup(w: string): Entry | undefined {
  for (const [suffix, repl] of [['ies', 'y'], ['es', ''], ['s', ''], ['ed', ''], ['ed', 'e'], ['ing', ''], ['ing', 'e'], ['ly', ''], ['d', ''], ['iest', 'y'], ['est', ''], ['est', 'e']] as const) {
    if (w.length > suffix.length + 2 && w.endsWith(suffix)) {
      const e = EN.get(w.slice(0, -suffix.length) + repl);
      if (e && (e.v !== undefined || e.emo)) return e;
    }
  }
  return undefined;
}

/** Only a shadow (EN_NEUTRAL) or nothing at all: the word carries no sentiment. */
const isPlain = (e: Entry | undefined): boolean => !e || (e.v === undefined && !e.emo && e.deg === undefined && !e.neg && !e.contrast && !e.expect);

function lookupAt(toks: Tok[], i: number): { entry: Entry | undefined; span: number } {
  for (let n = Math.min(EN_MAX_WORDS, toks.length - i); n >= 1; n--) {
    let key = '';
    let ok = true;
    for (let j = 0; j < n; j++) {
      if (toks[i + j].punct) { ok = false; break; }
      key += (j ? '_' : '') + toks[i + j].norm;
    }
    if (!ok) continue;
    const e = EN.get(key);
    if (e && !(EN_CLAUSE_END_ONLY.has(key) && i + n < toks.length && !toks[i + n].punct)) return { entry: e, span: n };
  }
  const t = toks[i];
  if (t.punct || t.num) return { entry: undefined, span: 1 };
  if (LAUGHTER.test(t.norm)) return { entry: EN.get('haha'), span: 1 };
  const alt = t.alt ? EN.get(t.alt) : undefined;
  return { entry: alt ?? stemLookup(t.alt ?? t.norm), span: 1 };
}

interface EnSentence {
  question: boolean;
  /** Its first three words. */
  w0: string;
  w1: string;
  w2: string;
  words: number;
}

function joinRaw(toks: Tok[], from: number, to: number): string {
  let s = '';
  for (let k = from; k < to; k++) if (toks[k].raw) s += (s ? ' ' : '') + toks[k].raw;
  return s;
}

function scanEnglish(text: string): Scan {
  const items: Item[] = [];
  let exclaim = 0;
  let question = 0;
  let segs = 0;
  let ironic = false;
  // Links and handles go first (":/" of "https://" is no emoticon); then emoji and emoticons, blanked so ":(" does not leave "(" behind.
  let rest = text.replace(EN_STRIP, stripTweet);
  if (EMOTICON_CHARS.test(text)) {
    for (const cue of EMOJI) {
      cue.re.lastIndex = 0;
      if (!cue.re.test(rest)) continue;
      rest = rest.replace(cue.re, (m) => {
        items.push({ text: m, v: cue.v, emo: cue.emotion ? [[cue.emotion, 1.5]] : undefined, negated: false, mult: 1, polite: false, seg: 0, sent: 0, clause: 0 });
        if (cue.ironic) ironic = true;
        return ' . ';
      });
    }
  }
  const letters = rest.replace(/[^A-Za-z]/g, '');
  const shouting = letters.length > 3 && letters === letters.toUpperCase();
  const toks = tokenizeEn(rest);
  const sentences: EnSentence[] = [{ question: false, w0: '', w1: '', w2: '', words: 0 }];
  const clauseWords: number[] = [0];
  let clause = 0;
  let negLeft = 0;
  let negRaw = '';
  let lack = 0;
  let lackAt = -1;
  let degree = 1;
  let degreeLeft = 0;
  let degreeAfterNeg = false;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    let sent = sentences[sentences.length - 1];
    if (t.punct) {
      if (t.norm === '!') exclaim++;
      else if (t.norm === '?') { question++; sent.question = true; }
      if (SENTENCE_END.has(t.norm) && sent.words > 0) sentences.push({ question: false, w0: '', w1: '', w2: '', words: 0 });
      if (clauseWords[clause] > 0) { clause++; clauseWords.push(0); }
      negLeft = 0;
      degreeLeft = 0;
      lack = 0;
      continue;
    }
    const { entry: found, span } = lookupAt(toks, i);
    const entry = isPlain(found) ? undefined : found;
    const raw = joinRaw(toks, i, i + span);
    for (let k = 0; k < span; k++) {
      if (sent.words === 0) sent.w0 = toks[i + k].norm;
      else if (sent.words === 1) sent.w1 = toks[i + k].norm;
      else if (sent.words === 2) sent.w2 = toks[i + k].norm;
      sent.words++;
    }
    clauseWords[clause] += span;
    const at = { seg: segs, sent: sentences.length - 1, clause, pos: i };
    const start = i;
    i += span - 1;
    const negated = negLeft > 0;
    if (negLeft > 0) negLeft--;
    if (degreeLeft > 0) degreeLeft--;
    // "no wifi", "zero response", "without notice": the customer lacks something.
    const lacking = lack !== 0 && (lackAt === start || (lackAt === start - 1 && LACK_FILLER.has(toks[start - 1].norm)));

    if (entry?.expect && negated && !entry.neg) {
      // Negated expectation: "never came", "won't let me", "nobody told me", "no refund".
      items.push({ text: `${negRaw} ${raw}`, v: -1.2, emo: [['frustration', 0.5]], negated: false, mult: 1, polite: false, ...at });
      negLeft = 0;
      lack = 0;
      continue;
    }
    if (!entry || (entry.expect && entry.v === undefined && !entry.emo)) {
      if (lacking && !t.num && !LACK_SKIP.has(t.norm) && !LACK_FILLER.has(t.norm)) {
        items.push({ text: `${negRaw} ${raw}`, v: lack, negated: false, mult: 1, polite: false, ...at });
        lack = 0;
      } else if (TIME_UNITS.has(t.norm) && span === 1 && start > 0) {
        // "45 min", "three weeks", "for an hour": how long the customer has waited.
        const p = toks[start - 1];
        const led = start > 1 && DURATION_LEAD.has(toks[start - 2].norm);
        const isCount = p.num || NUMBER_WORDS.has(p.norm) || ((p.norm === 'a' || p.norm === 'an') && led);
        if (isCount) items.push({ text: `${p.raw} ${raw}`, v: -0.6, emo: [['frustration', 1]], negated: false, mult: 1, polite: false, ...at, wait: led ? 'led' : 'bare' });
      } else if (t.norm === 'since' && span === 1 && i + 1 < toks.length && (toks[i + 1].num || SINCE_WHEN.has(toks[i + 1].norm))) {
        // "down since this morning", "in transit since last week": still waiting.
        items.push({ text: `${raw} ${toks[i + 1].raw}`, v: -0.6, emo: [['frustration', 1]], negated: false, mult: 1, polite: false, ...at, wait: 'led' });
      } else if ((t.norm === 'time' || t.norm === 'times') && span === 1 && start > 0 && REPEAT_ORDINAL.test(toks[start - 1].raw)) {
        // "the third time I ask", "4th time calling": it keeps happening.
        items.push({ text: `${toks[start - 1].raw} ${raw}`, v: -0.8, emo: [['frustration', 1.5]], negated: false, mult: 1, polite: false, ...at });
      }
      continue;
    }
    if (entry.contrast) {
      segs++;
      for (const it of items) if (it.seg >= segs) it.seg = segs - 1;
      negLeft = 0;
      lack = 0;
      continue;
    }
    if (entry.neg && span === 1 && entry.v === undefined && !entry.emo) {
      negLeft = 3;
      negRaw = raw;
      degreeAfterNeg = false;
      lack = LACK_WORDS[t.norm] ?? 0;
      lackAt = start + 1;
      continue;
    }
    if (entry.neg && entry.v === undefined && !entry.emo) {
      // A negating phrase ("no longer", "no one"): scope for what follows.
      negLeft = 3;
      negRaw = raw;
      degreeAfterNeg = false;
      continue;
    }
    // A word that is a degree and also a sentiment word ("damn", "fucking"): a degree before a sentiment word.
    const next = i + 1 < toks.length && !toks[i + 1].punct ? lookupAt(toks, i + 1).entry : undefined;
    if (entry.deg !== undefined && (entry.v === undefined || (next && next.v !== undefined && !next.neg))) {
      if (entry.v === undefined && entry.emo) {
        // A degree word that is also an emotion cue ("seriously"): both.
        items.push({ text: raw, v: 0, emo: entry.emo, negated: false, mult: 1, polite: false, ...at });
      }
      degree = (degreeLeft > 0 ? degree : 1) * entry.deg;
      degreeLeft = 2;
      degreeAfterNeg = negated;
      continue;
    }
    const v = entry.v ?? 0;
    let mult = degreeLeft > 0 ? degree : 1;
    const isNegated = negated && !entry.neg;
    if (isNegated) {
      if (v > 0) mult = (degreeAfterNeg && mult > 1 ? 0.7 : mult) * -0.74; // "not very good": mildly negative
      else if (v > -3) mult *= -0.4; // "not bad" is faint praise; swearing stays what it is
    }
    if (!shouting && span === 1 && t.raw.length > 1 && t.raw === t.raw.toUpperCase() && /[A-Z]/.test(t.raw)) mult *= 1.3;
    else if (t.alt && span === 1) mult *= 1.2;
    items.push({ text: raw, v, emo: entry.emo, negated: isNegated, mult, polite: !!entry.polite, ...at, next: toks[i + 1]?.norm });
    if (entry.neg) {
      negLeft = 3;
      negRaw = raw;
    }
    if (v !== 0) { degree = 1; degreeLeft = 0; }
    lack = 0;
  }
  if (shouting) for (const it of items) it.mult *= 1.2;
  reweighEnglish(items, sentences, clauseWords, ironic);
  // A link and no I / we / you: a headline or a report passed on, not the writer's own experience.
  const report = LINK.test(text) && SHARED.test(text) && !PERSONAL.test(rest);
  return { items, exclaim, question, segs, ...(report ? { damp: REPORT_DAMP } : {}) };
}

/**
 * Whole-message rules once the words are known: irony, what questions and
 * requests mean, and thanks as a sign-off.
 */
function reweighEnglish(items: Item[], sentences: EnSentence[], clauseWords: number[], ironic: boolean): void {
  let negBefore = 0;
  let lastSent = -1;
  let negSoFar = 0;
  let flipAll = ironic;
  let negTotal = 0;
  for (const it of items) if (it.v * it.mult < 0 && !it.polite && !it.wait) negTotal += it.v * it.mult;
  // "83 minutes", "a 6 hour flight": a length of time is a wait only when said as one or in a complaint.
  for (const it of items) if (it.wait === 'bare' && negTotal > -0.8) it.mult = 0;
  for (const it of items) {
    const w = it.v * it.mult;
    if (it.sent !== lastSent) { negBefore = negSoFar; lastSent = it.sent ?? 0; }
    if (w < 0 && !it.polite) negSoFar += w;
    if (w <= 0 || it.negated) continue;
    // "thanks for losing my bag": gratitude for something bad is irony.
    if (it.polite && it.next === 'for' && items.some((o) => o.clause === it.clause && o.pos! > it.pos! && o.pos! - it.pos! <= 5 && o.v * o.mult <= -0.6)) flipAll = true;
    // "Cancelled again. Great." — a lone word of praise after a complaint.
    else if (!it.polite && clauseWords[it.clause ?? 0] <= 3 && negBefore <= -1.2) it.mult *= -0.8;
    // "love spending my weekend in airports" in a message about a delay.
    else if (!it.polite && it.next?.endsWith('ing') && negTotal <= -1.2) it.mult *= -0.8;
  }
  if (flipAll) for (const it of items) if (it.v * it.mult > 0 && !it.negated) it.mult *= -0.8;

  const asking = sentences.map((s) => {
    if (s.w0 === 'why' || (s.w0 === 'how' && s.w1 === 'come')) return s.question || s.words > 2 ? 'why' : '';
    // "Where is my parcel?" asks after something that should have come.
    if (s.w0 === 'where' && (s.w1 === 'is' || s.w1 === 'are') && s.w2 === 'my') return 'why';
    if ((s.question && QUESTION_START.has(s.w0)) || REQUEST_START.has(s.w0) || (REQUEST_MODAL.has(s.w0) && (s.w1 === 'you' || s.w1 === 'i' || s.w1 === 'we' || s.w1 === 'someone')) || (s.w0 === 'i' && s.w1 === 'would')) return 'ask';
    return '';
  });
  const anyAsk = asking.includes('ask');
  const whyDone = new Set<number>();
  for (const it of items) {
    const kind = asking[it.sent ?? 0];
    const w = it.v * it.mult;
    // A question or a polite request mentions delays and refunds without feeling them.
    if (kind === 'ask' && Math.abs(w) <= 1.7 && !it.polite) it.mult *= ASKED_ABOUT;
    // Thanks that only closes a question ("Can you DM me? Thanks") is a courtesy.
    if (it.polite && w > 0 && anyAsk && it.next !== 'for') it.mult *= SIGN_OFF;
  }
  // "Why does it take three days to answer?" is a complaint put as a question.
  sentences.forEach((s, n) => {
    if (asking[n] === 'why' && !whyDone.has(n)) {
      whyDone.add(n);
      items.push({ text: s.w0 === 'how' ? 'how come' : s.w0, v: -0.9, emo: [['frustration', 0.5]], negated: false, mult: 1, polite: false, seg: items.find((it) => it.sent === n)?.seg ?? 0, sent: n, clause: 0 });
    }
  });
}

// ---------------------------------------------------------------- Chinese

const ZH_CLAUSE_END = /[，。！？；,.!?;~～…\n\r、：:]/;
const ZH_QUESTION = /[吗嗎？?]|多久|请问|請問|能不能|可不可以/;

interface PatternSpan { start: number; end: number; v: number; emo: [CueEmotion, number][] }

/** Pattern matches (waits, lateness) in text order, overlaps dropped. */
function zhPatternSpans(text: string): PatternSpan[] {
  const spans: PatternSpan[] = [];
  for (const p of ZH_PATTERNS) {
    p.re.lastIndex = 0;
    for (const m of text.matchAll(p.re)) spans.push({ start: m.index, end: m.index + m[0].length, v: p.v, emo: [[p.emotion[0] as CueEmotion, p.emotion[1]]] });
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
  for (let k = spans.length - 1; k >= 0; k--) if (asked(spans[k]!)) spans.splice(k, 1);
  return spans.filter((s, k) => k === 0 || s.start >= spans[k - 1].end);
}

function scanChinese(original: string): Scan {
  const text = foldToSimplified(original).toLowerCase();
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
  const closeClause = (at: number): void => {
    if (dangling) {
      const raw = original.slice(dangling.from, Math.min(at, dangling.from + 8));
      items.push({ text: raw, v: ZH_LACK, emo: [['frustration', 0.3]], negated: false, mult: dangling.mult, polite: false, seg: segs });
      dangling = null;
    }
    // A question asks about the good it names (有没有优惠？ 质量好吗): that is no praise.
    const ch = text[at];
    if (ch === '?' || ch === '？' || text[at - 1] === '吗') {
      for (let k = clauseItems; k < items.length; k++) if (items[k].v * items[k].mult > 0 && !items[k].polite) items[k].mult *= ASKED_ABOUT;
    }
    clauseItems = items.length;
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
 * three negative messages with no positive one between). medium: one signal,
 * or the last customer message that was not neutral strongly negative. low otherwise.
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
  // The last message that said how the customer feels: a neutral "Any news?" after an angry one leaves the anger standing.
  const lastFelt = scores.findLast((s) => Math.abs(s) >= NEUTRAL_BAND) ?? last;
  const rising = scores.length >= 2 && last <= -0.3 && last < first - 0.25;
  let run = 0;
  let longestRun = 0;
  // A neutral follow-up ("Any news on my refund?") neither adds to nor ends a run; only a positive message ends it.
  for (const s of scores) longestRun = Math.max(longestRun, (run = s <= -NEUTRAL_BAND ? run + 1 : s >= NEUTRAL_BAND ? 0 : run));
  const sustained = longestRun >= 3;
  const add = (code: EscalationReason, reason: string) => {
    codes.push(code);
    reasons.push(reason);
  };
  if (legal) add('legal', 'complaint or legal words (lawyer, regulator, 投诉 …)');
  if (manager) add('manager', 'asks for a manager, supervisor or a human');
  if (leave) add('leave', 'threatens to cancel, leave or post a bad review');
  if (rising) add('rising', `negativity rising across customer messages (${first.toFixed(2)} → ${last.toFixed(2)})`);
  else if (sustained) add('sustained', `${longestRun} negative customer messages with no positive one between`);
  const signals = [manager, leave, rising || sustained].filter(Boolean).length;
  let level: EscalationRisk['level'] = 'low';
  if (legal || signals >= 2) level = 'high';
  else if (signals === 1) level = 'medium';
  else if (lastFelt <= -0.5) {
    level = 'medium';
    add('last_negative', `last customer message strongly negative (${lastFelt.toFixed(2)})`);
  }
  return { level, reasons, codes };
}
