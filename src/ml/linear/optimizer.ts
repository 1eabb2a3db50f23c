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
  /** Stop when the relative loss change is below this. */
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
  const losses = [cur.loss + l1Term(w)];
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  let step = 1;
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
    } else if (l1 > 0) {
      // FISTA-style proximal gradient with backtracking on the smooth part
      for (;;) {
        next = w.map((v, i) => v - step * cur.grad[i]);
        softThreshold(next, step * l1, pen);
        nextEval = await full(next);
        const diff = next.map((v, i) => v - w[i]);
        const bound = cur.loss + dot(cur.grad, diff) + dot(diff, diff) / (2 * step);
        if (Number.isFinite(nextEval.loss) && nextEval.loss <= bound + 1e-12) break;
        step *= 0.5;
        if (step < 1e-20) throw nanLossError(who, it);
      }
      step *= 1.25;
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
