import * as Comlink from 'comlink';
import { JobManager, type JobClient, type JobManagerOptions, type SubmitOptions } from './job-manager.ts';
import type { SubtaskMetrics } from './protocol.ts';

/** The Comlink-exposed JobManager of a browser JobManager worker (see exposeJobManager). */
export interface JobManagerApi {
  /** Starts a job module; `onMetrics` should be a Comlink.proxy(callback). */
  submit(
    moduleUrl: string,
    options: Omit<SubmitOptions, 'onMetrics'>,
    onMetrics?: (metrics: SubtaskMetrics[]) => void,
  ): Promise<{ jobId: string; numWorkers: number }>;
  /** Resolves to the collected records of the job (rejects with its failure). */
  result(jobId: string): Promise<unknown[]>;
  cancel(jobId: string): Promise<void>;
  metrics(jobId: string): SubtaskMetrics[];
}

/**
 * Serves a JobManager on a Comlink endpoint: the whole body of a browser JobManager worker entry.
 * TaskManagers are nested workers started by `options.spawnWorker`.
 *
 * @example
 * // workers/jobmanager.ts
 * exposeJobManager(self as unknown as Comlink.Endpoint, {
 *   spawnWorker: () => browserWorkerHandle(new Worker(new URL('./taskmanager.ts', import.meta.url), { type: 'module' })),
 * });
 */
export function exposeJobManager(endpoint: Comlink.Endpoint, options: JobManagerOptions): JobManagerApi {
  const jm = new JobManager(options);
  const jobs = new Map<string, JobClient>();
  const get = (jobId: string): JobClient => {
    const job = jobs.get(jobId);
    if (!job)
      throw new Error(`No job ${jobId} on this JobManager (finished jobs are forgotten after result())`);
    return job;
  };
  const api: JobManagerApi = {
    async submit(moduleUrl, submitOptions, onMetrics) {
      const job = await jm.submit(moduleUrl, {
        ...submitOptions,
        onMetrics: onMetrics && ((m) => void onMetrics(m)),
      });
      job.result.catch(() => {}); // observed through result(jobId)
      jobs.set(job.jobId, job);
      return { jobId: job.jobId, numWorkers: job.numWorkers };
    },
    async result(jobId) {
      try {
        return await get(jobId).result;
      } finally {
        jobs.delete(jobId);
      }
    },
    cancel: (jobId) => get(jobId).cancel(),
    metrics: (jobId) => get(jobId).metrics(),
  };
  Comlink.expose(api, endpoint);
  return api;
}
