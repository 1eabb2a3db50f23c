/**
 * JobManager worker of the engine's worker runtime (issues 4, 6): coordinates job modules across
 * nested TaskManager workers (workers/engine-taskmanager.ts), kept between jobs as a session cluster
 * (src/client/run-job.ts keeps this worker while the page runs jobs), and checkpoints into IndexedDB
 * (so a job started again with its jobId after a reload resumes from its last checkpoint). The engine
 * is published for job modules that import `rivulet`.
 */
import type { Endpoint } from 'comlink';
import {
  browserWorkerHandle,
  DEFAULT_RPC_TIMEOUT_MS,
  exposeJobManager,
  IndexedDbCheckpointStorage,
  SessionWorkers,
  type WorkerFactory,
} from '../src/engine/index.ts';
import './engine-global.ts';

const spawnWorker: WorkerFactory = (name) =>
  browserWorkerHandle(
    new Worker(new URL('./engine-taskmanager.ts', import.meta.url), { type: 'module', name }),
  );

exposeJobManager(self as unknown as Endpoint, {
  spawnWorker,
  workerSource: new SessionWorkers(spawnWorker, DEFAULT_RPC_TIMEOUT_MS),
  checkpointStorage: new IndexedDbCheckpointStorage(),
});
