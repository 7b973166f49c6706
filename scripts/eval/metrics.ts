/** Figures shared by the eval tasks. */

export interface ClassCounts {
  tp: number;
  fp: number;
  fn: number;
}

/** Precision, recall and F1 of one class from its counts (0 where undefined). */
export function prf(c: ClassCounts): { p: number; r: number; f: number } {
  const p = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 0;
  const r = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 0;
  return { p, r, f: p + r ? (2 * p * r) / (p + r) : 0 };
}

/** Three decimals, as every summary line prints them. */
export const f3 = (x: number): string => x.toFixed(3);
