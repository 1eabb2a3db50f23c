import { describe, expect, it } from 'vitest';
import { LogisticRegression } from '../../../../src/ml/linear/logistic-regression.ts';
import { Softmax } from '../../../../src/ml/classification/softmax.ts';
import { auc, irlsLogistic } from './helpers.ts';
import { loadIris } from '../../../../src/ml/data/iris.ts';

type IrisRow = {
  sepalLength: number;
  sepalWidth: number;
  petalLength: number;
  petalWidth: number;
  species: string;
};

const features = ['sepalLength', 'sepalWidth', 'petalLength', 'petalWidth'] as const;
// split: every third row (index % 3 === 0) is held out, the rest trains — the same split for ours and the reference
const rows = loadIris() as IrisRow[];
const train = rows.filter((_, i) => i % 3 !== 0);
const test = rows.filter((_, i) => i % 3 === 0);

describe('Iris', () => {
  it('LogisticRegression versicolor vs virginica: held-out AUC within 0.01 of a float64 IRLS reference', async () => {
    const pick = (r: typeof rows): typeof rows => r.filter((x) => x.species !== 'setosa');
    const [tr, te] = [pick(train), pick(test)];
    const model = await new LogisticRegression({ featureCols: [...features], labelCol: 'species' }).fit(tr);
    expect(model.data.labels).toEqual(['versicolor', 'virginica']);
    const ys = te.map((r) => (r.species === 'virginica' ? 1 : 0));
    const ours = auc(
      te.map((r) => model.probability(r)),
      ys,
    );
    // Reference: unregularised Newton/IRLS in float64 (helpers.ts) on the same 66 training rows.
    const w = irlsLogistic(
      tr.map((r) => features.map((f) => r[f])),
      tr.map((r) => (r.species === 'virginica' ? 1 : 0)),
    );
    const ref = auc(
      te.map((r) => features.reduce((s, f, j) => s + w[j] * r[f], w[4])),
      ys,
    );
    expect(Math.abs(ours - ref)).toBeLessThan(0.01);
    expect(ref).toBeGreaterThan(0.9);
  });

  it('Softmax reaches held-out accuracy ≥ 0.9 on the three species', async () => {
    const model = await new Softmax({ featureCols: [...features], labelCol: 'species', l2: 0.001 }).fit(
      train,
    );
    const out: Record<string, unknown>[] = await model.transform(test as Record<string, unknown>[]);
    expect(
      out.filter((r, i) => r.prediction === test[i].species).length / test.length,
    ).toBeGreaterThanOrEqual(0.9);
  });
});
