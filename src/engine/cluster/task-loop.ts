import { yieldToEventLoop } from './rpc.ts';
import type { WorkerSubtask } from './worker-subtask.ts';

/** How long the loop works before letting port messages, credits and timers in (short: a producer
 * waiting for credit from this worker stalls until then; a setImmediate costs ~2 µs). */
const SLICE_MS = 0.25;

/**
 * Runs a TaskManager's subtasks on its one thread: round-robin, one unit of work per subtask per
 * turn, only for subtasks whose outputs have credit; yields to the event loop every few ms so
 * batches, credits, heartbeats and timers get through; sleeps when nothing can run until an input
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

  constructor(
    private readonly subtasks: WorkerSubtask[],
    private readonly events: {
      onFinished(subtask: WorkerSubtask): void;
      /** The subtask ended its input and waits for its final checkpoint (FLIP-147). */
      onEnded?(subtask: WorkerSubtask): void;
      onFailed(subtask: WorkerSubtask, error: unknown): void;
    },
  ) {}

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
    let sliceStart = performance.now();
    while (!this.stopped) {
      this.woken = false;
      let worked = false;
      let pending = 0;
      for (const s of this.subtasks) {
        if (s.done) continue;
        if (s.canStep()) {
          try {
            s.step();
          } catch (e) {
            this.stopped = true;
            this.events.onFailed(s, e);
            return;
          }
          worked = true;
        }
        if (s.checkFinished()) this.events.onFinished(s);
        else {
          pending++;
          if (s.checkEnded()) this.events.onEnded?.(s);
        }
      }
      if (pending === 0) return;
      if (!worked) {
        if (!this.woken) await new Promise<void>((r) => (this.sleeper = r));
        sliceStart = performance.now();
      } else if (performance.now() - sliceStart > SLICE_MS) {
        await yieldToEventLoop();
        sliceStart = performance.now();
      }
    }
  }
}
