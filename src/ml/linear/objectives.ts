import * as tf from '@tensorflow/tfjs';
import type { LossAndGrad, Objective } from './optimizer.ts';

/** Loss of a linear model. */
export type LinearLoss = 'logistic' | 'squared' | 'hinge';

/**
 * The mean loss and its gradient over a design matrix, with tfjs ops (float32), as an {@link Objective}.
 * `y` holds 0/1 for logistic, ±1 for hinge, targets for squared. Every tensor made is disposed.
 *
 * @example
 * ```ts
 * const f = linearObjective(x, y, 'logistic'); const { loss, grad } = await f(new Float64Array(x.shape[1]));
 * ```
 */
export function linearObjective(x: tf.Tensor2D, y: tf.Tensor2D, loss: LinearLoss): Objective {
  const n = x.shape[0];
  return async (w: Float64Array): Promise<LossAndGrad> => {
    const [l, g] = tf.tidy(() => {
      const wt = tf.tensor2d(Float32Array.from(w), [w.length, 1]);
      const z = x.matMul(wt);
      let value: tf.Scalar;
      let dz: tf.Tensor2D;
      if (loss === 'logistic') {
        value = tf.mean(tf.softplus(z).sub(y.mul(z)));
        dz = tf.sigmoid(z).sub(y);
      } else if (loss === 'squared') {
        const r = z.sub(y);
        value = tf.mean(r.square()).mul(0.5);
        dz = r as tf.Tensor2D;
      } else {
        const m = y.mul(z);
        value = tf.mean(tf.relu(tf.sub(1, m)));
        dz = tf.neg(y.mul(tf.cast(tf.less(m, 1), 'float32'))) as tf.Tensor2D;
      }
      const grad = x.transpose().matMul(dz).div(n);
      return [value, grad];
    });
    const [lv, gv] = await Promise.all([l.data(), g.data()]);
    l.dispose();
    g.dispose();
    return { loss: lv[0], grad: Float64Array.from(gv) };
  };
}
