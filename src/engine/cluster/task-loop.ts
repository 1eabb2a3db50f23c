import { yieldToEventLoop } from './rpc.ts';
import type { WorkerSubtask } from './worker-subtask.ts';

/** How long the loop works before letting port messages, credits and timers in (short: a producer
 * waiting for credit from this worker stalls until then; a setImmediate costs ~2 µs). */
const SLICE_MS = 0.25;

/**
 * Runs a TaskManager's subtasks on its one thread, sharing it by CPU time as an operating system
 * shares cores between Flink's task threads: the next unit of work goes to the runnable subtask
 * (input queued, outputs with credit) that has been busy the least. So a fast source runs ahead of
 * a slow consumer on the same worker until its credits are spent, then waits for them — measured as
 * backpressure, as on a thread of its own — instead of being paced one batch per turn. A subtask
 * that could not run for a while (no input, no credit) does not bank that time: it rejoins at the
 * least busy runnable subtask's time. The loop yields to the event loop every SLICE_MS so batches,
 * credits, heartbeats and timers get through, and sleeps when nothing can run until an input
 * arrives, credit returns or a source has data again (`wake`).
 *
 * @example
 * const loop = new TaskLoop(subtasks, { onFinished, onFailed });
 * void loop.run();
 */
export class TaskLoop {
  private stopped = false;
  private woken = false;
  private sleeper: (() => void) | null = null;
  /** Per subtask: its busy time, plus the waits it was not credited for (see run). */
  private readonly vruntime: Float64Array;
  private readonly wasRunnable: Uint8Array;

  constructor(
    private readonly subtasks: WorkerSubtask[],
    private readonly events: {
      onFinished(subtask: WorkerSubtask): void;
      /** The subtask ended its input and waits for its final checkpoint (FLIP-147). */
      onEnded?(subtask: WorkerSubtask): void;
      onFailed(subtask: WorkerSubtask, error: unknown): void;
    },
  ) {
    this.vruntime = new Float64Array(subtasks.length);
    this.wasRunnable = new Uint8Array(subtasks.length);
  }

  /** Something may have become runnable. */
  readonly wake = (): void => {
    this.woken = true;
    const s = this.sleeper;
    this.sleeper = null;
    s?.();
  };

  stop(): void {
    this.stopped = true;
    this.wake();
  }

  async run(): Promise<void> {
    const { subtasks, vruntime, wasRunnable } = this;
    const runnable = new Uint8Array(subtasks.length);
    let clock = 0;
    let sliceStart = performance.now();
    while (!this.stopped) {
      this.woken = false;
      let pending = 0;
      let any = false;
      for (let i = 0; i < subtasks.length; i++) {
        const s = subtasks[i];
        runnable[i] = 0;
        if (s.done) continue;
        if (s.checkFinished()) {
          this.events.onFinished(s);
          continue;
        }
        pending++;
        if (s.checkEnded()) this.events.onEnded?.(s);
        if (s.canStep()) {
          runnable[i] = 1;
          any = true;
          // Back after waiting: it rejoins at the loop's virtual time instead of running alone
          // until it has caught up.
          if (!wasRunnable[i] && vruntime[i] < clock) vruntime[i] = clock;
        }
        wasRunnable[i] = runnable[i];
      }
      if (pending === 0) return;
      let next = -1;
      for (let i = 0; i < subtasks.length; i++) {
        if (runnable[i] && (next < 0 || vruntime[i] < vruntime[next])) next = i;
      }
      if (!any) {
        for (const s of subtasks) if (!s.done) s.wakeOnCredit();
        if (!this.woken) await new Promise<void>((r) => (this.sleeper = r));
        sliceStart = performance.now();
        continue;
      }
      const s = subtasks[next];
      const busy = s.busyMs;
      try {
        s.step();
      } catch (e) {
        this.stopped = true;
        this.events.onFailed(s, e);
        return;
      }
      // The least virtual time of a runnable subtask only grows (CFS's min_vruntime).
      if (vruntime[next] > clock) clock = vruntime[next];
      vruntime[next] += s.busyMs - busy;
      if (performance.now() - sliceStart > SLICE_MS) {
        await yieldToEventLoop();
        sliceStart = performance.now();
      }
    }
  }
}
