/**
 * Flink's windowing, exact to its semantics: window types, assigners, triggers, evictors, the
 * window operator, and the WindowedStream / AllWindowedStream API.
 *
 * @example
 * import { TumblingEventTimeWindows, Time } from './windows/index.ts';
 * events
 *   .keyBy((e) => e.user)
 *   .window(TumblingEventTimeWindows.of(Time.seconds(10)))
 *   .allowedLateness(Time.seconds(5))
 *   .sum('clicks');
 */
export { Time, type TimeLike } from '../api/time.ts';
export { Window } from './window.ts';
export { TimeWindow } from './time-window.ts';
export { GlobalWindow } from './global-window.ts';
export { WindowAssigner, MergingWindowAssigner, type WindowAssignerContext } from './window-assigner.ts';
export { TumblingEventTimeWindows } from './assigners/tumbling-event-time-windows.ts';
export { SlidingEventTimeWindows } from './assigners/sliding-event-time-windows.ts';
export { EventTimeSessionWindows } from './assigners/event-time-session-windows.ts';
export { TumblingProcessingTimeWindows } from './assigners/tumbling-processing-time-windows.ts';
export { SlidingProcessingTimeWindows } from './assigners/sliding-processing-time-windows.ts';
export { ProcessingTimeSessionWindows } from './assigners/processing-time-session-windows.ts';
export { GlobalWindows } from './assigners/global-windows.ts';
export type { SessionWindowTimeGapExtractor } from './assigners/session-gap.ts';
export { Trigger, type TriggerContext, type OnMergeContext } from './triggers/trigger.ts';
export { TriggerResult } from './triggers/trigger-result.ts';
export { EventTimeTrigger } from './triggers/event-time-trigger.ts';
export { ProcessingTimeTrigger } from './triggers/processing-time-trigger.ts';
export { CountTrigger } from './triggers/count-trigger.ts';
export { PurgingTrigger } from './triggers/purging-trigger.ts';
export { ContinuousEventTimeTrigger } from './triggers/continuous-event-time-trigger.ts';
export { ContinuousProcessingTimeTrigger } from './triggers/continuous-processing-time-trigger.ts';
export { NeverTrigger } from './triggers/never-trigger.ts';
export { TimestampedValue, type Evictor, type EvictorContext } from './evictors/evictor.ts';
export { CountEvictor } from './evictors/count-evictor.ts';
export { TimeEvictor } from './evictors/time-evictor.ts';
export { DeltaEvictor, type DeltaFunction } from './evictors/delta-evictor.ts';
export { WindowOperator, type WindowOperatorSpec } from './operator/window-operator.ts';
export { EvictingWindowOperator } from './operator/evicting-window-operator.ts';
export { WindowOperatorBuilder, type WindowSettings } from './operator/window-operator-builder.ts';
export {
  ProcessWindowFunction,
  ProcessAllWindowFunction,
  type ProcessWindowContext,
  type ProcessWindowFunctionLike,
  type ProcessAllWindowFunctionLike,
} from '../api/functions/process-window-function.ts';
export type { WindowFunction, AllWindowFunction } from '../api/functions/window-function.ts';
export { WindowedStream, WindowedStreamBase, type WindowInput } from '../api/windowed-stream.ts';
export { AllWindowedStream, type AllWindowInput } from '../api/all-windowed-stream.ts';
