import { Worker } from 'node:worker_threads';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { WorkerFactory, WorkerHandle } from '../cluster/worker-handle.ts';

/** The bootstrap that lets a Node 20 worker_thread run a TypeScript entry (registers tsx first). */
const BOOTSTRAP = new URL('../../../workers/node-bootstrap.mjs', import.meta.url);
/** The Node TaskManager entry (thin: exposes the engine's TaskManager over Comlink). */
export const TASKMANAGER_NODE_ENTRY = new URL('../../../workers/taskmanager-node.ts', import.meta.url);

/**
 * Starts a TypeScript module in a Node worker_thread and wraps it as a WorkerHandle.
 *
 * @example
 * const handle = spawnNodeWorker(new URL('./my-worker.ts', import.meta.url), 'tm-0');
 */
export function spawnNodeWorker(entry: URL, name: string): WorkerHandle & { readonly thread: Worker } {
  const worker = new Worker(BOOTSTRAP, { workerData: { entry: entry.href }, name });
  let terminated = false;
  let failed = false;
  const listeners: ((e: Error) => void)[] = [];
  const fail = (reason: Error) => {
    if (terminated || failed) return;
    failed = true;
    listeners.splice(0).forEach((l) => l(reason));
  };
  worker.on('error', (e) => fail(e instanceof Error ? e : new Error(String(e))));
  worker.on('exit', (code) => fail(new Error(`worker '${name}' exited with code ${code}`)));
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    thread: worker,
    endpoint: nodeEndpoint(worker),
    async terminate() {
      terminated = true;
      await worker.terminate();
      await exited;
    },
    onFailure(listener) {
      listeners.push(listener);
    },
  };
}

/**
 * The WorkerFactory for Node: TaskManagers in worker_threads.
 *
 * @example
 * const jm = new JobManager({ spawnWorker: nodeTaskManagerFactory() });
 */
export const nodeTaskManagerFactory =
  (entry: URL = TASKMANAGER_NODE_ENTRY): WorkerFactory =>
  (name) =>
    spawnNodeWorker(entry, name);

/** CPU cores available to this Node process. */
export { availableParallelism as nodeCores } from 'node:os';

/**
 * A job module reference as a URL: file paths (relative to the working directory) become file: URLs.
 *
 * @example toModuleUrl('jobs/word-count.ts') // 'file:///home/me/project/jobs/word-count.ts'
 */
export async function toModuleUrl(pathOrUrl: string): Promise<string> {
  if (/^[a-z][a-z0-9+.-]*:/i.test(pathOrUrl) && !/^[a-z]:[\\/]/i.test(pathOrUrl)) return pathOrUrl;
  const { pathToFileURL } = await import('node:url');
  const { resolve } = await import('node:path');
  return pathToFileURL(resolve(pathOrUrl)).href;
}
