import type { OutputTag } from '../api/output-tag.ts';
import { HeapKeyedStateBackend } from '../state/heap-keyed-state-backend.ts';
import { assignToKeyGroup, computeKeyGroupRangeForOperatorIndex } from '../state/key-groups.ts';
import type { KeyedStateSnapshot } from '../state/keyed-state-snapshot.ts';
import { DEFAULT_MAX_PARALLELISM } from '../state/keyed-state-backend.ts';
import type { TimerServiceSnapshot } from '../time/internal-timer-service.ts';
import { ManualProcessingTimeService } from '../time/processing-time.ts';
import { NO_TIMESTAMP } from '../time/watermark.ts';
import type { OneInputStreamOperator } from './operator.ts';
import type { StatusOutput } from './outputs.ts';
import { StreamOperatorContext } from './stream-operator-context.ts';
import { TaskCheckpointer } from '../checkpoint/task/task-checkpointer.ts';
import type {
  OperatorRestoreState,
  OperatorSnapshot as CheckpointOperatorSnapshot,
} from '../checkpoint/task/task-snapshot.ts';

/** What an operator under test emitted, in order. */
export type HarnessEvent =
  | { kind: 'record'; value: unknown; timestamp: number }
  | { kind: 'side'; tag: string; value: unknown; timestamp: number }
  | { kind: 'watermark'; timestamp: number }
  | { kind: 'status'; idle: boolean };

/** Keyed state and timers of the operator, as plain data (see snapshot()). */
export interface OperatorSnapshot {
  keyedState: KeyedStateSnapshot | null;
  timers: TimerServiceSnapshot[];
}

/** Options of the harness; `keySelector` makes the operator keyed. */
export interface HarnessOptions<IN> {
  keySelector?: (value: IN) => unknown;
  maxParallelism?: number;
  parallelism?: number;
  subtaskIndex?: number;
  /** Initial processing time of the manual clock (default 0). */
  processingTime?: number;
  operatorName?: string;
}

/**
 * Drives one operator directly, as Flink's (Keyed)OneInputStreamOperatorTestHarness: push records
 * and watermarks, move processing time, read what it emitted, snapshot and restore its keyed state
 * and timers. Deterministic: the clock is a ManualProcessingTimeService.
 *
 * @example
 * const h = new OneInputStreamOperatorTestHarness(new ProcessOperator(new MyFn()), { keySelector: (e) => e.k });
 * h.open();
 * h.processElement({ k: 'a' }, 10);
 * h.processWatermark(100);
 * h.extractOutputValues();
 */
export class OneInputStreamOperatorTestHarness<IN, OUT> {
  readonly clock: ManualProcessingTimeService;
  readonly output: HarnessEvent[] = [];
  readonly backend: HeapKeyedStateBackend | null;
  private readonly context: StreamOperatorContext;
  private checkpointer: TaskCheckpointer | null = null;

  constructor(
    readonly operator: OneInputStreamOperator<IN, OUT>,
    private readonly options: HarnessOptions<IN> = {},
  ) {
    this.clock = new ManualProcessingTimeService(options.processingTime ?? 0);
    const maxParallelism = options.maxParallelism ?? DEFAULT_MAX_PARALLELISM;
    const parallelism = options.parallelism ?? 1;
    const subtaskIndex = options.subtaskIndex ?? 0;
    const name = options.operatorName ?? 'operator under test';
    this.backend = options.keySelector
      ? new HeapKeyedStateBackend({
          maxParallelism,
          keyGroupRange: computeKeyGroupRangeForOperatorIndex(maxParallelism, parallelism, subtaskIndex),
          processingTimeService: this.clock,
          operatorName: name,
        })
      : null;
    this.context = new StreamOperatorContext({
      operatorName: name,
      uid: name,
      subtaskIndex,
      parallelism,
      maxParallelism,
      attemptNumber: 0,
      processingTimeService: this.clock,
      keyedStateBackend: this.backend,
    });
    const out: StatusOutput<OUT> = {
      collect: (value, timestamp) => this.output.push({ kind: 'record', value, timestamp }),
      collectSide: (tag: OutputTag<unknown>, value, timestamp) =>
        this.output.push({ kind: 'side', tag: tag.id, value, timestamp }),
      emitWatermark: (timestamp) => this.output.push({ kind: 'watermark', timestamp }),
      emitWatermarkStatus: (idle) => this.output.push({ kind: 'status', idle }),
    };
    operator.setup(this.context, out);
  }

  /** Restores a snapshot (of any number of subtasks); call before open(). */
  initializeState(snapshots: OperatorSnapshot[]): void {
    const keyed = snapshots.map((s) => s.keyedState).filter((s): s is KeyedStateSnapshot => s !== null);
    if (keyed.length > 0) this.backend?.restore(keyed);
    this.context.timeServiceManager?.restore(snapshots.flatMap((s) => s.timers));
  }

  /**
   * Checkpoint-style restore (Flink's harness.initializeState(OperatorSubtaskState)): loads this
   * subtask's share of a checkpoint (keyed state + timers by key group, operator state) if given and
   * calls initializeState on CheckpointedFunctions. Call before open() to use snapshotCheckpoint().
   */
  initializeCheckpointState(state?: OperatorRestoreState): void | Promise<void> {
    this.checkpointer = new TaskCheckpointer([this.operator], [this.context], null);
    return this.checkpointer.initialize(state ? { [this.context.uid]: state } : undefined);
  }

  /**
   * The operator's part of checkpoint `checkpointId` (Flink's harness.snapshot(id, timestamp)):
   * what a task sends the coordinator for it. Needs initializeCheckpointState() before open().
   */
  snapshotCheckpoint(
    checkpointId: number,
    timestamp = 0,
    savepoint = false,
  ): CheckpointOperatorSnapshot | undefined {
    if (this.checkpointer === null)
      throw new Error('snapshotCheckpoint(): call initializeCheckpointState() before open()');
    const ack = this.checkpointer.snapshot({ kind: 'barrier', checkpointId, timestamp, savepoint }, 0);
    return ack.operators[this.context.uid];
  }

  /** Tells CheckpointListeners that checkpoint `checkpointId` completed (Flink's notifyOfCompletedCheckpoint). */
  notifyOfCompletedCheckpoint(checkpointId: number): void | Promise<void> {
    return this.checkpointer?.notifyComplete(checkpointId);
  }

  open(): this {
    this.operator.open();
    return this;
  }
  /** A record; on keyed harnesses its key becomes the current key first. */
  processElement(value: IN, timestamp = NO_TIMESTAMP): void {
    const sel = this.options.keySelector;
    if (sel && this.backend) {
      const key = sel(value);
      this.backend.setCurrentKeyWithGroup(key, assignToKeyGroup(key, this.backend.maxParallelism));
    }
    this.operator.processElement(value, timestamp);
  }
  processWatermark(watermark: number): void {
    this.operator.processWatermark(watermark);
  }
  /** Moves the manual clock, firing due processing-time timers. */
  setProcessingTime(time: number): void {
    this.clock.advanceTo(time);
  }
  endInput(): void {
    this.operator.endInput();
  }
  close(): void {
    this.context.timeServiceManager?.close();
    this.operator.close();
  }

  /** Main-output values, in order. */
  extractOutputValues(): OUT[] {
    return this.output.filter((e) => e.kind === 'record').map((e) => (e as { value: OUT }).value);
  }
  /** Main-output [value, timestamp] pairs, in order. */
  extractOutputRecords(): [OUT, number][] {
    return this.output
      .filter((e) => e.kind === 'record')
      .map((e) => [(e as { value: OUT }).value, (e as { timestamp: number }).timestamp]);
  }
  /** Values sent to side output `tag`. */
  getSideOutput<X>(tag: OutputTag<X>): X[] {
    return this.output
      .filter((e) => e.kind === 'side' && e.tag === tag.id)
      .map((e) => (e as { value: X }).value);
  }
  /** Watermarks forwarded, in order. */
  extractWatermarks(): number[] {
    return this.output
      .filter((e) => e.kind === 'watermark')
      .map((e) => (e as { timestamp: number }).timestamp);
  }
  numEventTimeTimers(): number {
    return this.context.timeServiceManager?.numEventTimeTimers() ?? 0;
  }
  numProcessingTimeTimers(): number {
    return this.context.timeServiceManager?.numProcessingTimeTimers() ?? 0;
  }
  numKeyedStateEntries(): number {
    return this.backend?.numKeys() ?? 0;
  }
  /** Keyed state and timers as plain data (restore with initializeState on a new harness). */
  snapshot(): OperatorSnapshot {
    return {
      keyedState: this.backend ? this.backend.snapshot() : null,
      timers: this.context.timeServiceManager?.snapshot() ?? [],
    };
  }
}
