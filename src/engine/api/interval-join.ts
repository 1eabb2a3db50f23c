import { checkBounds, IntervalJoinOperator } from '../operators/interval-join-operator.ts';
import { keySelectorOf } from './connected-streams.ts';
import { checkSameEnvironment, type SingleOutputStreamOperator } from './data-stream.ts';
import type { ProcessJoinFunctionLike } from './functions/process-join-function.ts';
import { toCallable } from './functions/user-function.ts';
import type { KeyedStream } from './keyed-stream.ts';
import { isOutputTag, type OutputTag } from './output-tag.ts';
import { toMilliseconds, type TimeLike } from './time.ts';

const checkTag = (tag: unknown, where: string): void => {
  if (!isOutputTag(tag)) {
    throw new TypeError(`${where}: expected an OutputTag, e.g. new OutputTag<Event>('late-left')`);
  }
};

/**
 * The first step of an interval join of two keyed streams (Flink's KeyedStream.IntervalJoin): pick
 * the bounds with between(lower, upper). Only event time is supported, as in Flink.
 *
 * @example
 * orders.keyBy((o) => o.id).intervalJoin(payments.keyBy((p) => p.orderId)).between(Time.minutes(-5), Time.minutes(10))
 */
export class IntervalJoin<T1, T2, K> {
  constructor(
    private readonly left: KeyedStream<T1, K>,
    private readonly right: KeyedStream<T2, K>,
  ) {
    if (!(right instanceof Object) || keySelectorOf(right) === null) {
      throw new TypeError(
        'intervalJoin(other): both streams must be keyed; call keyBy(...) on the other stream first, ' +
          'e.g. a.keyBy(k1).intervalJoin(b.keyBy(k2))',
      );
    }
    checkSameEnvironment(
      left.getExecutionEnvironment(),
      right.getExecutionEnvironment(),
      'intervalJoin(other)',
    );
  }

  /** Joins on event time (the default and the only time supported). */
  inEventTime(): this {
    return this;
  }

  /** Refused, as in Flink: interval joins need event time. */
  inProcessingTime(): never {
    throw new Error(
      'intervalJoin(...).inProcessingTime(): Currently only event time is supported for interval joins ' +
        '(time-bounded stream joins); use inEventTime() (the default) and give both inputs timestamps and ' +
        'watermarks with assignTimestampsAndWatermarks(...)',
    );
  }

  /**
   * The interval, relative to each left element a: a right element b joins a when
   * `a.ts + lowerBound <= b.ts <= a.ts + upperBound` (Time or milliseconds; lower <= upper).
   *
   * @example left.intervalJoin(right).between(Time.seconds(-2), Time.seconds(1))
   */
  between(lowerBound: TimeLike, upperBound: TimeLike): IntervalJoined<T1, T2, K> {
    const lower = toMilliseconds(lowerBound, 'intervalJoin(...).between() lower bound');
    const upper = toMilliseconds(upperBound, 'intervalJoin(...).between() upper bound');
    checkBounds(lower, upper, `intervalJoin(...).between(${lower}, ${upper})`);
    return new IntervalJoined(this.left, this.right, lower, upper);
  }
}

/**
 * An interval join with its bounds (Flink's IntervalJoined): make bounds exclusive, route late
 * elements to side outputs, then process(fn) each joined pair.
 *
 * @example
 * a.keyBy(k).intervalJoin(b.keyBy(k)).between(-5, 5).upperBoundExclusive().process((l, r, ctx, out) => out.collect([l, r]))
 */
export class IntervalJoined<T1, T2, K> {
  private lowerInclusive = true;
  private upperInclusive = true;
  private leftLateTag: OutputTag<T1> | null = null;
  private rightLateTag: OutputTag<T2> | null = null;

  constructor(
    private readonly left: KeyedStream<T1, K>,
    private readonly right: KeyedStream<T2, K>,
    private readonly lowerBound: number,
    private readonly upperBound: number,
  ) {}

  /** Excludes the lower bound: b.ts > a.ts + lower (Flink moves it by +1 ms). */
  lowerBoundExclusive(): this {
    this.lowerInclusive = false;
    return this;
  }
  /** Excludes the upper bound: b.ts < a.ts + upper (Flink moves it by -1 ms). */
  upperBoundExclusive(): this {
    this.upperInclusive = false;
    return this;
  }
  /** Left elements behind the watermark go to `tag` instead of being dropped. @example joined.sideOutputLeftLateData(lateOrders) */
  sideOutputLeftLateData(tag: OutputTag<T1>): this {
    checkTag(tag, 'sideOutputLeftLateData()');
    this.leftLateTag = tag;
    return this;
  }
  /** Right elements behind the watermark go to `tag` instead of being dropped. @example joined.sideOutputRightLateData(latePayments) */
  sideOutputRightLateData(tag: OutputTag<T2>): this {
    checkTag(tag, 'sideOutputRightLateData()');
    this.rightLateTag = tag;
    return this;
  }

  /**
   * Calls `fn` for every joined pair; results carry the timestamp max(left.ts, right.ts).
   *
   * @example joined.process((order, payment, ctx, out) => out.collect({ id: order.id, at: ctx.getTimestamp() }))
   */
  process<OUT>(fn: ProcessJoinFunctionLike<T1, T2, OUT>): SingleOutputStreamOperator<OUT> {
    toCallable(fn, 'processElement', 'intervalJoin(...).process()');
    const spec = {
      lowerBound: this.lowerBound,
      upperBound: this.upperBound,
      lowerBoundInclusive: this.lowerInclusive,
      upperBoundInclusive: this.upperInclusive,
      leftLateDataOutputTag: this.leftLateTag,
      rightLateDataOutputTag: this.rightLateTag,
      fn,
    };
    return this.left
      .connect(this.right)
      .transform('Interval Join', () => new IntervalJoinOperator<T1, T2, OUT>(spec));
  }
}
