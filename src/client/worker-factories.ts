import type { WorkerRole } from './protocol.ts';

/**
 * Starts a module worker of the given role (the trainer: the stream engine starts its own JobManager
 * and TaskManager workers in src/client/run-job.ts). The `new Worker(new URL(...))` is written out
 * in full so that Vite finds and bundles the worker entry.
 *
 * `broken: true` is a harmless test hook: the worker is pointed at a file that does not exist,
 * so the page's "worker failed to start" path can be seen (Models with `?break-worker=trainer`).
 *
 * @example
 * ```ts
 * const worker = createWorker('trainer');
 * ```
 */
export function createWorker(role: Extract<WorkerRole, 'trainer'>, broken = false): Worker {
  if (broken) {
    return new Worker(new URL(`./missing-${role}-worker.js`, globalThis.location.href), {
      type: 'module',
      name: role,
    });
  }
  return new Worker(new URL('../../workers/trainer.ts', import.meta.url), {
    type: 'module',
    name: 'trainer',
  });
}
