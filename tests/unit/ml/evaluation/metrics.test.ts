// Every expected value below is computed by hand in the comment beside it.
import { describe, expect, it } from 'vitest';
import {
  adjustedRandIndex,
  auc,
  evalBinary,
  evalMulticlass,
  evalRegression,
  ks,
  silhouette,
  sse,
} from '../../../../src/ml/index.ts';

// positives score {0.4, 0.8, 0.9}, negatives {0.1, 0.4, 0.8}; two ties across classes
const labels = [0, 0, 1, 1, 0, 1];
const scores = [0.1, 0.4, 0.4, 0.8, 0.8, 0.9];

describe('binary metrics', () => {
  it('AUC counts ties as one half (Mann-Whitney)', () => {
    // pos 0.4: beats 0.1, ties 0.4 → 1.5; pos 0.8: beats 0.1, 0.4, ties 0.8 → 2.5; pos 0.9 beats all → 3; 7/9
    expect(auc(labels, scores)).toBeCloseTo(7 / 9, 15);
    expect(auc([0, 1], [0.5, 0.5])).toBe(0.5);
    expect(() => auc([1, 1], [0.2, 0.3])).toThrow(/both positive and negative/);
  });
  it('ROC, PR, KS and threshold metrics', () => {
    const m = evalBinary(labels, scores);
    // thresholds 0.9, 0.8, 0.4, 0.1 → (tp, fp) = (1,0), (2,1), (3,2), (3,3)
    expect(m.roc.thresholds).toEqual([Infinity, 0.9, 0.8, 0.4, 0.1]);
    expect(m.roc.x).toEqual([0, 0, 1 / 3, 2 / 3, 1]);
    expect(m.roc.y).toEqual([0, 1 / 3, 2 / 3, 1, 1]);
    expect(m.pr).toEqual({
      x: [1 / 3, 2 / 3, 1, 1],
      y: [1, 2 / 3, 3 / 5, 1 / 2],
      thresholds: [0.9, 0.8, 0.4, 0.1],
    });
    // max TPR − FPR = 1/3 (reached at three thresholds)
    expect(m.ks).toBeCloseTo(1 / 3, 15);
    expect(ks([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBe(0.5);
    // at 0.5: predicted positive 0.8(+), 0.8(−), 0.9(+) → tp 2, fp 1, fn 1, tn 2
    expect(m.precision).toBeCloseTo(2 / 3, 15);
    expect(m.recall).toBeCloseTo(2 / 3, 15);
    expect(m.f1).toBeCloseTo(2 / 3, 15);
    expect(m.accuracy).toBeCloseTo(4 / 6, 15);
    // −mean ln p(true label): ln .9, ln .6, ln .4, ln .8, ln .2, ln .9
    const ll =
      -(Math.log(0.9) + Math.log(0.6) + Math.log(0.4) + Math.log(0.8) + Math.log(0.2) + Math.log(0.9)) / 6;
    expect(m.logLoss).toBeCloseTo(ll, 14);
    expect(m.count).toBe(6);
  });
  it('rejects bad input', () => {
    expect(() => evalBinary([0, 2], [0.1, 0.2])).toThrow(/label at row 1 is 2, not 0\/1/);
    expect(() => evalBinary([0, 1], [0.1])).toThrow(/2 labels but 1 scores/);
    expect(() => evalBinary([], [])).toThrow(/no rows/);
    expect(() => evalBinary([0, 1], [0.1, NaN])).toThrow(/score at row 1 is NaN/);
  });
});

describe('multiclass metrics', () => {
  it('confusion matrix, per-class and averaged F1', () => {
    const m = evalMulticlass(['a', 'a', 'b', 'b', 'c', 'c'], ['a', 'b', 'b', 'b', 'c', 'a']);
    expect(m.labels).toEqual(['a', 'b', 'c']);
    // rows = actual, columns = predicted
    expect(m.confusionMatrix).toEqual([
      [1, 1, 0],
      [0, 2, 0],
      [1, 0, 1],
    ]);
    expect(m.accuracy).toBeCloseTo(4 / 6, 15);
    expect(m.microF1).toBeCloseTo(4 / 6, 15);
    // a: P 1/2 R 1/2 F1 1/2; b: P 2/3 R 1 F1 0.8; c: P 1 R 1/2 F1 2/3
    expect(m.perClass.map((p) => p.precision)).toEqual([1 / 2, 2 / 3, 1]);
    expect(m.perClass.map((p) => p.recall)).toEqual([1 / 2, 1, 1 / 2]);
    expect(m.macroF1).toBeCloseTo((0.5 + 0.8 + 2 / 3) / 3, 15);
    expect(evalMulticlass([2, 10], [10, 10], { labels: [10, 2] }).confusionMatrix).toEqual([
      [1, 0],
      [1, 0],
    ]);
  });
});

describe('regression metrics', () => {
  it('MSE, RMSE, MAE, R2, explained variance', () => {
    // errors 0, 0, −1, 1; mean y 2.5, SStot 5
    const m = evalRegression([1, 2, 3, 4], [1, 2, 4, 3]);
    expect(m).toEqual({
      mse: 0.5,
      rmse: Math.sqrt(0.5),
      mae: 0.5,
      r2: 0.6,
      explainedVariance: 0.6,
      count: 4,
    });
    // constant bias −1: SSres 3, SStot 2 → R2 −0.5; the error has zero variance → explained variance 1
    const b = evalRegression([1, 2, 3], [2, 3, 4]);
    expect(b.r2).toBe(-0.5);
    expect(b.explainedVariance).toBe(1);
    expect(() => evalRegression([1], [NaN])).toThrow(/row 0/);
  });
});

describe('clustering metrics', () => {
  it('silhouette on four 1-D points', () => {
    // 0: a 1, b 10.5; 1: a 1, b 9.5; 10: a 1, b 9.5; 11: a 1, b 10.5
    const s = silhouette([0, 1, 10, 11], 1, [0, 0, 1, 1]);
    expect(s).toBeCloseTo((9.5 / 10.5 + 8.5 / 9.5) / 2, 15);
    // 2-D, a singleton cluster contributes 0: points (0,0),(0,2) | (10,0); a=2, b=10 and √104
    const s2 = silhouette([0, 0, 0, 2, 10, 0], 2, [0, 0, 1]);
    expect(s2).toBeCloseTo((0.8 + (Math.sqrt(104) - 2) / Math.sqrt(104)) / 3, 15);
    expect(() => silhouette([0, 1], 1, [0, 0])).toThrow(/2..n-1 clusters/);
  });
  it('SSE and adjusted Rand index', () => {
    expect(sse([0, 2, 10], 1, [0, 0, 1], [1, 10])).toBe(2);
    expect(adjustedRandIndex([0, 0, 1, 1], [1, 1, 0, 0])).toBe(1);
    // contingency (0,0):2 (1,1):1 (1,2):1 → index 1, expected 2·1/6, max 1.5 → 4/7 (scikit-learn's docs: 0.57)
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 0, 1, 2])).toBeCloseTo(4 / 7, 15);
  });
});
