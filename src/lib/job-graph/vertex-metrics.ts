import type { JobPlan, SubtaskMetrics } from '../../client/index.ts';

/** Flink's backpressure levels: OK below 10 %, LOW below 50 %, HIGH from 50 % on. */
export type BackpressureLevel = 'OK' | 'LOW' | 'HIGH';

/**
 * The level of a backpressure ratio (0..1), with the thresholds of Flink's web UI.
 *
 * @example backpressureLevel(0.12) // 'LOW'
 */
export function backpressureLevel(ratio: number): BackpressureLevel {
  if (ratio >= 0.5) return 'HIGH';
  if (ratio >= 0.1) return 'LOW';
  return 'OK';
}

/** One job vertex's figures, combined over its subtasks as Flink's web UI does. */
export interface VertexMetrics {
  readonly vertex: number;
  /** Subtasks that reported, by subtask index. */
  readonly subtasks: SubtaskMetrics[];
  readonly recordsIn: number;
  readonly recordsOut: number;
  readonly recordsInPerSec: number;
  readonly recordsOutPerSec: number;
  /** The most backpressured subtask's ratio (Flink shows the max). */
  readonly backpressureRatio: number;
  readonly backpressure: BackpressureLevel;
  /** The busiest subtask's ratio (Flink shows the max). */
  readonly busyRatio: number;
  /** The lowest input watermark of the subtasks (Flink's "Low Watermark"); NaN for sources. */
  readonly inputWatermark: number;
  readonly finished: boolean;
}

/**
 * A subtask's metrics once its job no longer runs: nothing flows, so its rates, busy and
 * backpressure ratios (measured over the last interval while it ran) read 0; counts and
 * watermarks stay.
 */
const idle = (m: SubtaskMetrics): SubtaskMetrics => ({
  ...m,
  recordsInPerSec: 0,
  recordsOutPerSec: 0,
  busyRatio: 0,
  backpressureRatio: 0,
});

/**
 * Sums counts and rates, and takes the max backpressure/busy ratio and the min watermark, over
 * each vertex's subtasks. Vertices with no metrics yet are absent from the map. With
 * `running: false` (the job finished, failed or was cancelled) the last metrics still give the
 * totals, but rates and ratios read 0: the last ones measured would otherwise stay frozen.
 *
 * @example vertexMetrics(plan, latest).get(1)?.backpressure // 'HIGH'
 * @example vertexMetrics(plan, last, { running: false }).get(1)?.recordsInPerSec // 0
 */
export function vertexMetrics(
  plan: JobPlan,
  metrics: readonly SubtaskMetrics[],
  { running = true }: { running?: boolean } = {},
): Map<number, VertexMetrics> {
  const byVertex = new Map<number, SubtaskMetrics[]>();
  for (const reported of metrics) {
    const m = running ? reported : idle(reported);
    const list = byVertex.get(m.vertex) ?? [];
    list.push(m);
    byVertex.set(m.vertex, list);
  }
  const out = new Map<number, VertexMetrics>();
  for (const v of plan.vertices) {
    const subtasks = byVertex.get(v.id)?.sort((a, b) => a.subtask - b.subtask);
    if (!subtasks?.length) continue;
    let recordsIn = 0;
    let recordsOut = 0;
    let inRate = 0;
    let outRate = 0;
    let backpressureRatio = 0;
    let busyRatio = 0;
    let watermark = Infinity;
    let source = false;
    for (const s of subtasks) {
      recordsIn += s.recordsIn;
      recordsOut += s.recordsOut;
      inRate += s.recordsInPerSec;
      outRate += s.recordsOutPerSec;
      backpressureRatio = Math.max(backpressureRatio, s.backpressureRatio);
      busyRatio = Math.max(busyRatio, s.busyRatio);
      if (Number.isNaN(s.inputWatermark)) source = true;
      else watermark = Math.min(watermark, s.inputWatermark);
    }
    out.set(v.id, {
      vertex: v.id,
      subtasks,
      recordsIn,
      recordsOut,
      recordsInPerSec: inRate,
      recordsOutPerSec: outRate,
      backpressureRatio,
      backpressure: backpressureLevel(backpressureRatio),
      busyRatio,
      inputWatermark: source ? NaN : watermark,
      finished: subtasks.length >= v.parallelism && subtasks.every((s) => s.finished),
    });
  }
  return out;
}
