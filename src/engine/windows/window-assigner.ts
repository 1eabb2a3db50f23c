import type { Namespace } from '../state/keyed-state-backend.ts';
import type { Trigger } from './triggers/trigger.ts';
import type { Window } from './window.ts';

/** What an assigner may ask while assigning (Flink's WindowAssignerContext). */
export interface WindowAssignerContext {
  getCurrentProcessingTime(): number;
}

/**
 * Assigns each element to zero or more windows (Flink's WindowAssigner). The returned array is
 * read at once by the window operator; assigners may reuse it between calls (the built-in ones do,
 * so the per-record path does not allocate).
 *
 * @example
 * // Every element in one window per calendar "bucket" of its `bucket` field.
 * class BucketWindows extends WindowAssigner<{ bucket: number }, TimeWindow> {
 *   assignWindows(e) { return [new TimeWindow(e.bucket * 100, e.bucket * 100 + 100)]; }
 *   getDefaultTrigger() { return EventTimeTrigger.create(); }
 *   isEventTime() { return true; }
 *   windowFromNamespace(ns) { return TimeWindow.fromNamespace(ns); }
 * }
 */
export abstract class WindowAssigner<T, W extends Window> {
  abstract assignWindows(element: T, timestamp: number, context: WindowAssignerContext): readonly W[];
  /** The trigger used when the user sets none. */
  abstract getDefaultTrigger(): Trigger<T, W>;
  /** True if windows are in event time (lateness, watermark-driven cleanup); false for processing time. */
  abstract isEventTime(): boolean;
  /** Rebuilds a window from its namespace, e.g. when one of its timers fires. */
  abstract windowFromNamespace(namespace: Namespace): W;
  toString(): string {
    return this.constructor.name;
  }
}

/**
 * An assigner whose windows can merge (session windows; Flink's MergingWindowAssigner).
 *
 * @example
 * assigner.mergeWindows(windows, (toBeMerged, mergeResult) => { ... });
 */
export abstract class MergingWindowAssigner<T, W extends Window> extends WindowAssigner<T, W> {
  /** Calls `callback(toBeMerged, mergeResult)` for every group of windows that must merge. */
  abstract mergeWindows(windows: readonly W[], callback: (toBeMerged: W[], mergeResult: W) => void): void;
}

/**
 * Throws Flink's error for an event-time assigner that sees a record without timestamp.
 *
 * @example
 * if (timestamp !== timestamp) throwNoTimestamp('TumblingEventTimeWindows');
 */
export function throwNoTimestamp(assigner: string): never {
  throw new Error(
    `${assigner}: Record has no timestamp. Did you forget to call assignTimestampsAndWatermarks(...)? ` +
      'Event-time windows need event timestamps; use a processing-time assigner to window by arrival time.',
  );
}

/**
 * Checks that a window parameter is a finite number > 0, with a message naming the assigner.
 *
 * @example
 * requirePositive('TumblingEventTimeWindows.of(size)', 'size', size);
 */
export function requirePositive(where: string, what: string, ms: number): void {
  if (!(ms > 0) || !Number.isFinite(ms)) {
    throw new RangeError(`${where}: ${what} must be a finite number of milliseconds > 0, got ${ms}`);
  }
}
