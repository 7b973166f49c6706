/**
 * Intent classification from a team's own examples (few-shot to thousands),
 * pure TypeScript for the background service worker: no DOM, no network.
 *
 * Features: NFKC-folded, lower-cased text; word unigrams and bigrams; character
 * 3–5-grams inside each word (with boundary marks); for CJK runs, character
 * 1–3-grams. Each feature is hashed (FNV-1a) into 2^bits buckets; TF-IDF with
 * sublinear tf, L2-normalised.
 *
 * Classifier: multinomial logistic regression (softmax) trained with Adagrad,
 * blended with a nearest-centroid cosine score (which helps when there are only
 * a handful of examples per intent). The confidence is the blended probability
 * of the best intent.
 *
 * "unknown": when the confidence is below a threshold calibrated by k-fold
 * cross-validation on the training examples: the `rejectRate` quantile of the
 * held-out confidences of correctly classified examples (default 5 %: about one
 * in twenty genuine in-scope messages of the kind seen in training would be
 * refused). A fixed `threshold` option overrides it.
 *
 * The model is a plain JSON-serialisable object (weights quantised to 8 bits
 * per feature row, base64); classifyIntent gives the same answers on a model
 * that went through JSON.stringify / JSON.parse.
 */

import { parseCsv } from '../csv';
import { mulberry32 } from '../prng';
export interface IntentExample {
  text: string;
  label: string;
}

export interface IntentOptions {
  /** log2 of the hashed feature space (default 18). */
  bits?: number;
  /** Training passes (default 20 under 3000 examples, else 6). */
  epochs?: number;
  /** Adagrad learning rate (default 0.1). */
  learningRate?: number;
  /** L2 penalty per update (default 1e-5). */
  l2?: number;
  /** Weight of the centroid cosine score in the blend, 0–1 (default: 0.5 when ≤ 20 examples per intent on average, else 0.2). */
  centroidWeight?: number;
  /** Fraction of correctly classified held-out examples allowed under the threshold (default 0.05). */
  rejectRate?: number;
  /** Fixed confidence threshold for "unknown" (skips calibration). */
  threshold?: number;
  /** Cross-validation folds used for calibration (default 3, or 2 from 5000 examples; 0 = no calibration, threshold 0). */
  folds?: number;
  /** Seed for shuffling (default 1). */
  seed?: number;
  /** Drop features seen in fewer examples than this (default: 2 when ≥ 2000 examples, else 1). */
  minDf?: number;
}

export interface IntentModel {
  version: 1;
  bits: number;
  labels: string[];
  /** Hashed feature ids kept, ascending. */
  features: number[];
  /** IDF per kept feature (same order), rounded. */
  idf: number[];
  /** Per feature: scale of its quantised weight row. */
  scales: number[];
  /** features.length × labels.length int8 weights, base64. */
  weights: string;
  bias: number[];
  /** Class centroids: per label, sparse [featureIndex, value] pairs (L2-normalised, rounded). */
  centroids: [number, number][][];
  centroidWeight: number;
  /** Confidence under which the answer is "unknown". */
  threshold: number;
  /** Training examples per label. */
  counts: number[];
}

export interface IntentResult {
  intent: string | 'unknown';
  confidence: number;
  /** Best intents, highest score first (at most 5). */
  top: { intent: string; score: number }[];
}

export const UNKNOWN_INTENT = 'unknown';

// ------------------------------------------------------------------ features

const CJK_RE = /[\u3400-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af]/;
const TOKEN_RE = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Normalised text: NFKC (full-width → ASCII), lower case, curly apostrophes folded. */
export function normaliseText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[’‘`]/g, "'");
}

/** Raw feature strings of a text (exported for tests and diagnostics). */
export function featureStrings(text: string): string[] {
  const out: string[] = [];
  const words: string[] = [];
  for (const m of normaliseText(text).matchAll(TOKEN_RE)) {
    const tok = m[0];
    // Split a token into CJK runs and other runs.
    let run = '';
    let runCjk = false;
    const flush = () => {
      if (!run) return;
      if (runCjk) {
        const chars = Array.from(run);
        for (let i = 0; i < chars.length; i++) {
          out.push('c1:' + chars[i]);
          if (i + 1 < chars.length) out.push('c2:' + chars[i] + chars[i + 1]);
          if (i + 2 < chars.length) out.push('c3:' + chars[i] + chars[i + 1] + chars[i + 2]);
        }
        words.push('\u0001'); // a CJK run breaks word bigrams
      } else {
        const w = run.replace(/'/g, '');
        words.push(w);
        out.push('w:' + w);
        const p = '<' + w + '>';
        for (let n = 3; n <= 5; n++) for (let i = 0; i + n <= p.length; i++) out.push('g:' + p.slice(i, i + n));
        if (p.length < 3) out.push('g:' + p);
      }
      run = '';
    };
    for (const ch of tok) {
      const cjk = CJK_RE.test(ch);
      if (run && cjk !== runCjk) flush();
      runCjk = cjk;
      run += ch;
    }
    flush();
  }
  for (let i = 0; i + 1 < words.length; i++) {
    if (words[i] !== '\u0001' && words[i + 1] !== '\u0001') out.push('b:' + words[i] + ' ' + words[i + 1]);
  }
  return out;
}

/** Hashed term counts of a text. */
function hashedCounts(text: string, mask: number): Map<number, number> {
  const counts = new Map<number, number>();
  for (const f of featureStrings(text)) {
    const h = fnv1a(f) & mask;
    counts.set(h, (counts.get(h) ?? 0) + 1);
  }
  return counts;
}

interface SparseVec {
  idx: Int32Array;
  val: Float32Array;
}

function tfidfVector(counts: Map<number, number>, index: Map<number, number>, idf: ArrayLike<number>): SparseVec {
  const idx: number[] = [];
  const val: number[] = [];
  let norm = 0;
  for (const [h, c] of counts) {
    const j = index.get(h);
    if (j === undefined) continue;
    const v = (1 + Math.log(c)) * idf[j]!;
    idx.push(j);
    val.push(v);
    norm += v * v;
  }
  norm = Math.sqrt(norm) || 1;
  const out: SparseVec = { idx: Int32Array.from(idx), val: new Float32Array(val.length) };
  for (let i = 0; i < val.length; i++) out.val[i] = val[i]! / norm;
  return out;
}

// ------------------------------------------------------------------ random


export function shuffleInPlace<T>(arr: T[], rand: () => number): T[] {
  for (let i = arr.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [arr[i], arr[j]] = [arr[j]!, arr[i]!];
  }
  return arr;
}

/** A seeded random generator in [0, 1), for reproducible sampling. */
export function seededRandom(seed: number): () => number {
  return mulberry32(seed);
}

// ------------------------------------------------------------------ base64 (no Buffer in the service worker)

function bytesToBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function base64ToBytes(b64: string): Uint8Array {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

// ------------------------------------------------------------------ training core

interface Core {
  labels: string[];
  index: Map<number, number>;
  features: number[];
  idf: Float32Array;
  W: Float32Array; // features × C
  bias: Float32Array;
  centroids: SparseVec[];
  /** Centroids as a dense feature-major F × C matrix. */
  M: Float32Array;
  centroidWeight: number;
}

const round = (x: number, d: number) => {
  const f = 10 ** d;
  return Math.round(x * f) / f;
};

function trainCore(examples: readonly { counts: Map<number, number>; y: number }[], labels: string[], opts: Required<Omit<IntentOptions, 'threshold' | 'centroidWeight' | 'minDf'>> & { centroidWeight: number; minDf: number }): Core {
  const C = labels.length;
  // Document frequencies.
  const df = new Map<number, number>();
  for (const e of examples) for (const h of e.counts.keys()) df.set(h, (df.get(h) ?? 0) + 1);
  const features = [...df.entries()].filter(([, d]) => d >= opts.minDf).map(([h]) => h).sort((a, b) => a - b);
  const index = new Map<number, number>();
  features.forEach((h, j) => index.set(h, j));
  const N = examples.length;
  const idf = new Float32Array(features.length);
  features.forEach((h, j) => (idf[j] = round(Math.log((1 + N) / (1 + df.get(h)!)) + 1, 4)));
  const X = examples.map((e) => tfidfVector(e.counts, index, idf));
  const Y = examples.map((e) => e.y);

  // Softmax regression, Adagrad.
  const F = features.length;
  const W = new Float32Array(F * C);
  const G = new Float32Array(F * C).fill(1e-8);
  const bias = new Float32Array(C);
  const GB = new Float32Array(C).fill(1e-8);
  const z = new Float64Array(C);
  const order = Array.from({ length: N }, (_, i) => i);
  const rand = mulberry32(opts.seed);
  const lr = opts.learningRate;
  const l2 = opts.l2;
  for (let ep = 0; ep < opts.epochs; ep++) {
    shuffleInPlace(order, rand);
    for (const n of order) {
      const x = X[n]!;
      const y = Y[n]!;
      linear(W, bias, x, C, z);
      let max = -Infinity;
      for (let c = 0; c < C; c++) if (z[c]! > max) max = z[c]!;
      let sum = 0;
      for (let c = 0; c < C; c++) sum += z[c] = Math.exp(z[c]! - max);
      for (let c = 0; c < C; c++) {
        const g = z[c]! / sum - (c === y ? 1 : 0);
        GB[c]! += g * g;
        bias[c]! -= (lr * g) / Math.sqrt(GB[c]!);
        if (Math.abs(g) < 1e-3) continue;
        for (let k = 0; k < x.idx.length; k++) {
          const p = x.idx[k]! * C + c;
          const gw = g * x.val[k]! + l2 * W[p]!;
          G[p]! += gw * gw;
          W[p]! -= (lr * gw) / Math.sqrt(G[p]!);
        }
      }
    }
  }

  // Centroids.
  const sums: Map<number, number>[] = labels.map(() => new Map());
  X.forEach((x, n) => {
    const m = sums[Y[n]!]!;
    for (let k = 0; k < x.idx.length; k++) m.set(x.idx[k]!, (m.get(x.idx[k]!) ?? 0) + x.val[k]!);
  });
  const centroids = sums.map((m) => {
    const entries = [...m.entries()].sort((a, b) => a[0] - b[0]);
    const norm = Math.sqrt(entries.reduce((s, [, v]) => s + v * v, 0)) || 1;
    return { idx: Int32Array.from(entries.map((e) => e[0])), val: Float32Array.from(entries.map((e) => e[1] / norm)) };
  });
  return { labels, index, features, idf, W, bias, centroids, M: denseCentroids(centroids, F, C), centroidWeight: opts.centroidWeight };
}

/** z = bias + xᵀW for a feature-major F × C matrix. */
function linear(W: Float32Array, bias: Float32Array | null, x: SparseVec, C: number, z: Float64Array): void {
  for (let c = 0; c < C; c++) z[c] = bias ? bias[c]! : 0;
  for (let k = 0; k < x.idx.length; k++) {
    const base = x.idx[k]! * C;
    const v = x.val[k]!;
    for (let c = 0; c < C; c++) z[c]! += v * W[base + c]!;
  }
}

function denseCentroids(centroids: SparseVec[], F: number, C: number): Float32Array {
  const M = new Float32Array(F * C);
  centroids.forEach((v, c) => {
    for (let k = 0; k < v.idx.length; k++) M[v.idx[k]! * C + c] = v.val[k]!;
  });
  return M;
}

/** Blended class scores (sum to 1). */
function scoreCore(core: Core, x: SparseVec, C: number, bits: number): Float64Array {
  void bits;
  const z = new Float64Array(C);
  linear(core.W, core.bias, x, C, z);
  let max = -Infinity;
  for (let c = 0; c < C; c++) if (z[c]! > max) max = z[c]!;
  let sum = 0;
  for (let c = 0; c < C; c++) sum += z[c] = Math.exp(z[c]! - max);
  for (let c = 0; c < C; c++) z[c] = z[c]! / sum;
  const cw = core.centroidWeight;
  if (cw > 0) {
    // Cosine to each centroid, turned into a distribution with a sharp softmax.
    const cos = new Float64Array(C);
    linear(core.M, null, x, C, cos);
    let cmax = -Infinity;
    for (let c = 0; c < C; c++) if (cos[c]! > cmax) cmax = cos[c]!;
    const T = 20;
    let csum = 0;
    for (let c = 0; c < C; c++) csum += cos[c] = Math.exp(T * (cos[c]! - cmax));
    // Scale the centroid distribution by how close the best centroid is at all,
    // so that text unlike every intent does not get a confident centroid vote.
    const closeness = Math.min(1, Math.max(0, cmax) / 0.5);
    for (let c = 0; c < C; c++) z[c] = (1 - cw) * z[c]! + cw * closeness * (cos[c]! / csum) + (cw * (1 - closeness)) / C;
  }
  return z;
}

function coreFromModel(model: IntentModel): Core {
  const C = model.labels.length;
  const F = model.features.length;
  const q = new Int8Array(base64ToBytes(model.weights).buffer);
  const W = new Float32Array(F * C);
  for (let j = 0; j < F; j++) {
    const s = model.scales[j]!;
    for (let c = 0; c < C; c++) W[j * C + c] = q[j * C + c]! * s;
  }
  const index = new Map<number, number>();
  model.features.forEach((h, j) => index.set(h, j));
  const centroids = model.centroids.map((pairs) => ({ idx: Int32Array.from(pairs.map((p) => p[0])), val: Float32Array.from(pairs.map((p) => p[1])) }));
  return {
    labels: model.labels,
    index,
    features: model.features,
    idf: Float32Array.from(model.idf),
    W,
    bias: Float32Array.from(model.bias),
    centroids,
    M: denseCentroids(centroids, F, C),
    centroidWeight: model.centroidWeight,
  };
}

function quantise(core: Core, C: number): { scales: number[]; weights: string } {
  const F = core.features.length;
  const q = new Int8Array(F * C);
  const scales: number[] = new Array(F);
  for (let j = 0; j < F; j++) {
    let m = 0;
    for (let c = 0; c < C; c++) m = Math.max(m, Math.abs(core.W[j * C + c]!));
    const s = m > 0 ? Number((m / 127).toPrecision(6)) : 0;
    scales[j] = s;
    for (let c = 0; c < C; c++) q[j * C + c] = s > 0 ? Math.max(-127, Math.min(127, Math.round(core.W[j * C + c]! / s))) : 0;
  }
  return { scales, weights: bytesToBase64(new Uint8Array(q.buffer)) };
}

// ------------------------------------------------------------------ public API

const DEFAULTS = { bits: 18, epochs: 6, learningRate: 0.1, l2: 1e-5, rejectRate: 0.05, folds: 3, seed: 1 };

/** Train a model from labelled examples (labels are kept as given; empty texts/labels are skipped). */
export function trainIntents(examples: readonly IntentExample[], options: IntentOptions = {}): IntentModel {
  const clean = examples.filter((e) => e && typeof e.text === 'string' && e.text.trim() && typeof e.label === 'string' && e.label.trim());
  const labels = [...new Set(clean.map((e) => e.label.trim()))].sort();
  if (labels.length === 0) throw new Error('trainIntents: no labelled examples');
  const bits = Math.max(10, Math.min(24, options.bits ?? DEFAULTS.bits));
  const mask = 2 ** bits - 1;
  const C = labels.length;
  const perLabel = clean.length / C;
  const def = <T>(v: T | undefined, d: T): T => (v === undefined || (typeof v === 'number' && Number.isNaN(v)) ? d : v);
  const opts = {
    bits,
    epochs: def(options.epochs, clean.length < 3000 ? 20 : DEFAULTS.epochs),
    learningRate: def(options.learningRate, DEFAULTS.learningRate),
    l2: def(options.l2, DEFAULTS.l2),
    rejectRate: def(options.rejectRate, DEFAULTS.rejectRate),
    folds: def(options.folds, clean.length >= 5000 ? 2 : DEFAULTS.folds),
    seed: def(options.seed, DEFAULTS.seed),
    centroidWeight: def(options.centroidWeight, perLabel <= 20 ? 0.5 : 0.2),
    minDf: def(options.minDf, clean.length >= 2000 ? 2 : 1),
  };
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const data = clean.map((e) => ({ counts: hashedCounts(e.text, mask), y: labelIndex.get(e.label.trim())! }));

  // Calibrate the threshold on held-out folds.
  let threshold = options.threshold ?? 0;
  if (options.threshold === undefined && opts.folds >= 2 && C >= 2) {
    const rand = mulberry32(opts.seed + 7);
    // Stratified fold assignment.
    const fold = new Int32Array(data.length);
    const byLabel: number[][] = labels.map(() => []);
    data.forEach((d, i) => byLabel[d.y]!.push(i));
    for (const rows of byLabel) shuffleInPlace(rows, rand).forEach((i, k) => (fold[i] = k % opts.folds));
    const confidences: number[] = [];
    for (let f = 0; f < opts.folds; f++) {
      const train = data.filter((_, i) => fold[i] !== f);
      const held = data.filter((_, i) => fold[i] === f);
      if (!held.length || !train.length) continue;
      const core = trainCore(train, labels, { ...opts, epochs: Math.max(3, Math.ceil(opts.epochs / 2)) });
      for (const h of held) {
        const z = scoreCore(core, tfidfVector(h.counts, core.index, core.idf), C, bits);
        let best = 0;
        for (let c = 1; c < C; c++) if (z[c]! > z[best]!) best = c;
        if (best === h.y) confidences.push(z[best]!);
      }
    }
    if (confidences.length) {
      confidences.sort((a, b) => a - b);
      threshold = confidences[Math.min(confidences.length - 1, Math.floor(opts.rejectRate * confidences.length))]!;
    }
  }

  const core = trainCore(data, labels, opts);
  const { scales, weights } = quantise(core, C);
  const counts = labels.map(() => 0);
  for (const d of data) counts[d.y]!++;
  return {
    version: 1,
    bits,
    labels,
    features: core.features,
    idf: Array.from(core.idf),
    scales,
    weights,
    bias: Array.from(core.bias, (b) => round(b, 5)),
    centroids: core.centroids.map((v) => Array.from(v.idx, (j, k): [number, number] => [j, round(v.val[k]!, 5)])),
    centroidWeight: opts.centroidWeight,
    threshold: round(threshold, 5),
    counts,
  };
}

const CORES = new WeakMap<IntentModel, Core>();

/** Classify one message. The first call on a model unpacks its weights (cached per model object). */
export function classifyIntent(model: IntentModel, text: string): IntentResult {
  let core = CORES.get(model);
  if (!core) {
    core = coreFromModel(model);
    CORES.set(model, core);
  }
  const C = model.labels.length;
  const x = tfidfVector(hashedCounts(text ?? '', 2 ** model.bits - 1), core.index, core.idf);
  if (x.idx.length === 0) {
    return { intent: UNKNOWN_INTENT, confidence: 0, top: [] };
  }
  const z = scoreCore(core, x, C, model.bits);
  const order = Array.from({ length: C }, (_, c) => c).sort((a, b) => z[b]! - z[a]!);
  const top = order.slice(0, 5).map((c) => ({ intent: model.labels[c]!, score: round(z[c]!, 4) }));
  const best = order[0]!;
  const confidence = z[best]!;
  return { intent: confidence >= model.threshold ? model.labels[best]! : UNKNOWN_INTENT, confidence: round(confidence, 4), top };
}

// ------------------------------------------------------------------ CSV import

export { parseCsv } from '../csv';

/**
 * Examples from a CSV with a header row: columns named `text` and `label`
 * (case-insensitive; also `intent`/`category` for the label, `utterance`/
 * `message`/`phrase` for the text), anywhere among other columns; without
 * such names, the first two columns. Rows with an empty text or label are skipped.
 */
export function parseIntentCsv(source: string): IntentExample[] {
  const rows = parseCsv(source);
  if (!rows.length) return [];
  const header = rows[0]!.map((h) => h.trim().toLowerCase());
  const find = (names: string[]) => header.findIndex((h) => names.includes(h));
  let ti = find(['text', 'utterance', 'message', 'phrase', 'example', 'sentence', 'query']);
  let li = find(['label', 'intent', 'class', 'category']);
  if (ti < 0 || li < 0) {
    ti = 0;
    li = 1;
  }
  const out: IntentExample[] = [];
  for (const r of rows.slice(1)) {
    const text = (r[ti] ?? '').trim();
    const label = (r[li] ?? '').trim();
    if (text && label) out.push({ text, label });
  }
  return out;
}
