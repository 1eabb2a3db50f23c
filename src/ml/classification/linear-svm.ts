import { Estimator } from '../pipeline/estimator.ts';
import { Model } from '../pipeline/model.ts';
import { RowAppender } from '../pipeline/row-appender.ts';
import { toFeatureMatrix, toLabels, type MlData, type Row } from '../pipeline/data.ts';
import type { HasFeatureCols, HasLabelCol, HasPredictionCol, HasReservedCols } from '../pipeline/params.ts';
import { binaryLabels, fitLinear, type LinearTrainParams } from '../linear/fit-linear.ts';
import type { FitOptions } from '../pipeline/fit-options.ts';
import { linearScore, type LinearModelData } from '../linear/linear-model-data.ts';
import { ensureBackend } from '../tf/choose-backend.ts';

/** Parameters of {@link LinearSvm} (Alink's LinearSvm names). */
export interface LinearSvmParams
  extends HasFeatureCols, HasLabelCol, HasPredictionCol, HasReservedCols, LinearTrainParams {}

/**
 * Linear SVM: mean hinge loss + l2/2‖w‖² (default l2 = 0.01) with tfjs ops, on standardized features.
 *
 * @example
 * ```ts
 * const model = await new LinearSvm({ featureCols: ['a', 'b'], labelCol: 'y' }).fit(rows);
 * ```
 */
export class LinearSvm extends Estimator<LinearSvmParams, LinearSvmModel> {
  async fit(data: MlData, options: FitOptions = {}): Promise<LinearSvmModel> {
    const p = this.params;
    const who = 'LinearSvm.fit';
    await ensureBackend();
    const x = toFeatureMatrix(data, p.featureCols, who);
    const { y, labels } = binaryLabels(toLabels(data, p.labelCol, who), p.labelCol, who);
    const pm = y.map((v) => 2 * v - 1);
    const r = await fitLinear(
      x,
      pm,
      'hinge',
      { ...p, l2: p.l2 ?? 0.01, maxIter: p.maxIter ?? 200 },
      p.featureCols,
      who,
      options,
    );
    return new LinearSvmModel(p, {
      featureCols: [...p.featureCols],
      coefficients: r.coefficients,
      intercept: r.intercept,
      labels,
    });
  }
}

/**
 * A fitted linear SVM: prediction = positive label when the margin is ≥ 0.
 *
 * @example
 * ```ts
 * model.margin({ a: 1, b: 0 });
 * ```
 */
export class LinearSvmModel extends Model<LinearSvmParams> {
  readonly kind = 'LinearSvmModel';
  private out: RowAppender | undefined;
  constructor(
    params: LinearSvmParams,
    readonly data: LinearModelData,
  ) {
    super(params);
  }
  /** The signed margin of one row. @example model.margin(row) */
  margin(row: Row): number {
    return linearScore(row, this.data, 'LinearSvmModel');
  }
  predictRow(row: Row): Row {
    const [neg, pos] = this.data.labels ?? [0, 1];
    this.out ??= new RowAppender([this.params.predictionCol ?? 'prediction'], this.params.reservedCols);
    return this.out.append(row, this.margin(row) >= 0 ? pos : neg);
  }
  protected modelData(): LinearModelData {
    return this.data;
  }
}

Model.register(
  'LinearSvmModel',
  (j) => new LinearSvmModel(j.params as LinearSvmParams, j.data as LinearModelData),
);
