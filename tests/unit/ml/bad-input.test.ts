import * as aq from 'arquero';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  chooseBackend,
  KMeans,
  LinearRegression,
  LinearSvm,
  LogisticRegression,
  makeBinary,
  MultilayerPerceptronClassifier,
  NaiveBayes,
  Softmax,
  type Estimator,
  type Model,
  type Row,
} from '../../../src/ml/index.ts';

beforeAll(async () => {
  await chooseBackend({ force: 'cpu' });
});

const rows = makeBinary({ n: 300, weights: [2, -1.5, 0.5], seed: 11 });
const cols = ['f0', 'f1', 'f2'];
type Make = (featureCols: string[]) => Estimator<object, Model>;
const sup = { labelCol: 'label' };
const classifiers: [string, Make][] = [
  ['LogisticRegression', (f) => new LogisticRegression({ featureCols: f, ...sup })],
  ['LinearSvm', (f) => new LinearSvm({ featureCols: f, ...sup })],
  ['Softmax', (f) => new Softmax({ featureCols: f, ...sup })],
  [
    'MultilayerPerceptron',
    (f) => new MultilayerPerceptronClassifier({ featureCols: f, ...sup, layers: [4], maxIter: 2 }),
  ],
  ['NaiveBayes', (f) => new NaiveBayes({ featureCols: f, ...sup })],
];
const all: [string, Make][] = [
  ...classifiers,
  ['LinearRegression', (f) => new LinearRegression({ featureCols: f, ...sup })],
  ['KMeans', (f) => new KMeans({ featureCols: f, k: 2 })],
];

describe.each(all)('%s rejects bad input clearly', (_, make) => {
  it('names the column and the first bad row of a non-numeric or missing value', async () => {
    const text = rows.map((r, i) => (i === 3 || i === 9 ? { ...r, f1: 'oops' } : r));
    await expect(make(cols).fit(text)).rejects.toThrow(
      /column 'f1' row 3 holds 'oops' \(string\), not a finite number.*Imputer/,
    );
    const missing = rows.map((r, i) => (i === 5 ? { ...r, f2: null } : r));
    await expect(make(cols).fit(missing)).rejects.toThrow(/column 'f2' row 5 holds null/);
  });

  it('rejects an empty table (arquero) and empty rows', async () => {
    await expect(make(cols).fit(aq.table({ f0: [], f1: [], f2: [], label: [] }))).rejects.toThrow(
      /empty \(0 rows\)/,
    );
    await expect(make(cols).fit([])).rejects.toThrow(/empty \(0 rows\)/);
  });

  it('rejects a vector of another width at prediction; the training width predicts', async () => {
    const vec = rows.map((r) => ({ v: [r.f0, r.f1, r.f2], label: r.label }));
    const model = await make(['v']).fit(vec);
    expect(() => model.predictRow({ v: [1, 2], label: 0 })).toThrow(
      /the row has 2 features in \(v\) but the model was trained on 3/,
    );
    expect(() => model.predictRow({ label: 0 })).toThrow(
      /feature column "v" is missing|column 'v' not found/,
    );
    expect(model.predictRow(vec[0])).toHaveProperty('prediction');
  });
});

describe.each(classifiers)('%s', (_, make) => {
  it('rejects a label column with a single class', async () => {
    await expect(make(cols).fit(rows.map((r) => ({ ...r, label: 1 })))).rejects.toThrow(/single class/);
  });
});

describe('vector and scalar feature columns', () => {
  it('give the same linear model and the same predictions', async () => {
    const scalar = await new LogisticRegression({ featureCols: cols, ...sup }).fit(rows);
    const vector = await new LogisticRegression({ featureCols: ['v'], ...sup }).fit(
      rows.map((r) => ({ v: [r.f0, r.f1, r.f2], label: r.label })),
    );
    vector.data.coefficients.forEach((c, j) => expect(c).toBeCloseTo(scalar.data.coefficients[j], 6));
    const r = rows[7];
    expect(vector.probability({ v: [r.f0, r.f1, r.f2] })).toBeCloseTo(scalar.probability(r), 6);
  });
});

describe('L1 gives sparse coefficients on data with irrelevant features', () => {
  // f0, f1 carry the signal; f2..f5 are noise: the L1 path zeroes them exactly (soft thresholding)
  const data: Row[] = makeBinary({ n: 1000, weights: [2.5, -2, 0, 0, 0, 0], seed: 21 });
  const f = ['f0', 'f1', 'f2', 'f3', 'f4', 'f5'];
  it.each([
    ['LinearSvm', () => new LinearSvm({ featureCols: f, ...sup, l1: 0.05, l2: 0 })],
    ['LogisticRegression', () => new LogisticRegression({ featureCols: f, ...sup, l1: 0.05 })],
  ] as const)('%s', async (_, make) => {
    const model = (await make().fit(data)) as unknown as { data: { coefficients: number[] } };
    const c = model.data.coefficients;
    expect(c.slice(2).map(Math.abs)).toEqual([0, 0, 0, 0]); // exactly zero (either sign)
    expect(c[0]).toBeGreaterThan(0.1);
    expect(c[1]).toBeLessThan(-0.1);
    // without l1 the noise coefficients are small but not zero
    const dense = (await new LogisticRegression({ featureCols: f, ...sup }).fit(data)).data.coefficients;
    expect(dense.slice(2).every((v) => v !== 0)).toBe(true);
  });
});
