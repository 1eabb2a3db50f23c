/**
 * ML benchmark (issue 7): training samples/s per tfjs backend available in Node (cpu, wasm) for
 * LogisticRegression and the MLP on a seeded 100k × 50 set, the wasm/cpu ratio, and streaming
 * prediction records/s of a linear model through the engine. Run: `npx tsx bench/ml.ts`.
 */
import * as tf from '@tensorflow/tfjs';
import { StreamExecutionEnvironment } from '../src/engine/index.ts';
import { chooseBackend, type MlBackend } from '../src/ml/tf/choose-backend.ts';
import { LogisticRegression } from '../src/ml/linear/logistic-regression.ts';
import { LinearRegressionModel } from '../src/ml/linear/linear-regression.ts';
import { MultilayerPerceptronClassifier } from '../src/ml/classification/multilayer-perceptron.ts';
import { seededRandom } from '../src/ml/clustering/kmeans-core.ts';

/** Options of {@link runMlBench}. */
export interface MlBenchOptions {
  rows?: number;
  cols?: number;
  backends?: MlBackend[];
  /** L-BFGS iterations of the logistic regression. */
  lrIter?: number;
  mlpEpochs?: number;
  streamRecords?: number;
  log?: (line: string) => void;
}

/** One measured figure. */
export interface MlBenchResult {
  name: string;
  backend: string;
  samplesPerSec: number;
}

function dataset(rows: number, cols: number): Record<string, number>[] {
  const rand = seededRandom(2024);
  const w = Array.from({ length: cols }, () => rand() * 2 - 1);
  return Array.from({ length: rows }, () => {
    const r: Record<string, number> = {};
    let z = 0;
    for (let j = 0; j < cols; j++) {
      r[`f${j}`] = rand() * 2 - 1;
      z += w[j] * r[`f${j}`];
    }
    r.label = rand() < 1 / (1 + Math.exp(-3 * z)) ? 1 : 0;
    return r;
  });
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
  const { rows = 100_000, cols = 50, lrIter = 20, mlpEpochs = 1, streamRecords = 1_000_000 } = opts;
  const log = opts.log ?? ((l: string) => console.log(l));
  const data = dataset(rows, cols);
  const featureCols = Array.from({ length: cols }, (_, j) => `f${j}`);
  const results: MlBenchResult[] = [];
  for (const backend of opts.backends ?? (['cpu', 'wasm'] as MlBackend[])) {
    await chooseBackend({ force: backend });
    let t = performance.now();
    await new LogisticRegression({ featureCols, labelCol: 'label', maxIter: lrIter, epsilon: 0 }).fit(data);
    results.push({
      name: `LogisticRegression (${lrIter} L-BFGS iters)`,
      backend,
      samplesPerSec: (rows * lrIter) / ((performance.now() - t) / 1000),
    });
    t = performance.now();
    const mlp = await new MultilayerPerceptronClassifier({
      featureCols,
      labelCol: 'label',
      layers: [64, 32],
      maxIter: mlpEpochs,
      blockSize: 256,
    }).fit(data);
    results.push({
      name: `MLP 50-64-32-2 (${mlpEpochs} epoch, batch 256)`,
      backend,
      samplesPerSec: (rows * mlpEpochs) / ((performance.now() - t) / 1000),
    });
    mlp.data.weightData = '';
  }
  const coefficients = featureCols.map((_, j) => j / cols);
  // records cycle over `distinct` rows: 1,000 stay in cache (fresh records), all rows are memory-bound
  for (const [distinct, reservedCols] of [
    [rows, undefined],
    [rows, ['label']],
    [Math.min(1000, rows), ['label']],
  ] as const) {
    const records = Array.from({ length: streamRecords }, (_, i) => data[i % distinct]);
    const model = new LinearRegressionModel(
      { featureCols, labelCol: 'label', reservedCols: reservedCols ? [...reservedCols] : undefined },
      { featureCols, coefficients, intercept: 0.5 },
    );
    const kept = `${reservedCols ? `reservedCols [${reservedCols.join(', ')}]` : 'all columns kept'}, ${distinct} distinct rows`;
    const env = new StreamExecutionEnvironment();
    let count = 0;
    model.transformStream(env.fromCollection<Record<string, unknown>>(records)).addSink(() => void count++);
    let t = performance.now();
    await env.execute('ml-bench-predict').result;
    const name = `LinearModel.transformStream, ${kept}`;
    results.push({
      name,
      backend: 'engine inline, 1 worker',
      samplesPerSec: count / ((performance.now() - t) / 1000),
    });
    t = performance.now();
    let s = 0;
    for (const r of records) s += model.predictRow(r).prediction as number;
    const plain = `LinearModel.predictRow loop, ${kept} (Σ ${s.toFixed(0)})`;
    results.push({
      name: plain,
      backend: 'plain loop',
      samplesPerSec: streamRecords / ((performance.now() - t) / 1000),
    });
  }
  log(`ML bench: ${rows} x ${cols} (seeded), tfjs ${tf.version.tfjs}, Node ${process.versions.node}`);
  log(`${'benchmark'.padEnd(84)} ${'backend'.padEnd(24)} ${'samples/s'.padStart(12)}`);
  for (const r of results)
    log(
      `${r.name.padEnd(84)} ${r.backend.padEnd(24)} ${Math.round(r.samplesPerSec).toLocaleString('en-US').padStart(12)}`,
    );
  for (const name of new Set(results.filter((r) => r.backend === 'wasm').map((r) => r.name))) {
    const w = results.find((r) => r.name === name && r.backend === 'wasm');
    const c = results.find((r) => r.name === name && r.backend === 'cpu');
    if (w && c) log(`wasm/cpu ratio, ${name}: ${(w.samplesPerSec / c.samplesPerSec).toFixed(2)}x`);
  }
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) await runMlBench();
