import * as tf from '@tensorflow/tfjs';
import { designTensor, trainingStats, type DenseMatrix } from '../tf/tensors.ts';
import { unstandardize } from './linear-model-data.ts';

/**
 * Solves A·x = b for a symmetric positive definite A (row-major d×d) by Cholesky, in float64.
 *
 * @example
 * ```ts
 * choleskySolve(Float64Array.of(4, 0, 0, 1), Float64Array.of(8, 3), 2); // [2, 3]
 * ```
 */
export function choleskySolve(a: Float64Array, b: Float64Array, d: number): Float64Array {
  const l = new Float64Array(d * d);
  for (let i = 0; i < d; i++)
    for (let j = 0; j <= i; j++) {
      let s = a[i * d + j];
      for (let k = 0; k < j; k++) s -= l[i * d + k] * l[j * d + k];
      if (i === j) {
        if (!(s > 0))
          throw new Error(
            'LinearRegression: the features are collinear (singular normal equations); drop duplicate features or set l2 > 0',
          );
        l[i * d + i] = Math.sqrt(s);
      } else l[i * d + j] = s / l[j * d + j];
    }
  const z = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i * d + k] * z[k];
    z[i] = s / l[i * d + i];
  }
  const x = new Float64Array(d);
  for (let i = d - 1; i >= 0; i--) {
    let s = z[i];
    for (let k = i + 1; k < d; k++) s -= l[k * d + i] * x[k];
    x[i] = s / l[i * d + i];
  }
  return x;
}

/**
 * Ridge/least squares by the normal equations: the Gram matrix and the gradients Xᵀr are tfjs ops
 * (float32) and the solution is polished by iterative refinement with float64 residuals, so noiseless
 * data is recovered to float64 accuracy even at feature scales 1e-3..1e3.
 *
 * @example
 * ```ts
 * const { coefficients, intercept } = await solveLeastSquares(x, y, { l2: 0, standardization: true, withIntercept: true });
 * ```
 */
export async function solveLeastSquares(
  x: DenseMatrix,
  y: Float64Array,
  p: { l2: number; standardization: boolean; withIntercept: boolean; refinements?: number },
): Promise<{ coefficients: number[]; intercept: number }> {
  const { rows: n, cols } = x;
  const stats = trainingStats(x, p.standardization, p.withIntercept);
  const d = cols + (p.withIntercept ? 1 : 0);
  const design = designTensor(x, stats, p.withIntercept);
  try {
    const gramT = tf.tidy(() => design.transpose().matMul(design).div(n));
    const gram = Float64Array.from(await gramT.data());
    gramT.dispose();
    for (let j = 0; j < cols; j++) gram[j * d + j] += p.l2;
    const w = new Float64Array(d);
    const r = new Float64Array(n);
    for (let round = 0; round < (p.refinements ?? 4); round++) {
      for (let i = 0; i < n; i++) {
        let s = p.withIntercept ? w[cols] : 0;
        for (let j = 0; j < cols; j++) s += (w[j] * (x.values[i * cols + j] - stats.mean[j])) / stats.std[j];
        r[i] = y[i] - s;
      }
      const gT = tf.tidy(() =>
        design
          .transpose()
          .matMul(tf.tensor2d(Float32Array.from(r), [n, 1]))
          .div(n),
      );
      const g = Float64Array.from(await gT.data());
      gT.dispose();
      for (let j = 0; j < cols; j++) g[j] -= p.l2 * w[j];
      const delta = choleskySolve(gram, g, d);
      for (let j = 0; j < d; j++) w[j] += delta[j];
    }
    return unstandardize(w, stats, p.withIntercept);
  } finally {
    design.dispose();
  }
}
