import type { InputStatus } from '../connectors/source.ts';
import type { ExecutionVertex } from '../graph/execution-graph.ts';
import type { KeySelectorFn } from '../graph/transformations.ts';
import type { HeapKeyedStateBackend } from '../state/heap-keyed-state-backend.ts';
import { assignToKeyGroup } from '../state/key-groups.ts';
import type { ProcessingTimeService } from '../time/timer-service.ts';
import type { SourceOperator } from '../operators/source-operator.ts';
import type { CollectSinkOperator } from '../operators/sink-operators.ts';
import { operatorFailure } from './errors.ts';
import { buildOperatorChain } from './operator-chain.ts';
import type { OneInputStreamOperator, Output, StreamOperator, TwoInputStreamOperator } from './operator.ts';
import { emitWatermarkStatus, type RecordWriterOutput } from './outputs.ts';
import type { ChannelWriter, RecordBatch, StreamEvent } from './stream-event.ts';
import type { StreamOperatorContext } from './stream-operator-context.ts';
import { WatermarkValve } from './watermark-valve.ts';
import { SubtaskCheckpointing } from '../checkpoint/task/subtask-checkpointing.ts';
import { TaskCheckpointer } from '../checkpoint/task/task-checkpointer.ts';
import type {
  CheckpointingMode,
  TaskRestoreState,
  TaskSnapshotAck,
} from '../checkpoint/task/task-snapshot.ts';
import type { CheckpointBarrierEvent } from './stream-event.ts';

export type { TaskRestoreState, TaskSnapshotAck } from '../checkpoint/task/task-snapshot.ts';

/** What a StreamTask needs from the runtime that hosts it (inline scheduler or a worker). */
export interface StreamTaskOptions {
  readonly executionVertex: ExecutionVertex;
  /** Per out-edge (executionVertex.outputs order), per output channel. */
  readonly outputWriters: ChannelWriter[][];
  readonly processingTimeService: ProcessingTimeService;
  readonly batchSize: number;
  /** JobConfig.objectReuse: consumers of one output share records instead of getting copies. */
  readonly objectReuse?: boolean;
  readonly attemptNumber?: number;
  /** After a processing-time callback of this task ran (its output was flushed): reschedule. */
  readonly onTimerFired?: () => void;
  /** A processing-time callback failed; the task is failed and the job must fail with `error`. */
  readonly onAsyncFailure: (error: unknown) => void;
  /** Binds executeAndCollect sinks to where their records go. */
  readonly bindCollectSink?: (sink: CollectSinkOperator<unknown>) => void;
  /** Turns checkpointing on: barriers are aligned (EXACTLY_ONCE) or counted (AT_LEAST_ONCE). */
  readonly checkpointing?: { readonly mode: CheckpointingMode };
  /** This subtask's share of the checkpoint or savepoint to resume from (loaded in open()). */
  readonly restoredState?: TaskRestoreState;
  /** The task took its snapshot for a checkpoint (the barrier was forwarded); await `ack.ready`. */
  readonly onSnapshot?: (ack: TaskSnapshotAck) => void;
  /** The task cannot complete checkpoint `checkpointId` (the coordinator declines it). */
  readonly onDecline?: (checkpointId: number, reason: Error) => void;
}

export type TaskState = 'created' | 'running' | 'finished' | 'failed' | 'cancelled';

/**
 * One subtask of a job vertex (Flink's StreamTask): its chained operators called directly, an input
 * gate combining the channels' watermarks, and record writers batching per output channel.
 * Transport-agnostic: feed it with `onEvent(channel, event)` (or `pollNext()` for sources) and it
 * sends through the given ChannelWriters. Not re-entrant: call from one thread, one event at a time.
 *
 * @example
 * const task = new StreamTask({ executionVertex, outputWriters, processingTimeService, batchSize: 1024, onAsyncFailure });
 * task.open();
 * task.onEvent(0, { kind: 'records', values: [1], timestamps: new Float64Array([NaN]) });
 * task.flush();
 */
export class StreamTask {
  state: TaskState = 'created';
  readonly name: string;
  readonly subtaskIndex: number;
  readonly isSource: boolean;
  private readonly operators: StreamOperator<unknown>[];
  private readonly contexts: StreamOperatorContext[];
  private readonly writers: RecordWriterOutput<unknown>[];
  private readonly headOutput: Output<unknown>;
  private readonly sourceOp: SourceOperator<unknown> | null = null;
  private readonly head1: OneInputStreamOperator<unknown, unknown> | null = null;
  private readonly head2: TwoInputStreamOperator<unknown, unknown, unknown> | null = null;
  private readonly keySelector1: KeySelectorFn | null;
  private readonly keySelector2: KeySelectorFn | null;
  private readonly backend: HeapKeyedStateBackend | null;
  private readonly channelInput: Uint8Array;
  /** 1 where a channel's batch key groups were computed with the head's key selector (see RecordBatch.keyGroups). */
  private readonly channelKeyGroups: Uint8Array;
  private readonly valve: WatermarkValve;
  private endedChannels = 0;
  private busy = false;
  private readonly mailbox: (() => void)[] = [];
  private readonly checkpointing: SubtaskCheckpointing | null = null;

  constructor(private readonly options: StreamTaskOptions) {
    const ev = options.executionVertex;
    const vertex = ev.vertex;
    this.name = vertex.name;
    this.subtaskIndex = ev.subtaskIndex;
    const head = vertex.nodes[0];
    this.isSource = head.kind === 'source';
    this.keySelector1 = head.keySelectors[0];
    this.keySelector2 = head.keySelectors[1];
    const pts = this.wrapProcessingTime(options.processingTimeService);

    const chain = buildOperatorChain(options, pts, this.name);
    this.operators = chain.operators;
    this.contexts = chain.contexts;
    this.writers = chain.writers;
    this.backend = chain.headBackend;
    const outputs = chain.outputs;
    this.headOutput = outputs.get(head.id)!;
    const headOp = this.operators[0];
    if (head.kind === 'source') this.sourceOp = headOp as SourceOperator<unknown>;
    else if (head.kind === 'one-input') this.head1 = headOp as OneInputStreamOperator<unknown, unknown>;
    else this.head2 = headOp as TwoInputStreamOperator<unknown, unknown, unknown>;
    this.channelInput = Uint8Array.from(ev.inputChannels, (c) => (c.typeNumber === 2 ? 2 : 1));
    this.channelKeyGroups = Uint8Array.from(ev.inputChannels, (c) => {
      const p = c.edge.edge.partitioner;
      const sel = c.typeNumber === 2 ? this.keySelector2 : this.keySelector1;
      const sameGroups =
        this.backend !== null && c.edge.target.maxParallelism === this.backend.maxParallelism;
      return p.kind === 'HASH' && sel !== null && p.keySelector === sel && sameGroups ? 1 : 0;
    });
    this.valve = new WatermarkValve(
      ev.inputChannels.length,
      {
        onWatermark: (wm) =>
          this.guard('processWatermark', () => (this.head1 ?? this.head2)!.processWatermark(wm)),
        onStatus: (idle) => emitWatermarkStatus(this.headOutput, idle),
      },
      this.channelInput, // a two-input head combines one valve per input, as Flink
    );
    if (options.checkpointing) {
      const checkpointer = new TaskCheckpointer(this.operators, this.contexts, this.sourceOp);
      this.checkpointing = new SubtaskCheckpointing(options.checkpointing.mode, checkpointer, {
        name: this.name,
        subtaskIndex: this.subtaskIndex,
        isSource: this.isSource,
        numInputChannels: ev.inputChannels.length,
        state: () => this.state,
        handleEvent: (channel, event) => this.handleEvent(channel, event),
        runStep: (step) => this.runStep(step),
        emitBarrier: (barrier) => {
          for (const w of this.writers) w.emitBarrier(barrier);
        },
        closeOperators: () => this.closeOperators(true),
        onSnapshot: options.onSnapshot,
        onDecline: options.onDecline,
      });
    } else if (options.restoredState) {
      throw new Error(`Task "${this.name}": restoring state needs checkpointing (options.checkpointing)`);
    }
  }

  /**
   * Processing-time callbacks run only while the task runs, never inside another step of the task
   * (Flink's mailbox): one that fires while the task is busy (e.g. a test advancing a manual clock
   * from a user function) waits until the current batch or event is done.
   */
  private wrapProcessingTime(base: ProcessingTimeService): ProcessingTimeService {
    return {
      getCurrentProcessingTime: () => base.getCurrentProcessingTime(),
      registerTimer: (time, callback) =>
        base.registerTimer(time, (t) => {
          if (this.state !== 'running') return;
          this.mailbox.push(() => callback(t));
          if (this.busy) return;
          try {
            this.runStep(() => {});
          } catch (e) {
            this.state = 'failed';
            this.options.onAsyncFailure(e);
            return;
          }
          this.options.onTimerFired?.();
        }),
    };
  }

  /** Runs one step of the task, then the mails that arrived meanwhile, then flushes. */
  private runStep(step: () => void): void {
    if (this.busy) return step();
    this.busy = true;
    let ranMail = false;
    try {
      step();
      while (this.mailbox.length > 0 && this.state === 'running') {
        const mail = this.mailbox.shift()!;
        ranMail = true;
        this.guard('a processing-time timer', mail);
      }
    } finally {
      this.busy = false;
    }
    // Timer output is flushed at once; record output waits for the host's flush (fuller batches).
    if (ranMail && this.state === 'running') this.flush();
  }

  /** Runs `fn`, attributing an unattributed error to the head operator. */
  private guard(what: string, fn: () => void, record?: { value: unknown }): void {
    try {
      fn();
    } catch (e) {
      throw operatorFailure(this.contexts[0], what, e, record);
    }
  }

  /**
   * Restores state (with checkpointing: keyed state, timers, operator state, source position, then
   * initializeState of CheckpointedFunctions), then opens the operators, tail first so consumers are
   * ready before producers emit. Returns a promise only when an initializeState returned one: the
   * host must then await it before feeding the task.
   */
  open(): void | Promise<void> {
    if (this.state !== 'created') throw new Error(`Task "${this.name}" was already opened`);
    this.state = 'running';
    const init = this.checkpointing?.checkpointer.initialize(this.options.restoredState);
    if (init) return init.then(() => this.openOperators());
    this.openOperators();
  }

  private openOperators(): void {
    if (this.state !== 'running') return;
    for (let i = this.operators.length - 1; i >= 0; i--) {
      const op = this.operators[i];
      this.guardAt(i, 'open()', () => op.open());
    }
    if (!this.isSource && this.options.executionVertex.inputChannels.length === 0) this.finish();
  }

  private guardAt(i: number, what: string, fn: () => void): void {
    try {
      fn();
    } catch (e) {
      throw operatorFailure(this.contexts[i], what, e);
    }
  }

  /** Handles one event from input channel `channel` (in order per channel). */
  onEvent(channel: number, event: StreamEvent): void {
    if (this.state !== 'running') return;
    const checkpointing = this.checkpointing;
    if (checkpointing !== null) this.runStep(() => checkpointing.onEvent(channel, event));
    else this.runStep(() => this.handleEvent(channel, event));
  }

  private handleEvent(channel: number, event: StreamEvent): void {
    switch (event.kind) {
      case 'records':
        if (this.channelInput[channel] === 1) this.processInput1(event, this.channelKeyGroups[channel] === 1);
        else this.processInput2(event, this.channelKeyGroups[channel] === 1);
        break;
      case 'watermark':
        this.valve.inputWatermark(event.timestamp, channel);
        break;
      case 'status':
        this.valve.inputStatus(event.idle, channel);
        break;
      case 'end-of-input':
        this.valve.endOfInput(channel);
        if (++this.endedChannels === this.channelInput.length) this.finish();
        break;
      case 'barrier':
        throw new Error(
          `Task "${this.name}" received checkpoint barrier ${event.checkpointId} but checkpointing is off; ` +
            'every task of a job must be given the same checkpointing options',
        );
    }
  }

  /**
   * Starts checkpoint `barrier.checkpointId` here. A running source task snapshots its reader
   * position and operators and sends the barrier downstream (call it between pollNext calls); a
   * finished task (FLIP-147) acknowledges with its final state; other running tasks wait for the
   * barriers from their inputs (nothing to do here).
   */
  triggerCheckpoint(barrier: CheckpointBarrierEvent): void {
    if (this.checkpointing === null)
      throw new Error(`Task "${this.name}": triggerCheckpoint needs checkpointing (options.checkpointing)`);
    this.checkpointing.trigger(barrier);
  }

  /**
   * Checkpoint `checkpointId` completed (stored, every task acknowledged): CheckpointListeners are
   * told (two-phase-commit sinks commit, collect sinks release). A finished task that acknowledged
   * it closes its operators then. Returns a promise when a listener returned one.
   */
  notifyCheckpointComplete(checkpointId: number): void | Promise<void> {
    if (this.checkpointing === null || this.state === 'cancelled' || this.state === 'failed') return;
    return this.checkpointing.notifyComplete(checkpointId);
  }

  /** Checkpoint `checkpointId` was aborted (declined, timed out): listeners are told. */
  notifyCheckpointAborted(checkpointId: number): void | Promise<void> {
    if (this.checkpointing === null || this.state === 'cancelled' || this.state === 'failed') return;
    return this.checkpointing.checkpointer.notifyAborted(checkpointId);
  }

  /** True while a finished task waits for its final checkpoint (one snapshotted after the end) to complete (FLIP-147). */
  get awaitingFinalCheckpoint(): boolean {
    return this.checkpointing?.closePending ?? false;
  }

  private processInput1(batch: RecordBatch, trustKeyGroups: boolean): void {
    const values = batch.values;
    const ts = batch.timestamps;
    const n = values.length;
    const sel = this.keySelector1;
    const kgs = trustKeyGroups ? batch.keyGroups : undefined;
    let i = 0;
    try {
      if (this.head1 !== null) {
        const op = this.head1;
        if (sel === null) {
          for (; i < n; i++) op.processElement(values[i], ts[i]);
        } else if (kgs !== undefined) {
          // The partitioner computed the key groups (same key selector, same max parallelism).
          const backend = this.backend!;
          for (; i < n; i++) {
            const v = values[i];
            backend.setCurrentKeyWithGroup(sel(v), kgs[i]);
            op.processElement(v, ts[i]);
          }
        } else {
          const backend = this.backend!;
          const maxP = backend.maxParallelism;
          for (; i < n; i++) {
            const v = values[i];
            const key = sel(v);
            backend.setCurrentKeyWithGroup(key, assignToKeyGroup(key, maxP));
            op.processElement(v, ts[i]);
          }
        }
      } else {
        const op = this.head2!;
        for (; i < n; i++) {
          const v = values[i];
          if (sel !== null) {
            const key = sel(v);
            const kg = kgs !== undefined ? kgs[i] : assignToKeyGroup(key, this.backend!.maxParallelism);
            this.backend!.setCurrentKeyWithGroup(key, kg);
          }
          op.processElement1(v, ts[i]);
        }
      }
    } catch (e) {
      throw operatorFailure(
        this.contexts[0],
        sel ? 'the key selector or processElement' : 'processElement',
        e,
        {
          value: values[i],
        },
      );
    }
  }

  private processInput2(batch: RecordBatch, trustKeyGroups: boolean): void {
    const values = batch.values;
    const ts = batch.timestamps;
    const op = this.head2!;
    const sel = this.keySelector2;
    const kgs = trustKeyGroups ? batch.keyGroups : undefined;
    let i = 0;
    try {
      for (; i < values.length; i++) {
        const v = values[i];
        if (sel !== null) {
          const key = sel(v);
          const kg = kgs !== undefined ? kgs[i] : assignToKeyGroup(key, this.backend!.maxParallelism);
          this.backend!.setCurrentKeyWithGroup(key, kg);
        }
        op.processElement2(v, ts[i]);
      }
    } catch (e) {
      throw operatorFailure(this.contexts[0], 'processElement2', e, { value: values[i] });
    }
  }

  /** Source tasks: reads one batch; at END_OF_INPUT the task finishes (final watermark, end-of-input). */
  pollNext(): InputStatus {
    if (this.state !== 'running') return 'END_OF_INPUT';
    let status: InputStatus = 'END_OF_INPUT';
    this.runStep(() => {
      this.guard('reading the source', () => (status = this.sourceOp!.emitNext()));
      if (status === 'END_OF_INPUT') this.finish();
    });
    return status;
  }

  /** Source tasks after NOTHING_AVAILABLE: resolves when the reader has data (null: poll again later). */
  isAvailable(): Promise<void> | null {
    return this.sourceOp?.isAvailable() ?? null;
  }

  /** Sends every buffered record (the host calls this after each scheduling step). */
  flush(): void {
    for (const w of this.writers) w.flush();
  }

  /** endInput on every operator (head first), end-of-input downstream, then close. */
  private finish(): void {
    for (let i = 0; i < this.operators.length; i++) {
      const op = this.operators[i];
      this.guardAt(i, 'endInput()', () => op.endInput());
    }
    for (const w of this.writers) w.endOfInput();
    this.state = 'finished';
    // FLIP-147: with checkpointing the operators stay open until a checkpoint taken after the end
    // completes, so two-phase-commit and collect sinks can commit their last records.
    if (this.checkpointing !== null) this.checkpointing.onFinished();
    else this.closeOperators(true);
  }

  private closeOperators(rethrow: boolean): void {
    let first: unknown = null;
    this.operators.forEach((op, i) => {
      try {
        this.contexts[i]?.timeServiceManager?.close();
        this.guardAt(i, 'close()', () => op.close());
      } catch (e) {
        first ??= e;
      }
    });
    if (first !== null && rethrow) throw first;
    if (first !== null) console.error(`Task "${this.name}": close() failed while stopping`, first);
  }

  /** Stops the task without finishing it (cancel or failure elsewhere): operators are closed. */
  cancel(): void {
    const closePending = this.awaitingFinalCheckpoint;
    if (this.state === 'cancelled' || (this.state === 'finished' && !closePending)) return;
    const wasOpen = this.state === 'running' || this.state === 'failed' || closePending;
    if (this.checkpointing !== null) this.checkpointing.closePending = false;
    this.state = 'cancelled';
    if (wasOpen) this.closeOperators(false);
  }

  /** The keyed state backend of the head operator (null when not keyed), for snapshots and tests. */
  getKeyedStateBackend(): HeapKeyedStateBackend | null {
    return this.backend;
  }
}
