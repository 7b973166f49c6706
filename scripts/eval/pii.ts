/**
 * npm run eval -- pii --test F.jsonl [--custom PATTERNS.json] [--errors N]
 * npm run eval -- pii --generate N --out F.jsonl [--seed S]   (same as pii-gen)
 *
 * Scores lib/analysis/pii.ts on a labelled file, one JSON object a line:
 *   {"text": "...", "spans": [{"start": 0, "end": 5, "type": "email"}]}
 * Gold type names are matched case-insensitively, with common aliases
 * (credit_card → card, ipv4 → ip, …); unknown types are reported as they are.
 *
 * - A gold span is found (recall) when the union of predicted spans covers all
 *   of [start, end), whatever the predicted types.
 * - A predicted span is correct (precision) when it overlaps some gold span.
 * Prints per-type recall with counts, per-type precision of the predictions,
 * the detector's speed, and ends with one line:
 *   precision=0.987 recall=0.991 n=1200        (n = gold spans)
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { findPii, type CustomPattern, type PiiOptions, type Span } from '../../lib/analysis/pii.ts';
import { f3 } from './metrics.ts';

export interface GoldSpan {
  start: number;
  end: number;
  type: string;
}
export interface PiiDoc {
  text: string;
  spans: GoldSpan[];
}

const ALIASES: Record<string, string> = {
  e_mail: 'email', email_address: 'email', mail: 'email',
  phone_number: 'phone', telephone: 'phone', tel: 'phone', mobile: 'phone', phonenumber: 'phone',
  credit_card: 'card', creditcard: 'card', card_number: 'card', cc: 'card', payment_card: 'card', bank_card: 'card',
  iban_code: 'iban',
  cnid: 'cn_id', cn_resident_id: 'cn_id', chinese_id: 'cn_id', id_card: 'cn_id', resident_id: 'cn_id', cn_id_card: 'cn_id',
  us_ssn: 'ssn', social_security_number: 'ssn',
  ipv4: 'ip', ipv6: 'ip', ip_address: 'ip',
};

/** Lower-cased, spaces and dashes as underscores, aliases folded. */
export function normaliseType(type: string): string {
  const t = type.trim().toLowerCase().replace(/[\s\-]+/g, '_');
  return ALIASES[t] ?? t;
}

export interface TypeScore {
  gold: number;
  found: number;
  /** Found gold spans covered by a prediction of the same type. */
  sameType: number;
  predicted: number;
  correct: number;
}
export interface PiiScore {
  precision: number;
  recall: number;
  /** Gold spans. */
  n: number;
  found: number;
  predicted: number;
  correct: number;
  byType: Record<string, TypeScore>;
  misses: { text: string; span: GoldSpan }[];
  falsePositives: { text: string; span: Span }[];
}

/** Whether the union of the (sorted, non-overlapping or not) intervals covers [start, end). */
function covered(pred: readonly Span[], start: number, end: number): boolean {
  let at = start;
  for (const p of pred) {
    if (p.start > at) break;
    if (p.end > at) at = p.end;
    if (at >= end) return true;
  }
  return at >= end;
}

export function scorePii(docs: readonly PiiDoc[], detect: (text: string, index: number) => Span[] = (t) => findPii(t)): PiiScore {
  const byType: Record<string, TypeScore> = {};
  const slot = (t: string) => (byType[t] ??= { gold: 0, found: 0, sameType: 0, predicted: 0, correct: 0 });
  const misses: PiiScore['misses'] = [];
  const falsePositives: PiiScore['falsePositives'] = [];
  let n = 0;
  let found = 0;
  let predicted = 0;
  let correct = 0;
  docs.forEach((doc, index) => {
    const pred = [...detect(doc.text, index)].sort((a, b) => a.start - b.start);
    const gold = doc.spans.map((s) => ({ ...s, type: normaliseType(s.type) }));
    for (const g of gold) {
      const t = slot(g.type);
      t.gold++;
      n++;
      if (covered(pred, g.start, g.end)) {
        t.found++;
        found++;
        if (pred.some((p) => p.type === g.type && p.start < g.end && g.start < p.end)) t.sameType++;
      } else misses.push({ text: doc.text, span: g });
    }
    for (const p of pred) {
      const t = slot(p.type);
      t.predicted++;
      predicted++;
      if (gold.some((g) => p.start < g.end && g.start < p.end)) {
        t.correct++;
        correct++;
      } else falsePositives.push({ text: doc.text, span: p });
    }
  });
  return {
    precision: predicted ? correct / predicted : 1,
    recall: n ? found / n : 1,
    n,
    found,
    predicted,
    correct,
    byType,
    misses,
    falsePositives,
  };
}

export function parseJsonl(source: string): PiiDoc[] {
  const docs: PiiDoc[] = [];
  source.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    const o = JSON.parse(line) as Partial<PiiDoc>;
    if (typeof o.text !== 'string' || !Array.isArray(o.spans)) throw new Error(`line ${i + 1}: expected {"text": string, "spans": [...]}`);
    docs.push({ text: o.text, spans: o.spans });
  });
  return docs;
}

function context(text: string, start: number, end: number): string {
  return JSON.stringify(text.slice(Math.max(0, start - 25), start) + '⟦' + text.slice(start, end) + '⟧' + text.slice(end, end + 25));
}

export function formatReport(score: PiiScore): string[] {
  const lines = ['type       gold  found  recall  same_type   predicted  correct  precision'];
  for (const [type, t] of Object.entries(score.byType).sort()) {
    lines.push(
      `${type.padEnd(9)} ${String(t.gold).padStart(5)}  ${String(t.found).padStart(5)}  ${t.gold ? f3(t.found / t.gold) : '  -  '}   ${t.found ? f3(t.sameType / t.found) : '  -  '}      ${String(t.predicted).padStart(6)}  ${String(t.correct).padStart(7)}  ${t.predicted ? f3(t.correct / t.predicted) : '  -'}`,
    );
  }
  return lines;
}

export async function main(argv: string[]): Promise<number> {
  // `pii --generate N --out F` is pii-gen: its options are parsed there.
  if (argv.some((a) => /^--(?:generate|out)(?:=|$)/.test(a))) return (await import('./gen-pii.ts')).main(argv);
  const { values } = parseArgs({
    args: argv,
    options: {
      test: { type: 'string' },
      custom: { type: 'string' },
      errors: { type: 'string', default: '0' },
    },
  });
  if (!values.test) {
    console.error('usage: npm run eval -- pii --test F.jsonl [--custom PATTERNS.json] [--errors N]\n       npm run eval -- pii --generate N --out F.jsonl [--seed S]');
    return 2;
  }
  const docs = parseJsonl(await readFile(values.test, 'utf8'));
  const options: PiiOptions = {};
  if (values.custom) options.custom = JSON.parse(await readFile(values.custom, 'utf8')) as CustomPattern[];

  for (const d of docs.slice(0, 200)) findPii(d.text, options); // warm-up, so the timing is the steady state
  const t0 = performance.now();
  const predictions = docs.map((d) => findPii(d.text, options));
  const elapsed = performance.now() - t0;
  const chars = docs.reduce((s, d) => s + d.text.length, 0);

  const score = scorePii(docs, (_text, i) => predictions[i]!);
  for (const line of formatReport(score)) console.log(line);
  const shown = Number(values.errors);
  if (shown > 0) {
    console.log(`\nmissed (${score.misses.length}):`);
    for (const m of score.misses.slice(0, shown)) console.log(`  ${m.span.type.padEnd(6)} ${context(m.text, m.span.start, m.span.end)}`);
    console.log(`false positives (${score.falsePositives.length}):`);
    for (const f of score.falsePositives.slice(0, shown)) console.log(`  ${f.span.type.padEnd(6)} ${context(f.text, f.span.start, f.span.end)}`);
    console.log('');
  }
  console.log(`messages=${docs.length} chars=${chars} detect_ms=${elapsed.toFixed(1)} ms_per_message=${(elapsed / Math.max(1, docs.length)).toFixed(4)} ms_per_1000_chars=${((elapsed / Math.max(1, chars)) * 1000).toFixed(3)}`);
  console.log(`precision=${f3(score.precision)} recall=${f3(score.recall)} n=${score.n}`);
  return 0;
}
