import * as Comlink from 'comlink';
import type { CheckpointStats } from '../checkpoint/coordinator/checkpoint-stats.ts';
import type { Savepoint } from '../checkpoint/storage/checkpoint-storage.ts';
import {
  JobManager,
  type JobClient,
  type JobManagerOptions,
  type JobRunStatus,
  type SubmitOptions,
} from './job-manager.ts';
import { withCauseStacks, type SubtaskMetrics } from './protocol.ts';

/** Submit options that cross the Comlink boundary (callbacks go as separate Comlink proxies). */
export type RemoteSubmitOptions = Omit<SubmitOptions, 'onMetrics' | 'onCheckpoint' | 'checkpointStorage'>;

/** The Comlink-exposed JobManager of a browser JobManager worker (see exposeJobManager). */
export interface JobManagerApi {
  /** Starts a job module; `onMetrics` and `onCheckpoint` should be Comlink.proxy(callback)s. */
  submit(
    moduleUrl: string,
    options: RemoteSubmitOptions,
    onMetrics?: (metrics: SubtaskMetrics[]) => void,
    onCheckpoint?: (history: CheckpointStats[]) => void,
  ): Promise<{ jobId: string; numWorkers: number }>;
  /** Resolves to the collected records of the job (rejects with its failure). */
  result(jobId: string): Promise<unknown[]>;
  cancel(jobId: string): Promise<void>;
  metrics(jobId: string): SubtaskMetrics[];
  /** The job's checkpoint history, newest last. */
  checkpoints(jobId: string): CheckpointStats[];
  /** A self-contained savepoint of the running job. */
  triggerSavepoint(jobId: string, name: string): Promise<Savepoint>;
  status(jobId: string): JobRunStatus;
}

/** Ended jobs whose status and checkpoint history stay available after result(). */
const ENDED_JOBS_KEPT = 16;

/**
 * Serves a JobManager on a Comlink endpoint: the whole body of a browser JobManager worker entry.
 * TaskManagers are nested workers started by `options.spawnWorker`; checkpoints go to
 * `options.checkpointStorage` (IndexedDB in the browser).
 *
 * @example
 * // workers/engine-jobmanager.ts
 * exposeJobManager(self as unknown as Comlink.Endpoint, {
 *   spawnWorker: () => browserWorkerHandle(new Worker(new URL('./taskmanager.ts', import.meta.url), { type: 'module' })),
 *   checkpointStorage: new IndexedDbCheckpointStorage(),
 * });
 */
export function exposeJobManager(endpoint: Comlink.Endpoint, options: JobManagerOptions): JobManagerApi {
  const jm = new JobManager(options);
  const jobs = new Map<string, JobClient>();
  // Ended jobs stay queryable (status, checkpoints) for a while, as Flink's job store keeps them.
  const ended = new Map<string, JobClient>();
  const get = (jobId: string): JobClient => {
    const job = jobs.get(jobId) ?? ended.get(jobId);
    if (!job)
      throw new Error(
        `No job ${jobId} on this JobManager (it keeps the last ${ENDED_JOBS_KEPT} ended jobs after result())`,
      );
    return job;
  };
  const forget = (jobId: string) => {
    const job = jobs.get(jobId);
    if (!job) return;
    jobs.delete(jobId);
    ended.set(jobId, job);
    if (ended.size > ENDED_JOBS_KEPT) ended.delete(ended.keys().next().value!);
  };
  const api: JobManagerApi = {
    async submit(moduleUrl, submitOptions, onMetrics, onCheckpoint) {
      const job = await jm.submit(moduleUrl, {
        ...submitOptions,
        onMetrics: onMetrics && ((m) => void onMetrics(m)),
        onCheckpoint: onCheckpoint && ((h) => void onCheckpoint(h)),
      });
      job.result.catch(() => {}); // observed through result(jobId)
      jobs.set(job.jobId, job);
      return { jobId: job.jobId, numWorkers: job.numWorkers };
    },
    async result(jobId) {
      try {
        return await get(jobId).result;
      } catch (e) {
        throw withCauseStacks(e); // Comlink carries the stack but not the cause
      } finally {
        forget(jobId);
      }
    },
    cancel: (jobId) => get(jobId).cancel(),
    metrics: (jobId) => get(jobId).metrics(),
    checkpoints: (jobId) => get(jobId).checkpoints(),
    triggerSavepoint: (jobId, name) => get(jobId).triggerSavepoint(name),
    status: (jobId) => get(jobId).status(),
  };
  Comlink.expose(api, endpoint);
  return api;
}
