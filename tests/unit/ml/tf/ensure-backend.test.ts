// Runs in its own module graph (vitest isolates files): nothing has set up tfjs before the first fit.
import { describe, expect, it } from 'vitest';
import { currentBackend, LogisticRegression, makeBinary, auc } from '../../../../src/ml/index.ts';

describe('training without setting up tfjs first', () => {
  it('picks the fastest backend by itself (wasm in Node) and trains', async () => {
    // Features on very different scales: linear models standardize internally (Alink's default).
    const rows = makeBinary({ n: 1000, weights: [2, -1, 0.5], scales: [1, 1000, 0.001], seed: 7 });
    const model = await new LogisticRegression({
      featureCols: ['f0', 'f1', 'f2'],
      labelCol: 'label',
      predictionCol: 'pred',
      predictionDetailCol: 'detail',
    }).fit(rows);
    expect(currentBackend()).toBe('wasm');
    const scored = await model.transform(rows);
    const score = auc(
      scored.map((r) => r.label as number),
      scored.map((r) => (r.detail as Record<string, number>)['1']),
    );
    // The logit is dominated by f1 (weight -1 on a scale of 1000), so the labels are almost a function
    // of f1: a model that learned it separates the rows (AUC ≈ 1); one that missed f1 would be near 0.5.
    expect(score).toBeGreaterThan(0.99);
  });
});
