/**
 * Alink's common parameters, as options-object fragments that each stage's params interface extends.
 */

/** Input feature columns (numeric, or number-array vector columns). @example { featureCols: ['x1', 'x2'] } */
export interface HasFeatureCols {
  featureCols: string[];
}

/** The label column for supervised training. @example { labelCol: 'label' } */
export interface HasLabelCol {
  labelCol: string;
}

/** The output column for the predicted label or value (default 'prediction'). @example { predictionCol: 'pred' } */
export interface HasPredictionCol {
  predictionCol?: string;
}

/**
 * The output column for the prediction detail: an object mapping each label to its probability.
 * Not written when omitted. @example { predictionDetailCol: 'detail' } // { yes: 0.8, no: 0.2 }
 */
export interface HasPredictionDetailCol {
  predictionDetailCol?: string;
}

/** Input columns copied to the output (all when omitted). @example { reservedCols: ['id'] } */
export interface HasReservedCols {
  reservedCols?: string[];
}

/** The columns a transformer reads. @example { selectedCols: ['age', 'income'] } */
export interface HasSelectedCols {
  selectedCols: string[];
}

/** One output column. @example { outputCol: 'vec' } */
export interface HasOutputCol {
  outputCol?: string;
}

/** One output column per selected column (the selected columns are replaced when omitted). @example { outputCols: ['a_s'] } */
export interface HasOutputCols {
  outputCols?: string[];
}

/** The default prediction column name. @example params.predictionCol ?? DEFAULT_PREDICTION_COL */
export const DEFAULT_PREDICTION_COL = 'prediction';

/**
 * Fails unless `params[name]` is set, naming the stage and the parameter.
 *
 * @example const cols = requireParam(params, 'featureCols', 'LinearRegression');
 */
export function requireParam<P extends object, K extends keyof P & string>(
  params: P,
  name: K,
  stage: string,
): NonNullable<P[K]> {
  const v = params[name];
  if (v === undefined || v === null || (Array.isArray(v) && v.length === 0)) {
    throw new Error(
      `${stage}: parameter '${name}' is required; pass it in the options object ({ ${name}: ... }).`,
    );
  }
  return v as NonNullable<P[K]>;
}

/**
 * The output column names for `selectedCols`: `outputCols` when given (same length), else the selected names.
 *
 * @example resolveOutputCols({ selectedCols: ['a'], outputCols: ['a2'] }, 'StandardScaler') // ['a2']
 */
export function resolveOutputCols(params: HasSelectedCols & HasOutputCols, stage: string): string[] {
  const selected = requireParam(params, 'selectedCols', stage);
  const out = params.outputCols ?? selected;
  if (out.length !== selected.length) {
    throw new Error(
      `${stage}: outputCols has ${out.length} names for ${selected.length} selectedCols; give one per column.`,
    );
  }
  return out;
}
