import { BatchEncoder } from '../net/codec/batch-encoder.ts';
import type { TaskManagerEvent } from './protocol.ts';

/** Collected records are sent to the JobManager in batches of this many (or at every metrics tick). */
const RESULT_BATCH = 4096;

/**
 * The records one subtask's collect sinks emitted and not yet sent to the JobManager, tagged with
 * the subtask's checkpoint epoch: the last checkpoint whose barrier it has passed. At a barrier the
 * buffer is sent with the old epoch before the epoch advances, so every batch belongs to exactly one
 * checkpoint interval and the JobManager can commit or drop it as a whole (exactly-once results).
 *
 * @example
 * const r = new SubtaskResults((e, t) => port.postMessage(e, t));
 * r.add(0, 'x'); r.advance(1); // sends ['x'] with epoch 0, later records get epoch 1
 */
export class SubtaskResults {
  private readonly buffers = new Map<number, unknown[]>();
  private readonly encoder = new BatchEncoder('collect sink -> JobManager');
  /** Records handed to collect sinks (their "records out"). */
  count = 0;

  constructor(
    private readonly post: (event: TaskManagerEvent, transfer: Transferable[]) => void,
    private epoch = 0,
  ) {}

  add(collectId: number, value: unknown): void {
    this.count++;
    let buf = this.buffers.get(collectId);
    if (!buf) this.buffers.set(collectId, (buf = []));
    buf.push(value);
    if (buf.length >= RESULT_BATCH) this.flush();
  }

  /** The subtask passed the barrier of `checkpointId`: what it emitted before belongs to the old epoch. */
  advance(checkpointId: number): void {
    this.flush();
    this.epoch = Math.max(this.epoch, checkpointId);
  }

  flush(): void {
    for (const [collectId, values] of this.buffers) {
      if (values.length === 0) continue;
      const batch = this.encoder.encode(values, new Float64Array(values.length), values.length);
      this.buffers.set(collectId, []);
      this.post({ type: 'results', collectId, epoch: this.epoch, batch }, [batch]);
    }
  }
}
