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
  /** Cohen's kappa of the 0/1 predictions at the same threshold as accuracy/precision/recall. */
  kappa: number;
  /** Average precision, step-wise without interpolation (scikit-learn average_precision_score). */
  averagePrecision: number;
  /** Area under the PR curve by the trapezoid rule (Alink's PRC); see `prc`. */
  prc: number;
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

/** Recall and precision at each distinct score from the highest (the PR curve's points); needs a positive label. */
function prPoints(name: string, labels: ArrayLike<number>, scores: ArrayLike<number>): Curve {
  const pr = prCurve(labels, scores);
  if (pr.x[pr.x.length - 1] === 0) {
    throw new Error(
      `${name}: no positive label (1) among ${labels.length} rows; recall is undefined. ` +
        'Evaluate on rows that include positives.',
    );
  }
  return pr;
}

/**
 * Average precision as scikit-learn's average_precision_score: AP = Σₙ (Rₙ − Rₙ₋₁)·Pₙ over the distinct
 * scores from the highest (tied scores form one step), R₋₁ = 0; a step function, no interpolation between
 * points. Precision is TP/(TP+FP) at the threshold "score ≥ sₙ". Throws without a positive label (scikit-learn
 * warns and returns a meaningless value there).
 *
 * @example averagePrecision([0, 1, 1], [0.9, 0.6, 0.2]) // (1/2)·(1/2) + (1/2)·(2/3) = 7/12
 */
export function averagePrecision(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  return averagePrecisionOf(prPoints('averagePrecision', labels, scores));
}

/** {@link averagePrecision} of a PR curve that reaches a positive label. */
function averagePrecisionOf({ x: recall, y: precision }: Curve): number {
  let ap = 0;
  for (let i = 0; i < recall.length; i++) ap += (recall[i] - (i ? recall[i - 1] : 0)) * precision[i];
  return ap;
}

/**
 * Area under the precision-recall curve by the trapezoid rule, as Alink's PRC (EvaluationCurve.calcArea on the
 * (recall, precision) curve of BinaryMetricsSummary): Σ (Rₙ − Rₙ₋₁)·(Pₙ + Pₙ₋₁)/2 over the distinct scores
 * from the highest, starting at (recall 0, precision P₀), P₀ the precision at the highest score (Alink's first
 * point; not scikit-learn's (0, 1)). Tied scores form one step, as in Alink's binned summary (which also
 * merges scores within one 1e-5 bin); Alink's per-sample AccurateBinaryMetricsSummary walks ties one row at a
 * time in input order, so on tied scores the two can differ. Where only negatives score at or above the
 * threshold, precision is 0, as in the accurate summary (the binned one tests `curTrue + curTrue == 0` and
 * gives 1 there). Linear interpolation between PR points is optimistic; `averagePrecision` is the
 * conservative figure. Throws without a positive label.
 *
 * @example prc([0, 1, 1], [0.9, 0.6, 0.2]) // points (0,0) (0,0) (1/2,1/2) (1,2/3): 1/8 + 7/24 = 5/12
 */
export function prc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  return prcOf(prPoints('prc', labels, scores));
}

/** {@link prc} of a PR curve that reaches a positive label. */
function prcOf({ x: recall, y: precision }: Curve): number {
  let area = 0;
  let r0 = 0;
  let p0 = precision[0];
  for (let i = 0; i < recall.length; i++) {
    area += ((recall[i] - r0) * (precision[i] + p0)) / 2;
    r0 = recall[i];
    p0 = precision[i];
  }
  return area;
}

/**
 * Cohen's kappa of a 2×2 table, (pₒ − pₑ)/(1 − pₑ), computed as scikit-learn's cohen_kappa_score:
 * 1 − n·disagreements / (n² − Σ actualᵢ·predictedᵢ) on integer counts. evalBinary has both labels, so pₑ < 1.
 */
function kappa2(tp: number, fp: number, fn: number, tn: number): number {
  const n = tp + fp + fn + tn;
  return 1 - (n * (fp + fn)) / (n * n - (tp + fn) * (tp + fp) - (tn + fp) * (tn + fn));
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
 * All binary metrics; the label is predicted positive when score >= threshold (default 0.5), which accuracy,
 * precision, recall, F1 and kappa share. Precision is 0 when nothing is predicted positive. Kappa is Cohen's
 * kappa of those 0/1 predictions (scikit-learn cohen_kappa_score(labels, scores >= threshold)).
 * averagePrecision and prc are threshold-free (see their functions).
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
  const aucValue = auc(labels, scores); // first: it names a missing class
  const pr = prPoints('evalBinary', labels, scores); // one sort for the curve, AP and PRC
  return {
    auc: aucValue,
    ks: ks(labels, scores),
    logLoss: logLoss(labels, scores),
    accuracy: (tp + tn) / labels.length,
    precision,
    recall,
    f1,
    kappa: kappa2(tp, fp, fn, tn),
    averagePrecision: averagePrecisionOf(pr),
    prc: prcOf(pr),
    count: labels.length,
    roc: rocCurve(labels, scores),
    pr,
  };
}
