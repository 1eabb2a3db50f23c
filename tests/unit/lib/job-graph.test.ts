import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { JobPlan, SubtaskMetrics } from '../../../src/client/index.ts';
import { formatWatermark } from '../../../src/lib/job-graph/format.ts';
import { edgeLabel, layoutPlan, NODE_WIDTH } from '../../../src/lib/job-graph/layout.ts';
import { throttleLatest } from '../../../src/lib/job-graph/throttle.ts';
import { backpressureLevel, vertexMetrics } from '../../../src/lib/job-graph/vertex-metrics.ts';

// The default example's plan at parallelism 2, as getJobPlan returns it (names from the e2e test).
const plan: JobPlan = {
  jobName: 'job',
  vertices: [
    { id: 0, name: 'Source: Collection Source', parallelism: 1, maxParallelism: 128, operators: [] },
    { id: 1, name: 'Window(…)', parallelism: 2, maxParallelism: 128, operators: [] },
    { id: 2, name: 'Sink: Collect', parallelism: 1, maxParallelism: 128, operators: [] },
  ],
  edges: [
    { source: 0, target: 1, partitioning: 'HASH', sideOutput: null, input: 0 },
    { source: 1, target: 2, partitioning: 'REBALANCE', sideOutput: null, input: 0 },
    { source: 1, target: 2, partitioning: 'REBALANCE', sideOutput: null, input: 0 },
  ],
};

const subtask = (vertex: number, index: number, m: Partial<SubtaskMetrics>): SubtaskMetrics => ({
  vertex,
  subtask: index,
  name: `v${vertex} (${index + 1})`,
  worker: index,
  recordsIn: 0,
  recordsOut: 0,
  recordsInPerSec: 0,
  recordsOutPerSec: 0,
  batchesInFlight: 0,
  maxBatchesInFlight: 0,
  backpressureRatio: 0,
  busyRatio: 0,
  busyTimeMs: 0,
  inputWatermark: -Infinity,
  finished: false,
  ...m,
});

describe('backpressureLevel', () => {
  it("uses Flink's thresholds: OK < 10% ≤ LOW < 50% ≤ HIGH", () => {
    expect([0, 0.0999, 0.1, 0.4999, 0.5, 1].map(backpressureLevel)).toEqual([
      'OK',
      'OK',
      'LOW',
      'LOW',
      'HIGH',
      'HIGH',
    ]);
  });
});

describe('vertexMetrics', () => {
  it('sums counts and rates, takes the max ratios and the min watermark over subtasks', () => {
    const byVertex = vertexMetrics(plan, [
      subtask(1, 1, {
        recordsIn: 5,
        recordsOut: 2,
        recordsInPerSec: 10,
        backpressureRatio: 0.6,
        busyRatio: 0.2,
        inputWatermark: 9999,
      }),
      subtask(1, 0, {
        recordsIn: 7,
        recordsOut: 6,
        recordsInPerSec: 30,
        backpressureRatio: 0.05,
        busyRatio: 0.9,
        inputWatermark: 4999,
        finished: true,
      }),
      subtask(0, 0, { recordsOut: 12, inputWatermark: NaN, finished: true }),
    ]);
    const w = byVertex.get(1)!;
    // By hand: 5 + 7, 2 + 6, 10 + 30; max(0.6, 0.05); max(0.2, 0.9); min(9999, 4999); one of two finished.
    expect([w.recordsIn, w.recordsOut, w.recordsInPerSec]).toEqual([12, 8, 40]);
    expect([w.backpressureRatio, w.backpressure, w.busyRatio, w.inputWatermark, w.finished]).toEqual([
      0.6,
      'HIGH',
      0.9,
      4999,
      false,
    ]);
    expect(w.subtasks.map((s) => s.subtask)).toEqual([0, 1]);
    expect(Number.isNaN(byVertex.get(0)!.inputWatermark)).toBe(true);
    expect(byVertex.get(0)!.finished).toBe(true);
    expect(byVertex.has(2)).toBe(false); // no metrics yet
  });

  it('reads rates, busy and backpressure as 0 once the job no longer runs; totals and watermarks stay', () => {
    // The last metrics of a cancelled job (or of one that just finished, before its final report):
    // measured while it still ran.
    const last = [
      subtask(0, 0, { recordsOut: 12, recordsOutPerSec: 400, busyRatio: 0.7, inputWatermark: NaN }),
      subtask(1, 0, {
        recordsIn: 7,
        recordsOut: 3,
        recordsInPerSec: 250,
        recordsOutPerSec: 90,
        backpressureRatio: 0.8,
        busyRatio: 0.95,
        inputWatermark: 4999,
      }),
    ];
    const live = vertexMetrics(plan, last, { running: true }).get(1)!;
    expect([live.recordsInPerSec, live.recordsOutPerSec, live.busyRatio, live.backpressure]).toEqual([
      250,
      90,
      0.95,
      'HIGH',
    ]);
    const stopped = vertexMetrics(plan, last, { running: false });
    const w = stopped.get(1)!;
    expect([w.recordsInPerSec, w.recordsOutPerSec, w.busyRatio, w.backpressureRatio, w.backpressure]).toEqual(
      [0, 0, 0, 0, 'OK'],
    );
    expect([w.recordsIn, w.recordsOut, w.inputWatermark]).toEqual([7, 3, 4999]);
    // The subtask rows (the subtask table) read the same.
    expect(w.subtasks.map((s) => [s.recordsInPerSec, s.recordsOutPerSec, s.busyRatio, s.recordsIn])).toEqual([
      [0, 0, 0, 7],
    ]);
    expect([stopped.get(0)!.recordsOutPerSec, stopped.get(0)!.recordsOut]).toEqual([0, 12]);
  });
});

describe('layoutPlan', () => {
  it('places sources first and draws duplicate edges once, counted', () => {
    const lr = layoutPlan(plan, 'LR');
    const x = lr.vertices.map((v) => v.x);
    expect(x[0]).toBeLessThan(x[1]);
    expect(x[1]).toBeLessThan(x[2]);
    expect(lr.width).toBeGreaterThanOrEqual(3 * NODE_WIDTH);
    expect(lr.edges.map((e) => e.label)).toEqual(['HASH', 'REBALANCE ×2']);
    expect(lr.edges.every((e) => e.path.startsWith('M'))).toBe(true);
    const tb = layoutPlan(plan, 'TB');
    expect(tb.vertices[0].y).toBeLessThan(tb.vertices[1].y);
    expect(tb.width).toBeLessThan(lr.width);
  });
  it('labels side-output edges with their tag', () => {
    expect(edgeLabel({ source: 1, target: 2, partitioning: 'FORWARD', sideOutput: 'late', input: 0 })).toBe(
      'FORWARD (side output late)',
    );
  });
});

describe('formatWatermark', () => {
  it('shows event time as time of day (UTC) and the sentinels in words', () => {
    expect(formatWatermark(20_999)).toBe('00:00:20.999');
    expect(formatWatermark(Date.UTC(2024, 0, 2, 3, 4, 5, 6))).toBe('2024-01-02 03:04:05.006');
    expect([formatWatermark(-Infinity), formatWatermark(Infinity), formatWatermark(NaN)]).toEqual([
      'none yet',
      'end of input',
      '— (source)',
    ]);
  });
});

describe('throttleLatest', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('delivers at most one value per interval, always the latest, and flushes the last at once', () => {
    const seen: number[] = [];
    const t = throttleLatest((v: number) => seen.push(v), 250);
    // 20 pushes every 50 ms (20 pushes/s, as a 500 ms metrics interval from 10 workers would give).
    for (let i = 1; i <= 20; i++) {
      t.push(i);
      vi.advanceTimersByTime(50);
    }
    // Deliveries at 0, 250, 500, 750 and 1 000 ms, each of the latest value pushed by then (by hand).
    expect(seen).toEqual([1, 5, 10, 15, 20]);
    t.push(21);
    t.flush();
    expect(seen).toEqual([1, 5, 10, 15, 20, 21]);
    t.cancel();
    t.push(22);
    vi.advanceTimersByTime(1000);
    expect(seen).toEqual([1, 5, 10, 15, 20, 21]);
  });
});
