import * as Comlink from 'comlink';
import type { TaskManagerApi } from './protocol.ts';
import { withTimeout } from './rpc.ts';
import type { WorkerFactory, WorkerHandle } from './worker-handle.ts';

/** A started TaskManager worker and its control-plane proxy. */
export interface StartedWorker {
  readonly handle: WorkerHandle;
  readonly remote: Comlink.Remote<TaskManagerApi>;
}

/**
 * Where a job's TaskManager workers come from and where they go when the job ends: fresh workers
 * per job (Flink's per-job mode) or a {@link SessionWorkers} pool that keeps them between jobs
 * (session mode).
 */
export interface WorkerSource {
  /** A worker for the job: started now, or one kept from an earlier job (`kept`). */
  take(name: string): { worker: StartedWorker; kept: boolean };
  /**
   * The job is over. Live workers (`dead` false) may be kept for later jobs; the promise resolves
   * once every worker the source does not keep is gone.
   */
  release(workers: readonly { worker: StartedWorker; dead: boolean }[]): Promise<void>;
}

/** Starts a TaskManager worker and wraps its control-plane proxy. */
function startWorker(spawnWorker: WorkerFactory, name: string): StartedWorker {
  const handle = spawnWorker(name);
  return { handle, remote: Comlink.wrap<TaskManagerApi>(handle.endpoint) };
}

/** Starts a worker per request and stops each one when its job ends (the default). */
export function freshWorkers(spawnWorker: WorkerFactory): WorkerSource {
  return {
    take: (name) => ({ worker: startWorker(spawnWorker, name), kept: false }),
    async release(workers) {
      await Promise.all(workers.map(({ worker }) => worker.handle.terminate()));
    },
  };
}

/**
 * TaskManager workers kept between jobs, as a Flink session cluster keeps its TaskManagers: a job
 * takes idle workers (starting more when none is idle) and gives them back when it ends, after each
 * one cancelled what it ran. Saves the worker start and module loading per job, and later jobs run
 * on code the JIT has already optimized. A worker that died, or does not answer the cancel within
 * `rpcTimeoutMs`, is terminated instead; `close()` terminates every worker, idle or not yet returned.
 *
 * @example
 * const session = new SessionWorkers(nodeTaskManagerFactory(), 30_000);
 * // JobManager({ ..., workerSource: session }) for every job, then:
 * await session.close();
 */
export class SessionWorkers implements WorkerSource {
  private readonly idle: StartedWorker[] = [];
  /**
   * Every worker started and not terminated yet (idle or taken by a job), by handle: a job gives
   * back its own record of a worker, not the object `take()` returned.
   */
  private readonly alive = new Set<WorkerHandle>();
  private closed = false;
  /** Workers started over the session's life (replacements of dead ones included). */
  started = 0;

  constructor(
    private readonly spawnWorker: WorkerFactory,
    private readonly rpcTimeoutMs: number,
  ) {}

  /** Workers waiting for a job. */
  get idleCount(): number {
    return this.idle.length;
  }

  take(name: string): { worker: StartedWorker; kept: boolean } {
    if (this.closed) throw new Error('This session cluster is closed: start a new one to run more jobs');
    const idle = this.idle.pop();
    if (idle) return { worker: idle, kept: true };
    this.started++;
    const worker = startWorker(this.spawnWorker, name);
    const { handle } = worker;
    this.alive.add(handle);
    // An idle worker that dies is dropped here; one taken by a job is the job's to report.
    handle.onFailure(() => {
      const i = this.idle.findIndex((w) => w.handle === handle);
      if (i >= 0) {
        this.idle.splice(i, 1);
        this.alive.delete(handle);
        void handle.terminate();
      }
    });
    return { worker, kept: false };
  }

  async release(workers: readonly { worker: StartedWorker; dead: boolean }[]): Promise<void> {
    await Promise.all(
      workers.map(async ({ worker, dead }) => {
        if (!dead && !this.closed) {
          try {
            await withTimeout(worker.remote.cancel(), this.rpcTimeoutMs, 'cancel on an idle TaskManager');
            if (!this.closed) {
              this.idle.push({ handle: worker.handle, remote: worker.remote });
              return;
            }
          } catch {
            // Not answering the cancel: it cannot be trusted with another job; stopped below.
          }
        }
        this.alive.delete(worker.handle);
        await worker.handle.terminate();
      }),
    );
  }

  /** Terminates every worker of the session; jobs still running on it fail as their workers stop. */
  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.alive];
    this.alive.clear();
    this.idle.length = 0;
    await Promise.all(all.map((handle) => handle.terminate()));
  }
}
