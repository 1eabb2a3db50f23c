import type { TrainingRun } from '../pipeline/fit-options.ts';

/** Objective value and gradient at a point (computed with tfjs ops by the trainers). */
export interface LossAndGrad {
  loss: number;
  grad: Float64Array;
}
/** An objective to minimise. */
export type Objective = (w: Float64Array) => Promise<LossAndGrad>;

/** Options of {@link minimize}. */
export interface MinimizeOptions {
  /** 'LBFGS' (default; FISTA when l1 > 0) or 'GD' (plain gradient descent with learningRate). */
  optimMethod?: 'LBFGS' | 'GD';
  maxIter?: number;
  /** Stop when the relative loss change is below this (FISTA, with l1: and the relative change of the weights). */
  epsilon?: number;
  learningRate?: number;
  /** L1 strength; entries with penalize[i] = 0 (intercepts) are not penalised. */
  l1?: number;
  /** L2 strength (objective adds l2/2 · ‖w‖²). */
  l2?: number;
  penalize?: Uint8Array;
  /** Called after every iteration. */
  onIteration?: (iteration: number, loss: number) => void;
  /** Who trains (for error messages). */
  who?: string;
  /** Progress reports, row counting and cancellation (checked between iterations). */
  run?: TrainingRun;
}

/** The result of {@link minimize}. */
export interface MinimizeResult {
  w: Float64Array;
  loss: number;
  iterations: number;
  losses: number[];
}

const dot = (a: Float64Array, b: Float64Array): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};

/** Message of the NaN-loss error. */
export function nanLossError(who: string, iteration: number): Error {
  return new Error(
    `${who}: the loss became NaN or infinite at iteration ${iteration}; scale the features (standardization: true, or a StandardScaler) or lower the learningRate`,
  );
}

/**
 * Minimises objective + l2/2‖w‖² + l1‖w‖₁ in float64 on the host (L-BFGS, FISTA for L1, or GD);
 * the objective itself is evaluated with tfjs ops. A NaN loss throws, suggesting scaling.
 *
 * @example
 * ```ts
 * const { w } = await minimize(async (w) => ({ loss: (w[0] - 1) ** 2, grad: Float64Array.of(2 * (w[0] - 1)) }), new Float64Array(1));
 * ```
 */
export async function minimize(
  f: Objective,
  w0: Float64Array,
  o: MinimizeOptions = {},
): Promise<MinimizeResult> {
  const who = o.who ?? 'minimize';
  const d = w0.length;
  const l1 = o.l1 ?? 0;
  const l2 = o.l2 ?? 0;
  const pen = o.penalize ?? new Uint8Array(d).fill(1);
  const maxIter = o.maxIter ?? 100;
  const eps = o.epsilon ?? 1e-7;
  const full = async (w: Float64Array): Promise<LossAndGrad> => {
    const r = await f(w);
    o.run?.evaluated();
    let loss = r.loss;
    const grad = Float64Array.from(r.grad);
    for (let i = 0; i < d; i++)
      if (pen[i]) {
        loss += 0.5 * l2 * w[i] * w[i];
        grad[i] += l2 * w[i];
      }
    return { loss, grad };
  };
  const l1Term = (w: Float64Array): number => {
    let s = 0;
    for (let i = 0; i < d; i++) if (pen[i]) s += Math.abs(w[i]);
    return l1 * s;
  };
  let w: Float64Array = Float64Array.from(w0);
  let cur = await full(w);
  if (!Number.isFinite(cur.loss)) throw nanLossError(who, 0);
  if (l1 > 0 && o.optimMethod !== 'GD') return fista(w, cur, { full, l1Term, l1, pen, maxIter, eps, who, o });
  const losses = [cur.loss + l1Term(w)];
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  let it: number;
  for (it = 1; it <= maxIter; it++) {
    const before = cur.loss + l1Term(w);
    let next: Float64Array;
    let nextEval: LossAndGrad;
    if (o.optimMethod === 'GD') {
      const lr = o.learningRate ?? 0.1;
      next = w.map((v, i) => v - lr * cur.grad[i]);
      if (l1 > 0) softThreshold(next, lr * l1, pen);
      nextEval = await full(next);
      if (!Number.isFinite(nextEval.loss)) throw nanLossError(who, it);
    } else {
      const dir = twoLoop(cur.grad, S, Y);
      let slope = dot(dir, cur.grad);
      if (!(slope < 0)) {
        S.length = 0;
        Y.length = 0;
        dir.set(cur.grad.map((g) => -g));
        slope = dot(dir, cur.grad);
      }
      let t = S.length === 0 ? 1 / Math.max(1, Math.sqrt(dot(cur.grad, cur.grad))) : 1;
      for (let k = 0; ; k++) {
        next = w.map((v, i) => v + t * dir[i]);
        nextEval = await full(next);
        if (Number.isFinite(nextEval.loss) && nextEval.loss <= cur.loss + 1e-4 * t * slope) break;
        t *= 0.5;
        if (k > 40) {
          if (!Number.isFinite(nextEval.loss)) throw nanLossError(who, it);
          return { w, loss: cur.loss, iterations: it, losses };
        }
      }
      const s = next.map((v, i) => v - w[i]);
      const y = nextEval.grad.map((g, i) => g - cur.grad[i]);
      if (dot(s, y) > 1e-12) {
        S.push(s);
        Y.push(y);
        if (S.length > 10) {
          S.shift();
          Y.shift();
        }
      }
    }
    w = next;
    cur = nextEval;
    const after = cur.loss + l1Term(w);
    losses.push(after);
    o.onIteration?.(it, after);
    await o.run?.step(it, after);
    if (Math.abs(before - after) <= eps * Math.max(1, Math.abs(before))) break;
  }
  return { w, loss: losses[losses.length - 1], iterations: Math.min(it, maxIter), losses };
}

/** What {@link fista} shares with {@link minimize}: the smooth part (objective + l2), the L1 term and the options. */
interface FistaContext {
  full: (w: Float64Array) => Promise<LossAndGrad>;
  l1Term: (w: Float64Array) => number;
  l1: number;
  pen: Uint8Array;
  maxIter: number;
  eps: number;
  who: string;
  o: MinimizeOptions;
}

/**
 * Relative size of the rounding noise in a float32 loss (tfjs sums the per-row losses in float32, and the
 * residuals lose digits to cancellation). A function-value comparison closer than this is left to the gradients.
 */
const LOSS_NOISE = 1e-5;
/** A move of every weight by at most this fraction of it is below what the float32 evaluation resolves. */
const WEIGHT_RESOLUTION = 1e-6;
/** The step grows by this factor after a step that passed a test beyond the noise; backtracking halves it. */
const STEP_GROWTH = 1.1;

/**
 * FISTA (Beck & Teboulle 2009) on f(w) + l1‖w_penalised‖₁: a proximal gradient step (soft-threshold on the
 * penalised entries only, the intercept is a plain gradient step) from the extrapolated point y, with
 * backtracking on the smooth part f, then y = x + (t_k − 1)/t_{k+1} · (x − x_prev), t_{k+1} = (1 + √(1 + 4t_k²))/2.
 * Adaptive restart (O'Donoghue & Candès 2015): when the objective would increase, the step is redone from the
 * current iterate without momentum (so the losses do not increase), and when the gradient mapping points
 * against the momentum, ⟨y − x_next, x_next − x⟩ > 0, the momentum is reset. Comparisons of float32 losses
 * within their rounding noise are decided with the gradients instead (the trapezoid rule, exact for a quadratic
 * f). Stops when, in one iteration, the objective changes by at most eps·max(1, |F|) and the weights by at
 * most eps·max(1, ‖w‖), or after `maxIter`. The float32 evaluation resolves the weights to about 1e-7
 * (relative), so a much smaller `eps` runs to `maxIter` once the rounding noise is reached.
 */
async function fista(w0: Float64Array, f0: LossAndGrad, c: FistaContext): Promise<MinimizeResult> {
  const { full, l1Term, l1, pen, maxIter, eps, who, o } = c;
  let x = w0;
  let fx = f0;
  let objX = fx.loss + l1Term(x);
  const losses = [objX];
  let y = x;
  let fy = fx;
  let t = 1;
  let step = 1;
  /** Whether the last step passed a test beyond the rounding noise (only then may the next step be longer). */
  let verified = false;
  /** Proximal gradient step from y with backtracking: the largest tried step where f(z) ≤ its quadratic model. */
  const proxStep = async (it: number): Promise<{ z: Float64Array; fz: LossAndGrad }> => {
    for (;;) {
      const z = y.map((v, i) => v - step * fy.grad[i]);
      softThreshold(z, step * l1, pen);
      const fz = await full(z);
      if (Number.isFinite(fz.loss)) {
        const dz = z.map((v, i) => v - y[i]);
        const dd = dot(dz, dz);
        const gap = fz.loss - (fy.loss + dot(fy.grad, dz) + dd / (2 * step));
        const noise = LOSS_NOISE * (Math.abs(fz.loss) + Math.abs(fy.loss));
        verified = gap < -noise;
        if (verified) return { z, fz };
        if (gap <= noise) {
          // too close to call on the losses: f(z) − f(y) − ⟨∇f(y), d⟩ ≈ ½⟨∇f(z) − ∇f(y), d⟩ (trapezoid rule),
          // unless the move is below what the float32 weights resolve (then the step is kept, not grown)
          if (dz.every((v, i) => Math.abs(v) <= WEIGHT_RESOLUTION * Math.abs(y[i]))) return { z, fz };
          let curvature = 0;
          for (let i = 0; i < dz.length; i++) curvature += dz[i] * (fz.grad[i] - fy.grad[i]);
          verified = curvature <= dd / step;
          if (verified) return { z, fz };
        }
      }
      step *= 0.5;
      if (step < 1e-20) throw nanLossError(who, it);
    }
  };
  /**
   * The objective at z minus the one at x; when that is within the float32 noise, the trapezoid rule
   * ½⟨∇f(z) + ∇f(x), z − x⟩ stands for the change of the smooth part.
   */
  const change = (z: Float64Array, fz: LossAndGrad, objZ: number): number => {
    const diff = objZ - objX;
    if (Math.abs(diff) > LOSS_NOISE * (Math.abs(fz.loss) + Math.abs(fx.loss))) return diff;
    let smooth = 0;
    for (let i = 0; i < z.length; i++) smooth += 0.5 * (fz.grad[i] + fx.grad[i]) * (z[i] - x[i]);
    return smooth + l1Term(z) - l1Term(x);
  };
  let it: number;
  for (it = 1; it <= maxIter; it++) {
    let extrapolated = y !== x;
    let { z, fz } = await proxStep(it);
    let objZ = fz.loss + l1Term(z);
    let objChange = change(z, fz, objZ);
    if (extrapolated && objChange > 0) {
      // function restart: redo the step from x without momentum
      y = x;
      fy = fx;
      t = 1;
      extrapolated = false;
      ({ z, fz } = await proxStep(it));
      objZ = fz.loss + l1Term(z);
      objChange = change(z, fz, objZ);
    }
    // gradient-mapping restart: the step went against the momentum direction
    let restart = false;
    if (extrapolated) {
      let s = 0;
      for (let i = 0; i < z.length; i++) s += (y[i] - z[i]) * (z[i] - x[i]);
      restart = s > 0;
    }
    const dx = z.map((v, i) => v - x[i]);
    const before = objX;
    x = z;
    fx = fz;
    objX = objZ;
    losses.push(objX);
    o.onIteration?.(it, objX);
    await o.run?.step(it, objX);
    const objectiveSettled = Math.abs(objChange) <= eps * Math.max(1, Math.abs(before));
    const weightsSettled = Math.sqrt(dot(dx, dx)) <= eps * Math.max(1, Math.sqrt(dot(x, x)));
    if (objectiveSettled && weightsSettled) break;
    if (verified) step *= STEP_GROWTH;
    const tNext = restart ? 1 : (1 + Math.sqrt(1 + 4 * t * t)) / 2;
    const beta = restart ? 0 : (t - 1) / tNext;
    t = tNext;
    y = x;
    fy = fx;
    if (beta > 0) {
      const yNext = x.map((v, i) => v + beta * dx[i]);
      const fyNext = await full(yNext);
      if (Number.isFinite(fyNext.loss)) {
        y = yNext;
        fy = fyNext;
      } else t = 1;
    }
  }
  return { w: x, loss: objX, iterations: Math.min(it, maxIter), losses };
}

function softThreshold(w: Float64Array, t: number, pen: Uint8Array): void {
  for (let i = 0; i < w.length; i++) if (pen[i]) w[i] = Math.sign(w[i]) * Math.max(0, Math.abs(w[i]) - t);
}

/** L-BFGS two-loop recursion: returns -H·g. */
function twoLoop(g: Float64Array, S: Float64Array[], Y: Float64Array[]): Float64Array {
  const q = Float64Array.from(g);
  const alpha: number[] = [];
  for (let k = S.length - 1; k >= 0; k--) {
    const a = dot(S[k], q) / dot(Y[k], S[k]);
    alpha[k] = a;
    for (let i = 0; i < q.length; i++) q[i] -= a * Y[k][i];
  }
  if (S.length > 0) {
    const k = S.length - 1;
    const gamma = dot(S[k], Y[k]) / dot(Y[k], Y[k]);
    for (let i = 0; i < q.length; i++) q[i] *= gamma;
  }
  for (let k = 0; k < S.length; k++) {
    const b = dot(Y[k], q) / dot(Y[k], S[k]);
    for (let i = 0; i < q.length; i++) q[i] += S[k][i] * (alpha[k] - b);
  }
  return q.map((v) => -v);
}
