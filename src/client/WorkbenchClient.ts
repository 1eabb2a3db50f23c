import type { CheckpointStats, SubtaskMetrics } from '../engine/index.ts';
import { TUMBLING_COUNT_JOB, tumblingCountQuery, type WindowCountRow } from '../jobs/tumbling-count.ts';
import { jobModuleUrlFromSource } from './job-module.ts';
import type { WorkbenchStore } from './persistence.ts';
import type { JobSettings } from './protocol.ts';
import { runJob } from './run-job.ts';
import { emptySnapshot, eventsUpTo, upsertWindows, withResult, type JobSnapshot } from './snapshot.ts';

export interface WorkbenchClientOptions {
  /** Where settings and snapshots persist. */
  store: WorkbenchStore;
  /** Called when something goes wrong that does not end the run (e.g. a snapshot could not be saved). */
  onWarning?: (message: string) => void;
}

export interface RunOptions {
  /** Resume this stopped or interrupted run (same settings) from its job's latest checkpoint. */
  resume?: JobSnapshot;
  /** Called with each new snapshot (a few times a second while the job runs). */
  onSnapshot?: (snapshot: JobSnapshot) => void;
}

const SAVE_EVERY_MS = 500;
const PREVIEW_EVERY_MS = 200;

/** A fresh engine job id for a run started from the beginning. */
const newJobId = () => `workbench-${globalThis.crypto.randomUUID()}`;

/** The lowest input watermark of the window operator's subtasks (event-time progress). */
function windowWatermark(metrics: SubtaskMetrics[]): number | undefined {
  const windows = metrics.filter((m) => m.name.includes('Window'));
  return windows.length === 0 ? undefined : Math.min(...windows.map((m) => m.inputWatermark));
}

/**
 * The Workbench's handle on its stream job: runs the tumbling-count job module on the engine
 * (`runJob`, JobManager and TaskManager workers, exactly-once checkpoints in IndexedDB under the
 * snapshot's job id), turns fired windows, metrics and checkpoints into snapshots and persists them.
 *
 * @example
 * ```ts
 * const client = new WorkbenchClient({ store: await openWorkbenchStore() });
 * const final = await client.run(settings, { onSnapshot: (s) => draw(s) });
 * ```
 */
export class WorkbenchClient {
  private abort: AbortController | null = null;
  private moduleUrl: string | null = null;

  constructor(private readonly options: WorkbenchClientOptions) {}

  /** True while a job runs. */
  get isRunning(): boolean {
    return this.abort !== null;
  }

  /**
   * Runs the job to its end (or until `stop()`, then resolves with a `stopped` snapshot). Rejects
   * with the engine's error when the job fails; the failed snapshot is persisted first.
   */
  async run(settings: JobSettings, runOptions: RunOptions = {}): Promise<JobSnapshot> {
    if (this.abort) throw new Error('A job is already running: stop it before starting another.');
    const { resume, onSnapshot } = runOptions;
    if (resume && JSON.stringify(resume.settings) !== JSON.stringify(settings)) {
      throw new Error('Cannot continue a run with other settings: use Run to start over with the new ones.');
    }
    const abort = (this.abort = new AbortController());
    const jobId = resume?.jobId ?? newJobId();
    let snapshot: JobSnapshot = resume
      ? { ...resume, status: 'running', error: undefined, restoredCheckpoint: 0 }
      : emptySnapshot(settings, jobId, 'running');
    let lastSave = 0;
    const save = () => {
      lastSave = Date.now();
      return this.options.store
        .saveSnapshot(snapshot)
        .catch((error: unknown) => this.warn(`Could not save the result snapshot: ${String(error)}`));
    };
    const publish = (next: JobSnapshot, forceSave = false) => {
      snapshot = next;
      onSnapshot?.(snapshot);
      if (forceSave || Date.now() - lastSave >= SAVE_EVERY_MS) void save();
    };
    // The end of a run is shown once it is stored: a reload right after then finds it.
    const end = async (next: JobSnapshot) => {
      snapshot = next;
      await save();
      onSnapshot?.(snapshot);
    };
    const preview = this.livePreview(jobId, (rows) => publish(upsertWindows(snapshot, rows)));
    try {
      this.options.store
        .saveSettings(settings)
        .catch((error: unknown) => this.warn(`Could not save the job settings: ${String(error)}`));
      publish(snapshot, true);
      const { job: _job, ...params } = settings;
      const url = `${this.jobModuleUrl()}#${tumblingCountQuery({ ...params, live: preview.channel })}`;
      const rows = await runJob<WindowCountRow>(url, {
        parallelism: settings.parallelism,
        runtime: 'workers',
        jobId,
        restoreFrom: resume ? 'latest' : undefined,
        signal: abort.signal,
        onStarted: (job) => {
          if (!resume) return;
          job
            .status()
            .then(({ restoredCheckpointId }) =>
              publish({ ...snapshot, restoredCheckpoint: restoredCheckpointId }),
            )
            .catch((error: unknown) => this.warn(`Could not read the job's status: ${String(error)}`));
        },
        onMetrics: (metrics) => {
          const watermark = windowWatermark(metrics);
          if (watermark === undefined || watermark <= snapshot.watermark) return;
          publish({ ...snapshot, watermark, processed: eventsUpTo(settings, watermark) });
        },
        onCheckpoint: (history) => {
          const next = afterCheckpoints(snapshot, history);
          if (next !== snapshot) publish(next, true);
        },
      });
      preview.flush();
      const done = {
        ...snapshot,
        status: 'finished' as const,
        processed: settings.events,
        watermark: Infinity,
      };
      await end(withResult(done, rows));
      return snapshot;
    } catch (error) {
      preview.flush();
      if (abort.signal.aborted) {
        await end({ ...snapshot, status: 'stopped' });
        return snapshot;
      }
      const message = error instanceof Error ? error.message : String(error);
      await end({ ...snapshot, status: 'failed', error: message });
      throw error;
    } finally {
      preview.close();
      this.abort = null;
    }
  }

  /** Stops the running job (its checkpoints stay, so Continue resumes it); `run()` resolves `stopped`. */
  stop(): void {
    this.abort?.abort(new DOMException('The Workbench job was stopped', 'AbortError'));
  }

  /** The job module as a Blob URL (made once; its settings go in the fragment of each run's URL). */
  private jobModuleUrl(): string {
    this.moduleUrl ??= jobModuleUrlFromSource(TUMBLING_COUNT_JOB);
    return this.moduleUrl;
  }

  /**
   * Listens on the BroadcastChannel the job's live-preview sink posts fired windows to, and hands
   * them over in batches (at most every 200 ms).
   */
  private livePreview(jobId: string, onRows: (rows: WindowCountRow[]) => void) {
    const channel = `rivulet-workbench-${jobId}`;
    let pending: WindowCountRow[] = [];
    const flush = () => {
      if (pending.length === 0) return;
      const rows = pending;
      pending = [];
      onRows(rows);
    };
    if (typeof BroadcastChannel === 'undefined') return { channel: undefined, flush, close: () => {} };
    const listener = new BroadcastChannel(channel);
    listener.onmessage = (event: MessageEvent<WindowCountRow>) => pending.push(event.data);
    const timer = setInterval(flush, PREVIEW_EVERY_MS);
    return {
      channel,
      flush,
      close: () => {
        clearInterval(timer);
        listener.close();
      },
    };
  }

  private warn(message: string): void {
    if (this.options.onWarning) this.options.onWarning(message);
    else console.warn(message);
  }
}

/** The snapshot with the id of the newest completed checkpoint in `history`. */
function afterCheckpoints(snapshot: JobSnapshot, history: CheckpointStats[]): JobSnapshot {
  const completed = history
    .filter((c) => c.status === 'COMPLETED' && !c.savepoint)
    .map((c) => c.checkpointId);
  const last = Math.max(snapshot.lastCheckpoint, ...completed);
  return last === snapshot.lastCheckpoint ? snapshot : { ...snapshot, lastCheckpoint: last };
}
