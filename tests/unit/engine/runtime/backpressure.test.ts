/**
 * Backpressure is measured as Flink does — the share of time a subtask could work but its output
 * has no buffer (credit) free — also when producers and their slow consumer share one worker's
 * thread: the TaskLoop shares the thread by CPU time, so a fast source runs ahead until its credits
 * are spent and then waits, as it would on a thread of its own.
 */
import { describe, expect, it } from 'vitest';
import { runJob } from '../../../../src/engine/cluster/run-job.ts';
import type { SubtaskMetrics } from '../../../../src/engine/cluster/protocol.ts';

// Source subtasks feeding one operator that spins 10 µs per record (~100x the source's cost): two
// sources (slow-sink), or one through a rebalance (slow-after-rebalance).
const jobs = {
  2: new URL('./jobs/slow-sink.ts', import.meta.url).href,
  1: new URL('./jobs/slow-after-rebalance.ts', import.meta.url).href,
};
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('backpressure of fast sources before a slow operator', () => {
  it.each([
    [1, 1],
    [2, 1],
    [2, 2],
  ] as const)(
    '%i source(s) on %i worker(s): every source reads as back-pressured, the slow operator as busy',
    async (sources, workers) => {
      const reports: SubtaskMetrics[][] = [];
      const out = await runJob(jobs[sources], {
        parallelism: sources,
        runtime: 'workers',
        workers,
        onMetrics: (m) => reports.push(m),
        cluster: { metricsIntervalMs: 50 },
      });
      expect(out.length).toBe(40_000);
      // Reports of subtasks while they ran (each worker reports its own subtasks).
      const running = reports.flat().filter((s) => !s.finished && s.recordsIn + s.recordsOut > 0);
      const of = (name: string) => running.filter((s) => s.name.startsWith(name));
      for (let subtask = 0; subtask < sources; subtask++) {
        const source = of('Source').filter((s) => s.subtask === subtask);
        expect(source.length, `reports of source ${subtask}`).toBeGreaterThan(1);
        expect(mean(source.map((s) => s.backpressureRatio)), `source ${subtask}`).toBeGreaterThan(0.8);
      }
      const slow = of('SlowSink');
      expect(mean(slow.map((s) => s.busyRatio))).toBeGreaterThan(0.5);
      expect(mean(slow.map((s) => s.backpressureRatio))).toBeLessThan(0.1);
    },
    30_000,
  );
});
