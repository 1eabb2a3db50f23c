import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  chooseBackend,
  KMeans,
  LinearRegression,
  LinearSvm,
  loadIris,
  LogisticRegression,
  makeBinary,
  makeBlobs,
  MultilayerPerceptronClassifier,
  NaiveBayes,
  Pipeline,
  Softmax,
  StandardScaler,
  type Estimator,
  type Model,
  type TrainProgress,
} from '../../../../src/ml/index.ts';

beforeAll(async () => {
  await chooseBackend({ force: 'cpu' });
});

const binary = makeBinary({ n: 400, weights: [2, -1, 0.5], seed: 3 });
const bin = { featureCols: ['f0', 'f1', 'f2'], labelCol: 'label' };
const blobs = makeBlobs({
  centers: [
    [0, 0],
    [6, 6],
    [0, 6],
  ],
  n: 300,
  seed: 2,
});
const iris = loadIris();
const irisCols = {
  featureCols: ['sepalLength', 'sepalWidth', 'petalLength', 'petalWidth'],
  labelCol: 'species',
};

const cases: [string, Estimator<object, Model>, unknown[], number][] = [
  ['LogisticRegression', new LogisticRegression({ ...bin, maxIter: 30, epsilon: 0 }), binary, binary.length],
  ['LinearSvm', new LinearSvm({ ...bin, maxIter: 30, epsilon: 0 }), binary, binary.length],
  ['Softmax', new Softmax({ ...irisCols, maxIter: 30, epsilon: 0 }), iris, iris.length],
  [
    'MLP',
    new MultilayerPerceptronClassifier({ ...irisCols, layers: [8], maxIter: 5, seed: 1 }),
    iris,
    iris.length,
  ],
  [
    'KMeans',
    new KMeans({ featureCols: ['x0', 'x1'], k: 3, maxIter: 20, epsilon: 0, randomSeed: 1 }),
    blobs,
    blobs.length,
  ],
];

describe('fit options: progress and cancellation', () => {
  it.each(cases)('%s reports every iteration with rows/s and a finite loss', async (_, est, data, rows) => {
    const seen: TrainProgress[] = [];
    await est.fit(data as never, { onProgress: (p) => void seen.push(p) });
    expect(seen.length).toBeGreaterThan(1);
    seen.forEach((p, i) => {
      expect(p.iteration).toBe(i + 1); // consecutive, 1-based
      expect(Number.isFinite(p.loss)).toBe(true);
      expect(p.samplesPerSec).toBeGreaterThan(0);
      // at least one pass of all rows per iteration so far
      expect(p.samplesPerSec * (p.elapsedMs / 1000)).toBeGreaterThanOrEqual(rows * p.iteration - 1e-6);
    });
  });

  it.each(cases)('%s stops at a cancel with an AbortError and leaks no tensors', async (_, est, data) => {
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    let last = 0;
    const fit = est.fit(data as never, {
      signal: controller.signal,
      onProgress: (p) => {
        last = p.iteration;
        if (p.iteration === 2) controller.abort();
      },
    });
    await expect(fit).rejects.toMatchObject({
      name: 'AbortError',
      message: expect.stringMatching(/training was cancelled at iteration 2/),
    });
    expect(last).toBe(2); // no iteration ran after the cancel
    expect(tf.memory().numTensors).toBe(before);
  });

  it('sees a cancel that arrives as a message (as from a worker’s port) while it trains', async () => {
    const controller = new AbortController();
    const channel = new MessageChannel();
    channel.port1.onmessage = () => controller.abort(); // a macrotask: seen only if fit yields to the event loop
    let iterations = 0;
    const fit = new MultilayerPerceptronClassifier({
      ...irisCols,
      layers: [8],
      maxIter: 100_000,
      seed: 1,
    }).fit(iris, {
      signal: controller.signal,
      onProgress: (p) => {
        iterations = p.iteration;
        if (p.iteration === 1) channel.port2.postMessage('cancel');
      },
    });
    await expect(fit).rejects.toMatchObject({ name: 'AbortError' });
    expect(iterations).toBeLessThan(100_000);
    channel.port1.close();
  });

  it('the loss of L-BFGS never rises (Armijo line search) and ends at the reported model', async () => {
    const losses: number[] = [];
    await new LogisticRegression({ ...bin, maxIter: 40 }).fit(binary, {
      onProgress: (p) => void losses.push(p.loss),
    });
    for (let i = 1; i < losses.length; i++) expect(losses[i]).toBeLessThanOrEqual(losses[i - 1] + 1e-12);
  });

  it('an already aborted signal rejects before any work; one pass algorithms report one iteration', async () => {
    const c = new AbortController();
    c.abort();
    await expect(new LogisticRegression(bin).fit(binary, { signal: c.signal })).rejects.toThrow(
      /LogisticRegression.fit: training was cancelled at iteration 0/,
    );
    const nb: TrainProgress[] = [];
    await new NaiveBayes(irisCols).fit(iris, { onProgress: (p) => void nb.push(p) });
    expect(nb.map((p) => p.iteration)).toEqual([1]);
    const lin: TrainProgress[] = [];
    // y = 2·f0 exactly: the closed form's training loss is 0 (to float rounding)
    const rows = binary.map((r) => ({ ...r, y: 2 * (r.f0 as number) }));
    await new LinearRegression({ featureCols: ['f0', 'f1'], labelCol: 'y' }).fit(rows, {
      onProgress: (p) => void lin.push(p),
    });
    expect(lin).toHaveLength(1);
    expect(lin[0].loss).toBeLessThan(1e-12);
  });

  it('Pipeline.fit passes the options to every estimator', async () => {
    const stages: string[] = [];
    const pipe = new Pipeline([
      new StandardScaler({ selectedCols: ['f0'] }),
      new LogisticRegression({ ...bin, maxIter: 5, epsilon: 0 }),
    ]);
    await pipe.fit(binary, { onProgress: (p) => void stages.push(p.stage) });
    expect(new Set(stages)).toEqual(new Set(['LogisticRegression.fit']));
  });
});
