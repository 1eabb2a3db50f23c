import { Worker } from 'node:worker_threads';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { OUT_OF_MEMORY_ADVICE } from '../cluster/protocol.ts';
import type { WorkerFactory, WorkerHandle } from '../cluster/worker-handle.ts';

/** The bootstrap that lets a Node 20 worker_thread run a TypeScript entry (registers tsx first). */
const BOOTSTRAP = new URL('../../../workers/node-bootstrap.mjs', import.meta.url);
/** The Node TaskManager entry (thin: exposes the engine's TaskManager over Comlink). */
export const TASKMANAGER_NODE_ENTRY = new URL('../../../workers/taskmanager-node.ts', import.meta.url);

/** How Node workers are started. */
export interface NodeWorkerOptions {
  /**
   * Heap limit of each worker in MB (its old generation: `resourceLimits.maxOldGenerationSizeMb`).
   * A worker that reaches it is stopped by Node and fails the job with a message naming memory,
   * instead of the whole process running out. Default: V8's limit for the machine.
   */
  heapMb?: number;
}

/** Rejects a heap limit that is not a whole number of MB a worker can start with. */
function checkHeapMb(heapMb: number | undefined): void {
  if (heapMb === undefined) return;
  if (!Number.isInteger(heapMb) || heapMb < 16) {
    throw new RangeError(`workerHeapMb must be a whole number of MB, at least 16; got ${String(heapMb)}`);
  }
}

/**
 * Starts a TypeScript module in a Node worker_thread and wraps it as a WorkerHandle.
 *
 * @example
 * const handle = spawnNodeWorker(new URL('./my-worker.ts', import.meta.url), 'tm-0', { heapMb: 512 });
 */
export function spawnNodeWorker(
  entry: URL,
  name: string,
  options: NodeWorkerOptions = {},
): WorkerHandle & { readonly thread: Worker } {
  checkHeapMb(options.heapMb);
  const worker = new Worker(BOOTSTRAP, {
    workerData: { entry: entry.href },
    name,
    ...(options.heapMb ? { resourceLimits: { maxOldGenerationSizeMb: options.heapMb } } : {}),
  });
  let terminated = false;
  let failed = false;
  const listeners: ((e: Error) => void)[] = [];
  const fail = (reason: Error) => {
    if (terminated || failed) return;
    failed = true;
    listeners.splice(0).forEach((l) => l(reason));
  };
  worker.on('error', (e) => fail(outOfMemory(e, name, options.heapMb) ?? toError(e)));
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

const toError = (e: unknown) => (e instanceof Error ? e : new Error(String(e)));

/** Node's own out-of-memory error says neither which worker nor what to change. */
function outOfMemory(e: unknown, name: string, heapMb: number | undefined): Error | null {
  if ((e as { code?: string } | null)?.code !== 'ERR_WORKER_OUT_OF_MEMORY') return null;
  const limit = heapMb ? `its heap limit of ${heapMb} MB (workerHeapMb)` : "V8's default heap limit";
  return new Error(
    `worker '${name}' ran out of memory and was stopped at ${limit}: ${OUT_OF_MEMORY_ADVICE}`,
    {
      cause: e,
    },
  );
}

/**
 * The WorkerFactory for Node: TaskManagers in worker_threads.
 *
 * @example
 * const jm = new JobManager({ spawnWorker: nodeTaskManagerFactory(TASKMANAGER_NODE_ENTRY, { heapMb: 1024 }) });
 */
export function nodeTaskManagerFactory(
  entry: URL = TASKMANAGER_NODE_ENTRY,
  options: NodeWorkerOptions = {},
): WorkerFactory {
  checkHeapMb(options.heapMb); // a bad limit fails where the job is submitted, before any worker starts
  return (name) => spawnNodeWorker(entry, name, options);
}

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
