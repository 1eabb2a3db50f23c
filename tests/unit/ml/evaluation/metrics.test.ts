// Every expected value below is computed by hand in the comment beside it.
import { describe, expect, it } from 'vitest';
import {
  adjustedRandIndex,
  auc,
  averagePrecision,
  calinskiHarabasz,
  daviesBouldin,
  evalBinary,
  evalMulticlass,
  evalRegression,
  ks,
  multiclassLogLoss,
  normalizedMutualInfo,
  prc,
  purity,
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
  it('kappa at the threshold, average precision (steps) and PRC (trapezoids from (0, P at the top))', () => {
    const m = evalBinary(labels, scores);
    // at 0.5: tp 2, fp 1, fn 1, tn 2 → pₒ = 4/6, pₑ = (3·3 + 3·3)/36 = 1/2 → (2/3 − 1/2)/(1/2) = 1/3
    expect(m.kappa).toBeCloseTo(1 / 3, 15);
    // kappa follows options.threshold: at 0.95 nothing is positive → pₒ = 3/6, pₑ = (3·0 + 3·6)/36 = 1/2 → 0
    expect(evalBinary(labels, scores, { threshold: 0.95 }).kappa).toBe(0);
    // PR points (R, P): (1/3, 1), (2/3, 2/3), (1, 3/5), (1, 1/2)
    // AP = 1/3·1 + 1/3·2/3 + 1/3·3/5 + 0 = 34/45
    expect(m.averagePrecision).toBeCloseTo(34 / 45, 15);
    expect(averagePrecision(labels, scores)).toBe(m.averagePrecision);
    // PRC from (0, 1): 1/3·(1 + 1)/2 + 1/3·(1 + 2/3)/2 + 1/3·(2/3 + 3/5)/2 = 30/90 + 25/90 + 19/90 = 37/45
    expect(m.prc).toBeCloseTo(37 / 45, 15);
    expect(prc(labels, scores)).toBe(m.prc);
    // a negative on top: points (0, 0), (1/2, 1/2), (1, 2/3); AP = 1/4 + 1/3, PRC from (0, 0) = 1/8 + 7/24
    expect(averagePrecision([0, 1, 1], [0.9, 0.6, 0.2])).toBeCloseTo(7 / 12, 15);
    expect(prc([0, 1, 1], [0.9, 0.6, 0.2])).toBeCloseTo(5 / 12, 15);
    // only positives: precision 1 everywhere → both 1
    expect(averagePrecision([1, 1], [0.3, 0.7])).toBe(1);
    expect(prc([1, 1], [0.3, 0.7])).toBe(1);
  });
  it('rejects bad input', () => {
    expect(() => averagePrecision([0, 0], [0.1, 0.2])).toThrow(/averagePrecision: no positive label \(1\)/);
    expect(() => prc([0, 0], [0.1, 0.2])).toThrow(/prc: no positive label .*include positives/);
    expect(() => prc([0, 1], [0.1])).toThrow(/2 labels but 1 scores/);
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
  it('micro, weighted, kappa', () => {
    // equal supports (2, 2, 2): weighted = macro; micro = accuracy
    const m = evalMulticlass(['a', 'a', 'b', 'b', 'c', 'c'], ['a', 'b', 'b', 'b', 'c', 'a']);
    expect([m.microPrecision, m.microRecall]).toEqual([4 / 6, 4 / 6]);
    expect(m.weightedPrecision).toBeCloseTo((1 / 2 + 2 / 3 + 1) / 3, 15);
    expect(m.weightedRecall).toBeCloseTo(2 / 3, 15);
    expect(m.weightedF1).toBeCloseTo((0.5 + 0.8 + 2 / 3) / 3, 15);
    // pₒ = 4/6; actual 2, 2, 2 × predicted 2, 3, 1 → pₑ = 12/36 → (2/3 − 1/3)/(2/3) = 1/2
    expect(m.kappa).toBeCloseTo(1 / 2, 15);
    // supports 3, 1: class 0 P 1 R 2/3 F1 0.8; class 1 P 1/2 R 1 F1 2/3
    const w = evalMulticlass([0, 0, 0, 1], [0, 0, 1, 1]);
    expect(w.weightedPrecision).toBeCloseTo((3 * 1 + 1 / 2) / 4, 15);
    expect(w.weightedRecall).toBeCloseTo((3 * (2 / 3) + 1) / 4, 15);
    expect(w.weightedF1).toBeCloseTo((3 * 0.8 + 2 / 3) / 4, 15);
    // pₒ = 3/4; actual 3, 1 × predicted 2, 2 → pₑ = 8/16 → (3/4 − 1/2)/(1/2) = 1/2
    expect(w.kappa).toBeCloseTo(1 / 2, 15);
    // one class predicted as itself: pₑ = 1, kappa 1 (Alink; scikit-learn NaN)
    expect(evalMulticlass(['a', 'a'], ['a', 'a']).kappa).toBe(1);
    // always the majority class: pₒ = pₑ = 3/4 → 0
    expect(evalMulticlass([0, 0, 0, 1], [0, 0, 0, 0]).kappa).toBe(0);
  });
  it('log loss of class probabilities, columns in labels order, clipped at 1e-15', () => {
    // columns b, a: row 0 (a) has 0.8, row 1 (b) 0.6
    const m = evalMulticlass(['a', 'b'], ['a', 'b'], {
      labels: ['b', 'a'],
      probabilities: [
        [0.2, 0.8],
        [0.6, 0.4],
      ],
    });
    expect(m.logLoss).toBeCloseTo(-(Math.log(0.8) + Math.log(0.6)) / 2, 15);
    expect(evalMulticlass(['a'], ['a']).logLoss).toBeUndefined();
    // the true label's probability 0 becomes 1e-15 (row sum 1 − 1e-15 + 1e-15 = 1): −ln 1e-15 = 15 ln 10
    expect(multiclassLogLoss([1], [[1, 0]], [0, 1])).toBeCloseTo(15 * Math.LN10, 12);
    // a row off by less than 0.01 is accepted and divided by its sum: 0.5/0.995
    expect(multiclassLogLoss([0], [[0.5, 0.495]], [0, 1])).toBeCloseTo(-Math.log(0.5 / 0.995), 15);
  });
  it('rejects bad probabilities', () => {
    const ab = { labels: ['a', 'b'] };
    expect(() => evalMulticlass(['a', 'b'], ['a', 'b'], { ...ab, probabilities: [[0.5, 0.5]] })).toThrow(
      /2 labels but 1 probability rows; give one row of class probabilities per label/,
    );
    expect(() =>
      evalMulticlass(['a', 'b'], ['a', 'b'], {
        ...ab,
        probabilities: [
          [0.5, 0.5],
          [0.2, 0.3, 0.5],
        ],
      }),
    ).toThrow(/row 1 has 3 entries for 2 labels \(a, b\).*set options.labels to the model’s class order/);
    expect(() => multiclassLogLoss(['a'], [[0.7, 0.6]], ['a', 'b'])).toThrow(
      /row 0 sums to 1.3, not 1 \(±0.01\).*not scores/,
    );
    expect(() => multiclassLogLoss(['a'], [[1.5, -0.5]], ['a', 'b'])).toThrow(
      /row 0 has 1.5 for label a; probabilities must lie in \[0, 1\]/,
    );
    expect(() => multiclassLogLoss(['a'], [[NaN, 1]], ['a', 'b'])).toThrow(/row 0 has NaN for label a/);
    expect(() => multiclassLogLoss(['c'], [[0.5, 0.5]], ['a', 'b'])).toThrow(
      /row 0 has label c, not among the probability columns \(a, b\); add it/,
    );
    expect(() => multiclassLogLoss([], [], ['a', 'b'])).toThrow(/no rows/);
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
  it('Calinski-Harabasz and Davies-Bouldin', () => {
    // means 0.5 and 10.5, overall 5.5: SSB = 2·25 + 2·25 = 100, SSW = 4·0.25 = 1 → 100·(4 − 2)/(1·(2 − 1))
    expect(calinskiHarabasz([0, 1, 10, 11], 1, [0, 0, 1, 1])).toBe(200);
    expect(calinskiHarabasz([0, 1, 10, 11], 1, [7, 7, -3, -3])).toBe(200); // any cluster ids
    // SSW = 0 → 1 (scikit-learn's convention)
    expect(calinskiHarabasz([0, 0, 5, 5], 1, [0, 0, 1, 1])).toBe(1);
    // 2-D: (0,0),(2,0) | (0,10),(2,10) | (10,5): centers (1,0), (1,10), (10,5), overall (2.8, 5)
    // SSB = 2·(1.8² + 25) + 2·(1.8² + 25) + 7.2² = 112.96 + 51.84 = 164.8; SSW = 4 → 164.8·2/(4·2) = 41.2
    expect(calinskiHarabasz([0, 0, 2, 0, 0, 10, 2, 10, 10, 5], 2, [0, 0, 1, 1, 2])).toBeCloseTo(41.2, 12);
    // s = 0.5, 0.5; d = 10 → 0.1
    expect(daviesBouldin([0, 1, 10, 11], 1, [0, 0, 1, 1])).toBeCloseTo(0.1, 15);
    // s = 1, 1, 1; centroids 1, 11, 31: R = max(2/10, 2/30), max(2/10, 2/20), max(2/30, 2/20) → (0.2+0.2+0.1)/3
    expect(daviesBouldin([0, 2, 10, 12, 30, 32], 1, [0, 0, 1, 1, 2, 2])).toBeCloseTo(0.5 / 3, 15);
    // coincident centroids (both at 1) → 0, as scikit-learn
    expect(daviesBouldin([0, 2, 1, 1], 1, [0, 0, 1, 1])).toBe(0);
  });
  it('normalized mutual information and purity', () => {
    // b refines a: MI = H(a) = ln 2, H(b) = 1.5 ln 2 → ln 2 / (2.5 ln 2 / 2) = 0.8
    expect(normalizedMutualInfo([0, 0, 1, 1], [0, 0, 1, 2])).toBeCloseTo(0.8, 15);
    expect(normalizedMutualInfo([0, 0, 1, 2], [0, 0, 1, 1])).toBeCloseTo(0.8, 15);
    expect(normalizedMutualInfo(['x', 'x', 'y', 'y'], [5, 5, 7, 7])).toBeCloseTo(1, 15);
    // independent: MI = 0; one cluster each: 1 (scikit-learn)
    expect(normalizedMutualInfo([0, 0, 1, 1], [0, 1, 0, 1])).toBe(0);
    expect(normalizedMutualInfo([3, 3], ['a', 'a'])).toBe(1);
    // cluster 0 holds a, a, b (max 2), cluster 1 holds b (1) → 3/4
    expect(purity(['a', 'a', 'b', 'b'], [0, 0, 0, 1])).toBe(3 / 4);
    expect(purity(['a', 'a', 'b', 'b'], [1, 1, 0, 0])).toBe(1);
    expect(purity(['a', 'b', 'c', 'd'], [0, 0, 0, 0])).toBe(1 / 4);
  });
  it('rejects bad clustering input', () => {
    for (const f of [calinskiHarabasz, daviesBouldin]) {
      expect(() => f([0, 1, 2], 1, [0, 0, 0])).toThrow(
        new RegExp(`${f.name}: needs 2..n-1 clusters, got 1 for 3 points; assign the points to at least 2`),
      );
      expect(() => f([0, 1, 2], 1, [0, 1, 2])).toThrow(/needs 2..n-1 clusters, got 3 for 3 points/);
      expect(() => f([0, 1, 2], 2, [0, 1])).toThrow(/3 values for 2 assignments of dim 2 \(expected 4\)/);
      expect(() => f([0, 1, 2], 0, [0, 1, 1])).toThrow(/dim is 0; give the number of columns/);
      expect(() => f([0, NaN, 2], 1, [0, 1, 1])).toThrow(/point 1 column 0 is NaN, not finite/);
    }
    expect(() => normalizedMutualInfo([0, 1], [0])).toThrow(
      /normalizedMutualInfo: labelings of 2 and 1 points; give one label of each per point/,
    );
    expect(() => purity([], [])).toThrow(/purity: no points/);
  });
});
