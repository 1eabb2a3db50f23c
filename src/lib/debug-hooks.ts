import type { WorkerRole } from '../client/index.ts';

// Only the trainer is started by a page-side factory; the engine's workers fail through runJob (e2e: failures.spec).
const ROLES: readonly WorkerRole[] = ['trainer'];

/**
 * The `break-worker` test hook: `#/models?break-worker=trainer` (or `?break-worker=` before
 * the hash) starts that kind of worker from a missing file, to show the failure banner. Harmless:
 * it can only name a worker role, never a URL.
 */
export function brokenWorker(): WorkerRole | undefined {
  const fromHash = new URLSearchParams(location.hash.split('?')[1] ?? '').get('break-worker');
  const value = fromHash ?? new URLSearchParams(location.search).get('break-worker');
  return ROLES.find((role) => role === value);
}
