import { Estimator } from '../pipeline/estimator.ts';
import { Model } from '../pipeline/model.ts';
import { RowAppender } from '../pipeline/row-appender.ts';
import { toFeatureMatrix, toLabels, type MlData, type Row } from '../pipeline/data.ts';
import type {
  HasFeatureCols,
  HasLabelCol,
  HasPredictionCol,
  HasPredictionDetailCol,
  HasReservedCols,
} from '../pipeline/params.ts';
import { binaryLabels, fitLinear, type LinearTrainParams } from './fit-linear.ts';
import type { FitOptions } from '../pipeline/fit-options.ts';
import { linearScore, type LinearModelData } from './linear-model-data.ts';
import { ensureBackend } from '../tf/choose-backend.ts';

/** Parameters of {@link LogisticRegression} (Alink's names). */
export interface LogisticRegressionParams
  extends
    HasFeatureCols,
    HasLabelCol,
    HasPredictionCol,
    HasPredictionDetailCol,
    HasReservedCols,
    LinearTrainParams {}

/**
 * Binary logistic regression trained with tfjs ops (L-BFGS; FISTA with l1), on standardized features by default.
 *
 * @example
 * ```ts
 * const model = await new LogisticRegression({ featureCols: ['x1', 'x2'], labelCol: 'y', predictionDetailCol: 'detail' }).fit(rows);
 * const scored = await model.transform(rows); // rows with prediction and { no: 0.2, yes: 0.8 }
 * ```
 */
export class LogisticRegression extends Estimator<LogisticRegressionParams, LogisticRegressionModel> {
  async fit(data: MlData, options: FitOptions = {}): Promise<LogisticRegressionModel> {
    const p = this.params;
    const who = 'LogisticRegression.fit';
    await ensureBackend();
    const x = toFeatureMatrix(data, p.featureCols, who);
    const { y, labels } = binaryLabels(toLabels(data, p.labelCol, who), p.labelCol, who);
    const r = await fitLinear(x, y, 'logistic', p, p.featureCols, who, options);
    return new LogisticRegressionModel(p, {
      featureCols: [...p.featureCols],
      coefficients: r.coefficients,
      intercept: r.intercept,
      labels,
    });
  }
}

/**
 * A fitted logistic regression: prediction = the more likely label; predictionDetail = { label: probability }.
 *
 * @example
 * ```ts
 * model.predictRow({ x1: 1, x2: 2 }); // { x1: 1, x2: 2, prediction: 'yes' }
 * model.probability({ x1: 1, x2: 2 }); // 0.81
 * ```
 */
export class LogisticRegressionModel extends Model<LogisticRegressionParams> {
  readonly kind = 'LogisticRegressionModel';
  private out: RowAppender | undefined;
  constructor(
    params: LogisticRegressionParams,
    readonly data: LinearModelData,
  ) {
    super(params);
  }
  /** P(positive label) of one row. @example model.probability(row) */
  probability(row: Row): number {
    return 1 / (1 + Math.exp(-linearScore(row, this.data, 'LogisticRegressionModel')));
  }
  predictRow(row: Row): Row {
    const p = this.probability(row);
    const [neg, pos] = this.data.labels ?? [0, 1];
    const { predictionCol = 'prediction', predictionDetailCol, reservedCols } = this.params;
    this.out ??= new RowAppender(
      predictionDetailCol ? [predictionCol, predictionDetailCol] : [predictionCol],
      reservedCols,
    );
    const detail = predictionDetailCol ? { [String(neg)]: 1 - p, [String(pos)]: p } : undefined;
    return this.out.append(row, p >= 0.5 ? pos : neg, detail);
  }
  protected modelData(): LinearModelData {
    return this.data;
  }
}

Model.register(
  'LogisticRegressionModel',
  (j) => new LogisticRegressionModel(j.params as LogisticRegressionParams, j.data as LinearModelData),
);
