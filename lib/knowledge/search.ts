/**
 * The knowledge search index: fielded BM25 over article title and
 * body, English and Chinese terms from ./tokenize.ts, in plain typed arrays so
 * it runs in the service worker and in Node alike.
 *
 * Layout. Each term has one postings list of (doc, title tf, body tf), sorted
 * by doc. Most postings live in a compact base (CSR: offsets, docs, tfs);
 * articles added since the last merge are appended to a delta (typed arrays,
 * each posting linked to the term's previous one) and removed ones are
 * tombstoned. When the delta or the tombstones grow past a share of the base,
 * both are merged into a new base, as Lucene merges segments; a bulk build is
 * one delta and one merge. Document frequencies count tombstoned articles
 * until the merge, as Lucene's do; the error is bounded by the threshold.
 *
 * Ranking, chosen by measurement (scripts/eval/retrieval.ts, against plain
 * BM25 over title + body as one field): title and body are each scored as
 * their own BM25 (k1 1.2, b 0.75, each field's own length normalisation and
 * idf: a word rare in titles is a strong title match even where bodies use it
 * often) and summed with equal weight. FAQ titles are often the question
 * itself, and a match in both fields adds up instead of saturating once: this
 * beat BM25F (fields mixed before one saturation) by 0.03–0.05 nDCG@10 on both
 * StackFAQ sets. Weighting the title more raised nDCG on one set but lowered
 * hit@5 below plain BM25 on another (answers sharing their thread's title
 * crowd the top five), so the weights stay equal. English function words are
 * kept in the index and weigh 0.3 in a query that has other words: dropping
 * them helps some collections and hurts others (question-shaped titles);
 * down-weighting was at least as good as either on every set measured.
 */
import { EN_STOP, hanKey, hanTerm, scanTerms, tokenize, type TermSink } from './tokenize.ts';

export interface IndexDoc {
  id: string;
  title: string;
  body: string;
  /** Lower-case BCP 47 ('en-us', 'zh-cn'); '' when unknown. */
  locale?: string;
}

/** A query: one text, or weighted parts (the latest customer message weighing most). */
export type QueryInput = string | readonly { text: string; weight: number }[];

export interface SearchOptions {
  /** Hits to return (default 10). */
  limit?: number;
  /** Per-article score multiplier (feedback tuning); 1 when absent. */
  priors?: ReadonlyMap<string, number>;
  /** Score multiplier by article locale (preferring the conversation's language); 1 when absent. */
  localeWeight?: (locale: string) => number;
}

export interface RankedHit {
  id: string;
  score: number;
  /** 0..1: the share of the query's weight (by idf) this article contains; the "is this a good answer" signal. */
  coverage: number;
}

export interface RankingParams {
  k1: number;
  bTitle: number;
  bBody: number;
  wTitle: number;
  wBody: number;
  /** Query weight of English function words when the query has other terms. */
  stopWeight: number;
}

export const DEFAULT_RANKING: RankingParams = { k1: 1.2, bTitle: 0.75, bBody: 0.75, wTitle: 1, wBody: 1, stopWeight: 0.3 };

/**
 * The structured-clone form (IndexedDB stores typed arrays as they are).
 * Postings are packed: per posting a varint of the gap to the previous doc of
 * the term, a varint of (body tf · 2 + has title), and the title tf byte when
 * it has one. That is about 2.5 bytes instead of 6 in memory, and unpacking
 * is one pass at load.
 */
export interface IndexSnapshotData {
  /** 2: Han folding gained OpenCC-checked forms (傢 → 家 …), so version-1 term lists no longer match queries. */
  v: 2;
  /** Terms joined by '\n' (a term never contains one). */
  terms: string;
  ids: string[];
  locales: string[];
  /** Postings offsets per term (term t has off[t + 1] - off[t] postings). */
  off: Uint32Array;
  postings: Uint8Array;
  lenT: Uint32Array;
  lenB: Uint32Array;
  loc: Uint16Array;
}

/** The most telling terms of a long query (a whole customer message) are enough; the rest only cost time. */
const MAX_QUERY_TERMS = 48;
/** Saturation of a query term's weight (BM25's k3). */
const QUERY_K3 = 2;
/** Merge when the delta holds more articles than this share of the base (and at least MIN_DELTA). */
const DELTA_SHARE = 0.1;
const MIN_DELTA = 512;
/**
 * Past this many candidate articles, terms found in more than COMMON_SHARE of
 * the collection only rescore candidates instead of adding new ones: the top
 * ten come from the articles that match the rarer terms, and the common ones
 * ("account", "order") would otherwise touch most of a 50k collection.
 */
const CANDIDATE_CAP = 4000;
const COMMON_SHARE = 0.05;

function grow<T extends Uint8Array | Uint16Array | Uint32Array | Int32Array | Float64Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  const next = new (a.constructor as new (n: number) => T)(Math.max(need, a.length * 2, 64));
  next.set(a);
  return next;
}

/**
 * Integer → integer map by open addressing over typed arrays, for the CJK term
 * dictionary: a build looks up every character twice (unigram and bigram), and
 * a JS Map costs several times more per look-up on this hot path.
 */
class IntTable {
  private keys: Int32Array = new Int32Array(1024).fill(-1);
  private vals: Int32Array = new Int32Array(1024);
  private bits = 10;
  private used = 0;

  /** The value of a key ≥ 0, or -1. */
  get(key: number): number {
    const mask = this.keys.length - 1;
    for (let i = Math.imul(key, 0x9e3779b1) >>> (32 - this.bits); ; i = (i + 1) & mask) {
      const k = this.keys[i]!;
      if (k === key) return this.vals[i]!;
      if (k === -1) return -1;
    }
  }

  set(key: number, value: number): void {
    if ((this.used + 1) * 2 > this.keys.length) this.resize();
    const mask = this.keys.length - 1;
    for (let i = Math.imul(key, 0x9e3779b1) >>> (32 - this.bits); ; i = (i + 1) & mask) {
      const k = this.keys[i]!;
      if (k === key || k === -1) {
        if (k === -1) this.used++;
        this.keys[i] = key;
        this.vals[i] = value;
        return;
      }
    }
  }

  private resize(): void {
    const { keys, vals } = this;
    this.bits++;
    this.keys = new Int32Array(1 << this.bits).fill(-1);
    this.vals = new Int32Array(1 << this.bits);
    this.used = 0;
    for (let i = 0; i < keys.length; i++) if (keys[i] !== -1) this.set(keys[i]!, vals[i]!);
  }
}

export class SearchIndex {
  readonly params: RankingParams;

  private termIds = new Map<string, number>();
  /**
   * The same dictionary for CJK terms by their integer key (see hanTerm): the build's fast path.
   * Built on the first add after a load, so a warm start does not pay for it.
   */
  private hanTable: IntTable | null = new IntTable();
  private terms: string[] = [];
  private df: Uint32Array = new Uint32Array(0);
  /** Articles whose title has the term. */
  private dfT: Uint32Array = new Uint32Array(0);
  // Base segment (CSR over terms 0..baseTerms-1).
  private off: Uint32Array = new Uint32Array(1);
  private pDoc: Uint32Array = new Uint32Array(0);
  private pTfT: Uint8Array = new Uint8Array(0);
  private pTfB: Uint8Array = new Uint8Array(0);
  private baseDocs = 0;
  // Delta since the last merge: postings in arrival (so doc) order; dPrev links each to the
  // term's previous delta posting, dHead[term] is its latest (-1: none).
  private dTerm: Uint32Array = new Uint32Array(0);
  private dDoc: Uint32Array = new Uint32Array(0);
  private dTfT: Uint8Array = new Uint8Array(0);
  private dTfB: Uint8Array = new Uint8Array(0);
  private dPrev: Int32Array = new Int32Array(0);
  private dHead: Int32Array = new Int32Array(0);
  private dLen = 0;
  private deltaDocs = 0;
  // Per-article term counting scratch, by term id.
  private tfScratch: Uint32Array = new Uint32Array(0);
  // Per article (internal number, tombstones included).
  private ids: string[] = [];
  private docOf = new Map<string, number>();
  private alive: Uint8Array = new Uint8Array(0);
  private lenT: Uint32Array = new Uint32Array(0);
  private lenB: Uint32Array = new Uint32Array(0);
  private loc: Uint16Array = new Uint16Array(0);
  private locales: string[] = [];
  private localeIds = new Map<string, number>();
  private nDocs = 0;
  private nDead = 0;
  private sumT = 0;
  private sumB = 0;
  // Query scratch, sized to nDocs.
  private acc: Float64Array = new Float64Array(0);
  private cov: Float64Array = new Float64Array(0);
  private touched: Uint32Array = new Uint32Array(0);

  constructor(options: { params?: Partial<RankingParams> } = {}) {
    this.params = { ...DEFAULT_RANKING, ...options.params };
  }

  /** Articles in the index. */
  get size(): number {
    return this.nDocs - this.nDead;
  }

  /** Distinct terms (after merges; tombstoned articles' terms linger until one). */
  get termCount(): number {
    return this.terms.length;
  }

  has(id: string): boolean {
    return this.docOf.has(id);
  }

  /** Adds an article, or replaces the one with the same id. */
  add(doc: IndexDoc): void {
    this.addInternal(doc);
    if (this.deltaDocs > Math.max(MIN_DELTA, this.baseDocs * DELTA_SHARE)) this.merge();
  }

  /** Adds (or replaces) many articles; one merge at the end instead of one per threshold. */
  addAll(docs: Iterable<IndexDoc>): void {
    for (const d of docs) this.addInternal(d);
    if (this.deltaDocs > Math.max(MIN_DELTA, this.baseDocs * DELTA_SHARE)) this.merge();
  }

  remove(id: string): boolean {
    const d = this.docOf.get(id);
    if (d === undefined) return false;
    this.docOf.delete(id);
    this.alive[d] = 0;
    this.sumT -= this.lenT[d]!;
    this.sumB -= this.lenB[d]!;
    this.nDead++;
    if (this.nDead > Math.max(MIN_DELTA, this.nDocs * DELTA_SHARE * 2)) this.merge();
    return true;
  }

  private termId(term: string): number {
    return this.termIds.get(term) ?? this.newTerm(term, hanKey(term));
  }

  private get hanIds(): IntTable {
    if (!this.hanTable) {
      this.hanTable = new IntTable();
      for (let t = 0; t < this.terms.length; t++) {
        const term = this.terms[t]!;
        const key = term.length <= 2 ? hanKey(term) : -1;
        if (key >= 0) this.hanTable.set(key, t);
      }
    }
    return this.hanTable;
  }

  private hanId(key: number): number {
    const t = this.hanIds.get(key);
    return t >= 0 ? t : this.newTerm(hanTerm(key), key);
  }

  private newTerm(term: string, key: number): number {
    const t = this.terms.length;
    this.termIds.set(term, t);
    if (key >= 0) this.hanIds.set(key, t);
    this.terms.push(term);
    if (t >= this.df.length) {
      const old = this.dHead.length;
      this.df = grow(this.df, t + 1);
      this.dfT = grow(this.dfT, this.df.length);
      this.tfScratch = grow(this.tfScratch, this.df.length);
      this.dHead = grow(this.dHead, this.df.length);
      this.dHead.fill(-1, old);
    }
    return t;
  }

  /** Counting terms of the article being added: tf by term id (title in the high half) and the distinct ids. */
  private seen: number[] = [];
  private inc = 1;
  private len = 0;
  private readonly sink: TermSink = {
    word: (term) => this.count(this.termId(term)),
    han: (key) => this.count(this.hanId(key)),
  };

  private count(t: number): void {
    const tf = this.tfScratch[t]!;
    this.len++;
    if (tf === 0) this.seen.push(t);
    else if ((tf & 0xffff) === 0xffff || tf >= 0xff000000) return; // saturated long before: keep the halves apart
    this.tfScratch[t] = tf + this.inc;
  }

  private addInternal(doc: IndexDoc): void {
    this.remove(doc.id);
    const d = this.nDocs++;
    this.ensureDocs(this.nDocs);
    this.seen = [];
    this.inc = 65536;
    this.len = 0;
    scanTerms(doc.title, this.sink);
    const titleLen = this.len;
    this.inc = 1;
    this.len = 0;
    scanTerms(doc.body, this.sink);
    const bodyLen = this.len;
    const { seen, tfScratch: tf } = this;
    const need = this.dLen + seen.length;
    if (need > this.dDoc.length) {
      this.dTerm = grow(this.dTerm, need);
      this.dDoc = grow(this.dDoc, need);
      this.dTfT = grow(this.dTfT, need);
      this.dTfB = grow(this.dTfB, need);
      this.dPrev = grow(this.dPrev, need);
    }
    for (const t of seen) {
      const packed = tf[t]!;
      tf[t] = 0;
      const i = this.dLen++;
      this.df[t]!++;
      if (packed >>> 16) this.dfT[t]!++;
      this.dTerm[i] = t;
      this.dDoc[i] = d;
      this.dTfT[i] = Math.min(255, packed >>> 16);
      this.dTfB[i] = Math.min(255, packed & 0xffff);
      this.dPrev[i] = this.dHead[t]!;
      this.dHead[t] = i;
    }
    this.ids[d] = doc.id;
    this.docOf.set(doc.id, d);
    this.alive[d] = 1;
    this.lenT[d] = titleLen;
    this.lenB[d] = bodyLen;
    this.loc[d] = this.localeId(doc.locale ?? '');
    this.sumT += titleLen;
    this.sumB += bodyLen;
    this.deltaDocs++;
  }

  private localeId(locale: string): number {
    let l = this.localeIds.get(locale);
    if (l === undefined) {
      l = this.locales.length;
      this.locales.push(locale);
      this.localeIds.set(locale, l);
    }
    return l;
  }

  private ensureDocs(n: number): void {
    this.alive = grow(this.alive, n);
    this.lenT = grow(this.lenT, n);
    this.lenB = grow(this.lenB, n);
    this.loc = grow(this.loc, n);
  }

  /** Folds the delta into the base and drops tombstones and unused terms (renumbering articles and terms). */
  merge(): void {
    if (this.deltaDocs === 0 && this.nDead === 0) return;
    const oldTerms = this.terms.length;
    const baseTerms = this.off.length - 1;
    // New article numbers: survivors in order.
    const remap = new Int32Array(this.nDocs).fill(-1);
    let n = 0;
    for (let d = 0; d < this.nDocs; d++) if (this.alive[d]) remap[d] = n++;
    // Postings per term that survive.
    const count = new Uint32Array(oldTerms);
    for (let t = 0; t < baseTerms; t++) {
      let c = 0;
      for (let i = this.off[t]!; i < this.off[t + 1]!; i++) if (this.alive[this.pDoc[i]!]) c++;
      count[t] = c;
    }
    for (let i = 0; i < this.dLen; i++) if (this.alive[this.dDoc[i]!]) count[this.dTerm[i]!]!++;
    // New term numbers: terms with postings, in their old order.
    const termRemap = new Int32Array(oldTerms).fill(-1);
    const terms: string[] = [];
    let total = 0;
    for (let t = 0; t < oldTerms; t++) {
      if (!count[t]) continue;
      termRemap[t] = terms.length;
      terms.push(this.terms[t]!);
      total += count[t]!;
    }
    const off = new Uint32Array(terms.length + 1);
    for (let t = 0; t < oldTerms; t++) if (termRemap[t]! >= 0) off[termRemap[t]! + 1] = count[t]!;
    for (let t = 0; t < terms.length; t++) off[t + 1]! += off[t]!;
    const doc = new Uint32Array(total);
    const tfT = new Uint8Array(total);
    const tfB = new Uint8Array(total);
    const at = off.slice(0, terms.length);
    // Base postings first, then the delta: delta articles are numbered after base ones, so lists stay sorted.
    for (let t = 0; t < baseTerms; t++) {
      const nt = termRemap[t]!;
      if (nt < 0) continue;
      for (let i = this.off[t]!; i < this.off[t + 1]!; i++) {
        const nd = remap[this.pDoc[i]!]!;
        if (nd < 0) continue;
        const j = at[nt]!++;
        doc[j] = nd;
        tfT[j] = this.pTfT[i]!;
        tfB[j] = this.pTfB[i]!;
      }
    }
    for (let i = 0; i < this.dLen; i++) {
      const nt = termRemap[this.dTerm[i]!]!;
      const nd = remap[this.dDoc[i]!]!;
      if (nt < 0 || nd < 0) continue;
      const j = at[nt]!++;
      doc[j] = nd;
      tfT[j] = this.dTfT[i]!;
      tfB[j] = this.dTfB[i]!;
    }
    const ids: string[] = new Array(n);
    const lenT = new Uint32Array(n);
    const lenB = new Uint32Array(n);
    const loc = new Uint16Array(n);
    for (let d = 0; d < this.nDocs; d++) {
      const nd = remap[d]!;
      if (nd < 0) continue;
      ids[nd] = this.ids[d]!;
      lenT[nd] = this.lenT[d]!;
      lenB[nd] = this.lenB[d]!;
      loc[nd] = this.loc[d]!;
    }
    const dfT = new Uint32Array(terms.length);
    for (let t = 0; t < terms.length; t++) for (let i = off[t]!; i < off[t + 1]!; i++) if (tfT[i]) dfT[t]!++;
    this.load(terms, ids, this.locales, off, doc, tfT, tfB, lenT, lenB, loc, dfT);
  }

  private load(
    terms: string[],
    ids: string[],
    locales: string[],
    off: Uint32Array,
    doc: Uint32Array,
    tfT: Uint8Array,
    tfB: Uint8Array,
    lenT: Uint32Array,
    lenB: Uint32Array,
    loc: Uint16Array,
    dfT: Uint32Array,
  ): void {
    const n = ids.length;
    this.terms = terms;
    this.termIds = new Map();
    for (let t = 0; t < terms.length; t++) this.termIds.set(terms[t]!, t);
    this.hanTable = null;
    this.df = new Uint32Array(terms.length);
    for (let t = 0; t < terms.length; t++) this.df[t] = off[t + 1]! - off[t]!;
    this.dfT = dfT;
    this.off = off;
    this.pDoc = doc;
    this.pTfT = tfT;
    this.pTfB = tfB;
    this.baseDocs = n;
    this.dTerm = new Uint32Array(0);
    this.dDoc = new Uint32Array(0);
    this.dTfT = new Uint8Array(0);
    this.dTfB = new Uint8Array(0);
    this.dPrev = new Int32Array(0);
    this.dHead = new Int32Array(terms.length).fill(-1);
    this.dLen = 0;
    this.deltaDocs = 0;
    this.tfScratch = new Uint32Array(terms.length);
    this.ids = ids;
    this.docOf = new Map();
    for (let d = 0; d < n; d++) this.docOf.set(ids[d]!, d);
    this.alive = new Uint8Array(n).fill(1);
    this.lenT = lenT;
    this.lenB = lenB;
    this.loc = loc;
    this.locales = locales;
    this.localeIds = new Map(locales.map((l, i) => [l, i]));
    this.nDocs = n;
    this.nDead = 0;
    let sumT = 0;
    let sumB = 0;
    for (let d = 0; d < n; d++) {
      sumT += lenT[d]!;
      sumB += lenB[d]!;
    }
    this.sumT = sumT;
    this.sumB = sumB;
  }

  /** The index as plain data for IndexedDB (merged first, so it holds no tombstones). */
  toSnapshot(): IndexSnapshotData {
    this.merge();
    const n = this.nDocs;
    const total = this.pDoc.length;
    let out = new Uint8Array(Math.max(64, total * 3));
    let p = 0;
    const put = (x: number) => {
      while (x >= 0x80) {
        out[p++] = (x & 0x7f) | 0x80;
        x >>>= 7;
      }
      out[p++] = x;
    };
    for (let t = 0; t + 1 < this.off.length; t++) {
      let prev = 0;
      for (let i = this.off[t]!; i < this.off[t + 1]!; i++) {
        if (p + 12 > out.length) {
          const bigger = new Uint8Array(out.length * 2);
          bigger.set(out);
          out = bigger;
        }
        const d = this.pDoc[i]!;
        put(d - prev);
        prev = d;
        const ft = this.pTfT[i]!;
        put(this.pTfB[i]! * 2 + (ft ? 1 : 0));
        if (ft) out[p++] = ft;
      }
    }
    return {
      v: 2,
      terms: this.terms.join('\n'),
      ids: this.ids.slice(0, n),
      locales: [...this.locales],
      off: this.off.slice(),
      postings: out.slice(0, p),
      lenT: this.lenT.slice(0, n),
      lenB: this.lenB.slice(0, n),
      loc: this.loc.slice(0, n),
    };
  }

  /** The index a snapshot was taken of; throws on data that is not one (the caller rebuilds). */
  static fromSnapshot(data: IndexSnapshotData, options: ConstructorParameters<typeof SearchIndex>[0] = {}): SearchIndex {
    const ok =
      data &&
      data.v === 2 &&
      typeof data.terms === 'string' &&
      Array.isArray(data.ids) &&
      Array.isArray(data.locales) &&
      data.off instanceof Uint32Array &&
      data.postings instanceof Uint8Array &&
      data.lenT instanceof Uint32Array &&
      data.lenB instanceof Uint32Array &&
      data.loc instanceof Uint16Array;
    if (!ok) throw new Error('not a search index snapshot');
    const terms = data.terms ? data.terms.split('\n') : [];
    const n = data.ids.length;
    const total = data.off[terms.length] ?? -1;
    if (data.off.length !== terms.length + 1 || data.lenT.length !== n || data.lenB.length !== n || data.loc.length !== n) {
      throw new Error('search index snapshot: inconsistent sizes');
    }
    const doc = new Uint32Array(total);
    const tfT = new Uint8Array(total);
    const tfB = new Uint8Array(total);
    const dfT = new Uint32Array(terms.length);
    const bytes = data.postings;
    const { off } = data;
    let p = 0;
    for (let t = 0; t < terms.length; t++) {
      let d = 0;
      for (let i = off[t]!, end = off[t + 1]!; i < end; i++) {
        let x = bytes[p++]!;
        if (x >= 0x80) {
          x &= 0x7f;
          for (let shift = 7, b = 0x80; b >= 0x80; shift += 7) {
            b = bytes[p++]!;
            x |= (b & 0x7f) << shift;
          }
        }
        d += x;
        if (d >= n) throw new Error('search index snapshot: damaged postings');
        doc[i] = d;
        let y = bytes[p++]!;
        if (y >= 0x80) y = (y & 0x7f) | (bytes[p++]! << 7);
        tfB[i] = y >>> 1;
        if (y & 1) {
          tfT[i] = bytes[p++]!;
          dfT[t]!++;
        }
      }
    }
    if (p !== bytes.length) throw new Error('search index snapshot: damaged postings');
    const index = new SearchIndex(options);
    index.load(terms, data.ids, data.locales, data.off, doc, tfT, tfB, data.lenT, data.lenB, data.loc, dfT);
    return index;
  }

  /** BM25's length normalisation per article and field, k1 · (1 − b + b · len / avg), kept until the averages change. */
  private normCache: { avgT: number; avgB: number; n: number; t: Float32Array; b: Float32Array } | null = null;

  private norms(): [Float32Array, Float32Array] {
    const alive = this.size || 1;
    const avgT = this.sumT / alive || 1;
    const avgB = this.sumB / alive || 1;
    const c = this.normCache;
    if (c && c.avgT === avgT && c.avgB === avgB && c.n === this.nDocs) return [c.t, c.b];
    const { k1, bTitle, bBody } = this.params;
    const t = c && c.t.length >= this.nDocs ? c.t : new Float32Array(this.alive.length);
    const b = c && c.b.length >= this.nDocs ? c.b : new Float32Array(this.alive.length);
    for (let d = 0; d < this.nDocs; d++) {
      t[d] = k1 * (1 - bTitle + (bTitle * this.lenT[d]!) / avgT);
      b[d] = k1 * (1 - bBody + (bBody * this.lenB[d]!) / avgB);
    }
    this.normCache = { avgT, avgB, n: this.nDocs, t, b };
    return [t, b];
  }

  /** Query terms with their weights (before stop-word dropping). */
  queryTerms(query: QueryInput): Map<string, number> {
    const weights = new Map<string, number>();
    const parts = typeof query === 'string' ? [{ text: query, weight: 1 }] : query;
    for (const part of parts) {
      if (!(part.weight > 0)) continue;
      for (const term of tokenize(part.text)) weights.set(term, (weights.get(term) ?? 0) + part.weight);
    }
    let content = false;
    for (const term of weights.keys()) if (!EN_STOP.has(term)) content = true;
    if (content) for (const [term, w] of weights) if (EN_STOP.has(term)) weights.set(term, w * this.params.stopWeight);
    return weights;
  }

  private idf(df: number): number {
    const n = this.nDocs;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** The passage of this article that matches the query best (see bestPassage). */
  passage(query: QueryInput, title: string, body: string): string {
    return bestPassage(this.queryTerms(query), title, body, (term) => this.termWeight(term));
  }

  /** The locale an article was indexed with ('' when unknown or not indexed). */
  localeOf(id: string): string {
    const d = this.docOf.get(id);
    return d === undefined ? '' : this.locales[this.loc[d]!]!;
  }

  /** idf of a term as the index sees it (an unknown term gets the highest). */
  termWeight(term: string): number {
    const t = this.termIds.get(term);
    return this.idf(t === undefined ? 0 : this.df[t]!);
  }

  search(query: QueryInput, options: SearchOptions = {}): RankedHit[] {
    const limit = options.limit ?? 10;
    const alive = this.size;
    if (!alive || limit <= 0) return [];
    // Known terms, the most telling first; an unknown term still counts in the coverage denominator.
    const known: { t: number; w: number; idf: number }[] = [];
    let totalWeight = 0;
    for (const [term, raw] of this.queryTerms(query)) {
      // A word the customer repeats counts more, but saturates (BM25's k3), so it cannot drown the rest.
      const w = (raw * (QUERY_K3 + 1)) / (QUERY_K3 + raw);
      const t = this.termIds.get(term);
      const idf = this.idf(t === undefined ? 0 : this.df[t]!);
      totalWeight += w * idf;
      if (t !== undefined && this.df[t]! > 0) known.push({ t, w, idf });
    }
    if (!known.length) return [];
    known.sort((a, b) => b.w * b.idf - a.w * a.idf);
    if (known.length > MAX_QUERY_TERMS) known.length = MAX_QUERY_TERMS;

    if (this.acc.length < this.nDocs) {
      this.acc = new Float64Array(this.nDocs);
      this.cov = new Float64Array(this.nDocs);
      this.touched = new Uint32Array(this.nDocs);
    }
    const { acc, cov, touched, alive: isAlive } = this;
    const { k1, wTitle, wBody } = this.params;
    const [normT, normB] = this.norms();
    const baseTerms = this.off.length - 1;
    const common = this.nDocs * COMMON_SHARE;
    const { pDoc, pTfT, pTfB, dDoc, dTfT, dTfB, dPrev } = this;
    let m = 0;

    for (const { t, w, idf } of known) {
      // Each field is scored as its own BM25 (own length normalisation, own idf: a word rare in
      // titles is a strong title match even when bodies use it often), then the fields are summed.
      const titleW = w * wTitle * this.idf(this.dfT[t]!) * (k1 + 1);
      const bodyW = w * wBody * idf * (k1 + 1);
      const covW = w * idf;
      const open = m < CANDIDATE_CAP || this.df[t]! < common;
      if (t < baseTerms) {
        for (let i = this.off[t]!, end = this.off[t + 1]!; i < end; i++) {
          const d = pDoc[i]!;
          if (!isAlive[d]) continue;
          if (acc[d] === 0) {
            if (!open) continue;
            touched[m++] = d;
          }
          const ft = pTfT[i]!;
          const fb = pTfB[i]!;
          acc[d] += (ft ? (titleW * ft) / (ft + normT[d]!) : 0) + (fb ? (bodyW * fb) / (fb + normB[d]!) : 0);
          cov[d] += covW;
        }
      }
      // The same over the delta (this term's postings linked newest first).
      for (let i = this.dHead[t]!; i >= 0; i = dPrev[i]!) {
        const d = dDoc[i]!;
        if (!isAlive[d]) continue;
        if (acc[d] === 0) {
          if (!open) continue;
          touched[m++] = d;
        }
        const ft = dTfT[i]!;
        const fb = dTfB[i]!;
        acc[d] += (ft ? (titleW * ft) / (ft + normT[d]!) : 0) + (fb ? (bodyW * fb) / (fb + normB[d]!) : 0);
        cov[d] += covW;
      }
    }

    // Multipliers: per article prior, then per locale (few distinct locales, so one look-up table).
    if (options.priors) {
      for (const [id, p] of options.priors) {
        const d = this.docOf.get(id);
        if (d !== undefined && acc[d]! > 0) acc[d] *= Math.max(p, 1e-6);
      }
    }
    let localeMul: Float64Array | null = null;
    if (options.localeWeight) {
      localeMul = new Float64Array(this.locales.length);
      for (let l = 0; l < this.locales.length; l++) localeMul[l] = Math.max(options.localeWeight(this.locales[l]!), 1e-6);
    }

    // Top `limit` through a small sorted buffer (limit is about ten).
    const topD: number[] = [];
    const topS: number[] = [];
    for (let i = 0; i < m; i++) {
      const d = touched[i]!;
      const s = localeMul ? acc[d]! * localeMul[this.loc[d]!]! : acc[d]!;
      if (topS.length === limit && s <= topS[limit - 1]!) continue;
      let j = topS.length === limit ? limit - 1 : topS.length;
      while (j > 0 && topS[j - 1]! < s) {
        topS[j] = topS[j - 1]!;
        topD[j] = topD[j - 1]!;
        j--;
      }
      topS[j] = s;
      topD[j] = d;
    }
    const hits = topD.map((d, i) => ({ id: this.ids[d]!, score: topS[i]!, coverage: totalWeight ? Math.min(1, cov[d]! / totalWeight) : 0 }));
    for (let i = 0; i < m; i++) {
      acc[touched[i]!] = 0;
      cov[touched[i]!] = 0;
    }
    return hits;
  }
}

/** Longest passage shown, in characters; windows of sentences grow up to it. */
const PASSAGE_CHARS = 320;

/** Sentences of a paragraph as [start, end) offsets; CJK stops end one at once, Latin ones before a space. */
function sentenceSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const cjkStop = c === '。' || c === '！' || c === '？' || c === '；';
    const latinStop = (c === '.' || c === '!' || c === '?') && (i + 1 === text.length || /\s/.test(text[i + 1]!));
    if (cjkStop || latinStop || c === '\n') {
      if (i + 1 > start) spans.push([start, i + 1]);
      start = i + 1;
    }
  }
  if (start < text.length) spans.push([start, text.length]);
  return spans.filter(([a, b]) => text.slice(a, b).trim());
}

/** A single sentence longer than a passage is cut at a word boundary, with an ellipsis. */
function clip(text: string): string {
  if (text.length <= PASSAGE_CHARS * 1.5) return text;
  const cut = text.slice(0, PASSAGE_CHARS);
  const space = cut.lastIndexOf(' ');
  return `${space > PASSAGE_CHARS / 2 ? cut.slice(0, space) : cut}…`;
}

/**
 * The passage of an article that matches the query best, as written: the body
 * paragraph, or in a long paragraph the window of consecutive sentences, with
 * the most query weight (each term once); ties go to the shorter, then the
 * earlier. The title when no part of the body matches; the opening of the body
 * when nothing does.
 */
export function bestPassage(weights: ReadonlyMap<string, number>, title: string, body: string, termWeight: (term: string) => number = () => 1): string {
  const termsOf = (text: string) => {
    const found = new Set<string>();
    for (const term of tokenize(text)) if (weights.has(term)) found.add(term);
    return found;
  };
  const scoreOf = (terms: Iterable<string>) => {
    let sum = 0;
    for (const term of terms) sum += weights.get(term)! * termWeight(term);
    return sum;
  };
  let best = '';
  let bestScore = 0;
  let first = '';
  const consider = (text: string, score: number) => {
    if (score > bestScore || (score === bestScore && score > 0 && text.length < best.length)) {
      best = text;
      bestScore = score;
    }
  };
  for (const para of body.split(/\n\s*\n/)) {
    const p = para.trim();
    if (!p) continue;
    if (p.length <= PASSAGE_CHARS) {
      first ||= p;
      consider(p, scoreOf(termsOf(p)));
      continue;
    }
    const spans = sentenceSpans(p);
    const sets = spans.map(([a, b]) => termsOf(p.slice(a, b)));
    first ||= clip(p.slice(spans[0]![0], spans[0]![1]).trim());
    for (let i = 0; i < spans.length; i++) {
      if (!sets[i]!.size) continue; // a window starting on a sentence that matches nothing is never the shortest best
      const union = new Set<string>();
      for (let j = i; j < spans.length && (j === i || spans[j]![1] - spans[i]![0] <= PASSAGE_CHARS); j++) {
        for (const t of sets[j]!) union.add(t);
        if (sets[j]!.size) consider(clip(p.slice(spans[i]![0], spans[j]![1]).trim()), scoreOf(union));
      }
    }
  }
  if (bestScore > 0) return best;
  if (title.trim() && termsOf(title).size) return title.trim();
  return first || title.trim();
}
