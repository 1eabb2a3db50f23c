/**
 * ML benchmark (issues 7 and 5): training samples/s per tfjs backend available in Node (cpu, wasm) for
 * LogisticRegression and the MLP on a seeded 100k × 50 set; logistic regression on 100k × 100 per backend
 * next to a hand-written typed-array SGD — each with its held-out AUC, so speed never hides a quality
 * loss; and streaming prediction records/s of a linear model. Run: `npx tsx bench/ml.ts`.
 */
import * as tf from '@tensorflow/tfjs';
import { StreamExecutionEnvironment } from '../src/engine/index.ts';
import { chooseBackend, type MlBackend } from '../src/ml/tf/choose-backend.ts';
import { LogisticRegression } from '../src/ml/linear/logistic-regression.ts';
import { LinearRegressionModel } from '../src/ml/linear/linear-regression.ts';
import { MultilayerPerceptronClassifier } from '../src/ml/classification/multilayer-perceptron.ts';
import { auc } from '../src/ml/evaluation/binary.ts';
import { linearScore } from '../src/ml/linear/linear-model-data.ts';
import type { TrainProgress } from '../src/ml/pipeline/fit-options.ts';
import { linearScores, logisticSet, typedArraySgd, type LogisticSet } from './ml-sgd.ts';

/** Options of {@link runMlBench}. */
export interface MlBenchOptions {
  rows?: number;
  cols?: number;
  /** Columns of the issue-5 logistic regression set. Default 100. */
  wideCols?: number;
  backends?: MlBackend[];
  /** L-BFGS iterations of the logistic regression. */
  lrIter?: number;
  mlpEpochs?: number;
  sgdEpochs?: number;
  streamRecords?: number;
  log?: (line: string) => void;
}

/** One measured figure (auc: held-out AUC of the trained model, where it applies). */
export interface MlBenchResult {
  name: string;
  backend: string;
  samplesPerSec: number;
  auc?: number;
}

const secs = (t: number) => (performance.now() - t) / 1000;

async function trainLr(set: LogisticSet, test: LogisticSet, iters: number, backend: string, what: string) {
  const featureCols = Array.from({ length: set.cols }, (_, j) => `f${j}`);
  let last: TrainProgress | undefined;
  const model = await new LogisticRegression({
    featureCols,
    labelCol: 'label',
    maxIter: iters,
    epsilon: 0,
  }).fit(set.rows, { onProgress: (p) => void (last = p) });
  return {
    name: `LogisticRegression ${what} (${iters} L-BFGS iters, rows × objective passes)`,
    backend,
    samplesPerSec: last!.samplesPerSec,
    auc: auc(test.y, linearScores(test.x, test.cols, model.data.coefficients, model.data.intercept)),
  };
}

/**
 * Runs the ML benchmark and prints a table with ratios; returns the figures.
 *
 * @example
 * ```ts
 * const results = await runMlBench({ rows: 100_000, cols: 50 });
 * ```
 */
export async function runMlBench(opts: MlBenchOptions = {}): Promise<MlBenchResult[]> {
  const { rows = 100_000, cols = 50, wideCols = 100, lrIter = 20, mlpEpochs = 1, sgdEpochs = 3 } = opts;
  const streamRecords = opts.streamRecords ?? 1_000_000;
  const log = opts.log ?? ((l: string) => console.log(l));
  const testRows = Math.max(2000, Math.round(rows / 5));
  const set = logisticSet(rows, cols, 1);
  const test = logisticSet(testRows, cols, 2);
  const wide = logisticSet(rows, wideCols, 3);
  const wideTest = logisticSet(testRows, wideCols, 4);
  const featureCols = Array.from({ length: cols }, (_, j) => `f${j}`);
  const results: MlBenchResult[] = [];
  for (const backend of opts.backends ?? (['cpu', 'wasm'] as MlBackend[])) {
    await chooseBackend({ force: backend });
    results.push(await trainLr(set, test, lrIter, backend, `${rows} x ${cols}`));
    const t = performance.now();
    const mlp = await new MultilayerPerceptronClassifier({
      featureCols,
      labelCol: 'label',
      layers: [64, 32],
      maxIter: mlpEpochs,
      blockSize: 256,
    }).fit(set.rows);
    const samplesPerSec = (rows * mlpEpochs) / secs(t);
    const probs = await mlp.probabilities(test.rows);
    mlp.dispose();
    results.push({
      name: `MLP ${cols}-64-32-2 ${rows} x ${cols} (${mlpEpochs} epoch, batch 256, Adam)`,
      backend,
      samplesPerSec,
      auc: auc(
        test.y,
        Array.from(test.y, (_, i) => probs[2 * i + 1]),
      ),
    });
    results.push(await trainLr(wide, wideTest, lrIter, backend, `${rows} x ${wideCols}`));
  }
  typedArraySgd(wide.x.subarray(0, 1000 * wideCols), wide.y.subarray(0, 1000), wideCols, 1); // JIT warm-up
  let t = performance.now();
  const w = typedArraySgd(wide.x, wide.y, wideCols, sgdEpochs);
  results.push({
    name: `LogisticRegression ${rows} x ${wideCols}, hand-written typed-array SGD (${sgdEpochs} epochs)`,
    backend: 'plain JS, float64',
    samplesPerSec: (rows * sgdEpochs) / secs(t),
    auc: auc(wideTest.y, linearScores(wideTest.x, wideCols, w, w[wideCols])),
  });

  const coefficients = featureCols.map((_, j) => j / cols);
  // records cycle over `distinct` rows: 1,000 stay in cache, all rows are memory-bound
  for (const [distinct, reservedCols] of [
    [rows, undefined],
    [Math.min(1000, rows), undefined],
    [rows, ['label']],
  ] as const) {
    const records = Array.from({ length: streamRecords }, (_, i) => set.rows[i % distinct]);
    const model = new LinearRegressionModel(
      { featureCols, labelCol: 'label', reservedCols: reservedCols ? [...reservedCols] : undefined },
      { featureCols, coefficients, intercept: 0.5 },
    );
    const kept = `${reservedCols ? `reservedCols [${reservedCols.join(', ')}]` : `all ${cols + 1} columns kept`}, ${distinct} distinct rows`;
    for (let i = 0; i < 20_000; i++) model.predictRow(records[i % records.length]); // JIT warm-up
    const env = new StreamExecutionEnvironment();
    // This measures the model, not the copies the collection source makes by default (as Flink
    // deserializes its elements): the model never changes its input rows.
    env.getConfig().enableObjectReuse();
    let count = 0;
    model.transformStream(env.fromCollection<Record<string, unknown>>(records)).addSink(() => void count++);
    t = performance.now();
    await env.execute('ml-bench-predict').result;
    results.push({
      name: `LinearModel.transformStream, ${kept}`,
      backend: 'engine inline, 1 worker',
      samplesPerSec: count / secs(t),
    });
    t = performance.now();
    let s = 0;
    for (const r of records) s += model.predictRow(r).prediction as number;
    results.push({
      name: `LinearModel.predictRow loop, ${kept} (Σ ${s.toFixed(0)})`,
      backend: 'plain loop',
      samplesPerSec: streamRecords / secs(t),
    });
    if (!reservedCols) {
      // the copy predictRow used before the RowAppender: a spread of the wide row
      t = performance.now();
      s = 0;
      for (const r of records) s += { ...r, prediction: linearScore(r, model.data, 'bench') }.prediction;
      results.push({
        name: `  (before: { ...row, prediction } spread copy), ${distinct} distinct rows`,
        backend: 'plain loop',
        samplesPerSec: streamRecords / secs(t),
      });
    }
  }
  log(
    `ML bench: seeded sets, tfjs ${tf.version.tfjs}, Node ${process.versions.node}; held-out AUC on ${testRows} rows`,
  );
  log(`${'benchmark'.padEnd(92)} ${'backend'.padEnd(24)} ${'samples/s'.padStart(12)} ${'AUC'.padStart(7)}`);
  for (const r of results)
    log(
      `${r.name.padEnd(92)} ${r.backend.padEnd(24)} ${Math.round(r.samplesPerSec).toLocaleString('en-US').padStart(12)} ${r.auc === undefined ? '' : r.auc.toFixed(4).padStart(7)}`,
    );
  for (const name of new Set(results.filter((r) => r.backend === 'wasm').map((r) => r.name))) {
    const wa = results.find((r) => r.name === name && r.backend === 'wasm');
    const c = results.find((r) => r.name === name && r.backend === 'cpu');
    if (wa && c) log(`wasm/cpu ratio, ${name}: ${(wa.samplesPerSec / c.samplesPerSec).toFixed(2)}x`);
  }
  log(
    'scikit-learn: not installed on this machine (no Python ML stack), so no scikit-learn figure is shown.',
  );
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) await runMlBench();
