import type { Collector } from '../api/functions/functions.ts';
import type { KeyedProcessFunction, ProcessFunction } from '../api/functions/process-function.ts';
import { copyUserFunction } from '../api/functions/user-function.ts';
import type { OneInputStreamOperator, OperatorContext, Output } from '../runtime/operator.ts';
import type { InternalTimer, InternalTimerService, Triggerable } from '../time/timer-service.ts';
import { NO_TIMESTAMP } from '../time/watermark.ts';
import { describeRecord } from '../runtime/errors.ts';
import { AbstractUdfStreamOperator } from './abstract-stream-operator.ts';
import { ProcessContextImpl } from './process-contexts.ts';
import { TimestampedCollector } from './timestamped-collector.ts';

type AnyProcessFunction<I, O> = ProcessFunction<I, O> | KeyedProcessFunction<any, I, O>;

/**
 * Runs a ProcessFunction or KeyedProcessFunction (Flink's ProcessOperator / KeyedProcessOperator):
 * one reused context and collector; on keyed streams a timer service named "user-timers" whose
 * timers call onTimer (event-time results carry the timer's timestamp, processing-time ones none).
 *
 * @example const factory = () => new ProcessOperator(new MyKeyedProcessFunction());
 */
export class ProcessOperator<I, O>
  extends AbstractUdfStreamOperator<O, AnyProcessFunction<I, O>>
  implements OneInputStreamOperator<I, O>, Triggerable
{
  private collector!: TimestampedCollector<O>;
  private ctx!: ProcessContextImpl;
  constructor(fn: AnyProcessFunction<I, O>) {
    super(copyUserFunction(fn));
  }
  override setup(context: OperatorContext, output: Output<O>): void {
    super.setup(context, output);
    this.collector = new TimestampedCollector(output);
  }
  override open(): void {
    super.open();
    const context = this.context;
    let timers: InternalTimerService | null = null;
    if (context.keyedStateBackend !== null) timers = this.getInternalTimerService('user-timers', this);
    this.ctx = new ProcessContextImpl(
      this.output,
      timers,
      context.keyedStateBackend,
      context.processingTimeService,
      () => this.currentWatermark,
      context.operatorName,
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
  onEventTime(timer: InternalTimer): void {
    this.collector.timestamp = timer.timestamp;
    this.fire(timer, 'EVENT_TIME');
  }
  onProcessingTime(timer: InternalTimer): void {
    this.collector.timestamp = NO_TIMESTAMP;
    this.fire(timer, 'PROCESSING_TIME');
  }
  private fire(timer: InternalTimer, domain: 'EVENT_TIME' | 'PROCESSING_TIME'): void {
    this.ctx.ts = timer.timestamp;
    this.ctx.domain = domain;
    try {
      this.userFunction.onTimer(timer.timestamp, this.ctx as any, this.collector as Collector<O>);
    } catch (e) {
      throw this.fail(`onTimer() at ${timer.timestamp} (${domain}) for key ${describeRecord(timer.key)}`, e);
    }
  }
}
