/**
 * JobManager worker of the engine's worker runtime (issue 4): coordinates one job module across
 * nested TaskManager workers (workers/engine-taskmanager.ts). Driven by src/client/run-job.ts.
 * The engine is published for job modules that import `rivulet` (see jobModuleUrlFromSource).
 */
import type { Endpoint } from 'comlink';
import { browserWorkerHandle, exposeJobManager } from '../src/engine/index.ts';
import './engine-global.ts';

exposeJobManager(self as unknown as Endpoint, {
  spawnWorker: (name) =>
    browserWorkerHandle(
      new Worker(new URL('./engine-taskmanager.ts', import.meta.url), { type: 'module', name }),
    ),
});
