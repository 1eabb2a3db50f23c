import type { InputStatus } from '../connectors/source.ts';
import type { ExecutionVertex } from '../graph/execution-graph.ts';
import type { JobConfig } from '../graph/stream-graph.ts';
import type { CheckpointBarrierEvent, ChannelWriter, StreamEvent } from '../runtime/stream-event.ts';
import type { TaskRestoreState, TaskSnapshotAck } from '../checkpoint/task/task-snapshot.ts';
import { StreamTask, type StreamTaskOptions } from '../runtime/stream-task.ts';
import { WallClockProcessingTimeService } from '../time/processing-time.ts';
import type { CheckpointingMode } from './protocol.ts';
import type { TaskCore } from './task-core.ts';

/** Source readers without an availability promise are polled again after this pause. */
const SOURCE_POLL_MS = 1;

/** How the TaskManager hooks into one subtask's task. */
export interface TaskCoreHooks {
  collect(collectId: number, value: unknown): void;
  onAsyncFailure(e: unknown): void;
  onTimer(): void;
  /** The task took its snapshot (barrier forwarded); `ack.ready` settles when its async part is done. */
  onSnapshot?(ack: TaskSnapshotAck): void;
  onDecline?(checkpointId: number, reason: Error): void;
}

/** Per-attempt facts of one subtask. */
export interface TaskCoreSettings {
  readonly attemptNumber: number;
  readonly checkpointing: { readonly mode: CheckpointingMode } | null;
  readonly restoredState?: TaskRestoreState;
}

/**
 * The CORE StreamTask as a worker TaskCore: wall-clock processing time (timers fire on the worker's
 * event loop, through the task's mailbox), collect sinks bound to the TaskManager, checkpoints
 * (barrier alignment and snapshots are the task's; acks go to the TaskManager through the hooks).
 *
 * @example const core = new StreamTaskCore(ev, writers, jobGraph.config, { collect, onAsyncFailure, onTimer }, settings);
 */
export class StreamTaskCore implements TaskCore {
  private readonly task: StreamTask;
  private readonly clock: WallClockProcessingTimeService;

  constructor(
    vertex: ExecutionVertex,
    outputs: ChannelWriter[][],
    config: Pick<JobConfig, 'batchSize' | 'objectReuse'>,
    hooks: TaskCoreHooks,
    settings: TaskCoreSettings = { attemptNumber: 0, checkpointing: null },
  ) {
    this.clock = new WallClockProcessingTimeService({ onError: hooks.onAsyncFailure });
    const options: StreamTaskOptions = {
      executionVertex: vertex,
      outputWriters: outputs,
      processingTimeService: this.clock,
      batchSize: config.batchSize,
      objectReuse: config.objectReuse,
      attemptNumber: settings.attemptNumber,
      checkpointing: settings.checkpointing ?? undefined,
      restoredState: settings.restoredState,
      onSnapshot: hooks.onSnapshot,
      onDecline: hooks.onDecline,
      onAsyncFailure: hooks.onAsyncFailure,
      onTimerFired: hooks.onTimer,
      // The JobManager commits collected records by checkpoint epoch (CollectedResults): the sink
      // hands them over at once instead of holding them until its task hears of the checkpoint.
      bindCollectSink: (sink) =>
        sink.bind((v) => hooks.collect(sink.collectId, v), { holdUntilCheckpoint: false }),
    };
    this.task = new StreamTask(options);
  }

  get isSource(): boolean {
    return this.task.isSource;
  }
  open(): void | Promise<void> {
    return this.task.open();
  }
  onEvent(channel: number, event: StreamEvent): void {
    this.task.onEvent(channel, event);
  }
  pollSource(): InputStatus {
    return this.task.pollNext();
  }
  sourceAvailable(): Promise<void> {
    return this.task.isAvailable() ?? new Promise((r) => setTimeout(r, SOURCE_POLL_MS));
  }
  flush(): void {
    this.task.flush();
  }
  isFinished(): boolean {
    return this.task.state === 'finished' && !this.task.awaitingFinalCheckpoint;
  }
  awaitingFinalCheckpoint(): boolean {
    return this.task.awaitingFinalCheckpoint;
  }
  dispose(): void {
    this.task.cancel();
    this.clock.shutdown();
  }
  triggerCheckpoint(barrier: CheckpointBarrierEvent): void {
    this.task.triggerCheckpoint(barrier);
  }
  notifyCheckpointComplete(checkpointId: number): void | Promise<void> {
    return this.task.notifyCheckpointComplete(checkpointId);
  }
  notifyCheckpointAborted(checkpointId: number): void | Promise<void> {
    return this.task.notifyCheckpointAborted(checkpointId);
  }
}
