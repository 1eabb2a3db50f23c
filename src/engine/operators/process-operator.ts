import type { Collector } from '../api/functions/functions.ts';
import type { KeyedProcessFunction, ProcessFunction } from '../api/functions/process-function.ts';
import { copyUserFunction } from '../api/functions/user-function.ts';
import type { OneInputStreamOperator } from '../runtime/operator.ts';
import type { InternalTimerService } from '../time/timer-service.ts';
import { AbstractProcessOperator } from './abstract-process-operator.ts';
import { ProcessContextImpl } from './process-contexts.ts';

type AnyProcessFunction<I, O> = ProcessFunction<I, O> | KeyedProcessFunction<any, I, O>;

/**
 * Runs a ProcessFunction or KeyedProcessFunction (Flink's ProcessOperator / KeyedProcessOperator):
 * one reused context and collector; on keyed streams a timer service named "user-timers" whose
 * timers call onTimer (event-time results carry the timer's timestamp, processing-time ones none).
 *
 * @example const factory = () => new ProcessOperator(new MyKeyedProcessFunction());
 */
export class ProcessOperator<I, O>
  extends AbstractProcessOperator<O, AnyProcessFunction<I, O>, ProcessContextImpl>
  implements OneInputStreamOperator<I, O>
{
  constructor(fn: AnyProcessFunction<I, O> | ((value: I, ctx: any, out: Collector<O>) => void)) {
    // A plain function is the processElement of a function without timers (JS users pass one).
    super(
      copyUserFunction(typeof fn === 'function' ? ({ processElement: fn } as AnyProcessFunction<I, O>) : fn),
    );
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
  processElement(value: I, timestamp: number): void {
    this.collector.timestamp = timestamp;
    this.ctx.ts = timestamp;
    try {
      this.userFunction.processElement(value, this.ctx as any, this.collector as Collector<O>);
    } catch (e) {
      throw this.fail('processElement()', e, { value });
    }
  }
}
