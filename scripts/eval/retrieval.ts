/**
 * npm run eval -- retrieval --dataset DIR [--limit N]
 *
 * Knowledge search quality on a BEIR-layout set (corpus.jsonl, queries.jsonl,
 * qrels.tsv; see ../shared/data/README.md): our index (lib/knowledge/search.ts)
 * against plain BM25 (k1 1.2, b 0.75, one field of title + body, the same
 * terms), side by side, then one summary line for ours.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SearchIndex, type IndexDoc } from '../../lib/knowledge/search.ts';
import { tokenize } from '../../lib/knowledge/tokenize.ts';
import { f3 } from './metrics.ts';

export interface RetrievalSet {
  corpus: IndexDoc[];
  queries: { id: string; text: string }[];
  /** query id → relevant corpus id → grade (> 0). */
  qrels: Map<string, Map<string, number>>;
}

export interface RetrievalFigures {
  recall1: number;
  recall5: number;
  hit1: number;
  hit5: number;
  mrr10: number;
  ndcg10: number;
  n: number;
}

function jsonl<T>(text: string, file: string): T[] {
  return text
    .split('\n')
    .map((line, i) => [line.trim(), i + 1] as const)
    .filter(([line]) => line)
    .map(([line, no]) => {
      try {
        return JSON.parse(line) as T;
      } catch {
        throw new Error(`${file}:${no}: not JSON`);
      }
    });
}

export async function readRetrievalSet(dir: string): Promise<RetrievalSet> {
  const corpusFile = join(dir, 'corpus.jsonl');
  const queriesFile = join(dir, 'queries.jsonl');
  const corpus = jsonl<{ _id: string; title?: string; text?: string }>(await readFile(corpusFile, 'utf8'), corpusFile).map((d) => ({
    id: String(d._id),
    title: d.title ?? '',
    body: d.text ?? '',
  }));
  const queries = jsonl<{ _id: string; text: string }>(await readFile(queriesFile, 'utf8'), queriesFile).map((q) => ({ id: String(q._id), text: q.text }));
  const qrels = new Map<string, Map<string, number>>();
  const lines = (await readFile(join(dir, 'qrels.tsv'), 'utf8')).split('\n');
  for (const line of lines.slice(1)) {
    const [q, c, s] = line.trim().split('\t');
    if (!q || !c) continue;
    const grade = Number(s ?? 1);
    if (!(grade > 0)) continue;
    if (!qrels.has(q)) qrels.set(q, new Map());
    qrels.get(q)!.set(c, grade);
  }
  return { corpus, queries, qrels };
}

/** Plain BM25 over title + body as one field: the floor ours must beat. */
export function plainBm25(corpus: readonly IndexDoc[], k1 = 1.2, b = 0.75): (query: string, limit: number) => string[] {
  const postings = new Map<string, [number, number][]>();
  const len: number[] = [];
  corpus.forEach((doc, d) => {
    const terms = tokenize(`${doc.title}\n${doc.body}`);
    len.push(terms.length);
    const tf = new Map<string, number>();
    for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [t, f] of tf) {
      if (!postings.has(t)) postings.set(t, []);
      postings.get(t)!.push([d, f]);
    }
  });
  const n = corpus.length;
  const avg = len.reduce((a, x) => a + x, 0) / (n || 1);
  return (query, limit) => {
    const scores = new Map<number, number>();
    for (const t of tokenize(query)) {
      const list = postings.get(t);
      if (!list) continue;
      const idf = Math.log(1 + (n - list.length + 0.5) / (list.length + 0.5));
      for (const [d, f] of list) scores.set(d, (scores.get(d) ?? 0) + (idf * f * (k1 + 1)) / (f + k1 * (1 - b + (b * len[d]!) / avg)));
    }
    return [...scores]
      .sort((x, y) => y[1] - x[1])
      .slice(0, limit)
      .map(([d]) => corpus[d]!.id);
  };
}

export function evaluate(set: RetrievalSet, rank: (query: string) => string[]): RetrievalFigures {
  const sum = { recall1: 0, recall5: 0, hit1: 0, hit5: 0, mrr10: 0, ndcg10: 0 };
  let n = 0;
  for (const q of set.queries) {
    const rel = set.qrels.get(q.id);
    if (!rel?.size) continue;
    n++;
    const ranked = rank(q.text);
    const found = (k: number) => ranked.slice(0, k).filter((id) => rel.has(id)).length;
    sum.recall1 += found(1) / rel.size;
    sum.recall5 += found(5) / rel.size;
    sum.hit1 += found(1) > 0 ? 1 : 0;
    sum.hit5 += found(5) > 0 ? 1 : 0;
    const first = ranked.slice(0, 10).findIndex((id) => rel.has(id));
    sum.mrr10 += first >= 0 ? 1 / (first + 1) : 0;
    let dcg = 0;
    ranked.slice(0, 10).forEach((id, i) => (dcg += (2 ** (rel.get(id) ?? 0) - 1) / Math.log2(i + 2)));
    const ideal = [...rel.values()].sort((a, b) => b - a).slice(0, 10);
    const idcg = ideal.reduce((a, g, i) => a + (2 ** g - 1) / Math.log2(i + 2), 0);
    sum.ndcg10 += idcg ? dcg / idcg : 0;
  }
  const avg = (x: number) => (n ? x / n : 0);
  return { recall1: avg(sum.recall1), recall5: avg(sum.recall5), hit1: avg(sum.hit1), hit5: avg(sum.hit5), mrr10: avg(sum.mrr10), ndcg10: avg(sum.ndcg10), n };
}

export function buildIndex(corpus: readonly IndexDoc[], options?: ConstructorParameters<typeof SearchIndex>[0]): SearchIndex {
  const index = new SearchIndex(options);
  index.addAll(corpus);
  index.merge();
  return index;
}

const COLUMNS = ['recall@1', 'recall@5', 'hit@1', 'hit@5', 'mrr@10', 'ndcg@10'] as const;
const row = (name: string, f: RetrievalFigures) =>
  `${name.padEnd(12)} ${[f.recall1, f.recall5, f.hit1, f.hit5, f.mrr10, f.ndcg10].map((x) => f3(x).padStart(9)).join('')}`;

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { dataset: { type: 'string' } } });
  if (!values.dataset) {
    console.error('usage: npm run eval -- retrieval --dataset DIR   (BEIR layout: corpus.jsonl, queries.jsonl, qrels.tsv)');
    return 2;
  }
  const set = await readRetrievalSet(values.dataset);
  const t0 = performance.now();
  const baseline = plainBm25(set.corpus);
  const plain = evaluate(set, (q) => baseline(q, 10));
  const t1 = performance.now();
  const index = buildIndex(set.corpus);
  const ours = evaluate(set, (q) => index.search(q, { limit: 10 }).map((h) => h.id));
  const t2 = performance.now();
  console.log(`${values.dataset}: ${set.corpus.length} articles, ${ours.n} queries with judgements\n`);
  console.log(`${''.padEnd(12)} ${COLUMNS.map((c) => c.padStart(9)).join('')}`);
  console.log(row('plain BM25', plain));
  console.log(row('ours', ours));
  console.log(`\n(plain ${((t1 - t0) / 1000).toFixed(1)} s, ours ${((t2 - t1) / 1000).toFixed(1)} s including index build)`);
  console.log(`recall@1=${f3(ours.recall1)} recall@5=${f3(ours.recall5)} mrr@10=${f3(ours.mrr10)} ndcg@10=${f3(ours.ndcg10)} n=${ours.n}`);
  return 0;
}
