import type { SubtaskMetrics } from './protocol.ts';
import type { WorkerSubtask } from './worker-subtask.ts';

/**
 * Turns a TaskManager's cumulative subtask counters into SubtaskMetrics with per-interval rates and
 * ratios, and pushes them every `intervalMs` (and once more at stop).
 *
 * @example new MetricsReporter(subtasks, 500, (m) => port.postMessage({ type: 'metrics', subtasks: m })).start();
 */
export class MetricsReporter {
  private timer: ReturnType<typeof setInterval> | null = null;
  private last = new Map<
    WorkerSubtask,
    { at: number; in: number; out: number; busy: number; blocked: number }
  >();

  constructor(
    private readonly subtasks: WorkerSubtask[],
    private readonly intervalMs: number,
    private readonly push: (metrics: SubtaskMetrics[]) => void,
  ) {}

  start(): void {
    const now = performance.now();
    for (const s of this.subtasks) this.last.set(s, { at: now, in: 0, out: 0, busy: 0, blocked: 0 });
    this.timer = setInterval(() => this.report(), this.intervalMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  report(): void {
    const now = performance.now();
    const out: SubtaskMetrics[] = [];
    for (const s of this.subtasks) {
      const recordsOut = s.writers.reduce((n, w) => n + w.recordsSent, 0) + s.collected;
      const m = s.snapshotMetrics(recordsOut);
      const prev = this.last.get(s) ?? { at: now, in: 0, out: 0, busy: 0, blocked: 0 };
      const dt = Math.max(1e-3, now - prev.at);
      const { blockedMs, ...rest } = m;
      out.push({
        ...rest,
        recordsInPerSec: ((m.recordsIn - prev.in) / dt) * 1000,
        recordsOutPerSec: ((recordsOut - prev.out) / dt) * 1000,
        backpressureRatio: Math.min(1, (blockedMs - prev.blocked) / dt),
        busyRatio: Math.min(1, (m.busyTimeMs - prev.busy) / dt),
      });
      this.last.set(s, { at: now, in: m.recordsIn, out: recordsOut, busy: m.busyTimeMs, blocked: blockedMs });
    }
    this.push(out);
  }
}
