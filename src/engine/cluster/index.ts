/**
 * The worker runtime (issue 4): jobs as modules, run across TaskManager workers by a JobManager.
 * Re-exported from src/engine/index.ts.
 *
 * @example
 * const counts = await runJob(new URL('./word-count.ts', import.meta.url), { parallelism: 2, runtime: 'workers' });
 */
export {
  runJob,
  startSessionCluster,
  submitJob,
  type RunJobOptions,
  type SessionCluster,
  type SessionJobOptions,
} from './run-job.ts';
export { SessionWorkers, freshWorkers, type WorkerSource, type StartedWorker } from './worker-source.ts';
export {
  DEFAULT_RPC_TIMEOUT_MS,
  JobManager,
  type JobManagerOptions,
  type SubmitOptions,
  type JobClient,
  type JobRunStatus,
} from './job-manager.ts';
export { exposeJobManager, type JobManagerApi, type RemoteSubmitOptions } from './job-manager-endpoint.ts';
export { TaskManager, exposeTaskManager } from './task-manager.ts';
export { browserWorkerHandle, type WorkerHandle, type WorkerFactory } from './worker-handle.ts';
export { buildJob, type JobModule, type BuiltJob } from './job-loader.ts';
export type { SubtaskMetrics, TaskManagerApi } from './protocol.ts';
export { RpcTimeoutError, withTimeout } from './rpc.ts';
