import { describe, expect, it } from 'vitest';
import { from } from 'arquero';
import {
  FeatureHasher,
  Model,
  PCA,
  murmur3,
  symmetricEigen,
  toRows,
  type MlData,
  type Row,
} from '../../../../src/ml/index.ts';

const r2 = Math.SQRT1_2;
// centred 2-D points: Σx² = Σy² = 10, Σxy = 2 → sample covariance [[2, 0.4], [0.4, 2]]
// analytic eigen: 2.4 along (1, 1)/√2, 1.6 along (1, −1)/√2
const pts2: Row[] = [
  [2, 0],
  [0, 2],
  [-2, 0],
  [0, -2],
  [1, 1],
  [-1, -1],
].map(([x, y]) => ({ x, y }));

describe('symmetricEigen (Jacobi)', () => {
  it('matches analytic decompositions', () => {
    const e = symmetricEigen([2, 1, 1, 2], 2); // eigenvalues 3, 1
    expect(e.values[0]).toBeCloseTo(3, 14);
    expect(e.values[1]).toBeCloseTo(1, 14);
    expect(e.vectors[0][0]).toBeCloseTo(r2, 14);
    expect(e.vectors[0][1]).toBeCloseTo(r2, 14);
  });
});

describe.each([
  ['rows', pts2],
  ['table', from(pts2)],
] as [string, MlData][])('PCA on %s', (_, data) => {
  it('finds the analytic components of a 2-D case', async () => {
    const m = await new PCA({ selectedCols: ['x', 'y'], k: 2 }).fit(data);
    expect(m.stats.mean).toEqual([0, 0]);
    expect(m.stats.explainedVariance[0]).toBeCloseTo(2.4, 14);
    expect(m.stats.explainedVariance[1]).toBeCloseTo(1.6, 14);
    expect(m.stats.components[0][0]).toBeCloseTo(r2, 14);
    expect(m.stats.components[0][1]).toBeCloseTo(r2, 14);
    // the second component is (1, −1)/√2 up to its sign (its two entries tie in magnitude)
    expect(Math.abs(m.stats.components[1][0])).toBeCloseTo(r2, 14);
    expect(m.stats.components[1][0] * m.stats.components[1][1]).toBeCloseTo(-0.5, 14);
    // (2, 0) projects to 2/√2 = √2 on the first component
    const first = toRows(await m.transform(data))[0].pca as number[];
    expect(first[0]).toBeCloseTo(Math.SQRT2, 14);
  });
});

describe('PCA 3-D and errors', () => {
  it('orders axis-aligned variances', async () => {
    // variances 8/5 (x), 2/5 (y), 18/5 (z) → components z, x, y with positive signs
    const rows = [
      [2, 0, 0],
      [-2, 0, 0],
      [0, 1, 0],
      [0, -1, 0],
      [0, 0, 3],
      [0, 0, -3],
    ].map(([x, y, z]) => ({ x, y, z }));
    const m = await new PCA({ selectedCols: ['x', 'y', 'z'], k: 3 }).fit(rows);
    expect(m.stats.explainedVariance).toEqual([3.6, 1.6, 0.4]);
    expect(m.stats.components).toEqual([
      [0, 0, 1],
      [1, 0, 0],
      [0, 1, 0],
    ]);
    const again = Model.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
    expect(again.predictRow({ x: 1, y: 2, z: 3 })).toEqual({ x: 1, y: 2, z: 3, pca: [3, 1, 2] });
    await expect(new PCA({ selectedCols: ['x'], k: 2 }).fit(rows)).rejects.toThrow(
      /k must be an integer in 1..1/,
    );
    await expect(new PCA({ selectedCols: ['x'], k: 1 }).fit([{ x: 'q' }, { x: 1 }])).rejects.toThrow(
      /'x' row 0/,
    );
  });
});

describe('FeatureHasher', () => {
  it('murmur3 matches the published x86_32 test vectors', () => {
    expect(murmur3('', 0)).toBe(0);
    expect(murmur3('', 1)).toBe(0x514e28b7);
    expect(murmur3('test', 0)).toBe(0xba6bd213);
    expect(murmur3('Hello, world!', 1234)).toBe(0xfaf6cdb3);
    expect(murmur3('The quick brown fox jumps over the lazy dog', 0)).toBe(0x2e4ff723);
  });
  it('hashes numbers by column name and strings by col=value', async () => {
    const h = new FeatureHasher({ selectedCols: ['city', 'age'], numFeatures: 16, reservedCols: [] });
    const slot = (t: string) => (((murmur3(t, 42) | 0) % 16) + 16) % 16;
    const expected = new Array<number>(16).fill(0);
    expected[slot('age')] += 30;
    expected[slot('city=Paris')] += 1;
    for (const data of [[{ city: 'Paris', age: 30 }], from([{ city: 'Paris', age: 30 }])]) {
      expect(toRows(await h.transform(data))).toEqual([{ vec: expected }]);
    }
    expect(() => new FeatureHasher({ selectedCols: ['a'], numFeatures: 0 })).toThrow(/numFeatures/);
  });
});
