import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { KMeans, KMeansModel } from '../../../../src/ml/clustering/kmeans.ts';
import { Model } from '../../../../src/ml/pipeline/model.ts';
import { gaussian, mulberry32 } from '../linear/helpers.ts';

/** Adjusted Rand index (Hubert & Arabie) from the contingency table, computed plainly. */
function ari(a: number[], b: number[]): number {
  const c2 = (n: number): number => (n * (n - 1)) / 2;
  const table = new Map<string, number>();
  const ra = new Map<number, number>();
  const rb = new Map<number, number>();
  a.forEach((x, i) => {
    table.set(`${x},${b[i]}`, (table.get(`${x},${b[i]}`) ?? 0) + 1);
    ra.set(x, (ra.get(x) ?? 0) + 1);
    rb.set(b[i], (rb.get(b[i]) ?? 0) + 1);
  });
  const index = [...table.values()].reduce((s, n) => s + c2(n), 0);
  const sa = [...ra.values()].reduce((s, n) => s + c2(n), 0);
  const sb = [...rb.values()].reduce((s, n) => s + c2(n), 0);
  const expected = (sa * sb) / c2(a.length);
  return (index - expected) / ((sa + sb) / 2 - expected);
}

describe('KMeans', () => {
  it('ari helper: identical partitions up to renaming give 1, a hand case gives its known value', () => {
    expect(ari([0, 0, 1, 1], [1, 1, 0, 0])).toBe(1);
    // [0,0,1,1] vs [0,0,0,1]: index 1, sa 2, sb 3, expected 1 → (1 − 1)/(2.5 − 1) = 0
    expect(ari([0, 0, 1, 1], [0, 0, 0, 1])).toBe(0);
  });

  it('recovers 4 planted Gaussian clusters (ARI ≥ 0.95) and leaks no tensors', async () => {
    const g = gaussian(mulberry32(9));
    const planted = [
      [0, 0],
      [8, 0],
      [0, 8],
      [8, 8],
    ];
    const truth: number[] = [];
    const rows: Record<string, unknown>[] = Array.from({ length: 400 }, (_, i) => {
      const c = i % 4;
      truth.push(c);
      return { x: planted[c][0] + g(), y: planted[c][1] + g() };
    });
    const before = tf.memory().numTensors;
    const model = await new KMeans({ featureCols: ['x', 'y'], k: 4, randomSeed: 3 }).fit(rows);
    expect(tf.memory().numTensors).toBe(before);
    const out = await model.transform(rows);
    expect(
      ari(
        truth,
        out.map((r) => r.prediction as number),
      ),
    ).toBeGreaterThanOrEqual(0.95);
    const back = Model.fromJSON(JSON.stringify(model.toJSON())) as KMeansModel;
    expect(await back.transform(rows)).toEqual(out);
  });

  it('rejects k larger than the rows and a missing feature at prediction', async () => {
    const rows = [
      { x: 1, y: 1 },
      { x: 2, y: 2 },
    ];
    await expect(new KMeans({ featureCols: ['x', 'y'], k: 3 }).fit(rows)).rejects.toThrow(
      /k = 3 is larger than the number of rows \(2\)/,
    );
    const model = await new KMeans({ featureCols: ['x', 'y'], k: 2 }).fit(rows);
    expect(() => model.predictRow({ x: 1 })).toThrow(/feature column "y" is missing/);
  });
});
