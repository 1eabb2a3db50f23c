import type { Collector } from '../api/functions/functions.ts';
import type { ProcessJoinContext, ProcessJoinFunctionLike } from '../api/functions/process-join-function.ts';
import { copyUserFunction, toCallable } from '../api/functions/user-function.ts';
import { isOutputTag, type OutputTag } from '../api/output-tag.ts';
import type { OperatorContext, Output, TwoInputStreamOperator } from '../runtime/operator.ts';
import { MapStateDescriptor } from '../state/descriptors.ts';
import type { MapState } from '../state/state.ts';
import type { InternalTimer, InternalTimerService, Triggerable } from '../time/timer-service.ts';
import { hasTimestamp, MIN_WATERMARK } from '../time/watermark.ts';
import { VOID_NAMESPACE } from '../state/keyed-state-backend.ts';
import { AbstractUdfStreamOperator } from './abstract-stream-operator.ts';
import { TimestampedCollector } from './timestamped-collector.ts';

/** Timer namespaces of the two cleanup timers (Flink's CLEANUP_NAMESPACE_LEFT / _RIGHT). */
export const CLEANUP_NAMESPACE_LEFT = 'CLEANUP_LEFT';
export const CLEANUP_NAMESPACE_RIGHT = 'CLEANUP_RIGHT';
/** Name of the operator's timer service (Flink's CLEANUP_TIMER_NAME). */
const CLEANUP_TIMER_NAME = 'IntervalJoinOperator';

/** Everything an IntervalJoinOperator is built from (what IntervalJoined collects). */
export interface IntervalJoinSpec<IN1, IN2, OUT> {
  /** Milliseconds relative to the left element, as given to between(). */
  lowerBound: number;
  upperBound: number;
  lowerBoundInclusive: boolean;
  upperBoundInclusive: boolean;
  leftLateDataOutputTag: OutputTag<IN1> | null;
  rightLateDataOutputTag: OutputTag<IN2> | null;
  fn: ProcessJoinFunctionLike<IN1, IN2, OUT>;
}

type JoinCall<IN1, IN2, OUT> = (left: IN1, right: IN2, ctx: ProcessJoinContext, out: Collector<OUT>) => void;

/** The one context the operator hands to the function; updated before every call. */
class IntervalJoinContext implements ProcessJoinContext {
  leftTs = 0;
  rightTs = 0;
  resultTs = 0;
  constructor(private readonly out: Output<unknown>) {}
  getLeftTimestamp(): number {
    return this.leftTs;
  }
  getRightTimestamp(): number {
    return this.rightTs;
  }
  getTimestamp(): number {
    return this.resultTs;
  }
  output<X>(tag: OutputTag<X>, value: X): void {
    if (!isOutputTag(tag)) throw new TypeError('ctx.output(tag, value): tag must be an OutputTag');
    this.out.collectSide(tag, value, this.resultTs);
  }
}

/**
 * Flink's IntervalJoinOperator: joins elements of two keyed streams whose timestamps satisfy
 * `left.ts + lowerBound <= right.ts <= left.ts + upperBound` (exclusive bounds move by 1 ms). Each
 * element is buffered in keyed MapState (timestamp → elements) of its side, then joined with every
 * buffered element of the other side in its range; results carry max(left.ts, right.ts). Elements
 * behind the watermark are late: dropped, or sent to the side's late-data output. Event-time timers
 * in namespaces CLEANUP_LEFT / CLEANUP_RIGHT remove a bucket once no future element can join it.
 *
 * @example
 * left.connect(right).transform('Interval Join', () => new IntervalJoinOperator({ lowerBound: -5, upperBound: 5, ... }));
 */
export class IntervalJoinOperator<IN1, IN2, OUT>
  extends AbstractUdfStreamOperator<OUT, ProcessJoinFunctionLike<IN1, IN2, OUT>>
  implements TwoInputStreamOperator<IN1, IN2, OUT>, Triggerable
{
  /** Effective inclusive bounds (after the exclusive adjustments). */
  readonly lowerBound: number;
  readonly upperBound: number;
  private readonly join: JoinCall<IN1, IN2, OUT>;
  private readonly leftLateTag: OutputTag<IN1> | null;
  private readonly rightLateTag: OutputTag<IN2> | null;
  private leftBuffer!: MapState<number, IN1[]>;
  private rightBuffer!: MapState<number, IN2[]>;
  private timers!: InternalTimerService;
  private collector!: TimestampedCollector<OUT>;
  private ctx!: IntervalJoinContext;
  /** Late elements dropped because their side had no late-data output (both sides). */
  numLateRecordsDropped = 0;

  constructor(spec: IntervalJoinSpec<IN1, IN2, OUT>) {
    const fn = copyUserFunction(spec.fn);
    super(fn);
    this.join = toCallable<JoinCall<IN1, IN2, OUT>>(fn, 'processElement', 'ProcessJoinFunction');
    checkBounds(spec.lowerBound, spec.upperBound, 'IntervalJoinOperator');
    // As Flink: move exclusive bounds by one millisecond so only inclusive checks are needed later.
    this.lowerBound = spec.lowerBoundInclusive ? spec.lowerBound : spec.lowerBound + 1;
    this.upperBound = spec.upperBoundInclusive ? spec.upperBound : spec.upperBound - 1;
    this.leftLateTag = spec.leftLateDataOutputTag;
    this.rightLateTag = spec.rightLateDataOutputTag;
  }

  override setup(context: OperatorContext, output: Output<OUT>): void {
    if (context.keyedStateBackend === null) {
      throw new Error(
        `Operator "${context.operatorName}": an interval join needs two keyed inputs; ` +
          'use a.keyBy(k1).intervalJoin(b.keyBy(k2)).between(lower, upper).process(fn)',
      );
    }
    super.setup(context, output);
    this.collector = new TimestampedCollector(output);
    this.ctx = new IntervalJoinContext(output as Output<unknown>);
  }

  override open(): void {
    super.open();
    const backend = this.getKeyedStateBackend();
    this.leftBuffer = backend.getPartitionedState(
      VOID_NAMESPACE,
      new MapStateDescriptor<number, IN1[]>('LEFT_BUFFER'),
    );
    this.rightBuffer = backend.getPartitionedState(
      VOID_NAMESPACE,
      new MapStateDescriptor<number, IN2[]>('RIGHT_BUFFER'),
    );
    this.timers = this.getInternalTimerService(CLEANUP_TIMER_NAME, this);
  }

  processElement1(value: IN1, timestamp: number): void {
    if (!this.accept(value, timestamp, 'left', 'processElement1()')) {
      this.late(value, timestamp, this.leftLateTag);
      return;
    }
    addToBuffer(this.leftBuffer, value, timestamp);
    const lower = timestamp + this.lowerBound;
    const upper = timestamp + this.upperBound;
    for (const [ts, bucket] of this.rightBuffer.entries()) {
      if (ts < lower || ts > upper) continue;
      for (let i = 0; i < bucket.length; i++) this.collect(value, bucket[i], timestamp, ts);
    }
    const relativeUpper = this.upperBound;
    const cleanupTime = relativeUpper > 0 ? timestamp + relativeUpper : timestamp;
    this.timers.registerEventTimeTimer(CLEANUP_NAMESPACE_LEFT, cleanupTime);
  }

  processElement2(value: IN2, timestamp: number): void {
    if (!this.accept(value, timestamp, 'right', 'processElement2()')) {
      this.late(value, timestamp, this.rightLateTag);
      return;
    }
    addToBuffer(this.rightBuffer, value, timestamp);
    // Relative to the right element the interval is [-upperBound, -lowerBound].
    const lower = timestamp - this.upperBound;
    const upper = timestamp - this.lowerBound;
    for (const [ts, bucket] of this.leftBuffer.entries()) {
      if (ts < lower || ts > upper) continue;
      for (let i = 0; i < bucket.length; i++) this.collect(bucket[i], value, ts, timestamp);
    }
    const relativeUpper = -this.lowerBound;
    const cleanupTime = relativeUpper > 0 ? timestamp + relativeUpper : timestamp;
    this.timers.registerEventTimeTimer(CLEANUP_NAMESPACE_RIGHT, cleanupTime);
  }

  onEventTime(timer: InternalTimer): void {
    const t = timer.timestamp;
    if (timer.namespace === CLEANUP_NAMESPACE_LEFT) {
      this.leftBuffer.remove(this.upperBound <= 0 ? t : t - this.upperBound);
    } else if (timer.namespace === CLEANUP_NAMESPACE_RIGHT) {
      this.rightBuffer.remove(this.lowerBound <= 0 ? t + this.lowerBound : t);
    } else {
      throw new Error(`Operator "${this.context.operatorName}": unknown timer namespace ${timer.namespace}`);
    }
  }

  /** An interval join registers no processing-time timers. */
  onProcessingTime(): void {}

  /**
   * False when the element is late (behind a watermark that has advanced past the initial one);
   * throws when it has no timestamp.
   */
  private accept(value: unknown, timestamp: number, side: string, where: string): boolean {
    if (!hasTimestamp(timestamp)) {
      throw this.fail(
        where,
        new Error(
          `the ${side} element has no timestamp; elements of interval joins need meaningful timestamps: ` +
            'call assignTimestampsAndWatermarks(WatermarkStrategy...withTimestampAssigner(...)) on both inputs ' +
            '(or read them from a source with a WatermarkStrategy) before intervalJoin(...)',
        ),
        { value },
      );
    }
    const watermark = this.currentWatermark;
    return watermark === MIN_WATERMARK || timestamp >= watermark;
  }

  private late<T>(value: T, timestamp: number, tag: OutputTag<T> | null): void {
    if (tag === null) this.numLateRecordsDropped++;
    else this.output.collectSide(tag, value, timestamp);
  }

  private collect(left: IN1, right: IN2, leftTs: number, rightTs: number): void {
    const resultTs = Math.max(leftTs, rightTs);
    const ctx = this.ctx;
    ctx.leftTs = leftTs;
    ctx.rightTs = rightTs;
    ctx.resultTs = resultTs;
    this.collector.timestamp = resultTs;
    try {
      this.join(left, right, ctx, this.collector);
    } catch (e) {
      throw this.fail('processElement() of the ProcessJoinFunction', e, { value: [left, right] });
    }
  }
}

/** Adds `value` to the bucket of `timestamp`, written back with put as Flink does (not only changed in place). */
function addToBuffer<T>(buffer: MapState<number, T[]>, value: T, timestamp: number): void {
  const bucket = buffer.get(timestamp) ?? [];
  bucket.push(value);
  buffer.put(timestamp, bucket);
}

/**
 * Refuses bounds that are not finite milliseconds or where lower > upper (Flink's
 * "lowerBound <= upperBound must be fulfilled"); `where` names the call in the message.
 */
export function checkBounds(lowerBound: number, upperBound: number, where: string): void {
  for (const [name, b] of [
    ['lower', lowerBound],
    ['upper', upperBound],
  ] as const) {
    if (typeof b !== 'number' || !Number.isFinite(b)) {
      throw new RangeError(`${where}: the ${name} bound must be a finite number of milliseconds, got ${b}`);
    }
  }
  if (lowerBound > upperBound) {
    throw new RangeError(
      `${where}: the lower bound (${lowerBound} ms) must be <= the upper bound (${upperBound} ms): ` +
        'a right element b joins a left element a when a.ts + lower <= b.ts <= a.ts + upper; swap the bounds',
    );
  }
}
