import type { HeapUsage } from './protocol.ts';
import { withTimeout } from './rpc.ts';
import type { StartedWorker, WorkerSource } from './worker-source.ts';

/** One TaskManager worker of a job, as the JobManager tracks it. */
export interface PooledWorker extends StartedWorker {
  readonly index: number;
  /** Set once the worker threw, exited or was given up on: it is replaced before the next attempt. */
  dead: Error | null;
  /** Last sign of life (performance.now()); the heartbeat watchdog reads it. */
  lastSeen: number;
  /** The heap its last heartbeat reported, if its host reports one. */
  heap?: HeapUsage;
}

/**
 * The TaskManager workers of one job across its attempts. A restart keeps the live workers (they
 * cancel their subtasks and take the next deploy, which saves the worker start and the job module
 * import) and replaces the dead ones, and any that does not answer the cancel, by fresh workers.
 * Workers come from a {@link WorkerSource} and go back to it at `releaseAll()`: fresh workers are
 * terminated then, a session's are kept for its next job.
 *
 * @example
 * const pool = new WorkerPool(freshWorkers(spawn), 2, 30_000, (w, e) => attempt.fail(w, e));
 * await pool.prepareRestart(); // between attempts
 * await pool.releaseAll();
 */
export class WorkerPool {
  readonly workers: PooledWorker[] = [];
  /** Workers taken over the job's life (replacements included). */
  started = 0;
  /** Of those, workers a session had kept from earlier jobs. */
  reused = 0;
  private closed = false;

  constructor(
    private readonly source: WorkerSource,
    size: number,
    private readonly rpcTimeoutMs: number,
    private readonly onWorkerFailure: (worker: number, reason: Error) => void,
  ) {
    for (let w = 0; w < size; w++) this.workers.push(this.spawn(w));
  }

  private spawn(index: number): PooledWorker {
    this.started++;
    const { worker: taken, kept } = this.source.take(`rivulet-taskmanager-${index}`);
    if (kept) this.reused++;
    const { handle, remote } = taken;
    const worker: PooledWorker = { index, handle, remote, dead: null, lastSeen: Infinity };
    handle.onFailure((reason) => {
      if (this.closed || this.workers[index] !== worker) return;
      worker.dead = reason;
      this.onWorkerFailure(index, reason);
    });
    return worker;
  }

  /** Marks a worker as lost (missed heartbeats): it is replaced at the next restart. */
  markDead(index: number, reason: Error): void {
    this.workers[index].dead ??= reason;
  }

  /**
   * Readies the workers for the next attempt: live ones cancel what they ran; dead ones, and those
   * whose cancel fails or times out, are terminated and replaced by fresh workers.
   */
  async prepareRestart(): Promise<void> {
    await Promise.all(
      this.workers.map(async (worker, w) => {
        if (!worker.dead) {
          try {
            await withTimeout(worker.remote.cancel(), this.rpcTimeoutMs, `cancel on TaskManager ${w}`);
            return;
          } catch (e) {
            worker.dead = e instanceof Error ? e : new Error(String(e));
          }
        }
        await this.source.release([{ worker, dead: true }]);
        this.workers[w] = this.spawn(w);
      }),
    );
  }

  /**
   * The job is over: every worker goes back to the source (fresh workers are terminated, a session
   * keeps the live ones); resolves once those not kept are gone.
   */
  async releaseAll(): Promise<void> {
    this.closed = true;
    await this.source.release(this.workers.map((worker) => ({ worker, dead: worker.dead !== null })));
  }
}
