import { describe, expect, it } from 'vitest';
import {
  MultilayerPerceptronClassifier,
  MultilayerPerceptronModel,
} from '../../../../src/ml/classification/multilayer-perceptron.ts';
import { Model } from '../../../../src/ml/pipeline/model.ts';
import { gaussian, mulberry32 } from '../linear/helpers.ts';

/** Three seeded Gaussian blobs, one feature scaled by 1000 (the model standardizes internally). */
function blobs(n: number): Record<string, unknown>[] {
  const g = gaussian(mulberry32(5));
  const centers = [
    [0, 0],
    [4, 0],
    [0, 4],
  ];
  return Array.from({ length: n }, (_, i) => ({
    a: centers[i % 3][0] + g(),
    b: 1000 * (centers[i % 3][1] + g()),
    y: ['r', 'g', 'b'][i % 3],
  }));
}

describe('MultilayerPerceptronClassifier', () => {
  it('classifies three blobs (accuracy ≥ 0.9) and round-trips model.json + weights to identical output', async () => {
    const rows = blobs(300);
    const losses: number[] = [];
    const model = await new MultilayerPerceptronClassifier({
      featureCols: ['a', 'b'],
      labelCol: 'y',
      layers: [8],
      maxIter: 30,
      learningRate: 0.05,
      seed: 1,
      predictionDetailCol: 'p',
      onEpoch: (_, loss) => losses.push(loss),
    }).fit(rows);
    expect(losses.length).toBe(30);
    expect(losses[29]).toBeLessThan(losses[0]);
    const out = await model.transform(rows);
    const acc = out.filter((r, i) => r.prediction === rows[i].y).length / rows.length;
    expect(acc).toBeGreaterThanOrEqual(0.9);
    const back = Model.fromJSON(JSON.stringify(model.toJSON())) as MultilayerPerceptronModel;
    expect(await back.transform(rows)).toEqual(out);
    await back.network();
    expect(back.predictRow(rows[0])).toEqual(out[0]);
  });

  it('is reproducible: the same seed trains the same weights; another seed others', async () => {
    const rows = blobs(150);
    const fit = (seed: number) =>
      new MultilayerPerceptronClassifier({
        featureCols: ['a', 'b'],
        labelCol: 'y',
        layers: [4],
        maxIter: 3,
        seed,
      }).fit(rows);
    const [a, b, c] = [await fit(3), await fit(3), await fit(4)];
    expect(a.data.weightData).toBe(b.data.weightData);
    expect(a.data.weightData).not.toBe(c.data.weightData);
    [a, b, c].forEach((m) => m.dispose());
  });

  it('rejects a single class', async () => {
    const rows = blobs(9).map((r) => ({ ...r, y: 'r' }));
    await expect(
      new MultilayerPerceptronClassifier({ featureCols: ['a', 'b'], labelCol: 'y', layers: [4] }).fit(rows),
    ).rejects.toThrow(/single class/);
  });
});
