import type {
  AggregatingStateDescriptor,
  ListStateDescriptor,
  MapStateDescriptor,
  ReducingStateDescriptor,
  StateDescriptor,
  ValueStateDescriptor,
} from '../../state/descriptors.ts';
import type { AggregatingState, ListState, MapState, ReducingState, ValueState } from '../../state/state.ts';
import type { Window } from '../window.ts';
import type { TriggerResult } from './trigger-result.ts';

/** Per-window state of a trigger, scoped to the current key and the window being evaluated. */
export interface TriggerStateAccess {
  getPartitionedState<T>(descriptor: ValueStateDescriptor<T>): ValueState<T>;
  getPartitionedState<T>(descriptor: ListStateDescriptor<T>): ListState<T>;
  getPartitionedState<K, V>(descriptor: MapStateDescriptor<K, V>): MapState<K, V>;
  getPartitionedState<T>(descriptor: ReducingStateDescriptor<T>): ReducingState<T>;
  getPartitionedState<IN, ACC, OUT>(
    descriptor: AggregatingStateDescriptor<IN, ACC, OUT>,
  ): AggregatingState<IN, OUT>;
}

/**
 * What a trigger may do while deciding (Flink's Trigger.TriggerContext): read the clocks,
 * register and delete timers for the window, and keep per-window state.
 */
export interface TriggerContext extends TriggerStateAccess {
  getCurrentProcessingTime(): number;
  getCurrentWatermark(): number;
  registerProcessingTimeTimer(time: number): void;
  registerEventTimeTimer(time: number): void;
  deleteProcessingTimeTimer(time: number): void;
  deleteEventTimeTimer(time: number): void;
}

/** The context of `onMerge`: additionally merges the trigger state of the merged windows. */
export interface OnMergeContext extends TriggerContext {
  /** Merges this trigger's (reducing, aggregating or list) state of the merged windows into the new window. */
  mergePartitionedState(descriptor: StateDescriptor): void;
}

/**
 * Decides when a window is evaluated and when it is purged (Flink's Trigger). Called for every
 * element added to a window and for every timer the trigger registered. Triggers must not keep
 * state in fields: use `ctx.getPartitionedState`, which is scoped to the key and window.
 *
 * @example
 * // Fires every time an element with `urgent` arrives, and at the end of the window.
 * class UrgentTrigger extends Trigger<{ urgent: boolean }, TimeWindow> {
 *   onElement(e, ts, w, ctx) {
 *     ctx.registerEventTimeTimer(w.maxTimestamp());
 *     return e.urgent ? TriggerResult.FIRE : TriggerResult.CONTINUE;
 *   }
 *   onEventTime(time, w) { return time === w.maxTimestamp() ? TriggerResult.FIRE : TriggerResult.CONTINUE; }
 *   onProcessingTime() { return TriggerResult.CONTINUE; }
 *   clear(w, ctx) { ctx.deleteEventTimeTimer(w.maxTimestamp()); }
 * }
 */
export abstract class Trigger<T, W extends Window> {
  abstract onElement(element: T, timestamp: number, window: W, ctx: TriggerContext): TriggerResult;
  abstract onProcessingTime(time: number, window: W, ctx: TriggerContext): TriggerResult;
  abstract onEventTime(time: number, window: W, ctx: TriggerContext): TriggerResult;
  /** True if this trigger supports merging windows (session windows need it). */
  canMerge(): boolean {
    return false;
  }
  /** Called when windows merged into `window`; re-register timers, merge state. */
  onMerge(_window: W, _ctx: OnMergeContext): void {
    throw new Error(
      `${this.constructor.name} does not support merging windows; override canMerge() and onMerge()`,
    );
  }
  /** Called when the window is purged at cleanup time: delete timers and state set for it. */
  abstract clear(window: W, ctx: TriggerContext): void;
  toString(): string {
    return `${this.constructor.name}()`;
  }
}
