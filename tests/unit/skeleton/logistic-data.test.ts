import { describe, expect, it } from 'vitest';
import { makeLogisticData, TRUE_BIAS, TRUE_WEIGHTS } from '../../../workers/support/logistic-data.ts';

describe('makeLogisticData', () => {
  it('is deterministic per seed', () => {
    expect(makeLogisticData(256, 7)).toEqual(makeLogisticData(256, 7));
    expect(makeLogisticData(256, 7).x).not.toEqual(makeLogisticData(256, 8).x);
  });

  it('draws labels that the true model separates well', () => {
    const { x, y, samples, features } = makeLogisticData(4000, 7);
    let agree = 0;
    for (let i = 0; i < samples; i++) {
      let z = TRUE_BIAS;
      for (let j = 0; j < features; j++) z += TRUE_WEIGHTS[j] * x[i * features + j];
      if ((z > 0 ? 1 : 0) === y[i]) agree++;
    }
    // Labels are Bernoulli draws, so some disagree; the Bayes accuracy here is about 0.84.
    expect(agree / samples).toBeGreaterThan(0.8);
    expect(agree / samples).toBeLessThan(0.9);
  });
});
