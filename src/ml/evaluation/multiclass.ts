/**
 * Multiclass classification metrics.
 */

/** Per-class and averaged metrics; `confusionMatrix[i][j]` counts actual labels[i] predicted as labels[j]. */
export interface MulticlassMetrics {
  labels: unknown[];
  confusionMatrix: number[][];
  accuracy: number;
  macroPrecision: number;
  macroRecall: number;
  macroF1: number;
  microF1: number;
  perClass: { label: unknown; precision: number; recall: number; f1: number; support: number }[];
  count: number;
}

/**
 * Accuracy, macro/micro F1, per-class precision/recall/F1 and the confusion matrix. Label order: `labels`
 * when given, else the distinct actual and predicted labels sorted (numbers numerically, else as strings).
 *
 * @example evalMulticlass(['a', 'b', 'b'], ['a', 'b', 'a']).accuracy // 2/3
 */
export function evalMulticlass(
  actual: readonly unknown[],
  predicted: readonly unknown[],
  options: { labels?: unknown[] } = {},
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
  const perClass = labels.map((label, c) => {
    const tp = cm[c][c];
    let predCount = 0;
    let support = 0;
    for (let o = 0; o < k; o++) {
      predCount += cm[o][c];
      support += cm[c][o];
    }
    const precision = predCount ? tp / predCount : 0;
    const recall = support ? tp / support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { label, precision, recall, f1, support };
  });
  const mean = (f: (p: (typeof perClass)[number]) => number) => perClass.reduce((s, p) => s + f(p), 0) / k;
  return {
    labels,
    confusionMatrix: cm,
    accuracy: correct / n,
    macroPrecision: mean((p) => p.precision),
    macroRecall: mean((p) => p.recall),
    macroF1: mean((p) => p.f1),
    // micro-averaged precision = recall = F1 = accuracy in single-label multiclass
    microF1: correct / n,
    perClass,
    count: n,
  };
}
