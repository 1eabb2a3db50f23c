// Page of the Chromium benchmark: runs a job module inline (page thread) or across TaskManager Web Workers.
import { runJob } from '../../src/engine/cluster/run-job.ts';
import { browserWorkerHandle } from '../../src/engine/cluster/worker-handle.ts';

const spawnWorker = (name: string) =>
  browserWorkerHandle(
    new Worker(new URL('./taskmanager-worker.ts', import.meta.url), { type: 'module', name }),
  );

async function timedRun(moduleUrl: string, runtime: 'inline' | 'workers', parallelism: number) {
  const t0 = performance.now();
  const out = await runJob(moduleUrl, {
    runtime,
    parallelism,
    workers: parallelism,
    spawnWorker,
    cluster: { maxWorkers: 4 },
  });
  return { ms: performance.now() - t0, results: out.length };
}

Object.assign(window, { timedRun });
