import * as Comlink from 'comlink';
import {
  withTimeout,
  RpcTimeoutError,
  browserWorkerHandle,
  runJob as runInline,
  type WorkerHandle,
  type CheckpointStats,
  type CompletedCheckpoint,
  type JobManagerApi,
  type JobRunStatus,
  type Savepoint,
  type SubtaskMetrics,
} from '../engine/index.ts';
import { publishEngine } from './job-module.ts';

/** Options of the browser {@link runJob}. */
export interface BrowserRunJobOptions {
  /** Default parallelism of the job's operators. Default 2. */
  parallelism?: number;
  /** 'workers': a JobManager worker with nested TaskManager workers; 'inline': this thread. Default 'workers'. */
  runtime?: 'inline' | 'workers';
  /** Number of TaskManager workers (workers runtime). Default: the engine's (cores - 1, at most the parallelism). */
  workers?: number;
  /** Metrics of every subtask, pushed at least every 500 ms (workers runtime). */
  onMetrics?: (metrics: SubtaskMetrics[]) => void;
  /** Aborting cancels the job, stops its workers and rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Limit of each control call (submit imports the job module). Default 30 000 ms. */
  rpcTimeoutMs?: number;
  /** The JobManager worker counts as dead when it leaves a ping unanswered this long. Default 5 000 ms. */
  heartbeatTimeoutMs?: number;
  /**
   * The job's id (workers runtime): its checkpoints are stored in IndexedDB under it, so a page that
   * runs the job again after a reload can resume with `restoreFrom: 'latest'`.
   */
  jobId?: string;
  /**
   * Start from a savepoint (e.g. one imported from a file), a completed checkpoint, or 'latest': the
   * newest checkpoint of `jobId` in IndexedDB (a fresh start when there is none). Needs the job module
   * to enable checkpointing.
   */
  restoreFrom?: Savepoint | CompletedCheckpoint | 'latest';
  /** Drop state of operator uids the job no longer has instead of failing. */
  allowNonRestoredState?: boolean;
  /** The checkpoint history (id, status, duration, bytes, alignment, reason), newest last, at every change. */
  onCheckpoint?: (history: CheckpointStats[]) => void;
  /** Called once the job runs, with controls for it (savepoints, status). */
  onStarted?: (job: RunningJob) => void;
}

/** Controls of a job started by the browser runJob (workers runtime). */
export interface RunningJob {
  readonly jobId: string;
  /** A self-contained savepoint of the running job (export it with the savepoint file helpers). */
  triggerSavepoint(name: string): Promise<Savepoint>;
  checkpoints(): Promise<CheckpointStats[]>;
  /** Attempt number (restarts so far), workers started, checkpoint restored at the start. */
  status(): Promise<JobRunStatus>;
}

const startJobManager = () =>
  new Worker(new URL('../../workers/engine-jobmanager.ts', import.meta.url), {
    type: 'module',
    name: 'engine-jobmanager',
  });

/**
 * The JobManager worker, kept between runs with its TaskManager workers (a session cluster: the
 * next run starts in milliseconds, on code the JIT already optimized). Closed after a minute
 * without jobs, when it fails, or when a cancel goes unanswered.
 */
interface SharedJobManager {
  readonly handle: WorkerHandle;
  readonly jm: Comlink.Remote<JobManagerApi>;
  /** Rejects once the worker failed or was given up on. */
  readonly died: Promise<never>;
  fail(reason: Error): void;
  runs: number;
  idleTimer?: ReturnType<typeof setTimeout>;
}

/** A JobManager worker without jobs for this long is closed (its TaskManagers with it). */
export const JOBMANAGER_IDLE_CLOSE_MS = 60_000;

let shared: SharedJobManager | null = null;

function acquireJobManager(): SharedJobManager {
  if (shared) {
    clearTimeout(shared.idleTimer);
    shared.runs++;
    return shared;
  }
  const handle = browserWorkerHandle(startJobManager());
  let fail!: (reason: Error) => void;
  const died = new Promise<never>((_, reject) => (fail = reject));
  died.catch(() => {}); // observed by every run's race
  const s: SharedJobManager = {
    handle,
    jm: Comlink.wrap<JobManagerApi>(handle.endpoint),
    died,
    fail,
    runs: 1,
  };
  handle.onFailure((e) => dropJobManager(s, new Error(`runJob: the JobManager worker failed: ${e.message}`)));
  shared = s;
  return s;
}

function dropJobManager(s: SharedJobManager, reason: Error): void {
  s.fail(reason);
  clearTimeout(s.idleTimer);
  if (shared !== s) return;
  shared = null;
  s.jm[Comlink.releaseProxy]();
  void s.handle.terminate(); // nested TaskManager workers end with it
}

function releaseJobManager(s: SharedJobManager): void {
  if (--s.runs > 0 || shared !== s) return;
  s.idleTimer = setTimeout(
    () => dropJobManager(s, new Error('runJob: the idle JobManager worker was closed')),
    JOBMANAGER_IDLE_CLOSE_MS,
  );
}

/**
 * Closes the kept JobManager worker and its TaskManagers now (they start again with the next run).
 * Jobs still running on them fail.
 *
 * @example await closeWorkers();
 */
export async function closeWorkers(): Promise<void> {
  const s = shared;
  if (!s) return;
  dropJobManager(s, new Error('runJob: the workers were closed (closeWorkers)'));
  await s.handle.terminate();
}

/**
 * Runs a job module (a URL; see jobModuleUrlFromSource for code typed in the page) and resolves to
 * the records of the DataStream its default export returned ([] if none). With `runtime: 'workers'`
 * the job runs in a JobManager worker and its TaskManager workers, kept for the next run (a session
 * cluster, closed after a minute without jobs or by {@link closeWorkers}); a failed worker is
 * replaced, and a run whose cancel goes unanswered terminates them all.
 *
 * @example
 * ```ts
 * const url = jobModuleUrlFromSource(`export default (env) => env.fromElements(1, 2, 3).map((x) => x * 2);`);
 * const doubled = await runJob<number>(url, { parallelism: 2 }); // [2, 4, 6] in some order
 * ```
 */
export async function runJob<T = unknown>(
  moduleUrl: string | URL,
  options: BrowserRunJobOptions = {},
): Promise<T[]> {
  const url = typeof moduleUrl === 'string' ? moduleUrl : moduleUrl.href;
  const { parallelism = 2, runtime = 'workers', signal } = options;
  signal?.throwIfAborted();
  if (runtime === 'inline') {
    publishEngine();
    const { jobId, restoreFrom, allowNonRestoredState } = options;
    return runInline<T>(url, { parallelism, runtime: 'inline', jobId, restoreFrom, allowNonRestoredState });
  }
  const rpcMs = options.rpcTimeoutMs ?? 30_000;
  const heartbeatMs = options.heartbeatTimeoutMs ?? 5_000;
  const s = acquireJobManager();
  const { jm } = s;
  let fail: (reason: unknown) => void = () => {};
  const stopped = new Promise<never>((_, reject) => (fail = reject));
  stopped.catch(() => {}); // observed by the races below
  const died = Promise.race([s.died, stopped]);
  died.catch(() => {});
  let jobId: string | undefined;
  let submitting: Promise<{ jobId: string }> | undefined;
  // An unanswered cancel leaves a job running on the kept workers: they are all terminated then.
  const cancelRemote = (id: string) =>
    withTimeout(jm.cancel(id), rpcMs, 'cancel after abort', s.died).catch((e: unknown) => {
      const error = e instanceof Error ? e : new Error(String(e));
      console.warn(`runJob: ${error.message}`, error);
      if (error instanceof RpcTimeoutError) dropJobManager(s, error);
    });
  // The run settles once the cancel is done, so its workers are back for the next run (or gone).
  let cancelling: Promise<void> | undefined;
  const onAbort = () => {
    // Aborted while submitting: cancel the job once it has an id (a failed submit started none).
    const cancelSubmitted = () =>
      submitting?.then(
        (r) => cancelRemote(r.jobId),
        () => {},
      );
    cancelling = jobId ? cancelRemote(jobId) : cancelSubmitted();
    fail(signal?.reason ?? new DOMException('runJob was aborted', 'AbortError'));
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  let pinger: ReturnType<typeof setInterval> | undefined;
  try {
    const onMetrics = options.onMetrics && Comlink.proxy(options.onMetrics);
    const onCheckpoint = options.onCheckpoint && Comlink.proxy(options.onCheckpoint);
    const { jobId: requestedId, restoreFrom, allowNonRestoredState } = options;
    submitting = jm.submit(
      url,
      { parallelism, workers: options.workers, jobId: requestedId, restoreFrom, allowNonRestoredState },
      onMetrics,
      onCheckpoint,
    );
    const submitted = await withTimeout(submitting, rpcMs, 'submit', died);
    jobId = submitted.jobId;
    const id = submitted.jobId;
    options.onStarted?.({
      jobId: id,
      triggerSavepoint: (name) => withTimeout(jm.triggerSavepoint(id, name), rpcMs, 'triggerSavepoint', died),
      checkpoints: () => withTimeout(Promise.resolve(jm.checkpoints(id)), rpcMs, 'checkpoints', died),
      status: () => withTimeout(Promise.resolve(jm.status(id)), rpcMs, 'status', died),
    });
    if (signal?.aborted) onAbort();
    // Heartbeat: a worker that went silent fires no event in browsers, so ping it while the job runs.
    pinger = setInterval(() => {
      const ping = Promise.resolve(jm.metrics(submitted.jobId)).catch(() => undefined);
      withTimeout(ping, heartbeatMs, 'JobManager heartbeat', died).catch((e: Error) => {
        if (e instanceof RpcTimeoutError) dropJobManager(s, e);
        fail(e);
      });
    }, 1_000);
    return (await Promise.race([jm.result(submitted.jobId), died])) as T[];
  } finally {
    clearInterval(pinger);
    signal?.removeEventListener('abort', onAbort);
    await cancelling;
    releaseJobManager(s);
  }
}
