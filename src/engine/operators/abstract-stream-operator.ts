import type { KeyedStateBackend } from '../state/keyed-state-backend.ts';
import { MIN_WATERMARK } from '../time/watermark.ts';
import type { InternalTimerService, Triggerable } from '../time/timer-service.ts';
import { operatorFailure, type OperatorFailure } from '../runtime/errors.ts';
import type { OperatorContext, Output, StreamOperator } from '../runtime/operator.ts';
import { StreamingRuntimeContext } from '../runtime/streaming-runtime-context.ts';
import { isRichFunction } from '../api/functions/user-function.ts';

/** A timer service the operator can advance (InternalTimerServiceImpl has this). */
interface AdvanceableTimerService extends InternalTimerService {
  advanceWatermark(watermark: number): void;
}

/**
 * Base of the engine's operators (Flink's AbstractStreamOperator): keeps the context and output,
 * tracks the timer services it created and, on a watermark, fires their event-time timers before
 * forwarding the watermark (Flink's order). Window operators can extend it too.
 *
 * @example
 * class Doubler extends AbstractStreamOperator<number> implements OneInputStreamOperator<number, number> {
 *   processElement(v: number, ts: number) { this.output.collect(v * 2, ts); }
 * }
 */
export abstract class AbstractStreamOperator<OUT> implements StreamOperator<OUT> {
  protected output!: Output<OUT>;
  protected context!: OperatorContext;
  /** The last watermark this operator received (MIN_WATERMARK before the first). */
  protected currentWatermark = MIN_WATERMARK;
  private readonly timerServices: AdvanceableTimerService[] = [];

  setup(context: OperatorContext, output: Output<OUT>): void {
    this.context = context;
    this.output = output;
  }
  open(): void {}
  endInput(): void {}
  close(): void {}

  processWatermark(watermark: number): void {
    this.currentWatermark = watermark;
    const manager = (this.context as { timeServiceManager?: { advanceWatermark(w: number): void } | null })
      .timeServiceManager;
    if (manager) manager.advanceWatermark(watermark);
    else for (const s of this.timerServices) s.advanceWatermark(watermark);
    this.output.emitWatermark(watermark);
  }

  /**
   * A keyed timer service whose event-time timers fire on watermarks, before the watermark is forwarded.
   * (Services from the runtime's context are advanced through its timer service manager; others,
   * e.g. from a test's context, are tracked here.)
   */
  protected getInternalTimerService(name: string, target: Triggerable): InternalTimerService {
    const service = this.context.getInternalTimerService(name, target) as AdvanceableTimerService;
    if (!this.timerServices.includes(service)) this.timerServices.push(service);
    return service;
  }

  /** The keyed state backend; throws naming the operator when it is not keyed. */
  protected getKeyedStateBackend(): KeyedStateBackend {
    const backend = this.context.keyedStateBackend;
    if (!backend) {
      throw new Error(
        `Operator "${this.context.operatorName}" needs a keyed stream: call keyBy(...) before it`,
      );
    }
    return backend;
  }

  /** An error naming this operator, `what` failed, and the record. */
  protected fail(what: string, cause: unknown, record?: { value: unknown }): OperatorFailure {
    return operatorFailure(this.context, what, cause, record);
  }
}

/**
 * An operator around a user function: gives rich functions their runtime context and calls their
 * open()/close() (Flink's AbstractUdfStreamOperator).
 *
 * @example class StreamMap<I, O> extends AbstractUdfStreamOperator<O, MapFunction<I, O>> { ... }
 */
export abstract class AbstractUdfStreamOperator<OUT, F> extends AbstractStreamOperator<OUT> {
  constructor(readonly userFunction: F) {
    super();
  }
  override setup(context: OperatorContext, output: Output<OUT>): void {
    super.setup(context, output);
    const fn = this.userFunction;
    if (isRichFunction(fn)) fn.setRuntimeContext(new StreamingRuntimeContext(context));
  }
  override open(): void {
    const fn = this.userFunction;
    if (isRichFunction(fn)) {
      try {
        fn.open({});
      } catch (e) {
        throw this.fail('open()', e);
      }
    }
  }
  override close(): void {
    const fn = this.userFunction;
    if (isRichFunction(fn)) {
      try {
        fn.close();
      } catch (e) {
        throw this.fail('close()', e);
      }
    }
  }
}
