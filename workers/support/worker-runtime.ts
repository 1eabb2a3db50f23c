import * as Comlink from 'comlink';
import type { LifecycleMessage, WorkerRole } from '../../src/client/protocol.ts';

/** How often a worker says it is alive (the page counts it dead after ~15 s of silence). */
export const HEARTBEAT_MS = 1000;

const scope = globalThis as unknown as DedicatedWorkerGlobalScope;

/** Posts a lifecycle message to the page. */
export function postLifecycle(message: LifecycleMessage): void {
  scope.postMessage(message);
}

/**
 * Exposes `api` with Comlink, then tells the page the worker is ready and keeps sending
 * heartbeats. Unhandled promise rejections are reported to the page as fatal (never swallowed).
 *
 * @example
 * ```ts
 * serveWorker('taskmanager', { connect(port, subtask) { ... } });
 * ```
 */
export function serveWorker<T extends object>(role: WorkerRole, api: T): void {
  scope.addEventListener('unhandledrejection', (event) => {
    const reason = event.reason as unknown;
    postLifecycle({
      type: 'rivulet:fatal',
      message: reason instanceof Error ? reason.message : String(reason),
      stack: reason instanceof Error ? reason.stack : undefined,
    });
  });
  Comlink.expose(api, scope);
  setInterval(() => postLifecycle({ type: 'rivulet:heartbeat', at: Date.now() }), HEARTBEAT_MS);
  postLifecycle({ type: 'rivulet:ready', role });
}
