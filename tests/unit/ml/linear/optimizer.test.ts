import { describe, expect, it } from 'vitest';
import { minimize, type Objective } from '../../../../src/ml/linear/optimizer.ts';

// ½Σ a_i (w_i − c_i)² in float64 (no tfjs rounding): curvatures 1 … 1e-4 (condition number 1e4), the last
// entry unpenalised. With l1 the minimiser is soft-thresholded entry by entry: c_i − sign(c_i)·l1/a_i, or 0.
const a = [1, 0.3, 0.05, 1e-2, 2e-3, 1e-4, 0.5];
const c = [2, -1, 0.1, 3, -40, 500, 0.004];
const penalize = Uint8Array.of(1, 1, 1, 1, 1, 1, 0);
const l1 = 0.01;
const exact = c.map((ci, i) =>
  !penalize[i] ? ci : Math.abs(a[i] * ci) <= l1 ? 0 : ci - (Math.sign(ci) * l1) / a[i],
);
const quadratic: Objective = async (w) => ({
  loss: a.reduce((s, ai, i) => s + 0.5 * ai * (w[i] - c[i]) ** 2, 0),
  grad: Float64Array.from(a, (ai, i) => ai * (w[i] - c[i])),
});

describe('minimize with l1 (FISTA)', () => {
  it('solves an ill-conditioned lasso to 1e-7 (relative) in under 2000 iterations, never raising the objective', async () => {
    const reported: number[] = [];
    const r = await minimize(quadratic, new Float64Array(a.length), {
      l1,
      penalize,
      maxIter: 5000,
      epsilon: 1e-12,
      onIteration: (_, loss) => reported.push(loss),
    });
    // plain proximal gradient needs ~4e4 iterations for 1e-4 here; the stopping rule ends this run
    expect(r.iterations).toBeLessThan(2000);
    r.w.forEach((v, i) =>
      expect(Math.abs(v - exact[i]), `entry ${i}: ${v} vs ${exact[i]}`).toBeLessThan(
        1e-7 * Math.max(1, Math.abs(exact[i])),
      ),
    );
    expect(r.w[2]).toBe(0); // |a·c| < l1: exactly zero
    expect(r.w[6]).toBeCloseTo(0.004, 12); // the same size unpenalised (an intercept) is not thresholded
    expect(reported).toHaveLength(r.iterations);
    expect(r.losses).toEqual([r.losses[0], ...reported]);
    expect(r.loss).toBe(reported.at(-1));
    for (let k = 1; k < r.losses.length; k++)
      expect(r.losses[k]).toBeLessThanOrEqual(r.losses[k - 1] + 1e-12);
  });

  it('stops on the relative change of the objective and the weights (epsilon), or at maxIter', async () => {
    const loose = await minimize(quadratic, new Float64Array(a.length), { l1, penalize, maxIter: 5000 });
    const tight = await minimize(quadratic, new Float64Array(a.length), {
      l1,
      penalize,
      maxIter: 5000,
      epsilon: 1e-12,
    });
    expect(loose.iterations).toBeLessThan(tight.iterations);
    expect(loose.loss).toBeGreaterThanOrEqual(tight.loss);
    const capped = await minimize(quadratic, new Float64Array(a.length), { l1, penalize, maxIter: 7 });
    expect(capped.iterations).toBe(7);
    expect(capped.losses).toHaveLength(8);
  });

  it('throws the NaN-loss error when no step has a finite loss', async () => {
    const f: Objective = async (w) => ({ loss: w[0] === 0 ? 1 : NaN, grad: Float64Array.of(1) });
    await expect(minimize(f, new Float64Array(1), { l1: 0.1, who: 'T' })).rejects.toThrow(
      /^T: the loss became NaN or infinite at iteration 1; scale the features/,
    );
  });
});
