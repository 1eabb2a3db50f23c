/**
 * Estimators: stages that learn a Model from data with `await fit(data)`.
 */
import type { MlData } from './data.ts';
import type { Model } from './model.ts';
import type { FitOptions } from './fit-options.ts';

/**
 * The base of every trainable stage: options in the constructor, `fit` returns the fitted model.
 *
 * @example
 * class MeanEstimator extends Estimator<{ selectedCols: string[] }, MeanModel> {
 *   async fit(data: MlData) { return new MeanModel(this.params, mean(data)); }
 * }
 */
export abstract class Estimator<P extends object, M extends Model> {
  /** The options the estimator was built with (frozen). */
  readonly params: Readonly<P>;

  constructor(params: P) {
    this.params = Object.freeze({ ...params });
  }

  /**
   * Learns a model from rows or a table; `options` reports progress and can cancel (see {@link FitOptions}).
   * @example const model = await estimator.fit(rows, { onProgress: (p) => console.log(p.iteration, p.loss) });
   */
  abstract fit(data: MlData, options?: FitOptions): Promise<M>;
}
