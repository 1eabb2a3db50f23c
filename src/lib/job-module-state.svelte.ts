import {
  describeJob,
  JOB_EXAMPLES,
  jobModuleUrlFromSource,
  runJob,
  type JobPlan,
  type SubtaskMetrics,
} from '../client/index.ts';
import { checkpointRun, newJobId, type RunFrom } from './checkpoints/checkpoint-run.svelte.ts';
import { locateJobError, type JobErrorReport } from './job-error.ts';
import { throttleLatest, type Throttle } from './job-graph/throttle.ts';
import { readParallelism } from './parallelism.ts';

/** The job module the editor starts with: a keyed 10 s tumbling event-time window count. @example jobModule.code === DEFAULT_JOB_MODULE */
export const DEFAULT_JOB_MODULE = JOB_EXAMPLES[0].code;

/** Rows of the results table shown at most. @example results.slice(0, MAX_ROWS) */
export const MAX_ROWS = 200;

/** Live metrics redraw at most this often (4 updates/s), however often the runtime pushes. @example throttleLatest(draw, METRICS_REDRAW_MS) */
export const METRICS_REDRAW_MS = 250;

/**
 * State of the Job page: the code, its plan, its run (live metrics) and its outcome.
 *
 * @example
 * jobModule.loadExample('session-windows');
 * await jobModule.run(); // jobModule.plan, .subtasks, .results or .error are set
 */
export class JobModuleState {
  code = $state(DEFAULT_JOB_MODULE);
  /** The example the code came from ('' once edited away from it). */
  readonly exampleId = $derived(JOB_EXAMPLES.find((e) => e.code === this.code)?.id ?? '');
  parallelism = $state(2);
  runtime = $state<'workers' | 'inline'>('workers');
  /** TaskManager workers: 'auto' is the runtime's default (cores − 1, at most the parallelism). */
  workers = $state<'auto' | '1' | '2' | '3' | '4'>('auto');
  running = $state(false);
  stopping = $state(false);
  /** The last run's state, named as Flink's JobStatus (null before the first run). */
  status = $state<'RUNNING' | 'FINISHED' | 'FAILED' | 'CANCELED' | null>(null);
  /** The JobGraph of the last run (or the last "Show graph"). */
  plan = $state.raw<JobPlan | null>(null);
  /** Whether the plan's job enables checkpointing (savepoints need it); null without a plan. */
  checkpointing = $state<boolean | null>(null);
  /** Latest metrics of every subtask, throttled to METRICS_REDRAW_MS. */
  subtasks = $state.raw<SubtaskMetrics[]>([]);
  results = $state.raw<unknown[] | null>(null);
  error = $state.raw<JobErrorReport | null>(null);
  /** Summed over subtasks, from the latest metrics (null before the first). */
  readonly totals = $derived(
    this.subtasks.length
      ? {
          recordsIn: this.subtasks.reduce((n, m) => n + m.recordsIn, 0),
          recordsOut: this.subtasks.reduce((n, m) => n + m.recordsOut, 0),
          subtasks: this.subtasks.length,
        }
      : null,
  );
  #controller: AbortController | null = null;
  /** The live metrics of the latest run: they may still arrive after its result (another port). */
  #metrics: Throttle<SubtaskMetrics[]> | null = null;

  /** Picks an example: its code replaces the editor's. */
  loadExample(id: string): void {
    const example = JOB_EXAMPLES.find((e) => e.id === id);
    if (!example)
      throw new Error(`No job example "${id}"; pick one of ${JOB_EXAMPLES.map((e) => e.id).join(', ')}`);
    this.code = example.code;
  }

  /**
   * Builds the plan, then runs the job; metrics, results and errors land in the fields above, the
   * checkpoint history and job controls in `checkpointRun`. `from` restores a checkpoint or savepoint.
   */
  async run(from: RunFrom = {}): Promise<void> {
    if (this.running) return;
    // A field to correct, not a run that failed: nothing starts.
    const parallelism = readParallelism(this.parallelism);
    if (!parallelism.ok) {
      this.error = { message: parallelism.error, line: null, column: null };
      return;
    }
    this.running = true;
    this.status = 'RUNNING';
    this.error = null;
    this.results = null;
    this.plan = null;
    this.checkpointing = null;
    this.subtasks = [];
    const controller = new AbortController();
    this.#controller = controller;
    this.#metrics?.cancel();
    const metrics = throttleLatest((all: SubtaskMetrics[]) => {
      if (this.#metrics !== metrics) return; // a newer run started
      this.subtasks = all;
    }, METRICS_REDRAW_MS);
    this.#metrics = metrics;
    const code = this.code;
    let url: string | null = null;
    try {
      const jobId = from.jobId ?? newJobId();
      const restored =
        from.restoreFrom === 'latest'
          ? 'the latest checkpoint'
          : from.restoreFrom
            ? `savepoint "${from.restoreFrom.name}"`
            : null;
      checkpointRun.begin({ jobId, code, parallelism: parallelism.value, startedAt: Date.now() }, restored);
      url = jobModuleUrlFromSource(code);
      // The plan comes first: a module that fails to import or build fails here, in this thread,
      // with its original error and line.
      const described = await describeJob(url, parallelism.value);
      this.plan = described.plan;
      this.checkpointing = described.checkpointing;
      controller.signal.throwIfAborted();
      this.results = await runJob(url, {
        parallelism: parallelism.value,
        runtime: this.runtime,
        workers: this.workers === 'auto' ? undefined : Number(this.workers),
        signal: controller.signal,
        onMetrics: (all) => metrics.push(all),
        jobId,
        restoreFrom: from.restoreFrom,
        allowNonRestoredState: from.allowNonRestoredState,
        // Guarded by the job id: a previous run's port may still deliver a late update.
        onCheckpoint: (history) => {
          if (checkpointRun.jobId === jobId) checkpointRun.history = history;
        },
        onStarted: (job) => {
          if (checkpointRun.jobId === jobId) checkpointRun.job = job;
        },
      });
      metrics.flush();
      this.status = 'FINISHED';
    } catch (e) {
      metrics.flush();
      if (controller.signal.aborted) {
        // The user's own Stop: the job was cancelled as asked, which is no error (the panel says so).
        this.status = 'CANCELED';
      } else {
        this.status = 'FAILED';
        this.error = locateJobError(e, url, code);
        console.error('Job module failed', e);
      }
    } finally {
      if (url) URL.revokeObjectURL(url);
      checkpointRun.end(this.status === 'FINISHED');
      this.#controller = null;
      this.running = false;
      this.stopping = false;
    }
  }

  /** Shows the JobGraph of the code without running it (import and build errors land in `error`). */
  async showPlan(): Promise<void> {
    if (this.running) return;
    this.#metrics?.cancel();
    this.#metrics = null;
    this.error = null;
    this.subtasks = [];
    const parallelism = readParallelism(this.parallelism);
    if (!parallelism.ok) {
      this.error = { message: parallelism.error, line: null, column: null };
      return;
    }
    const code = this.code;
    let url: string | null = null;
    try {
      url = jobModuleUrlFromSource(code);
      const described = await describeJob(url, parallelism.value);
      this.plan = described.plan;
      this.checkpointing = described.checkpointing;
    } catch (e) {
      this.plan = null;
      this.checkpointing = null;
      this.error = locateJobError(e, url, code);
    } finally {
      if (url) URL.revokeObjectURL(url);
    }
  }

  /** Cancels the running job (its workers are terminated); the run ends CANCELED, with no error. */
  stop(): void {
    if (!this.#controller) return;
    this.stopping = true;
    this.#controller.abort(new Error('Stopped'));
  }

  reset(): void {
    this.code = DEFAULT_JOB_MODULE;
  }
}

/** The Job page's state (kept while navigating between pages). @example jobModule.stop() */
export const jobModule = new JobModuleState();
