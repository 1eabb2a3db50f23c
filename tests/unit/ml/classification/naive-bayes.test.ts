import { describe, expect, it } from 'vitest';
import { NaiveBayes } from '../../../../src/ml/classification/naive-bayes.ts';

describe('NaiveBayes', () => {
  it('Gaussian: matches a hand computation on a tiny case', async () => {
    // class A: x = 1, 3 → mean 2, variance 1, prior 2/5; class B: x = 5, 7, 9 → mean 7, variance 8/3, prior 3/5
    const rows = [1, 3, 5, 7, 9].map((x, i) => ({ x, y: i < 2 ? 'A' : 'B' }));
    const model = await new NaiveBayes({ featureCols: ['x'], labelCol: 'y', predictionDetailCol: 'p' }).fit(
      rows,
    );
    expect(model.data.theta).toEqual([[2], [7]]);
    // plus varSmoothing 1e-9 × the variance of x over all rows (8), as scikit-learn's GaussianNB
    expect(model.data.sigma[0][0]).toBeCloseTo(1 + 8e-9, 12);
    expect(model.data.sigma[1][0]).toBeCloseTo(8 / 3 + 8e-9, 12);
    // hand: at x = 4, log jA = ln 0.4 − ½ ln 2π − 2, log jB = ln 0.6 − ½ ln(2π·8/3) − 27/16
    const ja = Math.log(0.4) - 0.5 * Math.log(2 * Math.PI) - 2;
    const jb = Math.log(0.6) - 0.5 * Math.log((2 * Math.PI * 8) / 3) - 27 / 16;
    const pA = 1 / (1 + Math.exp(jb - ja));
    const out = model.predictRow({ x: 4 });
    expect((out.p as Record<string, number>).A).toBeCloseTo(pA, 8);
    expect(out.prediction).toBe(pA > 0.5 ? 'A' : 'B');
  });

  it('Multinomial: Laplace-smoothed feature probabilities as by hand', async () => {
    // class s: counts (3, 1); class h: counts (0, 4); smoothing 1 → s: (4/6, 2/6), h: (1/6, 5/6)
    const rows = [
      { a: 2, b: 1, y: 's' },
      { a: 1, b: 0, y: 's' },
      { a: 0, b: 4, y: 'h' },
    ];
    const model = await new NaiveBayes({
      featureCols: ['a', 'b'],
      labelCol: 'y',
      modelType: 'Multinomial',
    }).fit(rows);
    const expTheta = (m: number[][]): number[][] => m.map((r) => r.map(Math.exp));
    // labels sorted: h, s
    expTheta(model.data.theta)
      .flat()
      .forEach((v, i) => expect(v).toBeCloseTo([1 / 6, 5 / 6, 4 / 6, 2 / 6][i], 12));
    await expect(
      new NaiveBayes({ featureCols: ['a'], labelCol: 'y', modelType: 'Multinomial' }).fit([
        { a: -1, y: 1 },
        { a: 1, y: 2 },
      ]),
    ).rejects.toThrow(/non-negative.*"a" row 0/);
    await expect(new NaiveBayes({ featureCols: ['a'], labelCol: 'y' }).fit([{ a: 1, y: 1 }])).rejects.toThrow(
      /single class/,
    );
  });
});
