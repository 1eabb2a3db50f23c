import { mulberry32 } from '../../src/engine/connectors/seeded-events.ts';

/** Weights and bias of the logistic model the data is drawn from. */
export const TRUE_WEIGHTS = [1.5, -2, 0.75, 1];
export const TRUE_BIAS = -0.25;

/** A seeded binary-classification data set: `x` is row-major `samples × features`. */
export interface LogisticData {
  x: Float32Array;
  y: Float32Array;
  samples: number;
  features: number;
}

/**
 * Draws `samples` points with standard-normal features (Box–Muller) and labels
 * `y ~ Bernoulli(sigmoid(TRUE_WEIGHTS · x + TRUE_BIAS))`, all from one mulberry32 stream.
 *
 * @example
 * ```ts
 * const { x, y } = makeLogisticData(2048, 7);
 * ```
 */
export function makeLogisticData(samples: number, seed: number): LogisticData {
  const features = TRUE_WEIGHTS.length;
  const random = mulberry32(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const x = new Float32Array(samples * features);
  const y = new Float32Array(samples);
  for (let i = 0; i < samples; i++) {
    let z = TRUE_BIAS;
    for (let j = 0; j < features; j++) {
      const v = normal();
      x[i * features + j] = v;
      z += TRUE_WEIGHTS[j] * v;
    }
    y[i] = random() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  return { x, y, samples, features };
}
