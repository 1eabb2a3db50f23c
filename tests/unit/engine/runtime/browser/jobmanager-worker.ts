// Browser JobManager entry for the Chromium test: what workers/engine-jobmanager.ts contains.
import type { Endpoint } from 'comlink';
import { exposeJobManager } from '../../../../../src/engine/cluster/job-manager-endpoint.ts';
import { browserWorkerHandle } from '../../../../../src/engine/cluster/worker-handle.ts';

exposeJobManager(self as unknown as Endpoint, {
  spawnWorker: (name) =>
    browserWorkerHandle(
      new Worker(new URL('./taskmanager-worker.ts', import.meta.url), { type: 'module', name }),
    ),
  maxWorkers: 4,
});
