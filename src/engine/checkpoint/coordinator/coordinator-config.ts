import type { CheckpointingMode } from '../task/task-snapshot.ts';

/** Checkpoint settings the coordinator runs with (see CheckpointConfig for the user-facing API). */
export interface CheckpointCoordinatorConfig {
  /** Time between checkpoint triggers (ms). */
  readonly intervalMs: number;
  readonly mode: CheckpointingMode;
  /** A checkpoint not completed after this long is aborted (ms; Flink's default 10 min). */
  readonly timeoutMs: number;
  /** Least time between the end of one checkpoint and the next trigger (ms). */
  readonly minPauseMs: number;
  /** Checkpoints in flight at once; only 1 is supported (as Flink's default). */
  readonly maxConcurrent: number;
  /** Completed checkpoints kept in storage. */
  readonly retained: number;
  /**
   * Consecutive checkpoint failures (declines, expiry, storage errors) tolerated before the job fails
   * over (Flink's tolerable-failed-checkpoints; Infinity: never). Default 0, as Flink: the first one
   * fails the job over, when the coordinator's user gave it a `failJob` hook.
   */
  readonly tolerableFailures?: number;
}

/** The settings that have defaults (every one but interval and mode). */
export type CoordinatorDefaults = Required<Omit<CheckpointCoordinatorConfig, 'intervalMs' | 'mode'>>;

/** Flink's defaults: 10 min timeout, no pause, one at a time, one retained, no failure tolerated. */
export const DEFAULT_COORDINATOR_CONFIG: CoordinatorDefaults = {
  timeoutMs: 600_000,
  minPauseMs: 0,
  maxConcurrent: 1,
  retained: 1,
  tolerableFailures: 0,
};

/** A clock with one-shot timers: the job's processing-time service, or the wall clock. */
export interface CoordinatorClock {
  now(): number;
  /** Runs `fn` after `delayMs`; returns a cancel function. */
  schedule(delayMs: number, fn: () => void): () => void;
}

/**
 * A CoordinatorClock on setTimeout / Date.now.
 *
 * @example new CheckpointCoordinator({ ..., clock: wallClock });
 */
export const wallClock: CoordinatorClock = {
  now: () => Date.now(),
  schedule(delayMs, fn) {
    const t = setTimeout(fn, delayMs);
    return () => clearTimeout(t);
  },
};
