/**
 * Evaluates a fitted model of a training run on held-out rows, with the metrics that fit its task.
 */
import { toFeatureMatrix, type Row } from '../pipeline/data.ts';
import type { Model } from '../pipeline/model.ts';
import { auc, ks, logLoss } from '../evaluation/binary.ts';
import { evalMulticlass } from '../evaluation/multiclass.ts';
import { evalRegression } from '../evaluation/regression.ts';
import { adjustedRandIndex, silhouette, sse } from '../evaluation/clustering.ts';
import type { KMeansModel } from '../clustering/kmeans.ts';
import type { LinearSvmModel } from '../classification/linear-svm.ts';
import { DETAIL_COL, PREDICTION_COL } from './build-estimator.ts';
import type { TrainAlgorithm, TrainEvaluation } from './train-request.ts';

/** Silhouette is O(n²): it is computed on the first rows only. */
export const SILHOUETTE_MAX_ROWS = 2000;

const order = (a: unknown, b: unknown): number =>
  typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));

/**
 * Predicts `rows` with `model` and measures: binary (auc, accuracy, macroF1, logLoss, ks), multiclass
 * (accuracy, macroF1, microF1, confusion), regression (rmse, mae, r2), clustering (sse, silhouette, ari).
 *
 * @example const ev = await evaluateRun(model, 'Softmax', testRows, featureCols, 'species'); ev.metrics.accuracy
 */
export async function evaluateRun(
  model: Model,
  algorithm: TrainAlgorithm,
  rows: Row[],
  featureCols: string[],
  labelCol: string | undefined,
): Promise<TrainEvaluation> {
  if (rows.length === 0)
    throw new Error('evaluateRun: no rows to evaluate; lower testFraction or give more rows');
  const out = (await model.transform(rows)) as Row[];
  const predicted = out.map((r) => r[PREDICTION_COL]);
  const predictions = predicted.map((v) => (typeof v === 'number' ? v : String(v)));
  if (algorithm === 'KMeans')
    return clustering(model as KMeansModel, rows, out, featureCols, labelCol, predictions);
  const actual = rows.map((r) => r[labelCol!]);
  if (algorithm === 'LinearRegression') {
    const m = evalRegression(
      actual.map((v) => Number(v)),
      predicted.map((v) => Number(v)),
    );
    return {
      task: 'regression',
      metrics: { rmse: m.rmse, mae: m.mae, r2: m.r2 },
      predictions,
      rows: rows.length,
    };
  }
  const m = evalMulticlass(actual, predicted);
  const labels = m.labels;
  const metrics: Record<string, number> = { accuracy: m.accuracy, macroF1: m.macroF1, microF1: m.microF1 };
  const confusion = { labels: labels.map(String), matrix: m.confusionMatrix };
  const classes = [...new Set(actual)].sort(order);
  if (classes.length !== 2) return { task: 'multiclass', metrics, confusion, predictions, rows: rows.length };
  // binary: rank by the positive class's probability (the SVM's margin), the second label in sorted order
  const positive = classes[1];
  const y = actual.map((v) => (v === positive ? 1 : 0));
  const svm = algorithm === 'LinearSvm';
  const scores = svm
    ? rows.map((r) => (model as LinearSvmModel).margin(r))
    : out.map((r) => Number((r[DETAIL_COL] as Record<string, number>)[String(positive)]));
  metrics.auc = auc(y, scores);
  metrics.ks = ks(y, scores);
  if (!svm) metrics.logLoss = logLoss(y, scores);
  return { task: 'binary', metrics, confusion, predictions, rows: rows.length };
}

function clustering(
  model: KMeansModel,
  rows: Row[],
  out: Row[],
  featureCols: string[],
  labelCol: string | undefined,
  predictions: (string | number)[],
): TrainEvaluation {
  const x = toFeatureMatrix(rows, featureCols, 'evaluateRun');
  const assignment = out.map((r) => Number(r[PREDICTION_COL]));
  const metrics: Record<string, number> = {
    sse: sse(x.values, x.cols, assignment, model.data.centers.flat()),
  };
  const m = Math.min(rows.length, SILHOUETTE_MAX_ROWS);
  if (new Set(assignment.slice(0, m)).size > 1)
    metrics.silhouette = silhouette(x.values.subarray(0, m * x.cols), x.cols, assignment.slice(0, m));
  if (labelCol)
    metrics.ari = adjustedRandIndex(
      rows.map((r) => r[labelCol]),
      assignment,
    );
  return { task: 'clustering', metrics, predictions, rows: rows.length };
}
