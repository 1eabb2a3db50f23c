import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Softmax, SoftmaxModel } from '../../../../src/ml/classification/softmax.ts';
import { LinearSvm } from '../../../../src/ml/classification/linear-svm.ts';
import { Model } from '../../../../src/ml/pipeline/model.ts';
import { gaussian, mulberry32 } from '../linear/helpers.ts';

/** Three seeded overlapping Gaussian classes, features at scales 1 and 100. */
function classes(n: number, seed: number): Record<string, unknown>[] {
  const g = gaussian(mulberry32(seed));
  const centers = [
    [0, 0],
    [3, 0],
    [0, 3],
  ];
  return Array.from({ length: n }, (_, i) => ({
    a: centers[i % 3][0] + g(),
    b: 100 * (centers[i % 3][1] + g()),
    species: ['setosa', 'versicolor', 'virginica'][i % 3],
  }));
}

describe('Softmax', () => {
  it('reaches accuracy ≥ 0.9 on held-out rows, probabilities sum to 1, no tensor leak, JSON round trip', async () => {
    const train = classes(300, 1);
    const test = classes(150, 2);
    const before = tf.memory().numTensors;
    const model = await new Softmax({
      featureCols: ['a', 'b'],
      labelCol: 'species',
      predictionDetailCol: 'p',
    }).fit(train);
    expect(tf.memory().numTensors).toBe(before);
    const out = await model.transform(test);
    const acc = out.filter((r, i) => r.prediction === test[i].species).length / test.length;
    expect(acc).toBeGreaterThanOrEqual(0.9);
    const p = out[0].p as Record<string, number>;
    expect(p.setosa + p.versicolor + p.virginica).toBeCloseTo(1, 12);
    const back = Model.fromJSON(JSON.stringify(model.toJSON())) as SoftmaxModel;
    expect(await back.transform(test)).toEqual(out);
  });
});

describe('LinearSvm', () => {
  it('separates two classes (accuracy ≥ 0.95) and maps labels from any two values', async () => {
    const rows = classes(300, 3)
      .filter((r) => r.species !== 'virginica')
      .map((r): Record<string, unknown> => ({ ...r, a: (r.a as number) * 2 }));
    const model = await new LinearSvm({ featureCols: ['a', 'b'], labelCol: 'species' }).fit(rows);
    const out = await model.transform(rows);
    expect(
      out.filter((r, i) => r.prediction === rows[i].species).length / rows.length,
    ).toBeGreaterThanOrEqual(0.95);
    expect(model.data.labels).toEqual(['setosa', 'versicolor']);
  });
});
