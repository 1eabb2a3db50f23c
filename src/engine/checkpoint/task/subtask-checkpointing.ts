import type { CheckpointBarrierEvent, StreamEvent } from '../../runtime/stream-event.ts';
import { BarrierHandler } from './barrier-handler.ts';
import type { TaskCheckpointer } from './task-checkpointer.ts';
import type { CheckpointingMode, TaskSnapshotAck } from './task-snapshot.ts';

/** What SubtaskCheckpointing needs from its StreamTask. */
export interface CheckpointingTask {
  readonly name: string;
  readonly subtaskIndex: number;
  readonly isSource: boolean;
  readonly numInputChannels: number;
  /** 'running' | 'finished' | ... (the task's state now). */
  state(): string;
  /** Processes one input event as without checkpointing. */
  handleEvent(channel: number, event: StreamEvent): void;
  /** Runs `step` as one task step (mails after it, as for records). */
  runStep(step: () => void): void;
  /** Sends the barrier on every output channel, after the records before it. */
  emitBarrier(barrier: CheckpointBarrierEvent): void;
  closeOperators(): void;
  onSnapshot?(ack: TaskSnapshotAck): void;
  onDecline?(checkpointId: number, reason: Error): void;
}

/**
 * The checkpoint life of one StreamTask: barriers in (aligned or counted), snapshot and barrier out,
 * triggers (sources inject; finished tasks acknowledge; others wait for their barriers, or
 * acknowledge at the end when every input ended first), and FLIP-147 — a finished task stays open
 * until a checkpoint taken after its end completes.
 *
 * @example
 * const cp = new SubtaskCheckpointing('EXACTLY_ONCE', checkpointer, task);
 * cp.onEvent(channel, event); // instead of task.handleEvent
 */
export class SubtaskCheckpointing {
  private readonly barriers: BarrierHandler;
  /** Finished, operators still open: waiting for a checkpoint taken after the end (FLIP-147). */
  closePending = false;
  private lastSnapshotId = -1;
  /** First checkpoint snapshotted after the end of input: its completion closes the task. */
  private finalSnapshotId = -1;
  /** A trigger that reached this running non-source task: acknowledged at the end if no barrier came. */
  private pendingTrigger: CheckpointBarrierEvent | null = null;

  constructor(
    mode: CheckpointingMode,
    readonly checkpointer: TaskCheckpointer,
    private readonly task: CheckpointingTask,
  ) {
    this.barriers = new BarrierHandler(mode, task.numInputChannels, {
      process: (channel, event) => task.handleEvent(channel, event),
      checkpoint: (barrier, alignmentMs) => this.perform(barrier, alignmentMs),
      decline: (id, reason) => task.onDecline?.(id, reason),
      isRunning: () => task.state() === 'running',
    });
  }

  /** An input event: through barrier alignment to the task. */
  onEvent(channel: number, event: StreamEvent): void {
    this.barriers.onEvent(channel, event);
  }

  /** See StreamTask.triggerCheckpoint. */
  trigger(barrier: CheckpointBarrierEvent): void {
    if (barrier.checkpointId <= this.lastSnapshotId) return;
    const state = this.task.state();
    if (state === 'finished') this.perform(barrier, 0);
    else if (state === 'running' && this.task.isSource) this.task.runStep(() => this.perform(barrier, 0));
    else if (state === 'running') this.pendingTrigger = barrier;
  }

  private perform(barrier: CheckpointBarrierEvent, alignmentMs: number): void {
    const task = this.task;
    const finished = task.state() === 'finished';
    this.lastSnapshotId = barrier.checkpointId;
    if (finished && this.finalSnapshotId < 0) this.finalSnapshotId = barrier.checkpointId;
    let ack: TaskSnapshotAck | null = null;
    try {
      // A finished task whose operators closed re-sends its final state (functions are not called).
      ack = this.checkpointer.snapshot(barrier, alignmentMs, finished && !this.closePending);
    } catch (e) {
      const reason = new Error(
        `Task "${task.name}" #${task.subtaskIndex} could not snapshot checkpoint ${barrier.checkpointId}: ` +
          (e instanceof Error ? e.message : String(e)),
        { cause: e },
      );
      task.onDecline?.(barrier.checkpointId, reason);
    }
    // The barrier goes on even after a failed snapshot, so downstream alignment never waits for it.
    if (task.state() === 'running') task.emitBarrier(barrier);
    if (ack !== null) task.onSnapshot?.(ack);
  }

  /** The task reached the end of input (endInput done, end-of-input sent): stay open (FLIP-147). */
  onFinished(): void {
    this.closePending = true;
    // Every input ended before this checkpoint's barrier could come (the sources had finished when
    // it was triggered): acknowledge it with the final state, or it would never complete.
    const trigger = this.pendingTrigger;
    this.pendingTrigger = null;
    if (trigger !== null && trigger.checkpointId > this.lastSnapshotId) this.perform(trigger, 0);
  }

  /** See StreamTask.notifyCheckpointComplete. */
  notifyComplete(checkpointId: number): void | Promise<void> {
    const r = this.checkpointer.notifyComplete(checkpointId);
    const closeNow = this.closePending && this.finalSnapshotId >= 0 && checkpointId >= this.finalSnapshotId;
    if (!closeNow) return r;
    const close = (): void => {
      if (!this.closePending) return;
      this.closePending = false;
      this.task.closeOperators();
    };
    if (r) return r.then(close);
    close();
  }
}
