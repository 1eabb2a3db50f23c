import type { RestartStrategyConfiguration } from '../api/restart-strategies.ts';
import type { CheckpointStats } from '../checkpoint/coordinator/checkpoint-stats.ts';
import type { CheckpointCoordinatorConfig } from '../checkpoint/coordinator/coordinator-config.ts';
import type {
  CheckpointStorage,
  CompletedCheckpoint,
  Savepoint,
} from '../checkpoint/storage/checkpoint-storage.ts';
import type { JobGraph } from '../graph/job-graph.ts';

/** Lifecycle of a job, as Flink's JobStatus (reduced). */
export type JobStatus = 'RUNNING' | 'FINISHED' | 'FAILED' | 'CANCELED';

/** What a finished job reports (Flink's JobExecutionResult). */
export interface JobExecutionResult {
  readonly jobId: string;
  readonly jobName: string;
  /** Wall-clock run time in ms. */
  readonly netRuntimeMs: number;
}

/**
 * A submitted job (Flink's JobClient): its id and name, live status, a promise of its result (rejects
 * with the failure, or JobCancelledError after cancel()), and cancel().
 *
 * @example
 * const job = env.execute('word count');
 * await job.result; // or: await job.cancel();
 */
export interface JobHandle {
  readonly jobId: string;
  readonly jobName: string;
  readonly status: JobStatus;
  readonly result: Promise<JobExecutionResult>;
  cancel(): Promise<void>;
  /**
   * Inline runtime only: resolves once the job has processed everything available and waits for
   * input or timers (deterministic tests of unbounded jobs: push, await whenIdle(), advance the clock).
   */
  whenIdle?(): Promise<void>;
  /** With checkpointing: takes a self-contained savepoint of the running job. */
  triggerSavepoint?(name: string): Promise<Savepoint>;
  /** With checkpointing: takes a checkpoint now (after the one in flight); resolves when it is stored. */
  triggerCheckpoint?(): Promise<CompletedCheckpoint>;
  /** With checkpointing: a savepoint, then cancel; sinks commit exactly up to the savepoint. */
  stopWithSavepoint?(name: string): Promise<Savepoint>;
  /** With checkpointing: the checkpoint history (newest last). */
  getCheckpointHistory?(): readonly CheckpointStats[];
}

/** Checkpointing of a job, as the environment configured it (null/absent: off). */
export interface CheckpointingOptions {
  readonly config: CheckpointCoordinatorConfig;
  readonly storage: CheckpointStorage;
}

/** Options the environment passes to an executor. */
export interface ExecutionOptions {
  /** Where executeAndCollect sinks deliver their records (collectId, value). */
  readonly collect?: (collectId: number, value: unknown) => void;
  /** env.enableCheckpointing(...) settings. */
  readonly checkpointing?: CheckpointingOptions;
  /** env.setRestartStrategy(...); default noRestart() without checkpointing, else fixed-delay (Flink's). */
  readonly restartStrategy?: RestartStrategyConfiguration;
  /** Resume from a checkpoint or savepoint; 'latest': the newest checkpoint of `jobId` in the storage. */
  readonly restoreFrom?: CompletedCheckpoint | Savepoint | 'latest';
  /** Drop state of operator uids the job no longer has instead of failing (Flink's --allowNonRestoredState). */
  readonly allowNonRestoredState?: boolean;
  /** The job's id (its checkpoints are stored under it); default a new random one. */
  readonly jobId?: string;
}

/**
 * Runs a JobGraph: the inline runtime, or the worker runtime (next issue), selected through
 * `StreamExecutionEnvironment.getExecutionEnvironment({ executor })`.
 *
 * @example const env = StreamExecutionEnvironment.getExecutionEnvironment({ executor: myWorkerExecutor });
 */
export interface PipelineExecutor {
  execute(jobGraph: JobGraph, options: ExecutionOptions): JobHandle;
}

let jobCounter = 0;
/** A 32-hex-digit job id like Flink's JobID (random where crypto is available). */
export function newJobId(): string {
  const c = (globalThis as { crypto?: { getRandomValues?(a: Uint8Array): Uint8Array } }).crypto;
  const bytes = new Uint8Array(16);
  if (c?.getRandomValues) c.getRandomValues(bytes);
  else bytes.forEach((_, i) => (bytes[i] = (++jobCounter * 131 + i * 17) & 255));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
