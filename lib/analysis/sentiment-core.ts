/**
 * What the English and Chinese sentiment scanners share: the result types, the
 * lexicon entries they look words up in, and the scoring of a scan (sum,
 * contrast, exclamation, emotion, drivers). See ./sentiment.ts for the rules.
 */
export type SentimentLabel = 'positive' | 'negative' | 'neutral';
export const EMOTIONS = ['anger', 'frustration', 'sadness', 'fear', 'joy', 'surprise', 'neutral'] as const;
export type Emotion = (typeof EMOTIONS)[number];
export type CueEmotion = Exclude<Emotion, 'neutral'>;

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
const MAX_DRIVERS = 6;
/**
 * Chosen so that one clear word (±1.6) asked about stays inside the neutral band
 * (1.6 × 0.2 → |score| 0.08 < NEUTRAL_BAND: "Is my flight delayed?").
 */
export const ASKED_ABOUT = 0.2;

// ------------------------------------------------------------------ tables

export interface Entry {
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

export function addEntry(map: Map<string, Entry>, key: string, patch: Partial<Entry>): void {
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
export function deriveValence(map: Map<string, Entry>): void {
  for (const e of map.values()) {
    if (e.v !== undefined || !e.emo || e.neg || e.deg !== undefined || e.neutral) continue;
    let v = 0;
    for (const [emo, w] of e.emo) if (w >= 1 && CUE_SIGN[emo]) v += CUE_SIGN[emo]! * Math.min(1.8, 0.9 * w);
    if (v !== 0) e.v = Math.max(-1.8, Math.min(1.8, v));
  }
}

export function cueList(s: string): [string, number][] {
  return s
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => {
      const i = w.lastIndexOf(':');
      return i > 0 ? [w.slice(0, i), Number(w.slice(i + 1))] : [w, 1];
    });
}

// ---------------------------------------------------------------- scoring

export interface Item {
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

export interface Scan {
  items: Item[];
  exclaim: number;
  question: number;
  /** Number of contrast words seen. */
  segs: number;
  /** Factor on the whole sum (a third-person report with a link says less about the writer's feelings). */
  damp?: number;
}

const emptyEmotions = (): Record<CueEmotion, number> => ({ anger: 0, frustration: 0, sadness: 0, fear: 0, joy: 0, surprise: 0 });

export function finish(scan: Scan, language: 'en' | 'zh'): SentimentResult {
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
