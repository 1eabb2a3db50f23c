import type { InputStatus } from '../connectors/source.ts';
import type { ExecutionVertex } from '../graph/execution-graph.ts';
import type { ChannelWriter, StreamEvent } from '../runtime/stream-event.ts';
import { StreamTask } from '../runtime/stream-task.ts';
import { WallClockProcessingTimeService } from '../time/processing-time.ts';
import type { TaskCore } from './task-core.ts';

/** Source readers without an availability promise are polled again after this pause. */
const SOURCE_POLL_MS = 1;

/**
 * The CORE StreamTask as a worker TaskCore: wall-clock processing time (timers fire on the worker's
 * event loop, through the task's mailbox), collect sinks bound to the TaskManager.
 *
 * @example const core = new StreamTaskCore(ev, writers, 1024, { collect, onAsyncFailure, onTimer });
 */
export class StreamTaskCore implements TaskCore {
  private readonly task: StreamTask;
  private readonly clock: WallClockProcessingTimeService;

  constructor(
    vertex: ExecutionVertex,
    outputs: ChannelWriter[][],
    batchSize: number,
    hooks: {
      collect(collectId: number, value: unknown): void;
      onAsyncFailure(e: unknown): void;
      onTimer(): void;
    },
  ) {
    this.clock = new WallClockProcessingTimeService({ onError: hooks.onAsyncFailure });
    this.task = new StreamTask({
      executionVertex: vertex,
      outputWriters: outputs,
      processingTimeService: this.clock,
      batchSize,
      onAsyncFailure: hooks.onAsyncFailure,
      onTimerFired: hooks.onTimer,
      bindCollectSink: (sink) => sink.bind((v) => hooks.collect(sink.collectId, v)),
    });
  }

  get isSource(): boolean {
    return this.task.isSource;
  }
  open(): void {
    this.task.open();
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
    return this.task.state === 'finished';
  }
  dispose(): void {
    this.task.cancel();
    this.clock.shutdown();
  }
}
