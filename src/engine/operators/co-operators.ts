import type {
  CoFlatMapFunction,
  CoMapFunction,
  CoProcessFunction,
  KeyedCoProcessFunction,
} from '../api/functions/co-functions.ts';
import { checkMethods, copyUserFunction } from '../api/functions/user-function.ts';
import type { OperatorContext, Output, TwoInputStreamOperator } from '../runtime/operator.ts';
import type { InternalTimerService } from '../time/timer-service.ts';
import { AbstractUdfStreamOperator } from './abstract-stream-operator.ts';
import { AbstractProcessOperator } from './abstract-process-operator.ts';
import { ProcessContextImpl } from './process-contexts.ts';
import { TimestampedCollector } from './timestamped-collector.ts';

/**
 * map1/map2 over connected streams (Flink's CoStreamMap).
 *
 * @example const factory = () => new CoStreamMap({ map1: (a: number) => a, map2: (b: string) => b.length });
 */
export class CoStreamMap<I1, I2, O>
  extends AbstractUdfStreamOperator<O, CoMapFunction<I1, I2, O>>
  implements TwoInputStreamOperator<I1, I2, O>
{
  constructor(fn: CoMapFunction<I1, I2, O>) {
    super(copyUserFunction(fn));
    checkMethods(fn, ['map1', 'map2'], 'CoMapFunction');
  }
  processElement1(value: I1, timestamp: number): void {
    let r: O;
    try {
      r = this.userFunction.map1(value);
    } catch (e) {
      throw this.fail('map1()', e, { value });
    }
    this.output.collect(r, timestamp);
  }
  processElement2(value: I2, timestamp: number): void {
    let r: O;
    try {
      r = this.userFunction.map2(value);
    } catch (e) {
      throw this.fail('map2()', e, { value });
    }
    this.output.collect(r, timestamp);
  }
}

/**
 * flatMap1/flatMap2 over connected streams (Flink's CoStreamFlatMap).
 *
 * @example const factory = () => new CoStreamFlatMap({ flatMap1: (a, out) => out.collect(a), flatMap2: () => {} });
 */
export class CoStreamFlatMap<I1, I2, O>
  extends AbstractUdfStreamOperator<O, CoFlatMapFunction<I1, I2, O>>
  implements TwoInputStreamOperator<I1, I2, O>
{
  private collector!: TimestampedCollector<O>;
  constructor(fn: CoFlatMapFunction<I1, I2, O>) {
    super(copyUserFunction(fn));
    checkMethods(fn, ['flatMap1', 'flatMap2'], 'CoFlatMapFunction');
  }
  override setup(context: OperatorContext, output: Output<O>): void {
    super.setup(context, output);
    this.collector = new TimestampedCollector(output);
  }
  processElement1(value: I1, timestamp: number): void {
    this.collector.timestamp = timestamp;
    try {
      this.userFunction.flatMap1(value, this.collector);
    } catch (e) {
      throw this.fail('flatMap1()', e, { value });
    }
  }
  processElement2(value: I2, timestamp: number): void {
    this.collector.timestamp = timestamp;
    try {
      this.userFunction.flatMap2(value, this.collector);
    } catch (e) {
      throw this.fail('flatMap2()', e, { value });
    }
  }
}

type AnyCoProcess<I1, I2, O> = CoProcessFunction<I1, I2, O> | KeyedCoProcessFunction<any, I1, I2, O>;

/**
 * Runs a CoProcessFunction or KeyedCoProcessFunction (Flink's CoProcessOperator and
 * KeyedCoProcessOperator); keyed ones get the "user-timers" timer service.
 *
 * @example const factory = () => new CoProcessOperator(new MyKeyedJoin());
 */
export class CoProcessOperator<I1, I2, O>
  extends AbstractProcessOperator<O, AnyCoProcess<I1, I2, O>, ProcessContextImpl>
  implements TwoInputStreamOperator<I1, I2, O>
{
  constructor(fn: AnyCoProcess<I1, I2, O>) {
    super(copyUserFunction(fn));
    checkMethods(fn, ['processElement1', 'processElement2'], 'CoProcessFunction');
  }
  protected createContext(timers: InternalTimerService | null): ProcessContextImpl {
    const c = this.context;
    return new ProcessContextImpl(
      this.output,
      timers,
      c.keyedStateBackend,
      c.processingTimeService,
      () => this.currentWatermark,
      c.operatorName,
    );
  }
  processElement1(value: I1, timestamp: number): void {
    this.collector.timestamp = this.ctx.ts = timestamp;
    try {
      this.userFunction.processElement1(value, this.ctx as any, this.collector);
    } catch (e) {
      throw this.fail('processElement1()', e, { value });
    }
  }
  processElement2(value: I2, timestamp: number): void {
    this.collector.timestamp = this.ctx.ts = timestamp;
    try {
      this.userFunction.processElement2(value, this.ctx as any, this.collector);
    } catch (e) {
      throw this.fail('processElement2()', e, { value });
    }
  }
}
