import type { CheckpointStats } from '../checkpoint/coordinator/checkpoint-stats.ts';
import type {
  CheckpointStorage,
  CompletedCheckpoint,
  Savepoint,
} from '../checkpoint/storage/checkpoint-storage.ts';
import type { SubtaskMetrics } from './protocol.ts';
import type { WorkerSource } from './worker-source.ts';
import { newJobId } from '../runtime/job-handle.ts';
import { JobExecution } from './job-execution.ts';
import { loadJobPlan } from './job-loader.ts';
import { jobCheckpointing } from './job-setup.ts';
import type { WorkerFactory } from './worker-handle.ts';

/** Default limit of a control call (deploy imports the job module, which can take a while). */
export const DEFAULT_RPC_TIMEOUT_MS = 30_000;

/** How a JobManager starts and watches TaskManagers. */
export interface JobManagerOptions {
  /** Starts one TaskManager worker (browser: a Web Worker; Node: nodeTaskManagerFactory()). */
  spawnWorker: WorkerFactory;
  /** CPU cores to plan for. Default navigator.hardwareConcurrency (Node: os.availableParallelism()). */
  cores?: number;
  /** Most workers a job may use; more are clamped with a warning. Default max(2, cores). */
  maxWorkers?: number;
  /** Limit of every control call (deploy imports the job module). Default 30 000 ms. */
  rpcTimeoutMs?: number;
  /** Default 250 ms. */
  heartbeatIntervalMs?: number;
  /** A TaskManager silent this long fails the attempt. Default 2 000 ms. */
  heartbeatTimeoutMs?: number;
  /** Metrics push interval. Default 500 ms. */
  metricsIntervalMs?: number;
  /** Credits (buffers) per input channel between workers (one inside a worker). Default 8. */
  credits?: number;
  /**
   * Where checkpoints of every job go (browser JobManager worker: IndexedDbCheckpointStorage). Wins
   * over a job module's setCheckpointStorage, whose object lives in each thread. Default: the
   * module's (a MemoryCheckpointStorage unless it set one).
   */
  checkpointStorage?: CheckpointStorage;
  /** Where clamping warnings go. Default console.warn. */
  warn?: (message: string) => void;
  /**
   * Where jobs take their workers from: default, fresh workers from `spawnWorker`, stopped when the
   * job ends; a {@link SessionWorkers} keeps them between jobs (see startSessionCluster).
   */
  workerSource?: WorkerSource;
}

/** Per-run options. */
export interface SubmitOptions {
  parallelism?: number;
  /** Number of TaskManager workers; default cores - 1 (at least 1, at most the job's largest parallelism). */
  workers?: number;
  onMetrics?: (metrics: SubtaskMetrics[]) => void;
  /**
   * The job's id: its checkpoints are stored under it (default: a new random id). A job that
   * finishes deletes its checkpoints; a cancelled or failed one keeps them for `restoreFrom: 'latest'`.
   */
  jobId?: string;
  /**
   * Start from a savepoint or a completed checkpoint; 'latest': the newest checkpoint of `jobId` in
   * the storage (a fresh start when it has none).
   */
  restoreFrom?: Savepoint | CompletedCheckpoint | 'latest';
  /** Drop state of operator uids the job no longer has instead of failing (Flink's --allowNonRestoredState). */
  allowNonRestoredState?: boolean;
  /** Overrides the storage for this run (e.g. one shared by a test's runs). */
  checkpointStorage?: CheckpointStorage;
  /** The checkpoint history (newest last) after every change. */
  onCheckpoint?: (history: CheckpointStats[]) => void;
}

/** A submitted job. */
export interface JobClient {
  readonly jobId: string;
  readonly numWorkers: number;
  /** Resolves to the records of the stream the job module returned ([] if it returned none). */
  readonly result: Promise<unknown[]>;
  cancel(): Promise<void>;
  metrics(): SubtaskMetrics[];
  /** The checkpoint history, newest last ([] without checkpointing). */
  checkpoints(): CheckpointStats[];
  /** A self-contained savepoint of the running job (needs checkpointing). */
  triggerSavepoint(name: string): Promise<Savepoint>;
  /** Takes a checkpoint now (after the one in flight); resolves with its metadata once stored. */
  triggerCheckpoint(): Promise<CompletedCheckpoint>;
  /** Attempt number now, workers started so far (replacements included), checkpoint restored first. */
  status(): JobRunStatus;
}

/** Where a run stands across restarts. */
export interface JobRunStatus {
  readonly attemptNumber: number;
  /** Workers the job ran on over its attempts, replacements included. */
  readonly workersStarted: number;
  /** Of those, workers a session cluster had kept from earlier jobs (they started no new thread). */
  readonly workersReused: number;
  /** The checkpoint the first attempt restored (0: none, or a savepoint). */
  readonly restoredCheckpointId: number;
  /** Per restart: ms from the failure to the new attempt running (restart delay included). */
  readonly recoveriesMs: readonly number[];
}

const detectCores = (): number =>
  (globalThis.navigator as { hardwareConcurrency?: number } | undefined)?.hardwareConcurrency ?? 2;

/**
 * The coordinator of the worker runtime (Flink's JobManager): builds the job's plan from its module,
 * places subtasks into TaskManager workers, wires the data plane between them, runs the job,
 * checkpoints it, restarts it from its latest checkpoint after a failure (replacing dead workers)
 * and collects its results exactly once. Runs on the main thread in Node, in a dedicated worker in
 * the browser.
 *
 * @example
 * const jm = new JobManager({ spawnWorker: nodeTaskManagerFactory() });
 * const job = await jm.submit(new URL('./word-count.ts', import.meta.url).href, { parallelism: 2 });
 * console.log(await job.result);
 */
export class JobManager {
  private readonly o: Required<Omit<JobManagerOptions, 'checkpointStorage' | 'workerSource'>> &
    Pick<JobManagerOptions, 'checkpointStorage' | 'workerSource'>;

  constructor(options: JobManagerOptions) {
    const cores = options.cores ?? detectCores();
    this.o = {
      cores,
      maxWorkers: Math.max(2, cores),
      rpcTimeoutMs: DEFAULT_RPC_TIMEOUT_MS,
      heartbeatIntervalMs: 250,
      heartbeatTimeoutMs: 2_000,
      metricsIntervalMs: 500,
      credits: 8,
      warn: (m) => console.warn(m),
      ...options,
    };
  }

  /** Imports the job module here (its errors surface as they are), then starts it across workers. */
  async submit(moduleUrl: string, options: SubmitOptions = {}): Promise<JobClient> {
    const parallelism = options.parallelism ?? 1;
    const plan = await loadJobPlan(moduleUrl, parallelism);
    const widest = Math.max(...plan.executionGraph.jobGraph.vertices.map((v) => v.parallelism));
    let numWorkers = options.workers ?? Math.min(widest, Math.max(1, this.o.cores - 1));
    if (!(Number.isInteger(numWorkers) && numWorkers >= 1)) {
      throw new RangeError(`runJob: workers must be an integer >= 1, got ${options.workers}`);
    }
    if (numWorkers > this.o.maxWorkers) {
      this.o.warn(
        `runJob: ${numWorkers} workers requested but at most ${this.o.maxWorkers} are allowed here; using ${this.o.maxWorkers}`,
      );
      numWorkers = this.o.maxWorkers;
    }
    // Random like Flink's JobID: checkpoints of every run of every page share one IndexedDB.
    const jobId = options.jobId ?? newJobId();
    const { checkpoints, restart } = await jobCheckpointing(plan, jobId, {
      ...options,
      checkpointStorage: options.checkpointStorage ?? this.o.checkpointStorage,
    });
    const restoredCheckpointId = checkpoints?.latestCompleted?.checkpointId ?? 0;
    const execution = new JobExecution(plan, {
      ...this.o,
      jobId,
      moduleUrl,
      parallelism,
      numWorkers,
      restart,
      checkpoints,
      onMetrics: options.onMetrics,
    });
    void execution.run();
    return {
      jobId,
      numWorkers,
      result: execution.result.then((r) =>
        plan.resultCollectId === null ? [] : (r.get(plan.resultCollectId) ?? []),
      ),
      cancel: () => execution.cancel(),
      metrics: () => execution.currentMetrics(),
      checkpoints: () => (checkpoints ? checkpoints.history.map((s) => ({ ...s })) : []),
      triggerSavepoint: (name) =>
        checkpoints
          ? checkpoints.triggerSavepoint(name)
          : Promise.reject(
              new Error(
                `triggerSavepoint("${name}"): job ${jobId} does not checkpoint; call env.enableCheckpointing(intervalMs)`,
              ),
            ),
      triggerCheckpoint: () =>
        checkpoints
          ? checkpoints.triggerCheckpoint()
          : Promise.reject(
              new Error(
                `triggerCheckpoint(): job ${jobId} does not checkpoint; call env.enableCheckpointing(intervalMs)`,
              ),
            ),
      status: () => ({
        attemptNumber: execution.attemptNumber,
        workersStarted: execution.workersStarted,
        workersReused: execution.workersReused,
        restoredCheckpointId,
        recoveriesMs: [...execution.recoveriesMs],
      }),
    };
  }
}
