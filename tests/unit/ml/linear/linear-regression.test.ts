import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { LinearRegression } from '../../../../src/ml/linear/linear-regression.ts';
import { mulberry32 } from './helpers.ts';

describe('LinearRegression', () => {
  it('recovers known coefficients within 1e-3 on noiseless data with features at scales 1e-3..1e3', async () => {
    const u = mulberry32(11);
    const scales = [1e-3, 1e-2, 1e-1, 1, 1e1, 1e2, 1e3];
    const truth = [1.5, -2, 0.5, 3, -1, 2, 0.7];
    const cols = scales.map((_, j) => `f${j}`);
    const rows = Array.from({ length: 300 }, () => {
      const r: Record<string, number> = {};
      let y = 4.25; // intercept
      scales.forEach((s, j) => {
        r[cols[j]] = s * (u() * 2 - 1) + 5 * s;
        y += truth[j] * r[cols[j]];
      });
      r.y = y;
      return r;
    });
    const before = tf.memory().numTensors;
    const model = await new LinearRegression({ featureCols: cols, labelCol: 'y' }).fit(rows);
    expect(tf.memory().numTensors).toBe(before);
    // truth: the coefficients that generated y exactly (no noise)
    model.data.coefficients.forEach((c, j) => expect(Math.abs(c - truth[j])).toBeLessThan(1e-3));
    expect(Math.abs(model.data.intercept - 4.25)).toBeLessThan(1e-3);
    const out = await model.transform(rows.slice(0, 3));
    out.forEach((r, i) => expect(r.prediction as number).toBeCloseTo(rows[i].y, 6));
  });

  it('l2 shrinks and l1 (FISTA) zeroes an irrelevant feature', async () => {
    const u = mulberry32(2);
    const rows = Array.from({ length: 200 }, () => {
      const a = u();
      const b = u();
      return { a, b, y: 3 * a + 0.01 * (u() - 0.5) };
    });
    const ridge = await new LinearRegression({ featureCols: ['a', 'b'], labelCol: 'y', l2: 1 }).fit(rows);
    expect(ridge.data.coefficients[0]).toBeLessThan(2.9);
    const lasso = await new LinearRegression({
      featureCols: ['a', 'b'],
      labelCol: 'y',
      l1: 0.01,
      maxIter: 300,
    }).fit(rows);
    expect(Math.abs(lasso.data.coefficients[1])).toBe(0);
  });

  it('names a non-numeric feature and its row', async () => {
    const rows = [
      { a: 1, y: 1 },
      { a: 'x', y: 2 },
    ];
    await expect(new LinearRegression({ featureCols: ['a'], labelCol: 'y' }).fit(rows)).rejects.toThrow(
      /'a'|"a"/,
    );
  });
});
