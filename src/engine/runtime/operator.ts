import type { OutputTag } from '../api/output-tag.ts';
import type { KeyedStateBackend } from '../state/keyed-state-backend.ts';
import type { InternalTimerService, ProcessingTimeService, Triggerable } from '../time/timer-service.ts';

/**
 * Where an operator sends its results. Chained operators receive these calls directly (no queue);
 * at a shuffle the runtime buffers records into batches per target channel.
 * `timestamp` is NO_TIMESTAMP (NaN) for records without an event timestamp.
 */
export interface Output<T> {
  collect(value: T, timestamp: number): void;
  collectSide<X>(tag: OutputTag<X>, value: X, timestamp: number): void;
  emitWatermark(watermark: number): void;
}

/** Facts about the running subtask, handed to every operator at setup. */
export interface OperatorContext {
  readonly operatorName: string;
  readonly uid: string;
  readonly subtaskIndex: number;
  readonly parallelism: number;
  readonly maxParallelism: number;
  readonly attemptNumber: number;
  readonly processingTimeService: ProcessingTimeService;
  /** Present only for operators after keyBy (keyed transformations). */
  readonly keyedStateBackend: KeyedStateBackend | null;
  /**
   * Timers for keyed operators; `target` receives them (the runtime sets the timer's key as the
   * current key before calling it). Throws for non-keyed operators, naming the operator.
   */
  getInternalTimerService(name: string, target: Triggerable): InternalTimerService;
}

/** Lifecycle shared by all operators: setup → open → process… → endInput → close. */
export interface StreamOperator<OUT> {
  setup(context: OperatorContext, output: Output<OUT>): void;
  open(): void;
  /** Called once after the last record and the final watermark of all inputs. */
  endInput(): void;
  close(): void;
}

/**
 * One-input operator. For keyed operators the runtime sets the record's key as the current key
 * of the keyed state backend before processElement.
 * processWatermark receives the already-combined input watermark (min over channels, idle excluded)
 * and only when it advances; the operator fires its timers and then forwards it downstream.
 */
export interface OneInputStreamOperator<IN, OUT> extends StreamOperator<OUT> {
  processElement(value: IN, timestamp: number): void;
  processWatermark(watermark: number): void;
}

/** Two-input operator (connect). Watermark = min of both inputs, handled by the runtime. */
export interface TwoInputStreamOperator<IN1, IN2, OUT> extends StreamOperator<OUT> {
  processElement1(value: IN1, timestamp: number): void;
  processElement2(value: IN2, timestamp: number): void;
  processWatermark(watermark: number): void;
}

/** Builds a fresh operator per parallel subtask (user functions are not shared across subtasks). */
export type OperatorFactory<OP> = () => OP;
