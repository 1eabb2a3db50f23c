import * as tf from '@tensorflow/tfjs';
import { Estimator } from '../pipeline/estimator.ts';
import { Model } from '../pipeline/model.ts';
import { appenderFor, type RowAppender } from '../pipeline/row-appender.ts';
import { readRowFeatures } from '../pipeline/row-features.ts';
import { toFeatureMatrix, toLabels, type MlData, type Row } from '../pipeline/data.ts';
import type {
  HasFeatureCols,
  HasLabelCol,
  HasPredictionCol,
  HasPredictionDetailCol,
  HasReservedCols,
} from '../pipeline/params.ts';
import { assertFinite } from '../tf/tensors.ts';
import { segmentCount, segmentSum } from '../tf/segment-sum.ts';
import { TrainingRun, type FitOptions } from '../pipeline/fit-options.ts';
import { ensureBackend } from '../tf/choose-backend.ts';

/** Parameters of {@link NaiveBayes} (Alink's names). */
export interface NaiveBayesParams
  extends HasFeatureCols, HasLabelCol, HasPredictionCol, HasPredictionDetailCol, HasReservedCols {
  /** 'Gaussian' (default) or 'Multinomial' (non-negative counts). */
  modelType?: 'Gaussian' | 'Multinomial';
  /** Laplace smoothing of the multinomial counts. Default 1. */
  smoothing?: number;
  /**
   * Gaussian: varSmoothing times the largest variance of a feature over all rows (not per class) is added to every
   * variance, as scikit-learn's var_smoothing. Default 1e-9.
   */
  varSmoothing?: number;
}

/** Per-class log prior and per-feature parameters. */
export interface NaiveBayesModelData {
  featureCols: string[];
  labels: unknown[];
  modelType: 'Gaussian' | 'Multinomial';
  logPrior: number[];
  /** Gaussian: means; Multinomial: log feature probabilities. */
  theta: number[][];
  /** Gaussian variances (empty for Multinomial). */
  sigma: number[][];
}

/**
 * Naive Bayes (Gaussian or multinomial); the per-class sums are tfjs ops (one-hot matmul).
 *
 * @example
 * ```ts
 * const model = await new NaiveBayes({ featureCols: ['x'], labelCol: 'y' }).fit(rows);
 * ```
 */
export class NaiveBayes extends Estimator<NaiveBayesParams, NaiveBayesModel> {
  async fit(data: MlData, options: FitOptions = {}): Promise<NaiveBayesModel> {
    const p = this.params;
    const who = 'NaiveBayes.fit';
    await ensureBackend();
    const x = toFeatureMatrix(data, p.featureCols, who);
    assertFinite(x, p.featureCols, who);
    const type = p.modelType ?? 'Gaussian';
    if (type === 'Multinomial')
      x.values.forEach((v, i) => {
        if (v < 0)
          throw new Error(
            `${who}: Multinomial needs non-negative counts; column "${p.featureCols[i % x.cols]}" row ${Math.floor(i / x.cols)} is ${v}`,
          );
      });
    const raw = toLabels(data, p.labelCol, who);
    const labels = [...new Set(raw)].sort((a, b) => String(a).localeCompare(String(b)));
    if (labels.length < 2)
      throw new Error(
        `${who}: label column "${p.labelCol}" has a single class; a classifier needs two or more`,
      );
    const k = labels.length;
    const index = new Map(labels.map((l, i) => [l, i]));
    const seg = tf.tensor1d(
      raw.map((l) => index.get(l)!),
      'int32',
    );
    const xt = tf.tensor2d(Float32Array.from(x.values), [x.rows, x.cols], 'float32');
    // per-class counts and sums, then squared deviations from the class means (two passes: no cancellation)
    const ts = tf.tidy(() => {
      const n = segmentCount(seg, k);
      const sum = segmentSum(xt, seg, k);
      const dev = xt.sub(tf.gather(sum.div(n.reshape([k, 1])), seg));
      return [n, sum, segmentSum(dev.square() as tf.Tensor2D, seg, k)];
    });
    const [counts, sums, squares] = (await Promise.all(ts.map((t) => t.data()))).map((a) =>
      Float64Array.from(a),
    );
    tf.dispose([seg, xt, ...ts]);
    // one pass over the data; Naive Bayes has no iterative objective, so the loss is reported as NaN
    const run = new TrainingRun(who, x.rows, 1, options);
    run.evaluated();
    await run.step(1, Number.NaN);
    const rows = (a: Float64Array): number[][] =>
      Array.from({ length: k }, (_, c) => Array.from(a.subarray(c * x.cols, (c + 1) * x.cols)));
    const logPrior = Array.from(counts, (n) => Math.log(n / x.rows));
    let theta: number[][];
    let sigma: number[][] = [];
    if (type === 'Gaussian') {
      theta = rows(sums).map((s, c) => s.map((v) => v / counts[c]));
      sigma = rows(squares).map((s, c) => s.map((v) => v / counts[c]));
      // scikit-learn's epsilon: varSmoothing times the largest variance of a feature over all rows (float64)
      const eps = (p.varSmoothing ?? 1e-9) * (maxColumnVariance(x.values, x.rows, x.cols) || 1);
      sigma = sigma.map((s) => s.map((v) => v + eps));
    } else {
      const alpha = p.smoothing ?? 1;
      theta = rows(sums).map((s) => {
        const total = s.reduce((a, b) => a + b, 0) + alpha * x.cols;
        return s.map((v) => Math.log((v + alpha) / total));
      });
    }
    return new NaiveBayesModel(p, {
      featureCols: [...p.featureCols],
      labels,
      modelType: type,
      logPrior,
      theta,
      sigma,
    });
  }
}

/** The largest population variance of a column of a row-major matrix (two passes). */
function maxColumnVariance(values: Float64Array, rows: number, cols: number): number {
  let best = 0;
  for (let j = 0; j < cols; j++) {
    let mean = 0;
    for (let i = 0; i < rows; i++) mean += values[i * cols + j];
    mean /= rows;
    let ss = 0;
    for (let i = 0; i < rows; i++) ss += (values[i * cols + j] - mean) ** 2;
    best = Math.max(best, ss / rows);
  }
  return best;
}

/**
 * A fitted naive Bayes model: prediction = argmax of the joint log-likelihood; detail = posteriors.
 *
 * @example
 * ```ts
 * model.posterior([4]); // [0.6, 0.4]
 * ```
 */
export class NaiveBayesModel extends Model<NaiveBayesParams> {
  readonly kind = 'NaiveBayesModel';
  private out: RowAppender | undefined;
  constructor(
    params: NaiveBayesParams,
    readonly data: NaiveBayesModelData,
  ) {
    super(params);
  }
  /** Class posterior probabilities of one feature vector. @example model.posterior([1, 2]) */
  posterior(x: readonly number[]): number[] {
    const d = this.data;
    const jll = d.logPrior.map((lp, c) => {
      let s = lp;
      for (let j = 0; j < x.length; j++) {
        if (d.modelType === 'Gaussian')
          s +=
            -0.5 * Math.log(2 * Math.PI * d.sigma[c][j]) - (x[j] - d.theta[c][j]) ** 2 / (2 * d.sigma[c][j]);
        else s += x[j] * d.theta[c][j];
      }
      return s;
    });
    const m = Math.max(...jll);
    const e = jll.map((v) => Math.exp(v - m));
    const total = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / total);
  }
  predictRow(row: Row): Row {
    const x = readRowFeatures(row, this.data.featureCols, this.data.theta[0].length, 'NaiveBayesModel');
    const post = this.posterior(x);
    const best = post.indexOf(Math.max(...post));
    const second = this.params.predictionDetailCol
      ? Object.fromEntries(this.data.labels.map((l, c) => [String(l), post[c]]))
      : undefined;
    this.out ??= appenderFor(this.params, this.params.predictionDetailCol);
    return this.out.append(row, this.data.labels[best], second);
  }
  protected modelData(): NaiveBayesModelData {
    return this.data;
  }
}

Model.register(
  'NaiveBayesModel',
  (j) => new NaiveBayesModel(j.params as NaiveBayesParams, j.data as NaiveBayesModelData),
);
