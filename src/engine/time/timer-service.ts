import type { Namespace } from '../state/keyed-state-backend.ts';

/** A timer registered by a keyed operator: fires once per (key, namespace, timestamp). */
export interface InternalTimer {
  readonly key: unknown;
  readonly namespace: Namespace;
  readonly timestamp: number;
}

/**
 * Operator-level timers, scoped to the current key of the keyed state backend (Flink's
 * InternalTimerService). Registering the same (key, namespace, time) twice keeps one timer.
 */
export interface InternalTimerService {
  currentWatermark(): number;
  currentProcessingTime(): number;
  registerEventTimeTimer(namespace: Namespace, time: number): void;
  deleteEventTimeTimer(namespace: Namespace, time: number): void;
  registerProcessingTimeTimer(namespace: Namespace, time: number): void;
  deleteProcessingTimeTimer(namespace: Namespace, time: number): void;
}

/** What an operator with timers implements; the runtime sets the timer's key as current key first. */
export interface Triggerable {
  onEventTime(timer: InternalTimer): void;
  onProcessingTime(timer: InternalTimer): void;
}

/**
 * The user-facing timer service of ProcessFunction contexts (Flink's TimerService).
 *
 * @example
 * ctx.timerService().registerEventTimeTimer(ctx.timestamp()! + 60_000);
 */
export interface TimerService {
  currentProcessingTime(): number;
  currentWatermark(): number;
  registerEventTimeTimer(time: number): void;
  registerProcessingTimeTimer(time: number): void;
  deleteEventTimeTimer(time: number): void;
  deleteProcessingTimeTimer(time: number): void;
}

/**
 * Source of processing time. The inline runtime uses a manual clock in tests so results are
 * deterministic; workers use the wall clock. Callbacks run on the task's thread, never concurrently.
 */
export interface ProcessingTimeService {
  getCurrentProcessingTime(): number;
  /** Schedules `callback(time)` when processing time reaches `time`; returns a cancel function. */
  registerTimer(time: number, callback: (time: number) => void): () => void;
}
