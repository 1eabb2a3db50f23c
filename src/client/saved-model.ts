import type { ModelJson, TrainRequest } from '../ml/index.ts';
import type { ModelComparison } from './protocol.ts';

/**
 * The params key under which the page keeps a saved model's training request (data set, split,
 * options), so a loaded version is evaluated on its own held-out rows. The name is what saved
 * models already carry.
 */
const TRAIN_REQUEST_KEY = 'rivuletRequest';

/** Keys of a saved model's params that are the page's bookkeeping, not parameters of the model. */
export const INTERNAL_PARAM_KEYS: readonly string[] = [TRAIN_REQUEST_KEY];

/**
 * The model JSON to save: its params with the training request kept beside them.
 *
 * @example await trainer.saveModel('iris', withTrainRequest(result.model, request), info)
 */
export function withTrainRequest(model: ModelJson, request: TrainRequest): ModelJson {
  return { ...model, params: { ...(model.params as object), [TRAIN_REQUEST_KEY]: request } };
}

/**
 * The training request a saved version keeps in its params (undefined for a model saved without one).
 *
 * @example trainRequestOf(entry.params) ?? defaultRequest
 */
export function trainRequestOf(params: unknown): TrainRequest | undefined {
  if (typeof params !== 'object' || params === null) return undefined;
  return (params as Record<string, TrainRequest | undefined>)[TRAIN_REQUEST_KEY];
}

/**
 * A registry comparison with the changed parameters of the models only (the page's bookkeeping
 * keys dropped).
 *
 * @example modelParamChanges({ metrics, changedParams: ['maxIter', 'rivuletRequest'] }).changedParams // ['maxIter']
 */
export function modelParamChanges(comparison: ModelComparison): ModelComparison {
  return {
    ...comparison,
    changedParams: comparison.changedParams.filter((k) => !INTERNAL_PARAM_KEYS.includes(k)),
  };
}
