import { Estimator } from '../pipeline/estimator.ts';
import { Model } from '../pipeline/model.ts';
import { RowAppender } from '../pipeline/row-appender.ts';
import { toFeatureMatrix, toLabels, type MlData, type Row } from '../pipeline/data.ts';
import type { HasFeatureCols, HasLabelCol, HasPredictionCol, HasReservedCols } from '../pipeline/params.ts';
import { assertFinite } from '../tf/tensors.ts';
import { fitLinear, type LinearTrainParams } from './fit-linear.ts';
import { linearScore, type LinearModelData } from './linear-model-data.ts';
import { solveLeastSquares } from './normal-equations.ts';
import { TrainingRun, type FitOptions } from '../pipeline/fit-options.ts';
import { ensureBackend } from '../tf/choose-backend.ts';

/** Parameters of {@link LinearRegression} (Alink's names). */
export interface LinearRegressionParams
  extends HasFeatureCols, HasLabelCol, HasPredictionCol, HasReservedCols, LinearTrainParams {}

/**
 * Linear regression with L1/L2 on standardized features (coefficients reported on the original scale).
 * Without l1 it solves the normal equations (tfjs Gram matrix + float64 refinement); with l1 it runs FISTA.
 *
 * @example
 * ```ts
 * const model = await new LinearRegression({ featureCols: ['a', 'b'], labelCol: 'y' }).fit(rows);
 * model.data.coefficients; // [1.5, -2]
 * ```
 */
export class LinearRegression extends Estimator<LinearRegressionParams, LinearRegressionModel> {
  async fit(data: MlData, options: FitOptions = {}): Promise<LinearRegressionModel> {
    const p = this.params;
    const who = 'LinearRegression.fit';
    await ensureBackend();
    const x = toFeatureMatrix(data, p.featureCols, who);
    assertFinite(x, p.featureCols, who);
    const raw = toLabels(data, p.labelCol, who);
    const y = new Float64Array(raw.length);
    for (let i = 0; i < raw.length; i++) {
      y[i] = Number(raw[i]);
      if (!Number.isFinite(y[i]))
        throw new Error(`${who}: label column "${p.labelCol}" row ${i} is not a number (${String(raw[i])})`);
    }
    const closedForm = !(p.l1 ?? 0) && p.optimMethod !== 'GD';
    let r: { coefficients: number[]; intercept: number };
    if (closedForm) {
      // one pass (the Gram matrix), reported as one iteration with the training loss ½·mean(residual²)
      const run = new TrainingRun(who, x.rows, 1, options);
      r = await solveLeastSquares(x, y, {
        l2: p.l2 ?? 0,
        standardization: p.standardization ?? true,
        withIntercept: p.withIntercept ?? true,
      });
      run.evaluated();
      await run.step(1, halfMeanSquaredResidual(x, y, r.coefficients, r.intercept));
    } else r = await fitLinear(x, y, 'squared', p, p.featureCols, who, options);
    return new LinearRegressionModel(p, {
      featureCols: [...p.featureCols],
      coefficients: r.coefficients,
      intercept: r.intercept,
    });
  }
}

/**
 * A fitted linear regression; predictRow adds intercept + Σ coef·x (plain float64).
 *
 * @example
 * ```ts
 * model.predictRow({ a: 1, b: 2 }).prediction;
 * ```
 */
export class LinearRegressionModel extends Model<LinearRegressionParams> {
  readonly kind = 'LinearRegressionModel';
  private out: RowAppender | undefined;
  constructor(
    params: LinearRegressionParams,
    readonly data: LinearModelData,
  ) {
    super(params);
  }
  predictRow(row: Row): Row {
    const v = linearScore(row, this.data, 'LinearRegressionModel');
    this.out ??= new RowAppender([this.params.predictionCol ?? 'prediction'], this.params.reservedCols);
    return this.out.append(row, v);
  }
  protected modelData(): LinearModelData {
    return this.data;
  }
}

Model.register(
  'LinearRegressionModel',
  (j) => new LinearRegressionModel(j.params as LinearRegressionParams, j.data as LinearModelData),
);

function halfMeanSquaredResidual(
  x: { rows: number; cols: number; values: Float64Array },
  y: Float64Array,
  coef: number[],
  b: number,
): number {
  let s = 0;
  for (let i = 0; i < x.rows; i++) {
    let z = b - y[i];
    for (let j = 0; j < x.cols; j++) z += coef[j] * x.values[i * x.cols + j];
    s += z * z;
  }
  return s / (2 * x.rows);
}
