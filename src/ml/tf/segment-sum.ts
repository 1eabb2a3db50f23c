import * as tf from '@tensorflow/tfjs';

/**
 * Per-segment row sums as oneHot(segments)ᵀ · x: works on every backend (wasm has no
 * UnsortedSegmentSum kernel). Call inside tf.tidy.
 *
 * @example
 * ```ts
 * segmentSum(tf.tensor2d([[1], [2], [3]]), tf.tensor1d([0, 1, 0], 'int32'), 2); // [[4], [2]]
 * ```
 */
export function segmentSum(x: tf.Tensor2D, segments: tf.Tensor1D, k: number): tf.Tensor2D {
  return tf.oneHot(segments, k).toFloat().matMul(x, true, false) as tf.Tensor2D;
}

/**
 * Count of each segment id as a float tensor of length k. Call inside tf.tidy.
 *
 * @example
 * ```ts
 * segmentCount(tf.tensor1d([0, 1, 0], 'int32'), 2); // [2, 1]
 * ```
 */
export function segmentCount(segments: tf.Tensor1D, k: number): tf.Tensor1D {
  return tf.oneHot(segments, k).toFloat().sum(0);
}
