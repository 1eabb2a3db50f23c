import { describe, expect, it } from 'vitest';
import { IRIS_FEATURES, loadIris, makeBinary, makeBlobs } from '../../../../src/ml/index.ts';

describe('shipped and generated data sets', () => {
  it('Iris matches its published per-species means and column sums', () => {
    const iris = loadIris();
    expect(iris.length).toBe(150);
    // published means (Fisher 1936; scikit-learn's load_iris DESCR): setosa, versicolor, virginica
    const means = [
      [5.006, 3.428, 1.462, 0.246],
      [5.936, 2.77, 4.26, 1.326],
      [6.588, 2.974, 5.552, 2.026],
    ];
    for (let c = 0; c < 3; c++) {
      const part = iris.filter((r) => r.label === c);
      expect(part.length).toBe(50);
      IRIS_FEATURES.forEach((f, j) => {
        expect(part.reduce((s, r) => s + (r[f] as number), 0) / 50).toBeCloseTo(means[c][j], 10);
      });
    }
    expect(iris[0]).toEqual({
      sepalLength: 5.1,
      sepalWidth: 3.5,
      petalLength: 1.4,
      petalWidth: 0.2,
      species: 'setosa',
      label: 0,
    });
  });
  it('generators are deterministic per seed', () => {
    const a = makeBinary({ n: 50, weights: [1, -2], seed: 3 });
    expect(a).toEqual(makeBinary({ n: 50, weights: [1, -2], seed: 3 }));
    expect(a).not.toEqual(makeBinary({ n: 50, weights: [1, -2], seed: 4 }));
    expect(Object.keys(a[0])).toEqual(['f0', 'f1', 'label']);
    const b = makeBlobs({ centers: [[0], [100]], n: 4, std: 0.1, seed: 1 });
    expect(b.map((r) => r.cluster)).toEqual([0, 1, 0, 1]);
    expect(Math.abs((b[1].x0 as number) - 100)).toBeLessThan(1);
  });
});
