/**
 * npm run eval -- intent --train A.csv [--test B.csv] [--shots N] [--seed S] [--reject R] [--errors N]
 *
 * Trains lib/analysis/intent.ts on A.csv (UTF-8, header row, columns text,label,
 * more columns allowed) and scores it on B.csv. Without --test, a stratified 20 %
 * of A.csv is held out (fixed seed). --shots N keeps N examples per intent of
 * the training part (seeded). Training rows labelled `oos` (CLINC150) are
 * passed as out-of-scope examples (--no-oos-train leaves them out); test rows
 * labelled `oos` are correct when the answer is "unknown".
 *
 * Prints the worst classes by F1, a summary, training time and time per
 * message, and ends with one line:
 *   accuracy=0.912 macro_f1=0.897 n=3080
 *   accuracy=… macro_f1=… inscope_accuracy=… oos_recall=… n=…   (when the test has oos rows)
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { classifyIntent, parseIntentCsv, seededRandom, shuffleInPlace, trainIntents, UNKNOWN_INTENT, type IntentExample } from '../../lib/analysis/intent.ts';
import { f3, prf } from './metrics.ts';

const OOS = new Set(['oos', 'out_of_scope', 'unknown']);

/** Stratified split: `fraction` of each label (at least one when the label has ≥ 2 rows) goes to the test side. */
export function stratifiedSplit(rows: readonly IntentExample[], fraction: number, seed: number): { train: IntentExample[]; test: IntentExample[] } {
  const rand = seededRandom(seed);
  const by = new Map<string, IntentExample[]>();
  for (const r of rows) (by.get(r.label) ?? by.set(r.label, []).get(r.label)!).push(r);
  const train: IntentExample[] = [];
  const test: IntentExample[] = [];
  for (const label of [...by.keys()].sort()) {
    const g = shuffleInPlace([...by.get(label)!], rand);
    const k = g.length >= 2 ? Math.max(1, Math.round(g.length * fraction)) : 0;
    test.push(...g.slice(0, k));
    train.push(...g.slice(k));
  }
  return { train, test };
}

/** N examples per label, seeded. */
export function sampleShots(rows: readonly IntentExample[], shots: number, seed: number): IntentExample[] {
  const rand = seededRandom(seed);
  const by = new Map<string, IntentExample[]>();
  for (const r of rows) (by.get(r.label) ?? by.set(r.label, []).get(r.label)!).push(r);
  const out: IntentExample[] = [];
  for (const label of [...by.keys()].sort()) out.push(...shuffleInPlace([...by.get(label)!], rand).slice(0, shots));
  return out;
}

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      train: { type: 'string' },
      test: { type: 'string' },
      shots: { type: 'string' },
      seed: { type: 'string', default: '42' },
      reject: { type: 'string' },
      errors: { type: 'string', default: '0' },
      worst: { type: 'string', default: '10' },
      epochs: { type: 'string' },
      'centroid-weight': { type: 'string' },
      folds: { type: 'string' },
      lr: { type: 'string' },
      'min-df': { type: 'string' },
      'no-oos-train': { type: 'boolean', default: false },
    },
  });
  if (!values.train) {
    console.error('usage: npm run eval -- intent --train A.csv [--test B.csv] [--shots N] [--seed S] [--reject R] [--errors N]');
    return 2;
  }
  const seed = Number(values.seed);
  let train = parseIntentCsv(await readFile(values.train, 'utf8'));
  let test: IntentExample[];
  if (values.test) test = parseIntentCsv(await readFile(values.test, 'utf8'));
  else ({ train, test } = stratifiedSplit(train, 0.2, seed));
  const oosTrain = values['no-oos-train'] ? [] : train.filter((r) => OOS.has(r.label)).map((r) => r.text);
  train = train.filter((r) => !OOS.has(r.label)); // out-of-scope rows are not an intent
  if (values.shots) train = sampleShots(train, Number(values.shots), seed);

  const t0 = performance.now();
  const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  const model = trainIntents(train, {
    rejectRate: num(values.reject),
    epochs: num(values.epochs),
    centroidWeight: num(values['centroid-weight']),
    folds: num(values.folds),
    learningRate: num(values.lr),
    minDf: num(values['min-df']),
    outOfScope: oosTrain,
  });
  const trainMs = performance.now() - t0;

  for (const r of test.slice(0, 200)) classifyIntent(model, r.text); // warm-up
  const t1 = performance.now();
  const preds = test.map((r) => classifyIntent(model, r.text));
  const classifyMs = performance.now() - t1;

  // Scores. Gold oos ↔ predicted unknown.
  const gold = test.map((r) => (OOS.has(r.label) ? UNKNOWN_INTENT : r.label));
  const stats = new Map<string, { tp: number; fp: number; fn: number; n: number }>();
  const slot = (l: string) => stats.get(l) ?? stats.set(l, { tp: 0, fp: 0, fn: 0, n: 0 }).get(l)!;
  let correct = 0;
  let inScope = 0;
  let inScopeCorrect = 0;
  let inScopeUnknown = 0;
  let top1 = 0;
  let oos = 0;
  let oosCorrect = 0;
  const errors: string[] = [];
  preds.forEach((p, i) => {
    const g = gold[i]!;
    slot(g).n++;
    if (p.intent === g) {
      correct++;
      slot(g).tp++;
    } else {
      slot(g).fn++;
      slot(p.intent).fp++;
      errors.push(`  ${g.padEnd(28)} → ${p.intent.padEnd(28)} ${p.confidence.toFixed(3)} ${JSON.stringify(test[i]!.text)}`);
    }
    if (g === UNKNOWN_INTENT) {
      oos++;
      if (p.intent === UNKNOWN_INTENT) oosCorrect++;
    } else {
      inScope++;
      if (p.intent === g) inScopeCorrect++;
      if (p.intent === UNKNOWN_INTENT) inScopeUnknown++;
      if (p.top[0]?.intent === g) top1++;
    }
  });
  const rows = [...stats.entries()]
    .filter(([l, s]) => s.n > 0 && (l !== UNKNOWN_INTENT || oos > 0))
    .map(([label, s]) => {
      // n = tp + fn: every gold row of a class is either found or missed.
      const { p: precision, r: recall, f: f1 } = prf(s);
      return { label, ...s, precision, recall, f1 };
    });
  const macroF1 = rows.reduce((s, r) => s + r.f1, 0) / Math.max(1, rows.length);
  rows.sort((a, b) => a.f1 - b.f1 || a.label.localeCompare(b.label));

  const worst = Number(values.worst);
  console.log(`worst ${Math.min(worst, rows.length)} of ${rows.length} classes by F1:`);
  console.log('class                          n   precision  recall   f1');
  for (const r of rows.slice(0, worst)) console.log(`${r.label.padEnd(28)} ${String(r.n).padStart(4)}   ${f3(r.precision)}     ${f3(r.recall)}   ${f3(r.f1)}`);
  const shown = Number(values.errors);
  if (shown > 0) {
    console.log(`\nerrors (${errors.length}), gold → predicted confidence text:`);
    for (const e of errors.slice(0, shown)) console.log(e);
  }
  console.log('');
  console.log(
    `train_rows=${train.length} intents=${model.labels.length}${oosTrain.length ? ` (+${oosTrain.length} out-of-scope training rows)` : ''} test_rows=${test.length} features=${model.features.length} threshold=${model.threshold.toFixed(3)} model_json_kb=${(JSON.stringify(model).length / 1024).toFixed(0)}`,
  );
  console.log(`in-scope: ${inScope} rows, ${inScopeCorrect} right, ${inScopeUnknown} answered unknown, top-1 accuracy without the unknown threshold ${f3(top1 / Math.max(1, inScope))}; out-of-scope: ${oos} rows, ${oosCorrect} answered unknown`);
  console.log(`train_ms=${trainMs.toFixed(0)} classify_ms=${classifyMs.toFixed(1)} ms_per_message=${(classifyMs / Math.max(1, test.length)).toFixed(4)}`);
  const oosPart = oos ? ` inscope_accuracy=${f3(inScopeCorrect / Math.max(1, inScope))} oos_recall=${f3(oosCorrect / oos)}` : '';
  console.log(`accuracy=${f3(correct / Math.max(1, test.length))} macro_f1=${f3(macroF1)}${oosPart} n=${test.length}`);
  return 0;
}
