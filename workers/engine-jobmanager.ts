/**
 * JobManager worker of the engine's worker runtime (issues 4, 6): coordinates one job module across
 * nested TaskManager workers (workers/engine-taskmanager.ts), checkpoints into IndexedDB (so a job
 * started again with its jobId after a reload resumes from its last checkpoint). Driven by
 * src/client/run-job.ts. The engine is published for job modules that import `rivulet`.
 */
import type { Endpoint } from 'comlink';
import { browserWorkerHandle, exposeJobManager, IndexedDbCheckpointStorage } from '../src/engine/index.ts';
import './engine-global.ts';

exposeJobManager(self as unknown as Endpoint, {
  spawnWorker: (name) =>
    browserWorkerHandle(
      new Worker(new URL('./engine-taskmanager.ts', import.meta.url), { type: 'module', name }),
    ),
  checkpointStorage: new IndexedDbCheckpointStorage(),
});
