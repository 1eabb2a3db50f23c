/**
 * Windowed binary-classification metrics over a stream of scored records (Alink's EvalBinaryClassStreamOp).
 */
import { TumblingEventTimeWindows, type DataStream, type TimeWindow } from '../../engine/index.ts';
import type { Row } from '../pipeline/data.ts';
import { auc, ks, logLoss } from './binary.ts';

/** evalBinaryStream options. positiveLabel defaults to 1 (compared as a string with labels and detail keys). */
export interface EvalBinaryStreamParams {
  labelCol: string;
  predictionDetailCol: string;
  windowMs: number;
  positiveLabel?: unknown;
  threshold?: number;
}

/** The metrics of one window; auc and ks are null when the window holds a single class. */
export interface WindowBinaryMetrics {
  windowStart: number;
  windowEnd: number;
  count: number;
  positives: number;
  auc: number | null;
  ks: number | null;
  logLoss: number;
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
}

interface Acc {
  labels: number[];
  scores: number[];
}

/**
 * Emits one WindowBinaryMetrics per tumbling event-time window of `windowMs` (the stream needs timestamps and
 * watermarks). The score is `row[predictionDetailCol][positiveLabel]`.
 *
 * @example evalBinaryStream(model.transformStream(scored), { labelCol: 'y', predictionDetailCol: 'd', windowMs: 1000 })
 */
export function evalBinaryStream(
  stream: DataStream<Row>,
  params: EvalBinaryStreamParams,
): DataStream<WindowBinaryMetrics> {
  const { labelCol, predictionDetailCol, windowMs, positiveLabel = 1, threshold = 0.5 } = params;
  const pos = String(positiveLabel);
  const add = (row: Row, acc: Acc): Acc => {
    const detail = row[predictionDetailCol] as Record<string, unknown> | undefined;
    const score = detail?.[pos];
    if (typeof score !== 'number' || !Number.isFinite(score)) {
      throw new Error(
        `evalBinaryStream: column '${predictionDetailCol}' has no probability for positive label '${pos}' ` +
          `(got ${JSON.stringify(detail)}); set positiveLabel or predictionDetailCol.`,
      );
    }
    if (!(labelCol in row))
      throw new Error(`evalBinaryStream: label column '${labelCol}' missing in a record.`);
    acc.labels.push(String(row[labelCol]) === pos ? 1 : 0);
    acc.scores.push(score);
    return acc;
  };
  return stream
    .windowAll(TumblingEventTimeWindows.of(windowMs))
    .aggregate<Acc, Acc, WindowBinaryMetrics>(
      {
        createAccumulator: () => ({ labels: [], scores: [] }),
        add,
        getResult: (acc) => acc,
        merge: (a, b) => ({ labels: [...a.labels, ...b.labels], scores: [...a.scores, ...b.scores] }),
      },
      {
        process(ctx, elements, out) {
          for (const acc of elements) out.collect(windowMetrics(acc, ctx.window as TimeWindow, threshold));
        },
      },
    )
    .name('evalBinaryStream');
}

function windowMetrics(acc: Acc, w: TimeWindow, threshold: number): WindowBinaryMetrics {
  const { labels, scores } = acc;
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let positives = 0;
  for (let i = 0; i < labels.length; i++) {
    positives += labels[i];
    const p = scores[i] >= threshold;
    if (p && labels[i] === 1) tp++;
    else if (p) fp++;
    else if (labels[i] === 1) fn++;
  }
  const n = labels.length;
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  const bothClasses = positives > 0 && positives < n;
  return {
    windowStart: w.start,
    windowEnd: w.end,
    count: n,
    positives,
    auc: bothClasses ? auc(labels, scores) : null,
    ks: bothClasses ? ks(labels, scores) : null,
    logLoss: logLoss(labels, scores),
    accuracy: (n - fp - fn) / n,
    precision,
    recall,
    f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
  };
}
