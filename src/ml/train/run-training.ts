/**
 * One training run end to end: resolve the data set, split it, fit the estimator with progress and
 * cancellation, evaluate on the held-out rows, and describe the model for the registry.
 */
import type { Row } from '../pipeline/data.ts';
import type { Model } from '../pipeline/model.ts';
import type { FitOptions, TrainProgress } from '../pipeline/fit-options.ts';
import { trainTestSplit } from '../feature/train-test-split.ts';
import { dataFingerprint } from '../registry/fingerprint.ts';
import { buildEstimator } from './build-estimator.ts';
import { evaluateRun } from './evaluate-run.ts';
import { resolveDataset } from './train-datasets.ts';
import type { TrainOutcome, TrainRequest } from './train-request.ts';

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** Rows split into training and held-out rows as a request asks (the same seed, the same split). */
export function splitForRun(request: TrainRequest): {
  name: string;
  train: Row[];
  test: Row[];
  featureCols: string[];
  labelCol?: string;
} {
  const d = resolveDataset(request.dataset);
  const fraction = request.testFraction ?? 0.3;
  if (!(fraction >= 0 && fraction <= 0.9))
    throw new RangeError(
      `testFraction must be in [0, 0.9], got ${fraction}; 0 evaluates on the training rows`,
    );
  if (fraction === 0) return { ...d, train: d.rows, test: d.rows };
  const { train, test } = trainTestSplit(d.rows, { fraction: 1 - fraction, seed: request.seed ?? 1 });
  return { ...d, train, test };
}

/**
 * Runs one training request: fit (reporting progress, cancellable through `options.signal`), then evaluate.
 * A NaN loss, bad data or a cancel rejects with the estimator's message.
 *
 * @example
 * const { model, outcome } = await runTraining({ dataset: { kind: 'iris' }, algorithm: 'Softmax' }, { onProgress });
 * outcome.evaluation.metrics.accuracy; // ≈ 0.96
 */
export async function runTraining(
  request: TrainRequest,
  options: FitOptions = {},
): Promise<{ model: Model; outcome: TrainOutcome }> {
  const { name, train, test, featureCols, labelCol } = splitForRun(request);
  const seed = request.seed ?? 1;
  const classes = labelCol ? new Set(train.map((r) => r[labelCol])).size : 0;
  const estimator = buildEstimator(
    request.algorithm,
    featureCols,
    labelCol,
    request.params ?? {},
    seed,
    classes,
  );
  const losses: number[] = [];
  let last: TrainProgress | null = null;
  const started = now();
  const model = await estimator.fit(train, {
    signal: options.signal,
    onProgress: async (p) => {
      last = p;
      if (Number.isFinite(p.loss)) losses.push(p.loss);
      await options.onProgress?.(p);
    },
  });
  const timeMs = now() - started;
  const evaluation = await evaluateRun(model, request.algorithm, test, featureCols, labelCol);
  const done = last as TrainProgress | null;
  return {
    model,
    outcome: {
      algorithm: request.algorithm,
      datasetName: name,
      featureCols,
      labelCol,
      trainRows: train.length,
      fingerprint: dataFingerprint(train),
      losses,
      iterations: done?.iteration ?? 0,
      samplesPerSec: done?.samplesPerSec ?? 0,
      timeMs,
      evaluation,
      model: JSON.parse(JSON.stringify(model.toJSON())),
    },
  };
}
