import { describe, expect, it } from 'vitest';
import {
  INTERNAL_PARAM_KEYS,
  modelParamChanges,
  trainRequestOf,
  withTrainRequest,
} from '../../../src/client/saved-model.ts';
import type { ModelJson, TrainRequest } from '../../../src/ml/index.ts';

const model: ModelJson = {
  format: 'rivulet-model',
  version: 1,
  kind: 'SoftmaxModel',
  params: { maxIter: 20, featureCols: ['a', 'b'] },
  data: {},
};
const request: TrainRequest = { dataset: { kind: 'iris' }, algorithm: 'Softmax', params: { maxIter: 20 } };

describe('saved models', () => {
  it('keep their training request beside the model params, and give it back', () => {
    const saved = withTrainRequest(model, request);
    expect(trainRequestOf(saved.params)).toEqual(request);
    expect(saved.params).toMatchObject(model.params as object);
    expect(model.params).not.toHaveProperty(INTERNAL_PARAM_KEYS[0]); // the trained model is not changed
    expect(trainRequestOf(model.params)).toBeUndefined();
    expect(trainRequestOf(null)).toBeUndefined();
  });

  it('compare by their model parameters only: the request kept beside them is not listed', () => {
    const a = withTrainRequest(model, request).params as Record<string, unknown>;
    const bModel = { ...model, params: { ...(model.params as object), maxIter: 30 } };
    const b = withTrainRequest(bModel, { ...request, params: { maxIter: 30 } }).params as Record<
      string,
      unknown
    >;
    // What the registry reports: every key whose value differs.
    const changedParams = Object.keys(a).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
    const metrics = { accuracy: [0.9, 0.95] as [number, number] };
    expect(changedParams).toContain(INTERNAL_PARAM_KEYS[0]);
    expect(modelParamChanges({ metrics, changedParams })).toEqual({ metrics, changedParams: ['maxIter'] });
  });
});
