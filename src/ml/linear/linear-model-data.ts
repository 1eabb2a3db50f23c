import { readRowFeatures } from '../pipeline/row-features.ts';
import type { ColumnStats } from '../tf/tensors.ts';

/** Coefficients on the original feature scale (Alink's linear model data). */
export interface LinearModelData {
  featureCols: string[];
  coefficients: number[];
  intercept: number;
  /** For classifiers: [negative, positive] label values as seen in training. */
  labels?: unknown[];
}

/**
 * Maps coefficients fitted on standardized features (last entry = intercept) back to the original scale.
 *
 * @example
 * ```ts
 * unstandardize(Float64Array.of(2, 1), { mean: Float64Array.of(3), std: Float64Array.of(2) }, true); // { coefficients: [1], intercept: -2 }
 * ```
 */
export function unstandardize(
  w: Float64Array,
  stats: ColumnStats,
  intercept: boolean,
): { coefficients: number[]; intercept: number } {
  const d = stats.mean.length;
  const coefficients = new Array<number>(d);
  let b = intercept ? w[d] : 0;
  for (let j = 0; j < d; j++) {
    coefficients[j] = w[j] / stats.std[j];
    b -= coefficients[j] * stats.mean[j];
  }
  return { coefficients, intercept: b };
}

/**
 * The linear score intercept + Σ coef·x of one row: a plain float64 loop (no tensors), for streaming.
 * Throws naming the column when a feature is missing or non-numeric.
 *
 * @example
 * ```ts
 * linearScore({ a: 2 }, { featureCols: ['a'], coefficients: [3], intercept: 1 }, 'M'); // 7
 * ```
 */
export function linearScore(row: Record<string, unknown>, m: LinearModelData, who: string): number {
  let fn = compiled.get(m);
  if (fn === undefined) {
    fn = compileScorer(m);
    compiled.set(m, fn);
  }
  if (fn) {
    const s = fn(row);
    if (s === s) return s; // NaN: a feature is missing or not a number; the loop below names it
  }
  return slowScore(row, m, who);
}

const compiled = new WeakMap<LinearModelData, ((row: Record<string, unknown>) => number) | null>();

/** A straight-line scorer (named property loads, no loop) or null where code generation is blocked (CSP). */
function compileScorer(m: LinearModelData): ((row: Record<string, unknown>) => number) | null {
  if (m.featureCols.length !== m.coefficients.length) return null; // vector columns: the loop expands them
  const terms = m.featureCols.map(
    (c, j) => `+${m.coefficients[j]}*(typeof (v=r[${JSON.stringify(c)}])==='number'?v:NaN)`,
  );
  try {
    return new Function('r', `let v;return ${m.intercept}${terms.join('')};`) as (
      row: Record<string, unknown>,
    ) => number;
  } catch {
    return null;
  }
}

function slowScore(row: Record<string, unknown>, m: LinearModelData, who: string): number {
  const x = readRowFeatures(row, m.featureCols, m.coefficients.length, who);
  let s = m.intercept;
  for (let j = 0; j < x.length; j++) s += m.coefficients[j] * x[j];
  return s;
}
