/**
 * Hybrid ranking: the lexical hits of ./search.ts fused with a ranking by
 * embedding similarity (vectors from the configured /embeddings endpoint,
 * computed elsewhere). Fusion is by reciprocal rank (RRF): it needs no score
 * calibration between BM25 and cosine, whose scales differ per model and per
 * collection, and an article both rankings like rises above one only either
 * likes.
 */

export interface Scored {
  id: string;
  score: number;
}

/** Cosine similarity; 0 when either vector is all zeros or the lengths differ. */
export function cosine(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return 0;
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

/**
 * Articles by similarity to the query vector, best first, at most `limit`,
 * each scaled by `weight(id)` (priors, locale preference) when given.
 */
export function denseRank(query: Float32Array, vectors: Iterable<readonly [string, Float32Array]>, limit: number, weight?: (id: string) => number): Scored[] {
  const out: Scored[] = [];
  for (const [id, v] of vectors) {
    const c = cosine(query, v);
    if (c <= 0) continue;
    out.push({ id, score: weight ? c * weight(id) : c });
  }
  return out.sort((x, y) => y.score - x.score).slice(0, limit);
}

/** The RRF constant of Cormack et al.; it damps the difference between rank 1 and rank 2. */
const RRF_K = 60;

/**
 * Reciprocal-rank fusion of ranked lists: an article scores Σ weight / (k + rank)
 * over the lists it appears in (rank from 1). Best first; ties keep the order of
 * the first list.
 */
export function fuseRanks(lists: readonly { hits: readonly Scored[]; weight: number }[], k = RRF_K): Scored[] {
  const fused = new Map<string, number>();
  for (const { hits, weight } of lists) {
    hits.forEach((h, i) => fused.set(h.id, (fused.get(h.id) ?? 0) + weight / (k + i + 1)));
  }
  return [...fused].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score);
}
