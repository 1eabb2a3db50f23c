import type { InputStatus } from '../connectors/source.ts';
import type { CheckpointBarrierEvent, StreamEvent } from '../runtime/stream-event.ts';

/**
 * What the worker runtime needs from one subtask's transport-agnostic task (the CORE StreamTask:
 * chained operators, input gate, record writers). The worker runtime owns the channels, the input
 * queue and the scheduling; this is the part that runs operators and takes snapshots.
 */
export interface TaskCore {
  readonly isSource: boolean;
  /** Restores state, then sets up and opens the chained operators (a promise: async initializeState). */
  open(): void | Promise<void>;
  /** Non-source tasks: one event from input channel `channel` (records, watermark, status, barrier, end). */
  onEvent(channel: number, event: StreamEvent): void;
  /** Source tasks: emits up to one batch of records. */
  pollSource(): InputStatus;
  /** After NOTHING_AVAILABLE: resolves when pollSource may produce again. */
  sourceAvailable(): Promise<void>;
  /** Sends partially filled output batches (when the task runs out of input). */
  flush(): void;
  /** True once the task has ended its input, sent end-of-input downstream and closed its operators. */
  isFinished(): boolean;
  /** True while the task ended its input but waits for a checkpoint to complete before closing (FLIP-147). */
  awaitingFinalCheckpoint(): boolean;
  /** Frees resources (timers); called on finish and on cancel. */
  dispose(): void;
  /**
   * A running source task snapshots its reader position and operator state and sends the barrier
   * downstream; a task awaiting its final checkpoint acknowledges with its final state; other tasks
   * wait for the barrier on their inputs (nothing happens here).
   */
  triggerCheckpoint(barrier: CheckpointBarrierEvent): void;
  /** Checkpoint `checkpointId` is durable (CheckpointListeners commit). */
  notifyCheckpointComplete(checkpointId: number): void | Promise<void>;
  notifyCheckpointAborted(checkpointId: number): void | Promise<void>;
}
