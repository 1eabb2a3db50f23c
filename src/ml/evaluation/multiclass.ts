/**
 * Multiclass classification metrics.
 */

/**
 * Per-class and averaged metrics; `confusionMatrix[i][j]` counts actual labels[i] predicted as labels[j].
 * Averages as scikit-learn's `average=`: macro = unweighted mean over `labels`; micro = from the summed
 * TP/FP/FN of all classes, which in single-label multiclass all equal accuracy; weighted = mean weighted by
 * support (the count of actual rows of each class; Alink's "weighted" uses the same actual-label proportions).
 * A class never predicted has precision 0, one never present recall 0 (scikit-learn's zero_division default).
 */
export interface MulticlassMetrics {
  labels: unknown[];
  confusionMatrix: number[][];
  accuracy: number;
  macroPrecision: number;
  macroRecall: number;
  macroF1: number;
  microF1: number;
  /** Σ TP / Σ (TP + FP) over classes = accuracy. */
  microPrecision: number;
  /** Σ TP / Σ (TP + FN) over classes = accuracy. */
  microRecall: number;
  /** Σ supportᵢ·precisionᵢ / n. */
  weightedPrecision: number;
  /** Σ supportᵢ·recallᵢ / n (= accuracy). */
  weightedRecall: number;
  /** Σ supportᵢ·F1ᵢ / n (the mean of per-class F1s, not the F1 of the weighted precision and recall). */
  weightedF1: number;
  /**
   * Cohen's kappa (pₒ − pₑ)/(1 − pₑ), pₒ = accuracy, pₑ = Σ actualᵢ·predictedᵢ / n² (scikit-learn
   * cohen_kappa_score, unweighted; Alink's KAPPA). When pₑ = 1 (every row is one class, predicted as it) it is
   * 1, as Alink; scikit-learn gives NaN (0/0) there.
   */
  kappa: number;
  /** Mean multiclass log loss; present only when `options.probabilities` is given (see multiclassLogLoss). */
  logLoss?: number;
  perClass: { label: unknown; precision: number; recall: number; f1: number; support: number }[];
  count: number;
}

/** Alink's tolerance on a probability row's sum (EvaluationUtil.PROB_SUM_EPS). */
const PROB_SUM_TOLERANCE = 0.01;
/** Probabilities are clipped to [LOG_LOSS_EPS, 1 − LOG_LOSS_EPS] before the log. */
const LOG_LOSS_EPS = 1e-15;

/**
 * Mean multiclass log loss −(1/n) Σᵣ ln p̂ᵣ[actualᵣ], column j of `probabilities` being the probability of
 * `labels[j]`, as scikit-learn's log_loss(actual, probabilities, labels=labels, eps=1e-15) (whose columns are
 * always the sorted labels; here they follow `labels`, so pass the model's class order): every entry is
 * clipped to [1e-15, 1 − 1e-15] and each row divided by its sum before the log. 1e-15 is scikit-learn's
 * default before 1.2 and Alink's LOG_LOSS_EPS (the binary logLoss uses it too); scikit-learn 1.2 defaults to
 * eps='auto', the float64 machine epsilon 2.2e-16, which only matters for probabilities within 1e-15 of 0 or 1.
 * (Alink clips only the true label's probability and does not renormalize; identical for rows summing to 1
 * with no entry clipped.) Each row needs one entry per label, all in [0, 1], summing to 1 within 0.01
 * (Alink's check; scikit-learn 1.2 does not check and renormalizes anything).
 *
 * @example multiclassLogLoss(['a', 'b'], [[0.8, 0.2], [0.4, 0.6]], ['a', 'b']) // −(ln 0.8 + ln 0.6)/2
 */
export function multiclassLogLoss(
  actual: readonly unknown[],
  probabilities: readonly ArrayLike<number>[],
  labels: readonly unknown[],
): number {
  const n = actual.length;
  const k = labels.length;
  if (probabilities.length !== n) {
    throw new Error(
      `multiclassLogLoss: ${n} labels but ${probabilities.length} probability rows; give one row of class ` +
        'probabilities per label.',
    );
  }
  if (n === 0) throw new Error('multiclassLogLoss: no rows to evaluate.');
  const index = new Map(labels.map((l, i) => [l, i]));
  let total = 0;
  for (let r = 0; r < n; r++) {
    const row = probabilities[r];
    if (row.length !== k) {
      throw new Error(
        `multiclassLogLoss: probability row ${r} has ${row.length} entries for ${k} labels ` +
          `(${labels.map(String).join(', ')}); give one probability per label, in the labels' order ` +
          '(in evalMulticlass, set options.labels to the model’s class order).',
      );
    }
    let sum = 0;
    let clippedSum = 0;
    for (let j = 0; j < k; j++) {
      const p = row[j];
      if (!(p >= 0 && p <= 1)) {
        throw new Error(
          `multiclassLogLoss: probability row ${r} has ${p} for label ${String(labels[j])}; ` +
            'probabilities must lie in [0, 1] (pass probabilities, not raw scores or logits).',
        );
      }
      sum += p;
      clippedSum += Math.min(Math.max(p, LOG_LOSS_EPS), 1 - LOG_LOSS_EPS);
    }
    if (Math.abs(sum - 1) > PROB_SUM_TOLERANCE) {
      throw new Error(
        `multiclassLogLoss: probability row ${r} sums to ${Number(sum.toPrecision(6))}, ` +
          `not 1 (±${PROB_SUM_TOLERANCE}); pass the per-class probabilities of every label ` +
          '(e.g. the softmax output), not scores.',
      );
    }
    const c = index.get(actual[r]);
    if (c === undefined) {
      throw new Error(
        `multiclassLogLoss: row ${r} has label ${String(actual[r])}, not among the probability columns ` +
          `(${labels.map(String).join(', ')}); add it to the labels.`,
      );
    }
    total -= Math.log(Math.min(Math.max(row[c], LOG_LOSS_EPS), 1 - LOG_LOSS_EPS) / clippedSum);
  }
  return total / n;
}

/**
 * Accuracy, macro/micro/weighted precision, recall and F1, Cohen's kappa, per-class precision/recall/F1 and
 * the confusion matrix (see MulticlassMetrics); with `options.probabilities` also the log loss. Label order:
 * `labels` when given, else the distinct actual and predicted labels sorted (numbers numerically, else as
 * strings). `probabilities[r][j]` is row r's probability of the j-th label in that order, so give
 * `options.labels` (the model's class order) with them unless the sorted labels are exactly their columns.
 *
 * @example evalMulticlass(['a', 'b', 'b'], ['a', 'b', 'a']).accuracy // 2/3
 * @example
 * evalMulticlass(['a', 'b'], ['a', 'a'], { labels: ['a', 'b'], probabilities: [[0.7, 0.3], [0.6, 0.4]] })
 *   .logLoss // −(ln 0.7 + ln 0.4)/2
 */
export function evalMulticlass(
  actual: readonly unknown[],
  predicted: readonly unknown[],
  options: { labels?: unknown[]; probabilities?: readonly ArrayLike<number>[] } = {},
): MulticlassMetrics {
  const n = actual.length;
  if (n !== predicted.length)
    throw new Error(`evalMulticlass: ${n} labels but ${predicted.length} predictions.`);
  if (n === 0) throw new Error('evalMulticlass: no rows to evaluate.');
  const labels =
    options.labels ??
    [...new Set([...actual, ...predicted])].sort((a, b) =>
      typeof a === 'number' && typeof b === 'number' ? a - b : String(a) < String(b) ? -1 : 1,
    );
  const index = new Map(labels.map((l, i) => [l, i]));
  const k = labels.length;
  const cm = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  let correct = 0;
  for (let r = 0; r < n; r++) {
    const i = index.get(actual[r]);
    const j = index.get(predicted[r]);
    if (i === undefined || j === undefined) {
      throw new Error(
        `evalMulticlass: row ${r} has a label not in options.labels (${String(actual[r])}/${String(predicted[r])}).`,
      );
    }
    cm[i][j]++;
    if (i === j) correct++;
  }
  // column sums: how often each label was predicted (precision, kappa)
  const predictedCounts = labels.map((_, c) => cm.reduce((s, row) => s + row[c], 0));
  const perClass = labels.map((label, c) => {
    const tp = cm[c][c];
    const predCount = predictedCounts[c];
    const support = cm[c].reduce((s, v) => s + v, 0);
    const precision = predCount ? tp / predCount : 0;
    const recall = support ? tp / support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { label, precision, recall, f1, support };
  });
  const mean = (f: (p: (typeof perClass)[number]) => number) => perClass.reduce((s, p) => s + f(p), 0) / k;
  const weighted = (f: (p: (typeof perClass)[number]) => number) =>
    perClass.reduce((s, p) => s + p.support * f(p), 0) / n;
  // kappa as scikit-learn: 1 − n·(n − Σ diagonal) / (n² − Σ actualᵢ·predictedᵢ), integer counts
  let chance = 0;
  for (let c = 0; c < k; c++) chance += perClass[c].support * predictedCounts[c];
  const kappa = n * n === chance ? 1 : 1 - (n * (n - correct)) / (n * n - chance);
  const logLoss =
    options.probabilities === undefined
      ? undefined
      : multiclassLogLoss(actual, options.probabilities, labels);
  return {
    labels,
    confusionMatrix: cm,
    accuracy: correct / n,
    macroPrecision: mean((p) => p.precision),
    macroRecall: mean((p) => p.recall),
    macroF1: mean((p) => p.f1),
    // micro-averaged precision = recall = F1 = accuracy in single-label multiclass
    microF1: correct / n,
    microPrecision: correct / n,
    microRecall: correct / n,
    weightedPrecision: weighted((p) => p.precision),
    weightedRecall: weighted((p) => p.recall),
    weightedF1: weighted((p) => p.f1),
    kappa,
    ...(logLoss === undefined ? {} : { logLoss }),
    perClass,
    count: n,
  };
}
