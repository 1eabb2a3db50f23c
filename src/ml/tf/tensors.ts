import * as tf from '@tensorflow/tfjs';

/** A dense row-major float64 matrix (the shape of the pipeline's `toFeatureMatrix`). */
export interface DenseMatrix {
  rows: number;
  cols: number;
  values: Float64Array;
}

/** Column means and standard deviations (population; 1 where a column is constant). */
export interface ColumnStats {
  mean: Float64Array;
  std: Float64Array;
}

/**
 * Mean and standard deviation of every column, in float64.
 *
 * @example
 * ```ts
 * columnStats({ rows: 2, cols: 1, values: Float64Array.of(1, 3) }); // mean [2], std [1]
 * ```
 */
export function columnStats(x: DenseMatrix): ColumnStats {
  const { rows, cols, values } = x;
  const mean = new Float64Array(cols);
  const std = new Float64Array(cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) mean[j] += values[i * cols + j];
  for (let j = 0; j < cols; j++) mean[j] /= rows;
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < cols; j++) {
      const d = values[i * cols + j] - mean[j];
      std[j] += d * d;
    }
  for (let j = 0; j < cols; j++) {
    const s = Math.sqrt(std[j] / rows);
    std[j] = s > 0 && Number.isFinite(s) ? s : 1;
  }
  return { mean, std };
}

/** Identity statistics (no standardization). @example identityStats(3).std // [1, 1, 1] */
export function identityStats(cols: number): ColumnStats {
  return { mean: new Float64Array(cols), std: new Float64Array(cols).fill(1) };
}

/**
 * The statistics a linear trainer standardizes with: identity without `standardization`; with it, every column is
 * divided by its std and centred only when the model has an intercept to absorb the means (centring a model
 * without one would give it the intercept −Σ coef·mean after unstandardizing).
 *
 * @example
 * ```ts
 * trainingStats({ rows: 2, cols: 1, values: Float64Array.of(1, 3) }, true, false); // mean [0], std [1]
 * ```
 */
export function trainingStats(x: DenseMatrix, standardization: boolean, intercept: boolean): ColumnStats {
  if (!standardization) return identityStats(x.cols);
  const stats = columnStats(x);
  if (!intercept) stats.mean.fill(0);
  return stats;
}

/**
 * A float32 tensor of the standardized matrix, with a trailing column of ones when `intercept`.
 * The caller disposes it.
 *
 * @example
 * ```ts
 * const t = designTensor(x, columnStats(x), true); // [rows, cols + 1]
 * ```
 */
export function designTensor(x: DenseMatrix, stats: ColumnStats, intercept: boolean): tf.Tensor2D {
  const { rows, cols, values } = x;
  const width = cols + (intercept ? 1 : 0);
  const out = new Float32Array(rows * width);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) out[i * width + j] = (values[i * cols + j] - stats.mean[j]) / stats.std[j];
    if (intercept) out[i * width + cols] = 1;
  }
  return tf.tensor2d(out, [rows, width], 'float32');
}

/**
 * Rejects NaN/Infinity in a feature matrix, naming the column and the first bad row.
 *
 * @example
 * ```ts
 * assertFinite(x, ['a', 'b'], 'LogisticRegression');
 * ```
 */
export function assertFinite(x: DenseMatrix, names: readonly string[] | undefined, who: string): void {
  const { rows, cols, values } = x;
  for (let i = 0; i < rows * cols; i++) {
    if (!Number.isFinite(values[i])) {
      const col = names?.[i % cols] ?? `#${i % cols}`;
      throw new Error(
        `${who}: feature column "${col}" has a missing or non-numeric value at row ${Math.floor(i / cols)}; add an Imputer to the pipeline or clean the data`,
      );
    }
  }
}
