/**
 * Helpers of the ML benchmark: seeded logistic data as rows with fast (in-object) properties, and the
 * hand-written typed-array SGD that the tfjs figures are set against (issue 5's ML section).
 */
import { mulberry32 } from '../src/ml/data/mulberry32.ts';

/** Seeded rows f0..f{cols−1} ~ U(−1, 1), label ~ Bernoulli(σ(3·w·x)), w fixed by the seed. */
export interface LogisticSet {
  rows: Record<string, number>[];
  /** The same features row-major, and the labels, for the typed-array baseline. */
  x: Float64Array;
  y: Float64Array;
  cols: number;
}

/**
 * Builds `rows` rows. Each row is made by `Object.fromEntries`, as a decoder would, so it has fast
 * properties: rows grown key by key past V8's limit turn into dictionaries and every reader slows ~10x.
 *
 * @example const { rows, x, y } = logisticSet(1000, 10, 7);
 */
export function logisticSet(n: number, cols: number, seed: number): LogisticSet {
  const rand = mulberry32(2024);
  const w = Array.from({ length: cols }, () => rand() * 2 - 1);
  const r = mulberry32(seed);
  const x = new Float64Array(n * cols);
  const y = new Float64Array(n);
  const names = Array.from({ length: cols }, (_, j) => `f${j}`);
  const rows = new Array<Record<string, number>>(n);
  for (let i = 0; i < n; i++) {
    let z = 0;
    const entries: [string, number][] = [];
    for (let j = 0; j < cols; j++) {
      const v = r() * 2 - 1;
      x[i * cols + j] = v;
      z += w[j] * v;
      entries.push([names[j], v]);
    }
    y[i] = r() < 1 / (1 + Math.exp(-3 * z)) ? 1 : 0;
    entries.push(['label', y[i]]);
    rows[i] = Object.fromEntries(entries);
  }
  return { rows, x, y, cols };
}

/**
 * Plain SGD for logistic regression over Float64Arrays (one sample per step, rate 0.5/√epoch), the
 * typed-array reference. Returns weights (last = intercept).
 *
 * @example const w = typedArraySgd(x, y, cols, 3);
 */
export function typedArraySgd(x: Float64Array, y: Float64Array, cols: number, epochs: number): Float64Array {
  const n = y.length;
  const w = new Float64Array(cols + 1);
  for (let e = 1; e <= epochs; e++) {
    const lr = 0.5 / Math.sqrt(e);
    for (let i = 0; i < n; i++) {
      const o = i * cols;
      let z = w[cols];
      for (let j = 0; j < cols; j++) z += w[j] * x[o + j];
      const g = lr * (1 / (1 + Math.exp(-z)) - y[i]);
      for (let j = 0; j < cols; j++) w[j] -= g * x[o + j];
      w[cols] -= g;
    }
  }
  return w;
}

/** Scores x·w + b of every row. @example linearScores(x, cols, w) */
export function linearScores(x: Float64Array, cols: number, w: ArrayLike<number>, b: number): Float64Array {
  const n = x.length / cols;
  const s = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let z = b;
    for (let j = 0; j < cols; j++) z += w[j] * x[i * cols + j];
    s[i] = z;
  }
  return s;
}
