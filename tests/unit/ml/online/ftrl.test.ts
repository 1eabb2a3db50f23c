import { describe, expect, it } from 'vitest';
import { StreamExecutionEnvironment } from '../../../../src/engine/index.ts';
import { FtrlLearner } from '../../../../src/ml/online/ftrl-learner.ts';
import { ftrlTrainStream } from '../../../../src/ml/online/ftrl-train-stream.ts';
import { LogisticRegressionModel } from '../../../../src/ml/linear/logistic-regression.ts';
import type { Row } from '../../../../src/ml/pipeline/data.ts';
import { auc, gaussian, mulberry32 } from '../linear/helpers.ts';

/** A drifting stream: the true weights flip from (2, −1, 1) to (−1.5, 2, −1) at record `drift`. */
function drifting(n: number, drift: number, seed: number): { a: number; b: number; c: number; y: number }[] {
  const u = mulberry32(seed);
  const g = gaussian(u);
  return Array.from({ length: n }, (_, i) => {
    const [a, b, c] = [g(), g(), g()];
    const z = i < drift ? 2 * a - b + c : -1.5 * a + 2 * b - c;
    return { a, b, c, y: u() < 1 / (1 + Math.exp(-3 * z)) ? 1 : 0 };
  });
}

describe('FTRL', () => {
  it('streaming (predict-then-learn) AUC recovers above 0.85 after a drift', () => {
    const rows = drifting(8000, 4000, 21);
    const learner = new FtrlLearner(3, { alpha: 0.5, beta: 1, l1: 0.001, l2: 0.001 });
    const scores = rows.map((r) => learner.update([r.a, r.b, r.c], r.y));
    const windowAuc = (from: number, to: number): number =>
      auc(
        scores.slice(from, to),
        rows.slice(from, to).map((r) => r.y),
      );
    expect(windowAuc(3000, 4000)).toBeGreaterThan(0.85); // learned the first concept
    expect(windowAuc(4000, 4200)).toBeLessThan(0.5); // the drift: old weights rank backwards
    expect(windowAuc(7000, 8000)).toBeGreaterThan(0.85); // adapted to the new concept
  });

  it('ftrlTrainStream emits snapshots every recordInterval and a final one equal to the plain learner', async () => {
    const rows = drifting(1050, 500, 4);
    const env = new StreamExecutionEnvironment();
    const snapshots = await ftrlTrainStream(env.fromCollection<Row>(rows), {
      featureCols: ['a', 'b', 'c'],
      labelCol: 'y',
      alpha: 0.5,
      recordInterval: 200,
      timeInterval: 3600,
    }).executeAndCollect();
    expect(snapshots.map((s) => s.modelVersion)).toEqual([1, 2, 3, 4, 5, 6]);
    const learner = new FtrlLearner(3, { alpha: 0.5 });
    for (const r of rows) learner.update([r.a, r.b, r.c], r.y);
    const last = snapshots[5].model as LogisticRegressionModel;
    expect(last.data).toEqual(learner.modelData(['a', 'b', 'c'], [0, 1]));
  });

  it('starts from an initial model exactly and rejects unknown labels', async () => {
    const init = new LogisticRegressionModel(
      { featureCols: ['a'], labelCol: 'y' },
      { featureCols: ['a'], coefficients: [1.5], intercept: -0.5, labels: ['n', 'p'] },
    );
    const learner = new FtrlLearner(1, { alpha: 0.2, beta: 1, l1: 0.1, l2: 0.3 }, init.data);
    // same closed-form weights as the initial model: p = σ(1.5·2 − 0.5)
    expect(learner.predict([2])).toBeCloseTo(1 / (1 + Math.exp(-2.5)), 12);
    const env = new StreamExecutionEnvironment();
    const job = ftrlTrainStream(env.fromElements<Row>({ a: 1, y: 'x' }), {
      featureCols: ['a'],
      labelCol: 'y',
      initialModel: init,
    });
    await expect(job.executeAndCollect()).rejects.toThrow(/label column "y" value x/);
  });
});
