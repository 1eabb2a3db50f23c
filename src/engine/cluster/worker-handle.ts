import type { Endpoint } from 'comlink';

/**
 * A started worker as the JobManager sees it, whatever hosts it (a browser Web Worker, a Node
 * worker_thread): a Comlink endpoint for the control plane, a way to stop it, and failure events.
 * Browsers fire no event when a worker dies silently, so the JobManager also uses heartbeats.
 *
 * @example
 * const handle = browserWorkerHandle(new Worker(new URL('./taskmanager.ts', import.meta.url), { type: 'module' }));
 */
export interface WorkerHandle {
  readonly endpoint: Endpoint;
  /** Stops the worker; resolves once it is gone. Safe to call twice. */
  terminate(): Promise<void>;
  /** `listener` is called once if the worker throws uncaught or exits without being terminated. */
  onFailure(listener: (reason: Error) => void): void;
}

/** Starts one TaskManager worker. */
export type WorkerFactory = (name: string) => WorkerHandle;

/**
 * Wraps a browser (or Deno) Web Worker.
 *
 * @example
 * const spawn: WorkerFactory = () => browserWorkerHandle(new Worker(url, { type: 'module' }));
 */
export function browserWorkerHandle(worker: Worker): WorkerHandle {
  let terminated = false;
  const listeners: ((e: Error) => void)[] = [];
  const fail = (reason: Error) => {
    if (!terminated) listeners.splice(0).forEach((l) => l(reason));
  };
  worker.addEventListener('error', (e) => {
    e.preventDefault();
    const where = e.filename ? ` (${e.filename}:${e.lineno}:${e.colno})` : '';
    fail(new Error(`${e.message || 'worker error'}${where}`));
  });
  worker.addEventListener('messageerror', () =>
    fail(new Error('a message from the worker could not be deserialized')),
  );
  return {
    endpoint: worker,
    async terminate() {
      terminated = true;
      worker.terminate();
    },
    onFailure(listener) {
      listeners.push(listener);
    },
  };
}
