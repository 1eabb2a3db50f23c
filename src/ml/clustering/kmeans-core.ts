import * as tf from '@tensorflow/tfjs';
import type { DenseMatrix } from '../tf/tensors.ts';
import { segmentCount, segmentSum } from '../tf/segment-sum.ts';
import type { TrainingRun } from '../pipeline/fit-options.ts';
import { mulberry32 } from '../data/mulberry32.ts';

/**
 * k-means++ initial centers (Arthur & Vassilvitskii): each next center drawn with probability ∝ D².
 *
 * @example
 * ```ts
 * const centers = kMeansPlusPlus(x, 3, 42); // Float64Array of 3 × cols
 * ```
 */
export function kMeansPlusPlus(x: DenseMatrix, k: number, seed: number): Float64Array {
  const { rows, cols, values } = x;
  const rand = mulberry32(seed);
  const centers = new Float64Array(k * cols);
  const d2 = new Float64Array(rows).fill(Infinity);
  let pick = Math.floor(rand() * rows);
  for (let c = 0; c < k; c++) {
    centers.set(values.subarray(pick * cols, pick * cols + cols), c * cols);
    let total = 0;
    for (let i = 0; i < rows; i++) {
      let s = 0;
      for (let j = 0; j < cols; j++) {
        const diff = values[i * cols + j] - centers[c * cols + j];
        s += diff * diff;
      }
      if (s < d2[i]) d2[i] = s;
      total += d2[i];
    }
    let r = rand() * total;
    pick = rows - 1;
    for (let i = 0; i < rows; i++) {
      r -= d2[i];
      if (r <= 0) {
        pick = i;
        break;
      }
    }
  }
  return centers;
}

/**
 * Lloyd iterations with tfjs ops (distances ‖x‖² − 2x·cᵀ + ‖c‖², argMin, one-hot segment sums) until no
 * center moves more than `epsilon` or `maxIter`. An emptied cluster keeps its center.
 *
 * @example
 * ```ts
 * const { centers, iterations } = await lloyd(x, kMeansPlusPlus(x, 3, 1), 3, { maxIter: 50, epsilon: 1e-4 });
 * ```
 */
export async function lloyd(
  x: DenseMatrix,
  init: Float64Array,
  k: number,
  o: { maxIter: number; epsilon: number; run?: TrainingRun },
): Promise<{ centers: Float64Array; iterations: number; assignments: Int32Array }> {
  const xt = tf.tensor2d(Float32Array.from(x.values), [x.rows, x.cols]);
  const xNorm = tf.tidy(() => xt.square().sum(1, true));
  let centers = Float64Array.from(init);
  let assignments = new Int32Array(x.rows);
  let it = 1;
  try {
    for (; it <= o.maxIter; it++) {
      const [assignT, sumsT, countsT, sseT] = tf.tidy(() => {
        const c = tf.tensor2d(Float32Array.from(centers), [k, x.cols]);
        const dist = xNorm.sub(xt.matMul(c, false, true).mul(2)).add(c.square().sum(1).reshape([1, k]));
        const assign = dist.argMin(1) as tf.Tensor1D;
        const sums = segmentSum(xt, assign, k);
        const counts = segmentCount(assign, k);
        return [assign, sums, counts, dist.min(1).relu().sum()];
      });
      const [a, sums, counts, sse] = await Promise.all([
        assignT.data(),
        sumsT.data(),
        countsT.data(),
        sseT.data(),
      ]);
      tf.dispose([assignT, sumsT, countsT, sseT]);
      assignments = Int32Array.from(a);
      const next = Float64Array.from(centers);
      for (let c = 0; c < k; c++)
        if (counts[c] > 0)
          for (let j = 0; j < x.cols; j++) next[c * x.cols + j] = sums[c * x.cols + j] / counts[c];
      let moved = 0;
      for (let i = 0; i < next.length; i++) moved = Math.max(moved, Math.abs(next[i] - centers[i]));
      centers = next;
      o.run?.evaluated();
      await o.run?.step(it, sse[0]); // the SSE of the assignment made with the previous centers
      if (moved <= o.epsilon) break;
    }
  } finally {
    tf.dispose([xt, xNorm]);
  }
  return { centers, iterations: Math.min(it, o.maxIter), assignments };
}
