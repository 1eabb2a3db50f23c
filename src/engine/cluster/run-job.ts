import { InlineExecutor } from '../runtime/inline-executor.ts';
import { buildJob } from './job-loader.ts';
import { JobManager, type JobClient, type JobManagerOptions, type SubmitOptions } from './job-manager.ts';
import type { SubtaskMetrics } from './protocol.ts';
import type { WorkerFactory } from './worker-handle.ts';

/** Options of {@link runJob} and {@link submitJob}. */
export interface RunJobOptions extends Pick<
  SubmitOptions,
  'jobId' | 'restoreFrom' | 'allowNonRestoredState' | 'checkpointStorage' | 'onCheckpoint'
> {
  /** Default parallelism of the job's operators (default 1). */
  parallelism?: number;
  /** 'inline': one thread; 'workers': TaskManager workers (Web Workers / worker_threads). Default 'inline'. */
  runtime?: 'inline' | 'workers';
  /** Number of TaskManager workers (workers runtime). Default cores - 1, at least 1. */
  workers?: number;
  /** Starts a TaskManager worker. Default in Node: worker_threads; in browsers it must be given. */
  spawnWorker?: WorkerFactory;
  /** Metrics of every subtask, pushed at least every 500 ms (workers runtime). */
  onMetrics?: (metrics: SubtaskMetrics[]) => void;
  /** Tuning of the worker runtime (timeouts, heartbeats, credits, max workers). */
  cluster?: Omit<JobManagerOptions, 'spawnWorker'>;
}

const isNode = (): boolean =>
  typeof process !== 'undefined' &&
  typeof (process as { versions?: { node?: string } }).versions?.node === 'string';

/** Kept out of static imports so browser bundles never pull in node:worker_threads. */
const NODE_HOST = '../node/node-worker.ts';

/**
 * Starts a job module and returns its client (result, cancel, metrics).
 *
 * @example
 * const job = await submitJob('jobs/clicks.ts', { parallelism: 2, runtime: 'workers' });
 * setTimeout(() => job.cancel(), 10_000);
 */
export async function submitJob(moduleUrl: string | URL, options: RunJobOptions = {}): Promise<JobClient> {
  let url = typeof moduleUrl === 'string' ? moduleUrl : moduleUrl.href;
  const node = isNode() ? await import(/* @vite-ignore */ NODE_HOST) : null;
  if (node) url = await node.toModuleUrl(url);
  const parallelism = options.parallelism ?? 1;
  const { jobId, restoreFrom, allowNonRestoredState } = options;
  if ((options.runtime ?? 'inline') === 'inline') {
    const { env, jobName, resultCollectId } = await buildJob(url, parallelism, new InlineExecutor());
    if (options.checkpointStorage) env.getCheckpointConfig().setCheckpointStorage(options.checkpointStorage);
    env.setRunOptions({ jobId, restoreFrom, allowNonRestoredState });
    const results: unknown[] = [];
    const handle = env.executeWithCollect(jobName, (id, value) => {
      if (id === resultCollectId) results.push(value);
    });
    return {
      jobId: handle.jobId,
      numWorkers: 0,
      result: handle.result.then(() => results),
      cancel: () => handle.cancel(),
      metrics: () => [],
      checkpoints: () => [...(handle.getCheckpointHistory?.() ?? [])],
      triggerSavepoint: (name) =>
        handle.triggerSavepoint
          ? handle.triggerSavepoint(name)
          : Promise.reject(new Error(`triggerSavepoint("${name}"): the job does not checkpoint`)),
      triggerCheckpoint: () => Promise.reject(new Error('triggerCheckpoint(): only in the workers runtime')),
      status: () => ({ attemptNumber: 0, workersStarted: 0, restoredCheckpointId: 0, recoveriesMs: [] }),
    };
  }
  let spawnWorker = options.spawnWorker;
  if (!spawnWorker) {
    if (!node) {
      throw new Error(
        "runJob(…, { runtime: 'workers' }) in a browser needs spawnWorker, e.g. " +
          "() => browserWorkerHandle(new Worker(new URL('./taskmanager.ts', import.meta.url), { type: 'module' }))",
      );
    }
    spawnWorker = node.nodeTaskManagerFactory();
  }
  const jm = new JobManager({
    ...(node ? { cores: node.nodeCores() } : {}),
    ...options.cluster,
    spawnWorker: spawnWorker!,
  });
  return jm.submit(url, {
    parallelism,
    workers: options.workers,
    onMetrics: options.onMetrics,
    jobId,
    restoreFrom,
    allowNonRestoredState,
    checkpointStorage: options.checkpointStorage,
    onCheckpoint: options.onCheckpoint,
  });
}

/**
 * Runs a job module and resolves to the records of the DataStream its default export returned
 * ([] if it returned none), so the same module gives comparable results under every runtime.
 *
 * @example
 * // job.ts: export default (env) => env.fromElements(1, 2, 3).map((x) => x * 2);
 * const doubled = await runJob(new URL('./job.ts', import.meta.url), { parallelism: 2, runtime: 'workers' });
 */
export async function runJob<T = unknown>(
  moduleUrl: string | URL,
  options: RunJobOptions = {},
): Promise<T[]> {
  const job = await submitJob(moduleUrl, options);
  return (await job.result) as T[];
}
