/**
 * Regression metrics.
 */

/** The regression metrics of one evaluation. */
export interface RegressionMetrics {
  mse: number;
  rmse: number;
  mae: number;
  r2: number;
  explainedVariance: number;
  count: number;
}

/**
 * MSE, RMSE, MAE, R² (1 − SSres/SStot) and explained variance (1 − Var(y − ŷ)/Var(y)), population variances.
 *
 * @example evalRegression([1, 2, 3], [1, 2, 4]).mse // 1/3
 */
export function evalRegression(y: ArrayLike<number>, pred: ArrayLike<number>): RegressionMetrics {
  const n = y.length;
  if (n !== pred.length) throw new Error(`evalRegression: ${n} labels but ${pred.length} predictions.`);
  if (n === 0) throw new Error('evalRegression: no rows to evaluate.');
  let mean = 0;
  let meanErr = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(y[i]) || !Number.isFinite(pred[i])) {
      throw new Error(
        `evalRegression: row ${i} has label ${y[i]} and prediction ${pred[i]}; both must be finite.`,
      );
    }
    mean += y[i] / n;
    meanErr += (y[i] - pred[i]) / n;
  }
  let sse = 0;
  let sae = 0;
  let sst = 0;
  let varErr = 0;
  for (let i = 0; i < n; i++) {
    const e = y[i] - pred[i];
    sse += e * e;
    sae += Math.abs(e);
    sst += (y[i] - mean) ** 2;
    varErr += (e - meanErr) ** 2;
  }
  const mse = sse / n;
  return {
    mse,
    rmse: Math.sqrt(mse),
    mae: sae / n,
    r2: sst === 0 ? (sse === 0 ? 1 : 0) : 1 - sse / sst,
    explainedVariance: sst === 0 ? (varErr === 0 ? 1 : 0) : 1 - varErr / sst,
    count: n,
  };
}
