/**
 * Binary classification metrics from scores (probability of the positive label) and 0/1 labels.
 */

/** A curve for charts: points (x[i], y[i]) reached at score threshold thresholds[i]. */
export interface Curve {
  x: number[];
  y: number[];
  thresholds: number[];
}

/** The binary metrics of one evaluation. */
export interface BinaryMetrics {
  auc: number;
  ks: number;
  logLoss: number;
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  count: number;
  roc: Curve;
  pr: Curve;
}

function check(labels: ArrayLike<number>, scores: ArrayLike<number>): void {
  if (labels.length !== scores.length) {
    throw new Error(
      `evalBinary: ${labels.length} labels but ${scores.length} scores; give one score per label.`,
    );
  }
  if (labels.length === 0) throw new Error('evalBinary: no rows to evaluate.');
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] !== 0 && labels[i] !== 1)
      throw new Error(`evalBinary: label at row ${i} is ${labels[i]}, not 0/1.`);
    if (!Number.isFinite(scores[i]))
      throw new Error(`evalBinary: score at row ${i} is ${scores[i]}, not finite.`);
  }
}

/**
 * AUC as the Mann-Whitney statistic: P(score+ > score-) + 0.5·P(tie), using mid-ranks for ties.
 *
 * @example auc([0, 1, 1], [0.2, 0.2, 0.9]) // 0.75
 */
export function auc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  check(labels, scores);
  const n = labels.length;
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let rankSumPos = 0;
  let pos = 0;
  for (let i = 0; i < n;) {
    let j = i;
    while (j + 1 < n && scores[idx[j + 1]] === scores[idx[i]]) j++;
    const midRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (labels[idx[k]] === 1) {
        rankSumPos += midRank;
        pos++;
      }
    }
    i = j + 1;
  }
  const neg = n - pos;
  if (pos === 0 || neg === 0) throw new Error('auc: needs both positive and negative labels.');
  return (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** ROC points from the highest threshold down, starting at (0,0); ties form one step. */
function sweep(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
): { tp: number[]; fp: number[]; t: number[] } {
  const n = labels.length;
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
  const tp = [0];
  const fp = [0];
  const t = [Infinity];
  for (let i = 0; i < n;) {
    let j = i;
    let p = tp[tp.length - 1];
    let f = fp[fp.length - 1];
    while (j < n && scores[idx[j]] === scores[idx[i]]) {
      if (labels[idx[j]] === 1) p++;
      else f++;
      j++;
    }
    tp.push(p);
    fp.push(f);
    t.push(scores[idx[i]]);
    i = j;
  }
  return { tp, fp, t };
}

/**
 * The ROC curve (x = false-positive rate, y = true-positive rate) at each distinct score.
 *
 * @example rocCurve([0, 1], [0.1, 0.9]) // { x: [0, 0, 1], y: [0, 1, 1], thresholds: [Infinity, 0.9, 0.1] }
 */
export function rocCurve(labels: ArrayLike<number>, scores: ArrayLike<number>): Curve {
  check(labels, scores);
  const { tp, fp, t } = sweep(labels, scores);
  const P = tp[tp.length - 1];
  const N = fp[fp.length - 1];
  return { x: fp.map((f) => (N ? f / N : 0)), y: tp.map((p) => (P ? p / P : 0)), thresholds: t };
}

/**
 * The precision-recall curve (x = recall, y = precision) at each distinct score, from the highest.
 *
 * @example prCurve([0, 1], [0.1, 0.9]) // { x: [1, 1], y: [1, 0.5], thresholds: [0.9, 0.1] }
 */
export function prCurve(labels: ArrayLike<number>, scores: ArrayLike<number>): Curve {
  check(labels, scores);
  const { tp, fp, t } = sweep(labels, scores);
  const P = tp[tp.length - 1];
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 1; i < tp.length; i++) {
    x.push(P ? tp[i] / P : 0);
    y.push(tp[i] / (tp[i] + fp[i]));
  }
  return { x, y, thresholds: t.slice(1) };
}

/**
 * Kolmogorov-Smirnov statistic: max over thresholds of TPR − FPR.
 *
 * @example ks([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) // 0.5
 */
export function ks(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const roc = rocCurve(labels, scores);
  let best = 0;
  for (let i = 0; i < roc.x.length; i++) best = Math.max(best, roc.y[i] - roc.x[i]);
  return best;
}

/**
 * Mean negative log-likelihood, probabilities clipped to [1e-15, 1 − 1e-15] (as scikit-learn).
 *
 * @example logLoss([1, 0], [0.8, 0.4]) // (−ln 0.8 − ln 0.6) / 2
 */
export function logLoss(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  check(labels, scores);
  let s = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = Math.min(Math.max(scores[i], 1e-15), 1 - 1e-15);
    s -= labels[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return s / labels.length;
}

/**
 * All binary metrics; the label is predicted positive when score >= threshold (default 0.5). Precision is 0
 * when nothing is predicted positive.
 *
 * @example const m = evalBinary([0, 1, 1], [0.2, 0.6, 0.9]); m.auc; m.f1; m.roc.x
 */
export function evalBinary(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  options: { threshold?: number } = {},
): BinaryMetrics {
  const threshold = options.threshold ?? 0.5;
  check(labels, scores);
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (let i = 0; i < labels.length; i++) {
    const pred = scores[i] >= threshold ? 1 : 0;
    if (pred === 1 && labels[i] === 1) tp++;
    else if (pred === 1) fp++;
    else if (labels[i] === 1) fn++;
    else tn++;
  }
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return {
    auc: auc(labels, scores),
    ks: ks(labels, scores),
    logLoss: logLoss(labels, scores),
    accuracy: (tp + tn) / labels.length,
    precision,
    recall,
    f1,
    count: labels.length,
    roc: rocCurve(labels, scores),
    pr: prCurve(labels, scores),
  };
}
