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
import { assertFinite, designTensor, trainingStats } from '../tf/tensors.ts';
import { minimize, type LossAndGrad } from '../linear/optimizer.ts';
import type { LinearTrainParams } from '../linear/fit-linear.ts';
import { TrainingRun, type FitOptions } from '../pipeline/fit-options.ts';
import { ensureBackend } from '../tf/choose-backend.ts';

/** Parameters of {@link Softmax} (Alink's names). */
export interface SoftmaxParams
  extends
    HasFeatureCols,
    HasLabelCol,
    HasPredictionCol,
    HasPredictionDetailCol,
    HasReservedCols,
    LinearTrainParams {}

/** Per-class coefficients on the original scale. */
export interface SoftmaxModelData {
  featureCols: string[];
  labels: unknown[];
  /** coefficients[c][j] and intercepts[c] for class labels[c]. */
  coefficients: number[][];
  intercepts: number[];
}

/**
 * Multiclass logistic (softmax) regression: cross-entropy loss and gradient as tfjs ops, L-BFGS on the host.
 *
 * @example
 * ```ts
 * const model = await new Softmax({ featureCols: ['a', 'b'], labelCol: 'species' }).fit(rows);
 * ```
 */
export class Softmax extends Estimator<SoftmaxParams, SoftmaxModel> {
  async fit(data: MlData, options: FitOptions = {}): Promise<SoftmaxModel> {
    const p = this.params;
    const who = 'Softmax.fit';
    await ensureBackend();
    const x = toFeatureMatrix(data, p.featureCols, who);
    assertFinite(x, p.featureCols, who);
    const raw = toLabels(data, p.labelCol, who);
    const labels = [...new Set(raw)].sort((a, b) => String(a).localeCompare(String(b)));
    if (labels.length < 2)
      throw new Error(`${who}: label column "${p.labelCol}" has a single class; Softmax needs two or more`);
    const k = labels.length;
    const intercept = p.withIntercept ?? true;
    const stats = trainingStats(x, p.standardization ?? true, intercept);
    const d = x.cols + (intercept ? 1 : 0);
    const xs = designTensor(x, stats, intercept);
    const index = new Map(labels.map((l, i) => [l, i]));
    const ys = tf.tidy(() =>
      tf
        .oneHot(
          tf.tensor1d(
            raw.map((l) => index.get(l)!),
            'int32',
          ),
          k,
        )
        .toFloat(),
    );
    const objective = async (w: Float64Array): Promise<LossAndGrad> => {
      const [l, g] = tf.tidy(() => {
        const z = xs.matMul(tf.tensor2d(Float32Array.from(w), [d, k]));
        const loss = tf.mean(tf.logSumExp(z, 1).sub(z.mul(ys).sum(1)));
        const grad = xs.transpose().matMul(tf.softmax(z).sub(ys)).div(x.rows);
        return [loss, grad];
      });
      const [lv, gv] = await Promise.all([l.data(), g.data()]);
      tf.dispose([l, g]);
      return { loss: lv[0], grad: Float64Array.from(gv) };
    };
    const penalize = new Uint8Array(d * k).fill(1);
    if (intercept) penalize.fill(0, x.cols * k);
    try {
      const maxIter = p.maxIter ?? 100;
      const r = await minimize(objective, new Float64Array(d * k), {
        ...p,
        run: new TrainingRun(who, x.rows, maxIter, options),
        maxIter,
        epsilon: p.epsilon ?? 1e-7,
        penalize,
        who,
      });
      const coefficients: number[][] = [];
      const intercepts: number[] = [];
      for (let c = 0; c < k; c++) {
        const coef = Array.from({ length: x.cols }, (_, j) => r.w[j * k + c] / stats.std[j]);
        coefficients.push(coef);
        intercepts.push(
          (intercept ? r.w[x.cols * k + c] : 0) - coef.reduce((s, v, j) => s + v * stats.mean[j], 0),
        );
      }
      return new SoftmaxModel(p, { featureCols: [...p.featureCols], labels, coefficients, intercepts });
    } finally {
      tf.dispose([xs, ys]);
    }
  }
}

/**
 * A fitted softmax model: prediction = most probable label; detail = { label: probability }.
 *
 * @example
 * ```ts
 * model.predictRow({ a: 1, b: 2 }).prediction;
 * ```
 */
export class SoftmaxModel extends Model<SoftmaxParams> {
  readonly kind = 'SoftmaxModel';
  private out: RowAppender | undefined;
  constructor(
    params: SoftmaxParams,
    readonly data: SoftmaxModelData,
  ) {
    super(params);
  }
  predictRow(row: Row): Row {
    const x = readRowFeatures(row, this.data.featureCols, this.data.coefficients[0].length, 'SoftmaxModel');
    const z = this.data.coefficients.map((coef, c) =>
      coef.reduce((s, w, j) => s + w * x[j], this.data.intercepts[c]),
    );
    const m = Math.max(...z);
    const e = z.map((v) => Math.exp(v - m));
    const total = e.reduce((s, v) => s + v, 0);
    const best = z.indexOf(m);
    const second = this.params.predictionDetailCol
      ? Object.fromEntries(this.data.labels.map((l, c) => [String(l), e[c] / total]))
      : undefined;
    this.out ??= appenderFor(this.params, this.params.predictionDetailCol);
    return this.out.append(row, this.data.labels[best], second);
  }
  protected modelData(): SoftmaxModelData {
    return this.data;
  }
}

Model.register(
  'SoftmaxModel',
  (j) => new SoftmaxModel(j.params as SoftmaxParams, j.data as SoftmaxModelData),
);
