import type { WorkerRole } from './protocol.ts';

/**
 * Starts a module worker of the given role. Each `new Worker(new URL(...))` is written out in full
 * so that Vite finds and bundles the worker entry.
 *
 * `broken: true` is a harmless test hook: the worker is pointed at a file that does not exist,
 * so the page's "worker failed to start" path can be seen (Workbench/Models with `?break-worker=`).
 *
 * @example
 * ```ts
 * const worker = createWorker('taskmanager');
 * ```
 */
export function createWorker(role: WorkerRole, broken = false): Worker {
  if (broken) {
    return new Worker(new URL(`./missing-${role}-worker.js`, globalThis.location.href), {
      type: 'module',
      name: role,
    });
  }
  switch (role) {
    case 'jobmanager':
      return new Worker(new URL('../../workers/jobmanager.ts', import.meta.url), {
        type: 'module',
        name: 'jobmanager',
      });
    case 'taskmanager':
      return new Worker(new URL('../../workers/taskmanager.ts', import.meta.url), {
        type: 'module',
        name: 'taskmanager',
      });
    case 'trainer':
      return new Worker(new URL('../../workers/trainer.ts', import.meta.url), {
        type: 'module',
        name: 'trainer',
      });
  }
}
