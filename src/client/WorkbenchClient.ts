import * as Comlink from 'comlink';
import type { JobEvent, JobManagerApi, JobSettings, TaskManagerApi, WorkerRole } from './protocol.ts';
import { WorkerError, WorkerHandle, type WorkerHandleOptions } from './WorkerHandle.ts';
import { createWorker } from './worker-factories.ts';
import { applyUpdate, emptySnapshot, type JobSnapshot } from './snapshot.ts';
import type { WorkbenchStore } from './persistence.ts';

export interface WorkbenchClientOptions {
  /** Where settings and snapshots persist. */
  store: WorkbenchStore;
  /** Number of TaskManager workers (the job is split across them by key). Default DEFAULT_PARALLELISM. */
  parallelism?: number;
  /** Test hook: start this kind of worker from a missing file. */
  breakWorker?: WorkerRole;
  /** Called when something goes wrong that does not end the run (e.g. a snapshot could not be saved). */
  onWarning?: (message: string) => void;
  /** Time limits of the worker handles. */
  timeouts?: WorkerHandleOptions;
  /** A running job that sends nothing for this long counts as stuck. Default 30 s. */
  progressTimeoutMs?: number;
}

export interface RunOptions {
  /** Continue this snapshot (same settings) from its resume offset instead of starting over. */
  resume?: JobSnapshot;
  /** Called with each new snapshot (about every 100 ms while results arrive). */
  onSnapshot?: (snapshot: JobSnapshot) => void;
}

const SAVE_EVERY_MS = 500;

/** TaskManager workers the Workbench starts (the job's parallelism). */
export const DEFAULT_PARALLELISM = 2;

/**
 * The page's handle on the stream job: starts a JobManager and TaskManager workers, wires their
 * data-plane ports, runs the job, accumulates results into snapshots and persists them.
 *
 * @example
 * ```ts
 * const client = new WorkbenchClient({ store: await openWorkbenchStore() });
 * const final = await client.run(settings, { onSnapshot: (s) => draw(s) });
 * ```
 */
export class WorkbenchClient {
  private jobManager: WorkerHandle<JobManagerApi> | null = null;
  private taskManagers: WorkerHandle<TaskManagerApi>[] = [];
  private starting: Promise<void> | null = null;
  private running = false;
  readonly parallelism: number;

  constructor(private readonly options: WorkbenchClientOptions) {
    this.parallelism = options.parallelism ?? DEFAULT_PARALLELISM;
  }

  /** True while a job runs. */
  get isRunning(): boolean {
    return this.running;
  }

  /** Starts the workers (once) and connects them; rejects with a WorkerError naming a worker that fails. */
  start(): Promise<void> {
    this.starting ??= this.startWorkers().catch((error: unknown) => {
      this.dispose();
      throw error;
    });
    return this.starting;
  }

  private async startWorkers(): Promise<void> {
    const { breakWorker, timeouts } = this.options;
    const jm = new WorkerHandle<JobManagerApi>(
      'jobmanager',
      createWorker('jobmanager', breakWorker === 'jobmanager'),
      timeouts,
    );
    const tms = Array.from(
      { length: this.parallelism },
      (_, i) =>
        new WorkerHandle<TaskManagerApi>(
          `taskmanager-${i}`,
          createWorker('taskmanager', breakWorker === 'taskmanager'),
          timeouts,
        ),
    );
    this.jobManager = jm;
    this.taskManagers = tms;
    await Promise.all([jm.ready, ...tms.map((tm) => tm.ready)]);
    const channels = tms.map(() => new MessageChannel());
    await Promise.all(
      tms.map((tm, i) =>
        tm.call('connect', (api) => api.connect(Comlink.transfer(channels[i].port2, [channels[i].port2]), i)),
      ),
    );
    const ports = channels.map((c) => c.port1);
    await jm.call('connect', (api) => api.connect(Comlink.transfer(ports, ports)));
  }

  /**
   * Runs the job to its end (or until `stop()`), resolving with the final snapshot. Rejects with a
   * WorkerError if a worker dies or stops answering; the failed snapshot is persisted first.
   */
  async run(settings: JobSettings, runOptions: RunOptions = {}): Promise<JobSnapshot> {
    if (this.running) throw new Error('A job is already running: stop it before starting another.');
    const { resume, onSnapshot } = runOptions;
    if (resume && JSON.stringify(resume.settings) !== JSON.stringify(settings)) {
      throw new Error(
        'Cannot continue a snapshot with other settings: use Run to start over with the new ones.',
      );
    }
    this.running = true;
    let snapshot: JobSnapshot = resume
      ? { ...resume, settings, status: 'running', error: undefined }
      : emptySnapshot(settings, 'running');
    let lastSave = 0;
    const save = (force: boolean) => {
      if (!force && Date.now() - lastSave < SAVE_EVERY_MS) return;
      lastSave = Date.now();
      this.options.store
        .saveSnapshot(snapshot)
        .catch((error: unknown) => this.warn(`Could not save the result snapshot: ${String(error)}`));
    };
    const publish = (next: JobSnapshot, forceSave = false) => {
      snapshot = next;
      onSnapshot?.(snapshot);
      save(forceSave);
    };
    try {
      this.options.store
        .saveSettings(settings)
        .catch((error: unknown) => this.warn(`Could not save the job settings: ${String(error)}`));
      publish(snapshot, true);
      await this.start();
      const final = await this.follow(settings, snapshot.resumeOffset, (event) => {
        if (event.type === 'results') publish(applyUpdate(snapshot, event));
      });
      publish({ ...snapshot, status: final.type === 'finished' ? 'finished' : 'stopped' }, true);
      return snapshot;
    } catch (error) {
      publish(
        { ...snapshot, status: 'failed', error: String(error instanceof Error ? error.message : error) },
        true,
      );
      if (error instanceof WorkerError) this.dispose();
      throw error;
    } finally {
      this.running = false;
    }
  }

  /** Starts the job on the JobManager and waits for its last event, a worker death, or no progress. */
  private follow(
    settings: JobSettings,
    from: number,
    onResults: (event: JobEvent) => void,
  ): Promise<Extract<JobEvent, { type: 'finished' | 'stopped' }>> {
    const jm = this.jobManager!;
    const workers = [jm, ...this.taskManagers];
    const progressTimeoutMs = this.options.progressTimeoutMs ?? 30_000;
    return new Promise((resolve, reject) => {
      let lastEvent = Date.now();
      const unsubscribe = workers.map((w) => w.onFail(finish));
      const watchdog = setInterval(() => {
        if (Date.now() - lastEvent > progressTimeoutMs) {
          finish(new WorkerError('jobmanager', `made no progress for ${progressTimeoutMs / 1000} s`));
        }
      }, 1000);
      function finish(outcome: Error | Extract<JobEvent, { type: 'finished' | 'stopped' }>) {
        clearInterval(watchdog);
        unsubscribe.forEach((off) => off());
        if (outcome instanceof Error) reject(outcome);
        else resolve(outcome);
      }
      const onEvent = (event: JobEvent) => {
        lastEvent = Date.now();
        if (event.type === 'results') onResults(event);
        else if (event.type === 'failed') finish(new Error(`The job failed: ${event.message}`));
        else finish(event);
      };
      jm.call('start', (api) => api.start(settings, from, Comlink.proxy(onEvent))).catch(finish);
    });
  }

  /** Asks the running job to stop; `run()` then resolves with a `stopped` snapshot. */
  async stop(): Promise<void> {
    if (!this.running || !this.jobManager) return;
    await this.jobManager.call('stop', (api) => api.stop());
  }

  /** Terminates all workers; a later `run()` starts fresh ones. */
  dispose(): void {
    this.jobManager?.terminate();
    this.taskManagers.forEach((tm) => tm.terminate());
    this.jobManager = null;
    this.taskManagers = [];
    this.starting = null;
  }

  private warn(message: string): void {
    if (this.options.onWarning) this.options.onWarning(message);
    else console.warn(message);
  }
}
