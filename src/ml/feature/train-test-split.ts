/**
 * Seeded train/test split.
 */
import { isTable, numRows, sameKind, toRows, type MlData } from '../pipeline/data.ts';
import { mulberry32 } from '../data/mulberry32.ts';

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
