import { isOutputTag, type OutputTag } from '../api/output-tag.ts';
import type { Output } from '../runtime/operator.ts';
import { VOID_NAMESPACE, type KeyedStateBackend } from '../state/keyed-state-backend.ts';
import type { InternalTimerService, ProcessingTimeService, TimerService } from '../time/timer-service.ts';
import { hasTimestamp, NO_TIMESTAMP } from '../time/watermark.ts';
import type { TimeDomain } from '../api/functions/process-function.ts';

/**
 * The one context object a process-style operator hands to its user function for every call
 * (records and timers); the operator updates `timestamp`, `domain` before each call. Reused to
 * keep the per-record path free of allocations.
 *
 * @example const ctx = new ProcessContextImpl(output, timerService, backend, clock, () => wm);
 */
export class ProcessContextImpl {
  /** Timestamp of the current record or timer (NaN: none). */
  ts = NO_TIMESTAMP;
  domain: TimeDomain = 'EVENT_TIME';
  private readonly timers: TimerService;
  constructor(
    private readonly out: Output<unknown>,
    timerService: InternalTimerService | null,
    private readonly backend: KeyedStateBackend | null,
    clock: ProcessingTimeService,
    currentWatermark: () => number,
    operatorName: string,
  ) {
    const noTimers = (): never => {
      throw new Error(
        `Operator "${operatorName}": setting timers is only supported on keyed streams; call keyBy(...) before process(...)`,
      );
    };
    this.timers = timerService
      ? {
          currentProcessingTime: () => timerService.currentProcessingTime(),
          currentWatermark: () => timerService.currentWatermark(),
          registerEventTimeTimer: (t) => timerService.registerEventTimeTimer(VOID_NAMESPACE, t),
          registerProcessingTimeTimer: (t) => timerService.registerProcessingTimeTimer(VOID_NAMESPACE, t),
          deleteEventTimeTimer: (t) => timerService.deleteEventTimeTimer(VOID_NAMESPACE, t),
          deleteProcessingTimeTimer: (t) => timerService.deleteProcessingTimeTimer(VOID_NAMESPACE, t),
        }
      : {
          currentProcessingTime: () => clock.getCurrentProcessingTime(),
          currentWatermark,
          registerEventTimeTimer: noTimers,
          registerProcessingTimeTimer: noTimers,
          deleteEventTimeTimer: noTimers,
          deleteProcessingTimeTimer: noTimers,
        };
  }
  timestamp(): number | null {
    return hasTimestamp(this.ts) ? this.ts : null;
  }
  timerService(): TimerService {
    return this.timers;
  }
  output<X>(tag: OutputTag<X>, value: X): void {
    if (!isOutputTag(tag)) throw new TypeError('ctx.output(tag, value): tag must be an OutputTag');
    this.out.collectSide(tag, value, this.ts);
  }
  getCurrentKey(): any {
    if (this.backend === null) throw new Error('getCurrentKey() is only available on keyed streams');
    return this.backend.getCurrentKey();
  }
  timeDomain(): TimeDomain {
    return this.domain;
  }
  currentProcessingTime(): number {
    return this.timers.currentProcessingTime();
  }
  currentWatermark(): number {
    return this.timers.currentWatermark();
  }
}
