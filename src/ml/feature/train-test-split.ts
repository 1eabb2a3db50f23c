/**
 * Seeded train/test split.
 */
import { isTable, numRows, sameKind, toRows, type MlData } from '../pipeline/data.ts';

/** A small seeded PRNG (mulberry32), uniform in [0, 1). @example const rnd = mulberry32(42); rnd() */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Shuffles the rows with a seeded Fisher-Yates and puts round(fraction·n) of them in `train`, the rest in
 * `test`; the same seed always gives the same split. Returns the same kind of data it was given.
 *
 * @example const { train, test } = trainTestSplit(rows, { fraction: 0.8, seed: 7 });
 */
export function trainTestSplit<D extends MlData>(
  data: D,
  options: { fraction: number; seed?: number },
): { train: D; test: D } {
  const { fraction, seed = 0 } = options;
  if (!(fraction > 0 && fraction < 1)) {
    throw new Error(`trainTestSplit: fraction must be between 0 and 1 (exclusive), got ${fraction}.`);
  }
  const n = numRows(data);
  const order = Array.from({ length: n }, (_, i) => i);
  const rnd = mulberry32(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const rows = toRows(data);
  const cut = Math.round(fraction * n);
  const pick = (idx: number[]) => {
    const r = idx.map((i) => rows[i]);
    return isTable(data) ? sameKind(data, r) : (r as D);
  };
  return { train: pick(order.slice(0, cut)), test: pick(order.slice(cut)) };
}
