import type { FromTaskManager, ToTaskManager } from '../../src/client/protocol.ts';
import {
  accumulate,
  createCountState,
  fireWindows,
  type CountState,
  type WindowCounts,
} from '../../src/jobs/tumbling-count.ts';

/**
 * One parallel subtask of the fixed tumbling-count job, attached to its data-plane port: batches
 * arrive from the JobManager; fired windows go back on the same port with their typed arrays
 * transferred. Runs in a TaskManager worker (or, in tests, on a plain MessageChannel).
 */
export class TaskSubtask {
  private runId = -1;
  private state: CountState | null = null;

  constructor(
    private readonly port: MessagePort,
    readonly subtask: number,
  ) {
    port.onmessage = (event: MessageEvent<ToTaskManager>) => {
      try {
        this.handle(event.data);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        this.send({ type: 'failed', runId: this.runId, subtask, message });
      }
    };
  }

  private handle(message: ToTaskManager): void {
    if (message.type === 'open') {
      this.runId = message.runId;
      this.state = createCountState(message.windowMs);
      return;
    }
    if (message.runId !== this.runId || !this.state) return; // a message of a run that was cancelled
    switch (message.type) {
      case 'batch':
        accumulate(this.state, message.keys, message.timestamps);
        this.reply(message.seq, fireWindows(this.state, message.watermark));
        break;
      case 'end':
        this.reply(message.seq, fireWindows(this.state, Infinity));
        this.state = null;
        break;
      case 'cancel':
        this.state = null;
        break;
    }
  }

  private reply(seq: number, fired: WindowCounts): void {
    const { runId, subtask } = this;
    this.send({ type: 'fired', runId, seq, subtask, ...fired }, [
      fired.keys.buffer,
      fired.windowStarts.buffer,
      fired.counts.buffer,
    ]);
  }

  private send(message: FromTaskManager, transfer: Transferable[] = []): void {
    this.port.postMessage(message, transfer);
  }
}
