import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { StreamExecutionEnvironment } from '../../../../src/engine/index.ts';
import { chooseBackend, type MlBackend } from '../../../../src/ml/tf/choose-backend.ts';
import { LogisticRegression } from '../../../../src/ml/linear/logistic-regression.ts';
import { KMeans } from '../../../../src/ml/clustering/kmeans.ts';
import type { Row } from '../../../../src/ml/pipeline/data.ts';
import { gaussian, mulberry32 } from '../linear/helpers.ts';

const g = gaussian(mulberry32(31));
const rows: Row[] = Array.from({ length: 300 }, (_, i) => {
  const y = i % 2;
  return { a: g() + y, b: 50 * (g() - y), y };
});

describe.each(['cpu', 'wasm'] as MlBackend[])('on the %s backend', (backend) => {
  afterAll(async () => {
    await chooseBackend({ force: 'cpu' });
  });
  it('LogisticRegression and KMeans train without leaking tensors and agree with the cpu results', async () => {
    await chooseBackend({ force: 'cpu' });
    const refLr = await new LogisticRegression({ featureCols: ['a', 'b'], labelCol: 'y' }).fit(rows);
    const refKm = await new KMeans({ featureCols: ['a', 'b'], k: 2, randomSeed: 4 }).fit(rows);
    await chooseBackend({ force: backend });
    expect(tf.getBackend()).toBe(backend);
    const before = tf.memory().numTensors;
    const lr = await new LogisticRegression({ featureCols: ['a', 'b'], labelCol: 'y' }).fit(rows);
    const km = await new KMeans({ featureCols: ['a', 'b'], k: 2, randomSeed: 4 }).fit(rows);
    expect(tf.memory().numTensors).toBe(before);
    lr.data.coefficients.forEach((c, j) => expect(c).toBeCloseTo(refLr.data.coefficients[j], 3));
    km.data.centers.flat().forEach((c, j) => expect(c).toBeCloseTo(refKm.data.centers.flat()[j], 3));
  });
});

describe('transformStream', () => {
  it('applies a fitted model as a stream operator, one output per input', async () => {
    const model = await new LogisticRegression({
      featureCols: ['a', 'b'],
      labelCol: 'y',
      reservedCols: ['y'],
    }).fit(rows);
    const env = new StreamExecutionEnvironment();
    const out = await model.transformStream(env.fromCollection(rows)).executeAndCollect();
    expect(out).toEqual(await model.transform(rows));
  });
});
