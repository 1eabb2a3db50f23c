/**
 * A test harness for one keyed one-input operator (Flink's KeyedOneInputStreamOperatorTestHarness):
 * push records and watermarks, move a manual processing-time clock, read what the operator emitted,
 * and snapshot/restore its keyed state and timers. Uses the real heap backend and timer service.
 */
import type { OutputTag } from '../../../../src/engine/api/output-tag.ts';
import type {
  OneInputStreamOperator,
  OperatorContext,
  Output,
} from '../../../../src/engine/runtime/operator.ts';
import { HeapKeyedStateBackend } from '../../../../src/engine/state/heap-keyed-state-backend.ts';
import type { KeyedStateSnapshot } from '../../../../src/engine/state/keyed-state-snapshot.ts';
import {
  InternalTimerServiceImpl,
  type TimerServiceSnapshot,
} from '../../../../src/engine/time/internal-timer-service.ts';
import { ManualProcessingTimeService } from '../../../../src/engine/time/processing-time.ts';
import type { Triggerable } from '../../../../src/engine/time/timer-service.ts';

/** Everything the operator emitted, in order. */
export type Emitted<OUT> =
  | { kind: 'record'; value: OUT; timestamp: number }
  | { kind: 'side'; tag: string; value: unknown; timestamp: number }
  | { kind: 'watermark'; watermark: number };

export interface HarnessSnapshot {
  state: KeyedStateSnapshot;
  timers: TimerServiceSnapshot[];
  processingTime: number;
}

export class KeyedOperatorHarness<IN, OUT> {
  readonly clock: ManualProcessingTimeService;
  readonly backend = new HeapKeyedStateBackend({ maxParallelism: 128 });
  readonly emitted: Emitted<OUT>[] = [];
  readonly operator: OneInputStreamOperator<IN, OUT>;
  private readonly timerServices = new Map<string, InternalTimerServiceImpl>();
  private pendingTimerRestore: TimerServiceSnapshot[] = [];

  constructor(
    factory: () => OneInputStreamOperator<IN, OUT>,
    private readonly keySelector: (value: IN) => unknown,
    options: { processingTime?: number; operatorName?: string } = {},
  ) {
    this.clock = new ManualProcessingTimeService(options.processingTime ?? 0);
    this.operator = factory();
    const context: OperatorContext = {
      operatorName: options.operatorName ?? 'Window(test)',
      uid: 'test-uid',
      subtaskIndex: 0,
      parallelism: 1,
      maxParallelism: 128,
      attemptNumber: 0,
      processingTimeService: this.clock,
      keyedStateBackend: this.backend,
      getInternalTimerService: (name: string, target: Triggerable) => {
        let svc = this.timerServices.get(name);
        if (svc === undefined) {
          svc = new InternalTimerServiceImpl(name, this.backend, this.clock, target);
          svc.restore(this.pendingTimerRestore.filter((s) => s.name === name));
          this.timerServices.set(name, svc);
        }
        return svc;
      },
    };
    const output: Output<OUT> = {
      collect: (value, timestamp) => this.emitted.push({ kind: 'record', value, timestamp }),
      collectSide: <X>(tag: OutputTag<X>, value: X, timestamp: number) =>
        this.emitted.push({ kind: 'side', tag: tag.id, value, timestamp }),
      emitWatermark: (watermark) => this.emitted.push({ kind: 'watermark', watermark }),
    };
    this.operator.setup(context, output);
  }

  /** Opens the operator, optionally after restoring a snapshot (as Flink restores before open). */
  open(restoreFrom?: HarnessSnapshot): this {
    if (restoreFrom) {
      this.backend.restore([restoreFrom.state]);
      this.pendingTimerRestore = restoreFrom.timers;
      this.clock.advanceTo(Math.max(this.clock.getCurrentProcessingTime(), restoreFrom.processingTime));
    }
    this.operator.open();
    return this;
  }

  /** A record with an event timestamp (NaN for none). */
  processElement(value: IN, timestamp = Number.NaN): this {
    this.backend.setCurrentKey(this.keySelector(value));
    this.operator.processElement(value, timestamp);
    return this;
  }

  processWatermark(watermark: number): this {
    this.operator.processWatermark(watermark);
    return this;
  }

  setProcessingTime(time: number): this {
    this.clock.advanceTo(time);
    return this;
  }

  /** Ends the input as a bounded source does: final watermark +Infinity, endInput, close. */
  finish(): this {
    this.operator.processWatermark(Number.POSITIVE_INFINITY);
    this.operator.endInput();
    this.operator.close();
    return this;
  }

  snapshot(): HarnessSnapshot {
    return {
      state: this.backend.snapshot(),
      timers: [...this.timerServices.values()].map((s) => s.snapshot()),
      processingTime: this.clock.getCurrentProcessingTime(),
    };
  }

  /** Main-output records as [value, timestamp] pairs. */
  records(): [OUT, number][] {
    return this.emitted.flatMap((e) =>
      e.kind === 'record' ? [[e.value, e.timestamp] as [OUT, number]] : [],
    );
  }

  /** Main-output values only. */
  values(): OUT[] {
    return this.records().map(([v]) => v);
  }

  /** Side-output records of one tag as [value, timestamp] pairs. */
  side<X>(tag: OutputTag<X>): [X, number][] {
    return this.emitted.flatMap((e) =>
      e.kind === 'side' && e.tag === tag.id ? [[e.value as X, e.timestamp] as [X, number]] : [],
    );
  }

  /** Removes and returns what was emitted so far (for step-by-step expectations). */
  takeRecords(): [OUT, number][] {
    const out = this.records();
    this.emitted.length = 0;
    return out;
  }

  numEventTimeTimers(): number {
    let n = 0;
    for (const s of this.timerServices.values()) n += s.numEventTimeTimers();
    return n;
  }

  numProcessingTimeTimers(): number {
    let n = 0;
    for (const s of this.timerServices.values()) n += s.numProcessingTimeTimers();
    return n;
  }
}
