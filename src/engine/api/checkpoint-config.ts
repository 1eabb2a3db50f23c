import type { CheckpointingMode } from '../checkpoint/task/task-snapshot.ts';
import type { CheckpointStorage } from '../checkpoint/storage/checkpoint-storage.ts';
import { MemoryCheckpointStorage } from '../checkpoint/storage/memory-checkpoint-storage.ts';
import {
  DEFAULT_COORDINATOR_CONFIG,
  type CheckpointCoordinatorConfig,
} from '../checkpoint/coordinator/coordinator-config.ts';
import { checkTolerableFailureNumber } from '../checkpoint/coordinator/checkpoint-failure-manager.ts';

const checkMs = (what: string, ms: number, min: number): void => {
  if (!(Number.isFinite(ms) && ms >= min))
    throw new RangeError(`${what}(${ms}): must be a number of ms >= ${min}`);
};

/**
 * Checkpoint settings of a job (Flink's CheckpointConfig), from `env.getCheckpointConfig()`.
 * Checkpointing is off until `env.enableCheckpointing(intervalMs)`.
 *
 * @example
 * env.enableCheckpointing(1_000);
 * env.getCheckpointConfig().setMinPauseBetweenCheckpoints(500).setCheckpointStorage(new IndexedDbCheckpointStorage());
 */
export class CheckpointConfig {
  private interval = -1;
  private mode: CheckpointingMode = 'EXACTLY_ONCE';
  private timeout = DEFAULT_COORDINATOR_CONFIG.timeoutMs;
  private minPause = DEFAULT_COORDINATOR_CONFIG.minPauseMs;
  private retained = DEFAULT_COORDINATOR_CONFIG.retained;
  private tolerableFailures = DEFAULT_COORDINATOR_CONFIG.tolerableFailures;
  private storage: CheckpointStorage | null = null;

  isCheckpointingEnabled(): boolean {
    return this.interval > 0;
  }
  /** Interval between checkpoint triggers (ms); -1 when off. */
  getCheckpointInterval(): number {
    return this.interval;
  }
  setCheckpointInterval(ms: number): this {
    checkMs('setCheckpointInterval', ms, 1);
    this.interval = ms;
    return this;
  }
  getCheckpointingMode(): CheckpointingMode {
    return this.mode;
  }
  setCheckpointingMode(mode: CheckpointingMode): this {
    if (mode !== 'EXACTLY_ONCE' && mode !== 'AT_LEAST_ONCE')
      throw new TypeError(`setCheckpointingMode('${String(mode)}'): use 'EXACTLY_ONCE' or 'AT_LEAST_ONCE'`);
    this.mode = mode;
    return this;
  }
  getCheckpointTimeout(): number {
    return this.timeout;
  }
  /** A checkpoint not completed within this time is aborted (default 10 min). */
  setCheckpointTimeout(ms: number): this {
    checkMs('setCheckpointTimeout', ms, 1);
    this.timeout = ms;
    return this;
  }
  getMinPauseBetweenCheckpoints(): number {
    return this.minPause;
  }
  setMinPauseBetweenCheckpoints(ms: number): this {
    checkMs('setMinPauseBetweenCheckpoints', ms, 0);
    this.minPause = ms;
    return this;
  }
  getMaxConcurrentCheckpoints(): number {
    return 1;
  }
  /** Only 1 is supported (Flink's default): barriers of two checkpoints never overlap. */
  setMaxConcurrentCheckpoints(n: number): this {
    if (n !== 1) throw new RangeError(`setMaxConcurrentCheckpoints(${n}): only 1 is supported`);
    return this;
  }
  getNumRetainedCheckpoints(): number {
    return this.retained;
  }
  /** Completed checkpoints kept in storage (Flink's state.checkpoints.num-retained, default 1). */
  setNumRetainedCheckpoints(n: number): this {
    if (!(Number.isInteger(n) && n >= 1))
      throw new RangeError(`setNumRetainedCheckpoints(${n}): must be an integer >= 1`);
    this.retained = n;
    return this;
  }
  getTolerableCheckpointFailureNumber(): number {
    return this.tolerableFailures;
  }
  /**
   * Consecutive checkpoint failures tolerated before the job fails over (Flink's
   * setTolerableCheckpointFailureNumber, default 0: the first failure does). Failures that count:
   * a task declines (its snapshot fails), the checkpoint expires (timeout), the storage fails (e.g.
   * QuotaExceededError); aborts caused by a failover, cancel or the job's end, and savepoints, do not.
   * A completed checkpoint resets the count. The failover follows the restart strategy, with the
   * error "Exceeded checkpoint tolerable failure threshold. …" naming the last failure.
   * `Infinity` tolerates every failure.
   *
   * @example env.getCheckpointConfig().setTolerableCheckpointFailureNumber(3)
   */
  setTolerableCheckpointFailureNumber(n: number): this {
    checkTolerableFailureNumber('setTolerableCheckpointFailureNumber', n);
    this.tolerableFailures = n;
    return this;
  }
  /** Where checkpoints go; default a MemoryCheckpointStorage (IndexedDbCheckpointStorage in the browser). */
  setCheckpointStorage(storage: CheckpointStorage): this {
    if (!storage || typeof storage.writeChunk !== 'function' || typeof storage.commit !== 'function')
      throw new TypeError(
        'setCheckpointStorage(): expected a CheckpointStorage (MemoryCheckpointStorage, IndexedDbCheckpointStorage)',
      );
    this.storage = storage;
    return this;
  }
  getCheckpointStorage(): CheckpointStorage {
    return (this.storage ??= new MemoryCheckpointStorage());
  }
  /** @internal The coordinator's settings. */
  toCoordinatorConfig(): CheckpointCoordinatorConfig {
    return {
      intervalMs: this.interval,
      mode: this.mode,
      timeoutMs: this.timeout,
      minPauseMs: this.minPause,
      maxConcurrent: 1,
      retained: this.retained,
      tolerableFailures: this.tolerableFailures,
    };
  }
}
