/**
 * Seeded synthetic data sets for tests, demos and benchmarks (nothing is fetched at run time).
 */
import { mulberry32 } from './mulberry32.ts';
import type { Row } from '../pipeline/data.ts';

/** A standard normal generator from a seeded uniform one (Box-Muller). @example const z = gaussian(rnd)(); */
export function gaussian(rnd: () => number): () => number {
  return () => {
    const u = 1 - rnd();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd());
  };
}

/**
 * A binary classification set: features f0..f{d−1} ~ N(0, 1)·scales[j], label 1 with probability
 * sigmoid(bias + Σ weights[j]·f_j). Same seed, same rows.
 *
 * @example const rows = makeBinary({ n: 1000, weights: [2, -1], seed: 7 }); // { f0, f1, label }
 */
export function makeBinary(options: {
  n: number;
  weights: number[];
  bias?: number;
  scales?: number[];
  seed?: number;
}): Row[] {
  const { n, weights, bias = 0, scales, seed = 1 } = options;
  const rnd = mulberry32(seed);
  const z = gaussian(rnd);
  const rows: Row[] = [];
  for (let i = 0; i < n; i++) {
    const row: Row = {};
    let s = bias;
    weights.forEach((w, j) => {
      const x = z() * (scales?.[j] ?? 1);
      row[`f${j}`] = x;
      s += w * x;
    });
    row.label = rnd() < 1 / (1 + Math.exp(-s)) ? 1 : 0;
    rows.push(row);
  }
  return rows;
}

/**
 * Gaussian blobs around the given centers (row i belongs to cluster i mod k): columns x0..x{d−1}, cluster.
 *
 * @example const rows = makeBlobs({ centers: [[0, 0], [10, 10]], n: 100, std: 0.5, seed: 3 });
 */
export function makeBlobs(options: { centers: number[][]; n: number; std?: number; seed?: number }): Row[] {
  const { centers, n, std = 1, seed = 1 } = options;
  const z = gaussian(mulberry32(seed));
  return Array.from({ length: n }, (_, i) => {
    const c = i % centers.length;
    const row: Row = {};
    centers[c].forEach((m, j) => (row[`x${j}`] = m + std * z()));
    row.cluster = c;
    return row;
  });
}
