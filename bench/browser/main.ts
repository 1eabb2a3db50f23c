// Page of the Chromium benchmark: runs a job module inline (page thread), across fresh TaskManager Web
// Workers, or on a session cluster's workers (kept, warm, between runs).
import { runJob, startSessionCluster, type SessionCluster } from '../../src/engine/cluster/run-job.ts';
import { browserWorkerHandle } from '../../src/engine/cluster/worker-handle.ts';
import { generationMs, nexmarkPeers, pageFacts } from './nexmark.ts';

const spawnWorker = (name: string) =>
  browserWorkerHandle(
    new Worker(new URL('./taskmanager-worker.ts', import.meta.url), { type: 'module', name }),
  );

// Generous liveness limits: the machine is shared, a busy worker can miss a 2 s heartbeat.
const cluster = { maxWorkers: 4, heartbeatTimeoutMs: 30_000, rpcTimeoutMs: 60_000 };
// One session per job module (the URL without its ?n= query), as in bench/runtime.ts.
const sessions = new Map<string, Promise<SessionCluster>>();

type Runtime = 'inline' | 'workers' | 'session';

const run = async (moduleUrl: string, runtime: Runtime, parallelism: number) => {
  if (runtime !== 'session') {
    return runJob(moduleUrl, { runtime, parallelism, workers: parallelism, spawnWorker, cluster });
  }
  const job = moduleUrl.split('?')[0];
  if (!sessions.has(job)) {
    // Close the previous job's session first, so its idle workers do not share the machine with this one.
    for (const [other, session] of sessions) {
      await (await session).close();
      sessions.delete(other);
    }
    sessions.set(job, startSessionCluster({ spawnWorker, cluster }));
  }
  return (await sessions.get(job)!).runJob(moduleUrl, { parallelism, workers: parallelism });
};

async function timedRun(moduleUrl: string, runtime: Runtime, parallelism: number) {
  const t0 = performance.now();
  const out = await run(moduleUrl, runtime, parallelism);
  return { ms: performance.now() - t0, results: out.length };
}

/** Like timedRun, returning the job's result records (the Nexmark jobs return one checksum per subtask). */
async function timedJob(moduleUrl: string, runtime: Runtime, parallelism: number) {
  const t0 = performance.now();
  const out = await run(moduleUrl, runtime, parallelism);
  return { ms: performance.now() - t0, out };
}

/** The data-plane benchmark between two Web Workers (bench/transport-browser.ts). */
function transportSuite(runMs: number) {
  const producer = new Worker(new URL('./transport-producer-worker.ts', import.meta.url), {
    type: 'module',
    name: 'transport-producer',
  });
  return new Promise((resolve, reject) => {
    producer.onmessage = ({ data }) => {
      producer.terminate();
      if (data.error) reject(new Error(data.error));
      else resolve({ ...data.ok, crossOriginIsolated });
    };
    producer.onerror = (e) => {
      producer.terminate();
      reject(new Error(`transport producer worker failed: ${e.message}`));
    };
    producer.postMessage({ runMs });
  });
}

Object.assign(window, { timedRun, timedJob, transportSuite, nexmarkPeers, generationMs, pageFacts });
