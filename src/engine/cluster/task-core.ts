import type { InputStatus } from '../connectors/source.ts';
import type { CheckpointBarrierEvent, StreamEvent } from '../runtime/stream-event.ts';

/**
 * What the worker runtime needs from one subtask's transport-agnostic task (the CORE StreamTask:
 * chained operators, input gate, record writers). The worker runtime owns the channels, the input
 * queue and the scheduling; this is the part that runs operators and takes snapshots.
 */
export interface TaskCore {
  readonly isSource: boolean;
  /** Sets up and opens the chained operators. */
  open(): void;
  /** Non-source tasks: one event from input channel `channel` (records, watermark, status, barrier, end). */
  onEvent(channel: number, event: StreamEvent): void;
  /** Source tasks: emits up to one batch of records. */
  pollSource(): InputStatus;
  /** After NOTHING_AVAILABLE: resolves when pollSource may produce again. */
  sourceAvailable(): Promise<void>;
  /** Sends partially filled output batches (when the task runs out of input). */
  flush(): void;
  /** True once the task has ended its input, closed its operators and sent end-of-input downstream. */
  isFinished(): boolean;
  /** Frees resources (timers); called on finish and on cancel. */
  dispose(): void;
  /** Source tasks: snapshot the reader position and operator state, send the barrier downstream. */
  triggerCheckpoint(barrier: CheckpointBarrierEvent): void;
  /** Checkpoint `checkpointId` is durable (CheckpointListeners commit). */
  notifyCheckpointComplete(checkpointId: number): void;
  notifyCheckpointAborted(checkpointId: number): void;
}
