/**
 * npm run eval -- sentiment --test F.csv [--errors N] [--lang en|zh]
 * npm run eval -- emotion --test F.csv [--errors N] [--lang en|zh]
 *
 * Scores lib/analysis/sentiment.ts on a UTF-8 CSV with a header and columns
 * `text,label` (more columns are ignored; quoted fields with "" escapes and
 * newlines are read properly).
 *
 * sentiment: labels positive / negative / neutral (aliases pos, neg, 1, 0, -1 …).
 * - With three classes in the file: 3-class accuracy and macro-F1 of the label
 *   the analyser gives (neutral when |score| < NEUTRAL_BAND, a fixed constant
 *   of lib/analysis/sentiment.ts, never fitted to the file), with a confusion
 *   table.
 * - With only positive and negative: scored on the sign of the score; a score
 *   of exactly 0 (no sentiment word found) counts as wrong (reported as
 *   "zero"), and the figures with 0 → positive and 0 → negative are printed
 *   for information. Macro-F1 is over the two classes.
 * emotion: gold labels are mapped by meaning onto the analyser's emotions
 *   (happy/joy/love… → joy, angry/disgust/… → anger, sad/grief … → sadness,
 *   afraid/nervous → fear, surprised/amazed → surprise, none/other → neutral);
 *   the analyser's `frustration` counts as `anger` when the file has no
 *   frustration label. A multi-label row (labels joined by ';') is correct when
 *   the prediction matches any of them; per-class figures use the first gold
 *   label that matches, or the first label when none does.
 * Prints per-class precision/recall/F1, speed, and ends with one line:
 *   accuracy=0.912 macro_f1=0.897 n=3080
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { analyzeSentiment, NEUTRAL_BAND, type SentimentResult } from '../../lib/analysis/sentiment.ts';
import { parseCsv } from '../../lib/csv.ts';
import { f3, prf, type ClassCounts } from './metrics.ts';


export interface LabelledRow {
  text: string;
  labels: string[];
}

export function readRows(source: string): LabelledRow[] {
  const [header, ...rows] = parseCsv(source);
  if (!header) return [];
  const h = header.map((x) => x.trim().toLowerCase());
  const ti = h.indexOf('text');
  const li = h.indexOf('label');
  if (ti < 0 || li < 0) throw new Error(`expected a header with text and label columns, got: ${header.join(',')}`);
  return rows
    .filter((r) => r.length > Math.max(ti, li))
    .map((r) => ({ text: r[ti], labels: r[li].split(';').map((x) => x.trim().toLowerCase()).filter(Boolean) }));
}

const SENTIMENT_ALIASES: Record<string, string> = {
  positive: 'positive', pos: 'positive', '1': 'positive', p: 'positive', good: 'positive',
  negative: 'negative', neg: 'negative', '-1': 'negative', n: 'negative', bad: 'negative',
  neutral: 'neutral', neu: 'neutral', '0': 'neutral', none: 'neutral', mixed: 'neutral',
};

/** Gold emotion names → analyser emotions; how each was folded is printed. */
const EMOTION_ALIASES: Record<string, string> = {
  joy: 'joy', happy: 'joy', happiness: 'joy', love: 'joy', gratitude: 'joy', admiration: 'joy', amusement: 'joy',
  approval: 'joy', excitement: 'joy', optimism: 'joy', pride: 'joy', relief: 'joy', caring: 'joy', desire: 'joy', positive: 'joy',
  anger: 'anger', angry: 'anger', disgust: 'anger', disgusted: 'anger', annoyance: 'anger', rage: 'anger', disapproval: 'anger', hate: 'anger',
  frustration: 'frustration', frustrated: 'frustration',
  sadness: 'sadness', sad: 'sadness', grief: 'sadness', remorse: 'sadness', disappointment: 'sadness', sorrow: 'sadness',
  fear: 'fear', afraid: 'fear', scared: 'fear', nervousness: 'fear', anxiety: 'fear', worry: 'fear',
  surprise: 'surprise', surprised: 'surprise', amazement: 'surprise', confusion: 'surprise', curiosity: 'surprise', realization: 'surprise',
  neutral: 'neutral', none: 'neutral', other: 'neutral', noemotion: 'neutral', no_emotion: 'neutral',
};


export interface Score {
  accuracy: number;
  macroF1: number;
  n: number;
  perClass: Record<string, ClassCounts>;
}

/** gold: acceptable labels per row (any matches); pred: one label per row. */
export function score(gold: string[][], pred: string[], classes: readonly string[]): Score {
  const perClass: Record<string, ClassCounts> = Object.fromEntries(classes.map((c) => [c, { tp: 0, fp: 0, fn: 0 }]));
  let correct = 0;
  gold.forEach((g, i) => {
    const p = pred[i];
    const hit = g.includes(p);
    const g0 = hit ? p : g[0];
    if (hit) { correct++; perClass[p].tp++; }
    else {
      (perClass[g0] ??= { tp: 0, fp: 0, fn: 0 }).fn++;
      (perClass[p] ??= { tp: 0, fp: 0, fn: 0 }).fp++;
    }
  });
  const scored = classes.filter((c) => perClass[c].tp + perClass[c].fn > 0);
  const macroF1 = scored.reduce((s, c) => s + prf(perClass[c]).f, 0) / (scored.length || 1);
  return { accuracy: gold.length ? correct / gold.length : 0, macroF1, n: gold.length, perClass };
}


/** Gold (rows) against predicted (columns), first gold label of each row. */
function confusion(gold: string[][], pred: string[], classes: string[]): string[] {
  const lines = [`gold \\ predicted ${classes.map((c) => c.padStart(9)).join('')}`];
  for (const g of classes) {
    const counts = classes.map((p) => gold.filter((x, i) => x[0] === g && pred[i] === p).length);
    lines.push(`${g.padEnd(17)} ${counts.map((n) => String(n).padStart(9)).join('')}`);
  }
  return lines;
}

function report(s: Score): string[] {
  const lines = ['class         gold   pred  precision  recall     f1'];
  for (const [c, k] of Object.entries(s.perClass)) {
    const { p, r, f } = prf(k);
    lines.push(`${c.padEnd(12)} ${String(k.tp + k.fn).padStart(5)}  ${String(k.tp + k.fp).padStart(5)}      ${f3(p)}   ${f3(r)}  ${f3(f)}`);
  }
  return lines;
}

async function run(task: 'sentiment' | 'emotion', argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { test: { type: 'string' }, errors: { type: 'string' }, lang: { type: 'string' } } });
  if (!values.test) {
    console.error(`usage: npm run eval -- ${task} --test F.csv [--errors N] [--lang en|zh]`);
    return 2;
  }
  const rows = readRows(await readFile(values.test, 'utf8'));
  const lang = values.lang === 'zh' ? 'zh' : values.lang === 'en' ? 'en' : undefined;
  const t0 = performance.now();
  const results: SentimentResult[] = rows.map((r) => analyzeSentiment(r.text, lang));
  const ms = performance.now() - t0;
  const errorsToShow = Number(values.errors ?? 0);
  const unknown = new Map<string, number>();
  const errors: string[] = [];
  let s: Score;

  if (task === 'sentiment') {
    const gold = rows.map((r) => r.labels.map((l) => SENTIMENT_ALIASES[l] ?? (unknown.set(l, (unknown.get(l) ?? 0) + 1), l)));
    const binary = !gold.some((g) => g.includes('neutral'));
    if (binary) {
      const zero = results.filter((r) => r.score === 0).length;
      const sign = (r: SentimentResult, z: string) => (r.score > 0 ? 'positive' : r.score < 0 ? 'negative' : z);
      s = score(gold, results.map((r) => sign(r, 'zero')), ['positive', 'negative']);
      const asPos = score(gold, results.map((r) => sign(r, 'positive')), ['positive', 'negative']);
      const asNeg = score(gold, results.map((r) => sign(r, 'negative')), ['positive', 'negative']);
      console.log(`binary file (positive/negative): scored on the sign of the score; score 0 counts as wrong`);
      console.log(`  score exactly 0 (no sentiment word found): ${zero} of ${rows.length} (${f3(zero / (rows.length || 1))})`);
      console.log(`  for information: 0 → positive accuracy=${f3(asPos.accuracy)}; 0 → negative accuracy=${f3(asNeg.accuracy)}`);
      const lab = score(gold, results.map((r) => r.label), ['positive', 'negative', 'neutral']);
      console.log(`  3-way label (|score| < ${NEUTRAL_BAND} is neutral, always wrong here): accuracy=${f3(lab.accuracy)}`);
      delete s.perClass.zero;
      gold.forEach((g, i) => { if (!g.includes(sign(results[i], 'zero'))) errors.push(`${g.join(';')} ← ${results[i].score} ${JSON.stringify(rows[i].text.slice(0, 120))} ${results[i].drivers.map((d) => `${d.text}:${d.weight}`).join(' ')}`); });
    } else {
      const classes = ['positive', 'negative', 'neutral'];
      s = score(gold, results.map((r) => r.label), classes);
      console.log(`3-class file: scored on the label (|score| < ${NEUTRAL_BAND} is neutral)`);
      for (const line of confusion(gold, results.map((r) => r.label), classes)) console.log(line);
      gold.forEach((g, i) => { if (!g.includes(results[i].label)) errors.push(`${g.join(';')} ← ${results[i].label} ${results[i].score} ${JSON.stringify(rows[i].text.slice(0, 120))}`); });
    }
  } else {
    const mapped = new Map<string, string>();
    const gold = rows.map((r) => r.labels.map((l) => {
      const m = EMOTION_ALIASES[l.replace(/\s+/g, '_')];
      if (!m) { unknown.set(l, (unknown.get(l) ?? 0) + 1); return l; }
      if (m !== l) mapped.set(l, m);
      return m;
    }));
    const hasFrustration = gold.some((g) => g.includes('frustration'));
    const pred = results.map((r) => (r.emotion === 'frustration' && !hasFrustration ? 'anger' : r.emotion));
    const classes = hasFrustration ? ['anger', 'frustration', 'sadness', 'fear', 'joy', 'surprise', 'neutral'] : ['anger', 'sadness', 'fear', 'joy', 'surprise', 'neutral'];
    s = score(gold, pred, classes);
    console.log(`label mapping: ${[...mapped].map(([a, b]) => `${a} → ${b}`).join(', ') || 'labels used as they are'}${hasFrustration ? '' : '; predicted frustration → anger (no frustration label in the file)'}`);
    console.log(`multi-label rows (';'): ${gold.filter((g) => g.length > 1).length}, correct when any label matches`);
    gold.forEach((g, i) => { if (!g.includes(pred[i])) errors.push(`${g.join(';')} ← ${pred[i]} ${JSON.stringify(rows[i].text.slice(0, 120))}`); });
  }
  if (unknown.size) console.log(`unknown labels (scored as they are, never predicted): ${[...unknown].map(([l, n]) => `${l}×${n}`).join(', ')}`);
  for (const line of report(s)) console.log(line);
  if (errorsToShow > 0) {
    console.log(`\nfirst ${Math.min(errorsToShow, errors.length)} of ${errors.length} errors:`);
    for (const e of errors.slice(0, errorsToShow)) console.log('  ' + e);
  }
  console.log(`speed: ${(ms / (rows.length || 1) * 1000).toFixed(1)} µs/message (${rows.length} messages in ${ms.toFixed(0)} ms, cold start included)`);
  console.log(`accuracy=${f3(s.accuracy)} macro_f1=${f3(s.macroF1)} n=${s.n}`);
  return 0;
}

export function main(argv: string[]): Promise<number> {
  return run('sentiment', argv);
}
export function mainEmotion(argv: string[]): Promise<number> {
  return run('emotion', argv);
}
