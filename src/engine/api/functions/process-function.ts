import type { OutputTag } from '../output-tag.ts';
import type { TimerService } from '../../time/timer-service.ts';
import { AbstractRichFunction } from './rich-function.ts';
import type { Collector } from './functions.ts';

/** Which clock fired a timer (Flink's TimeDomain). */
export const TimeDomain = { EVENT_TIME: 'EVENT_TIME', PROCESSING_TIME: 'PROCESSING_TIME' } as const;
export type TimeDomain = (typeof TimeDomain)[keyof typeof TimeDomain];

/** Context of processElement (Flink's ProcessFunction.Context). */
export interface ProcessContext {
  /** The record's event timestamp, or null when it has none (or, in onTimer, the timer's time). */
  timestamp(): number | null;
  /** Timers can be registered only on keyed streams; reading the clocks works everywhere. */
  timerService(): TimerService;
  /** Emits to a side output; read it with getSideOutput(tag). */
  output<X>(tag: OutputTag<X>, value: X): void;
}
/** Context of onTimer: also says which clock fired. */
export interface OnTimerContext extends ProcessContext {
  timeDomain(): TimeDomain;
}
/** Context of a keyed processElement (Flink's KeyedProcessFunction.Context). */
export interface KeyedProcessContext<K> extends ProcessContext {
  getCurrentKey(): K;
}
/** Context of a keyed onTimer. */
export interface KeyedOnTimerContext<K> extends KeyedProcessContext<K> {
  timeDomain(): TimeDomain;
}

/**
 * A low-level function over a (non-keyed) stream: emits any number of results and side outputs.
 *
 * @example
 * class Split extends ProcessFunction<number, number> {
 *   processElement(n: number, ctx: ProcessContext, out: Collector<number>) {
 *     if (n < 0) ctx.output(negatives, n); else out.collect(n);
 *   }
 * }
 */
export abstract class ProcessFunction<I, O> extends AbstractRichFunction {
  abstract processElement(value: I, ctx: ProcessContext, out: Collector<O>): void;
  /** Called when a timer fires (timers need a keyed stream). */
  onTimer(_timestamp: number, _ctx: OnTimerContext, _out: Collector<O>): void {}
}

/**
 * A function over a keyed stream with keyed state and timers (Flink's KeyedProcessFunction).
 *
 * @example
 * class CountWithTimeout extends KeyedProcessFunction<string, [string, string], [string, number]> {
 *   processElement(v: [string, string], ctx: KeyedProcessContext<string>, out: Collector<[string, number]>) {
 *     ctx.timerService().registerEventTimeTimer(ctx.timestamp()! + 60_000);
 *   }
 *   override onTimer(ts: number, ctx: KeyedOnTimerContext<string>, out: Collector<[string, number]>) {
 *     out.collect([ctx.getCurrentKey(), 1]);
 *   }
 * }
 */
export abstract class KeyedProcessFunction<K, I, O> extends AbstractRichFunction {
  abstract processElement(value: I, ctx: KeyedProcessContext<K>, out: Collector<O>): void;
  onTimer(_timestamp: number, _ctx: KeyedOnTimerContext<K>, _out: Collector<O>): void {}
}
