import type { LinearModelData } from '../linear/linear-model-data.ts';

/** FTRL-Proximal hyper-parameters (Alink's FtrlTrainStreamOp names). */
export interface FtrlParams {
  alpha?: number;
  beta?: number;
  l1?: number;
  l2?: number;
}

/** A learner's accumulators and record count (see {@link FtrlLearner.state}). */
export interface FtrlLearnerState {
  z: number[];
  n: number[];
  count: number;
}

/**
 * FTRL-Proximal online logistic regression (McMahan et al. 2013), per-record float64 updates. The last
 * weight is the intercept (a constant feature 1). Start from zeros or from a fitted model's coefficients.
 *
 * @example
 * ```ts
 * const learner = new FtrlLearner(2, { alpha: 0.1 });
 * const p = learner.predict([1, 2]); learner.update([1, 2], 1);
 * ```
 */
export class FtrlLearner {
  readonly z: Float64Array;
  readonly n: Float64Array;
  private readonly w: Float64Array;
  private readonly alpha: number;
  private readonly beta: number;
  private readonly l1: number;
  private readonly l2: number;
  /** Records learned so far. */
  count = 0;
  constructor(
    readonly dim: number,
    p: FtrlParams = {},
    initial?: { coefficients: readonly number[]; intercept: number },
  ) {
    this.alpha = p.alpha ?? 0.1;
    this.beta = p.beta ?? 1;
    this.l1 = p.l1 ?? 0;
    this.l2 = p.l2 ?? 0;
    for (const [k, v] of Object.entries({ alpha: this.alpha, beta: this.beta, l1: this.l1, l2: this.l2 })) {
      if (!(v >= 0) || (k === 'alpha' && v === 0))
        throw new Error(`FTRL: ${k} must be ${k === 'alpha' ? '> 0' : '>= 0'}, got ${v}`);
    }
    this.z = new Float64Array(dim + 1);
    this.n = new Float64Array(dim + 1);
    this.w = new Float64Array(dim + 1);
    if (initial) {
      if (initial.coefficients.length !== dim)
        throw new Error(
          `FTRL: the initial model has ${initial.coefficients.length} coefficients, the data ${dim} features`,
        );
      const init = [...initial.coefficients, initial.intercept];
      if (this.beta / this.alpha + this.l2 === 0 && init.some((v) => v !== 0))
        throw new Error(
          'FTRL: an initial model needs beta > 0 or l2 > 0 (with both 0 a coordinate not yet seen has weight 0, so the initial weights would be lost)',
        );
      // choose z so that the closed-form weight equals the initial one while n = 0
      for (let i = 0; i <= dim; i++)
        this.z[i] =
          init[i] === 0 ? 0 : -init[i] * (this.beta / this.alpha + this.l2) - Math.sign(init[i]) * this.l1;
    }
    this.refresh();
  }
  private refresh(): void {
    for (let i = 0; i <= this.dim; i++) this.w[i] = this.weight(i);
  }
  private weight(i: number): number {
    const z = this.z[i];
    if (Math.abs(z) <= this.l1) return 0;
    return -(z - Math.sign(z) * this.l1) / ((this.beta + Math.sqrt(this.n[i])) / this.alpha + this.l2);
  }
  /** P(y = 1 | x). @example learner.predict([0.5, 1]) */
  predict(x: ArrayLike<number>): number {
    let s = this.w[this.dim];
    for (let i = 0; i < this.dim; i++) s += this.w[i] * x[i];
    return 1 / (1 + Math.exp(-s));
  }
  /** Learns one record with label 0/1; returns the prediction made before the update. @example learner.update([1, 0], 1) */
  update(x: ArrayLike<number>, y: number): number {
    const p = this.predict(x);
    const g0 = p - y;
    for (let i = 0; i <= this.dim; i++) {
      const xi = i === this.dim ? 1 : x[i];
      if (xi === 0) continue;
      const g = g0 * xi;
      const sigma = (Math.sqrt(this.n[i] + g * g) - Math.sqrt(this.n[i])) / this.alpha;
      this.z[i] += g - sigma * this.w[i];
      this.n[i] += g * g;
      this.w[i] = this.weight(i);
    }
    this.count++;
    return p;
  }
  /** The accumulators (z, n) and record count, as plain data for a checkpoint. @example const s = learner.state() */
  state(): FtrlLearnerState {
    return { z: Array.from(this.z), n: Array.from(this.n), count: this.count };
  }
  /** Continues from a {@link state} of a learner with the same dimension and parameters. @example learner.restore(s) */
  restore(s: FtrlLearnerState): void {
    if (s.z.length !== this.dim + 1 || s.n.length !== this.dim + 1)
      throw new Error(
        `FTRL: the restored state has ${s.z.length - 1} features, the learner ${this.dim}; restore into the same job`,
      );
    this.z.set(s.z);
    this.n.set(s.n);
    this.count = s.count;
    this.refresh();
  }
  /** The current weights as linear model data. @example learner.modelData(['a', 'b'], [0, 1]) */
  modelData(featureCols: string[], labels: unknown[]): LinearModelData {
    return {
      featureCols: [...featureCols],
      coefficients: Array.from(this.w.subarray(0, this.dim)),
      intercept: this.w[this.dim],
      labels: [...labels],
    };
  }
}
