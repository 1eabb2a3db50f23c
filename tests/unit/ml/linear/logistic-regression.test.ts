import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import {
  LogisticRegression,
  LogisticRegressionModel,
} from '../../../../src/ml/linear/logistic-regression.ts';
import { Model } from '../../../../src/ml/pipeline/model.ts';
import { auc, gaussian, irlsLogistic, mulberry32 } from './helpers.ts';

/** Seeded synthetic binary set: 4 features at scales 1, 10, 0.1, 1; labels ~ Bernoulli(sigmoid(w·x − 0.3)). */
function synthetic(n: number, seed: number): Record<string, unknown>[] {
  const u = mulberry32(seed);
  const g = gaussian(u);
  const rows: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) {
    const x = [g(), 10 * g(), 0.1 * g(), g()];
    const z = 1.2 * x[0] - 0.15 * x[1] + 8 * x[2] + 0.1 * x[3] - 0.3;
    rows.push({ a: x[0], b: x[1], c: x[2], d: x[3], label: u() < 1 / (1 + Math.exp(-z)) ? 'yes' : 'no' });
  }
  return rows;
}
const cols = ['a', 'b', 'c', 'd'];

describe('LogisticRegression', () => {
  it('reaches the AUC of a float64 Newton/IRLS reference on the same split (within 0.01)', async () => {
    const rows = synthetic(600, 7);
    const train = rows.slice(0, 400);
    const test = rows.slice(400);
    tf.setBackend('cpu');
    const before = tf.memory().numTensors;
    const model = await new LogisticRegression({
      featureCols: cols,
      labelCol: 'label',
      predictionDetailCol: 'detail',
    }).fit(train);
    expect(tf.memory().numTensors).toBe(before);
    const ys = test.map((r) => (r.label === 'yes' ? 1 : 0));
    const ours = auc(
      test.map((r) => model.probability(r)),
      ys,
    );
    // Reference: unregularised IRLS (helpers.ts) fitted on the same 400 training rows, scored on the 200 test rows.
    const w = irlsLogistic(
      train.map((r) => cols.map((c) => r[c] as number)),
      train.map((r) => (r.label === 'yes' ? 1 : 0)),
    );
    const ref = auc(
      test.map((r) => cols.reduce((s, c, j) => s + w[j] * (r[c] as number), w[4])),
      ys,
    );
    expect(Math.abs(ours - ref)).toBeLessThan(0.01);
    expect(ours).toBeGreaterThan(0.75);
    // unregularised coefficients agree with the reference too (on the original scale)
    for (let j = 0; j < 4; j++) expect(model.data.coefficients[j]).toBeCloseTo(w[j], 2);
    const out = await model.transform(test.slice(0, 1));
    const detail = out[0].detail as Record<string, number>;
    expect(detail.yes + detail.no).toBeCloseTo(1, 12);
    expect(out[0].prediction).toBe(detail.yes >= 0.5 ? 'yes' : 'no');
  });

  it('round-trips through toJSON/fromJSON to identical predictions', async () => {
    const rows = synthetic(200, 3);
    const model = await new LogisticRegression({ featureCols: cols, labelCol: 'label', l2: 0.1 }).fit(rows);
    const back = Model.fromJSON(JSON.stringify(model.toJSON())) as LogisticRegressionModel;
    expect(back).toBeInstanceOf(LogisticRegressionModel);
    expect(await back.transform(rows)).toEqual(await model.transform(rows));
  });

  it('l1 drives an irrelevant feature to exactly zero', async () => {
    const rows = synthetic(400, 5).map((r, i) => ({ ...r, noise: Math.sin(i * 12.9898) }));
    const model = await new LogisticRegression({
      featureCols: [...cols, 'noise'],
      labelCol: 'label',
      l1: 0.05,
    }).fit(rows);
    expect(Math.abs(model.data.coefficients[4])).toBe(0);
  });

  it('rejects a single class, empty data, a missing feature at prediction, and a diverging loss', async () => {
    const rows = synthetic(50, 1);
    const est = new LogisticRegression({ featureCols: cols, labelCol: 'label' });
    await expect(est.fit(rows.map((r) => ({ ...r, label: 'yes' })))).rejects.toThrow(/single class/);
    await expect(est.fit([])).rejects.toThrow(/LogisticRegression/);
    const model = await est.fit(rows);
    expect(() => model.predictRow({ a: 1, b: 2, c: 3 })).toThrow(/feature column "d" is missing/);
    const wild = rows.map((r) => ({ ...r, b: (r.b as number) * 1e30 }));
    const gd = new LogisticRegression({
      featureCols: cols,
      labelCol: 'label',
      standardization: false,
      optimMethod: 'GD',
      learningRate: 1e10,
    });
    await expect(gd.fit(wild)).rejects.toThrow(/NaN or infinite.*scale the features.*lower the learningRate/);
  });
});
