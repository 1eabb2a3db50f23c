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

/**
 * FTRL-Proximal, Algorithm 1 of McMahan et al. 2013 ("Ad Click Prediction: a View from the Trenches"),
 * written independently from the paper: per coordinate z, n; w from z, n in closed form only for the
 * non-zero coordinates I of x_t; p = σ(x·w); then for i ∈ I: g = (p − y)x_i, σ = (√(n+g²) − √n)/α,
 * z += g − σw, n += g². Plain float64; the last coordinate is the constant-1 bias feature.
 */
function paperFtrl(
  data: { x: number[]; y: number }[],
  o: { alpha: number; beta: number; l1: number; l2: number },
): { w: number[]; z: number[]; n: number[] } {
  const d = data[0].x.length + 1;
  const z = new Array<number>(d).fill(0);
  const n = new Array<number>(d).fill(0);
  const closedForm = (i: number): number =>
    Math.abs(z[i]) <= o.l1
      ? 0
      : -((z[i] - Math.sign(z[i]) * o.l1) / ((o.beta + Math.sqrt(n[i])) / o.alpha + o.l2));
  for (const { x, y } of data) {
    const xb = [...x, 1];
    const I = xb.map((v, i) => (v !== 0 ? i : -1)).filter((i) => i >= 0);
    const w = new Map<number, number>();
    for (const i of I) w.set(i, closedForm(i));
    let dot = 0;
    for (const i of I) dot += xb[i] * w.get(i)!;
    const p = 1 / (1 + Math.exp(-dot));
    for (const i of I) {
      const g = (p - y) * xb[i];
      const sigma = (Math.sqrt(n[i] + g * g) - Math.sqrt(n[i])) / o.alpha;
      z[i] += g - sigma * w.get(i)!;
      n[i] += g * g;
    }
  }
  return { w: z.map((_, i) => closedForm(i)), z, n };
}

describe('FTRL against the paper (Algorithm 1)', () => {
  it('weights, z and n equal an independent float64 implementation to 1e-9 on a seeded sparse stream', () => {
    const u = mulberry32(77);
    const g = gaussian(u);
    const data = Array.from({ length: 3000 }, () => {
      const x = Array.from({ length: 5 }, () => (u() < 0.4 ? 0 : g() * 2)); // ~40% zero coordinates
      const s = 1.5 * x[0] - x[1] + 0.5 * x[3] - 0.3;
      return { x, y: u() < 1 / (1 + Math.exp(-s)) ? 1 : 0 };
    });
    for (const o of [
      { alpha: 0.1, beta: 1, l1: 0, l2: 0 },
      { alpha: 0.3, beta: 0.5, l1: 1.5, l2: 0.7 },
      { alpha: 2, beta: 0, l1: 0.2, l2: 0 },
      { alpha: 0.5, beta: 1, l1: 60, l2: 1 },
    ]) {
      const ref = paperFtrl(data, o);
      const learner = new FtrlLearner(5, o);
      for (const r of data) learner.update(r.x, r.y);
      const m = learner.modelData(['a', 'b', 'c', 'd', 'e'], [0, 1]);
      const w = [...m.coefficients, m.intercept];
      for (let i = 0; i < 6; i++) {
        expect(Math.abs(w[i] - ref.w[i])).toBeLessThan(1e-9);
        expect(Math.abs(learner.z[i] - ref.z[i])).toBeLessThan(1e-9);
        expect(Math.abs(learner.n[i] - ref.n[i])).toBeLessThan(1e-9);
      }
      if (o.l1 >= 60) expect(w.filter((v) => v === 0).length).toBeGreaterThan(0); // strong L1: exact zeros
    }
  });

  it('rejects an initial model it cannot represent (beta = 0 and l2 = 0) instead of zeroing it', () => {
    const init = { coefficients: [1.5], intercept: -0.5 };
    expect(() => new FtrlLearner(1, { beta: 0 }, init)).toThrow(/initial model needs beta > 0 or l2 > 0/);
    const withL2 = new FtrlLearner(1, { beta: 0, l2: 0.5 }, init);
    expect(withL2.predict([2])).toBeCloseTo(1 / (1 + Math.exp(-2.5)), 12);
  });

  it('defaults follow Alink FtrlTrainStreamOp (alpha 0.1, beta 1, l1 0, l2 0)', () => {
    const u = mulberry32(5);
    const data = Array.from({ length: 200 }, () => ({ x: [u() - 0.5, u() - 0.5], y: u() < 0.5 ? 1 : 0 }));
    const ref = paperFtrl(data, { alpha: 0.1, beta: 1, l1: 0, l2: 0 });
    const learner = new FtrlLearner(2);
    for (const r of data) learner.update(r.x, r.y);
    const m = learner.modelData(['a', 'b'], [0, 1]);
    [...m.coefficients, m.intercept].forEach((v, i) => expect(Math.abs(v - ref.w[i])).toBeLessThan(1e-12));
  });
});
