import * as tf from '@tensorflow/tfjs';
import { assertFinite, designTensor, trainingStats, type DenseMatrix } from '../tf/tensors.ts';
import { linearObjective, type LinearLoss } from './objectives.ts';
import { minimize, type MinimizeOptions } from './optimizer.ts';
import { unstandardize } from './linear-model-data.ts';
import { TrainingRun, type FitOptions } from '../pipeline/fit-options.ts';

/**
 * Training options shared by the linear models (Alink's names). The objective is mean loss + l1‖w‖₁ + l2/2‖w‖²
 * over the n rows (intercept unpenalised), on the standardized features when `standardization` is on. In
 * scikit-learn's terms: Ridge(alpha = n·l2), Lasso(alpha = l1), LogisticRegression(C = 1/(n·l2)),
 * SVC(kernel='linear', C = 1/(n·l2)), each fitted on X / std (population std; centred only with an intercept).
 */
export interface LinearTrainParams {
  /**
   * Divide features by their std before training (and centre them when there is an intercept); coefficients are
   * reported on the original scale. Default true.
   */
  standardization?: boolean;
  /** Fit an intercept. Default true. */
  withIntercept?: boolean;
  l1?: number;
  l2?: number;
  maxIter?: number;
  epsilon?: number;
  optimMethod?: 'LBFGS' | 'GD';
  learningRate?: number;
}

/**
 * Fits a linear model with tfjs ops: the loss and gradient run as tensors, the (small) weight update in
 * float64. Tensors are disposed, so `tf.memory().numTensors` is unchanged afterwards.
 *
 * @example
 * ```ts
 * const { coefficients, intercept } = await fitLinear(x, y, 'logistic', { l2: 0.01 }, ['a', 'b'], 'LogisticRegression');
 * ```
 */
export async function fitLinear(
  x: DenseMatrix,
  y: Float64Array,
  loss: LinearLoss,
  p: LinearTrainParams,
  featureCols: readonly string[],
  who: string,
  fitOptions: FitOptions = {},
): Promise<{ coefficients: number[]; intercept: number; iterations: number; losses: number[] }> {
  assertFinite(x, featureCols, who);
  const maxIter = p.maxIter ?? 100;
  const run = new TrainingRun(who, x.rows, maxIter, fitOptions);
  const intercept = p.withIntercept ?? true;
  const stats = trainingStats(x, p.standardization ?? true, intercept);
  const design = designTensor(x, stats, intercept);
  const yt = tf.tensor2d(Float32Array.from(y), [y.length, 1]);
  try {
    const width = x.cols + (intercept ? 1 : 0);
    const penalize = new Uint8Array(width).fill(1);
    if (intercept) penalize[x.cols] = 0;
    const options: MinimizeOptions = {
      optimMethod: p.optimMethod,
      maxIter,
      epsilon: p.epsilon ?? 1e-7,
      learningRate: p.learningRate,
      l1: p.l1 ?? 0,
      l2: p.l2 ?? 0,
      penalize,
      who,
      run,
    };
    const r = await minimize(linearObjective(design, yt, loss), new Float64Array(width), options);
    return { ...unstandardize(r.w, stats, intercept), iterations: r.iterations, losses: r.losses };
  } finally {
    design.dispose();
    yt.dispose();
  }
}

/**
 * Maps a label column with exactly two distinct values to 0/1 (sorted: the second is positive).
 * Throws on a single class or more than two, naming the column.
 *
 * @example
 * ```ts
 * binaryLabels(['no', 'yes', 'no'], 'y', 'LogisticRegression'); // { y: [0, 1, 0], labels: ['no', 'yes'] }
 * ```
 */
export function binaryLabels(
  raw: unknown[],
  labelCol: string,
  who: string,
): { y: Float64Array; labels: unknown[] } {
  const distinct = [...new Set(raw)].sort((a, b) =>
    typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b)),
  );
  if (distinct.length < 2) {
    throw new Error(
      `${who}: label column "${labelCol}" has a single class (${String(distinct[0])}); a binary classifier needs rows of two classes`,
    );
  }
  if (distinct.length > 2) {
    throw new Error(
      `${who}: label column "${labelCol}" has ${distinct.length} classes; use Softmax for multiclass labels`,
    );
  }
  const y = new Float64Array(raw.length);
  for (let i = 0; i < raw.length; i++) y[i] = raw[i] === distinct[1] ? 1 : 0;
  return { y, labels: distinct };
}
