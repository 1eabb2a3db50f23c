import type { OperatorContext, Output } from '../runtime/operator.ts';
import { describeRecord } from '../runtime/errors.ts';
import type { InternalTimer, InternalTimerService, Triggerable } from '../time/timer-service.ts';
import { NO_TIMESTAMP } from '../time/watermark.ts';
import { AbstractUdfStreamOperator } from './abstract-stream-operator.ts';
import type { ProcessContextImpl } from './process-contexts.ts';
import { TimestampedCollector } from './timestamped-collector.ts';

/** A user function with Flink's onTimer (keyed process functions of every kind). */
interface TimerFunction {
  onTimer?(timestamp: number, ctx: any, out: any): void;
}

/**
 * What the process-function operators share (ProcessOperator, CoProcessOperator, CoBroadcastOperator):
 * one reused collector and context, a timer service named "user-timers" on keyed streams, and timers
 * dispatched to the function's onTimer — event-time results carry the timer's timestamp,
 * processing-time ones none, as in Flink.
 *
 * @example
 * class MyOperator extends AbstractProcessOperator<number, MyFn, ProcessContextImpl> {
 *   protected createContext(timers) { return new ProcessContextImpl(this.output, timers, ...); }
 * }
 */
export abstract class AbstractProcessOperator<O, F, C extends ProcessContextImpl>
  extends AbstractUdfStreamOperator<O, F>
  implements Triggerable
{
  protected collector!: TimestampedCollector<O>;
  protected ctx!: C;

  /** The context handed to the function; `timers` is null on non-keyed streams. */
  protected abstract createContext(timers: InternalTimerService | null): C;

  override setup(context: OperatorContext, output: Output<O>): void {
    super.setup(context, output);
    this.collector = new TimestampedCollector(output);
  }
  override open(): void {
    super.open();
    const timers = this.context.keyedStateBackend ? this.getInternalTimerService('user-timers', this) : null;
    this.ctx = this.createContext(timers);
  }
  onEventTime(timer: InternalTimer): void {
    this.collector.timestamp = timer.timestamp;
    this.fire(timer, 'EVENT_TIME');
  }
  onProcessingTime(timer: InternalTimer): void {
    this.collector.timestamp = NO_TIMESTAMP;
    this.fire(timer, 'PROCESSING_TIME');
  }
  /** Called before each onTimer call (e.g. broadcast state becomes read-only). */
  protected beforeTimer(): void {}
  private fire(timer: InternalTimer, domain: 'EVENT_TIME' | 'PROCESSING_TIME'): void {
    this.ctx.ts = timer.timestamp;
    this.ctx.domain = domain;
    this.beforeTimer();
    try {
      (this.userFunction as TimerFunction).onTimer!(timer.timestamp, this.ctx, this.collector);
    } catch (e) {
      throw this.fail(`onTimer() at ${timer.timestamp} (${domain}) for key ${describeRecord(timer.key)}`, e);
    }
  }
}
