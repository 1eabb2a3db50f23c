import { RestartStrategies } from '../api/restart-strategies.ts';
import type { CheckpointStats } from '../checkpoint/coordinator/checkpoint-stats.ts';
import type { RestoreAssignment } from '../checkpoint/coordinator/restore-assignment.ts';
import { RestartBackoff } from '../checkpoint/restart/restart-backoff.ts';
import type { CompletedCheckpoint, Savepoint } from '../checkpoint/storage/checkpoint-storage.ts';
import { createExecutionGraph, type ExecutionGraph, type ExecutionVertex } from '../graph/execution-graph.ts';
import type { JobGraph } from '../graph/job-graph.ts';
import { WallClockProcessingTimeService } from '../time/processing-time.ts';
import type { ProcessingTimeService } from '../time/timer-service.ts';
import type { CollectSinkOperator } from '../operators/sink-operators.ts';
import { JobCancelledError } from './errors.ts';
import {
  newJobId,
  type ExecutionOptions,
  type JobExecutionResult,
  type JobHandle,
  type JobStatus,
  type PipelineExecutor,
} from './job-handle.ts';
import { InlineCheckpointing } from './inline-checkpointing.ts';
import { Inbox, now, yieldMacrotask } from './inline-queues.ts';
import type { StreamEvent } from './stream-event.ts';
import { StreamTask } from './stream-task.ts';

/** Options of the inline (one-thread) runtime. */
export interface InlineExecutorOptions {
  /** The job's clock; default the wall clock. Tests pass a ManualProcessingTimeService. */
  processingTimeService?: ProcessingTimeService;
  /** Yield to the event loop after this much work (ms), so unbounded jobs never block it. Default 8. */
  yieldIntervalMs?: number;
}

/**
 * The inline runtime: every subtask of every vertex in one thread, connected by in-memory queues.
 * Scheduling is deterministic: rounds over the tasks in topological order, where a source reads one
 * batch and every other task drains its queue; buffered output is flushed after each task's turn.
 * It yields to the event loop every few ms (processing-time timers and async sources run then).
 *
 * @example
 * const job = new InlineExecutor({ processingTimeService: new ManualProcessingTimeService() }).execute(jobGraph, {});
 * await job.result;
 */
export class InlineExecutor implements PipelineExecutor {
  constructor(private readonly options: InlineExecutorOptions = {}) {}
  execute(jobGraph: JobGraph, options: ExecutionOptions): JobHandle {
    return new InlineJob(jobGraph, this.options, options);
  }
}

class InlineJob implements JobHandle {
  readonly jobId: string;
  readonly jobName: string;
  status: JobStatus = 'RUNNING';
  readonly result: Promise<JobExecutionResult>;
  private tasks: StreamTask[] = [];
  /** The collect sinks of the running attempt (their records held until a checkpoint covers them). */
  private collectSinks: CollectSinkOperator<unknown>[] = [];
  private inboxes: Inbox[] = [];
  private sourceWaiting: boolean[] = [];
  private failure: unknown = null;
  private cancelRequested = false;
  private wake: (() => void) | null = null;
  private idle = false;
  private idleWaiters: (() => void)[] = [];
  private readonly ownClock: WallClockProcessingTimeService | null = null;
  private readonly clock: ProcessingTimeService;
  private readonly eg: ExecutionGraph;
  private checkpointing: InlineCheckpointing | null = null;
  /** Attempt number of the running tasks (0, then 1, 2, ... after restarts). */
  attempt = 0;
  private finalCheckpoint: 'none' | 'pending' | 'done' = 'none';

  constructor(
    private readonly jobGraph: JobGraph,
    private readonly runtimeOptions: InlineExecutorOptions,
    private readonly options: ExecutionOptions,
  ) {
    this.jobId = options.jobId ?? newJobId();
    this.jobName = jobGraph.jobName;
    let clock = runtimeOptions.processingTimeService;
    if (!clock) clock = this.ownClock = new WallClockProcessingTimeService({ onError: (e) => this.fail(e) });
    this.clock = clock;
    this.eg = createExecutionGraph(jobGraph);
    const started = now();
    this.result = this.runAttempts().then(
      () => {
        this.status = 'FINISHED';
        this.releaseIdleWaiters();
        return { jobId: this.jobId, jobName: this.jobName, netRuntimeMs: now() - started };
      },
      (e) => {
        this.status = this.cancelRequested && this.failure === null ? 'CANCELED' : 'FAILED';
        this.checkpointing?.detach('the job stopped');
        this.stopAll();
        this.ownClock?.shutdown();
        this.releaseIdleWaiters();
        throw e;
      },
    );
    // Mark handled so an unawaited failing job does not crash the host; awaiting still rejects.
    this.result.catch(() => {});
  }

  /** Creates the tasks of one attempt (fresh operators; restored state when given). */
  private createTasks(restore: RestoreAssignment | null): void {
    const eg = this.eg;
    const taskIndex = eg.subtasks.map(() => [] as number[]);
    let next = 0;
    eg.subtasks.forEach((subs, v) => subs.forEach(() => taskIndex[v].push(next++)));
    const tasks: StreamTask[] = [];
    const inboxes: Inbox[] = [];
    const evs: ExecutionVertex[] = [];
    const collect = this.options.collect;
    this.collectSinks = [];
    for (const subs of eg.subtasks) {
      for (const ev of subs) {
        const outputWriters = ev.outputs.map((out) =>
          out.channels.map((c) => {
            const target = taskIndex[out.edge.target.index][c.consumerSubtask];
            return { send: (event: StreamEvent) => inboxes[target].push(c.consumerChannelIndex, event) };
          }),
        );
        tasks.push(
          new StreamTask({
            executionVertex: ev,
            outputWriters,
            processingTimeService: this.clock,
            batchSize: this.jobGraph.config.batchSize,
            objectReuse: this.jobGraph.config.objectReuse,
            attemptNumber: this.attempt,
            onTimerFired: () => this.wakeUp(),
            onAsyncFailure: (e) => this.fail(e),
            bindCollectSink: (sink) => {
              if (!collect)
                throw new Error('This job has a collect sink but the executor was given nowhere to collect');
              sink.bind((v) => collect(sink.collectId, v));
              this.collectSinks.push(sink as CollectSinkOperator<unknown>);
            },
            ...this.checkpointing?.taskOptions(ev, restore),
          }),
        );
        inboxes.push(new Inbox());
        evs.push(ev);
      }
    }
    this.tasks = tasks;
    this.inboxes = inboxes;
    this.sourceWaiting = tasks.map(() => false);
    this.checkpointing?.attach(tasks, evs);
  }

  private releaseIdleWaiters(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  private fail(e: unknown): void {
    if (this.failure === null) this.failure = e;
    this.wakeUp();
  }

  private wakeUp(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  async whenIdle(): Promise<void> {
    // A macrotask first, so wake-ups already queued (microtasks) have started the next round.
    await yieldMacrotask();
    if (this.status !== 'RUNNING' || (this.idle && this.wake !== null)) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  cancel(): Promise<void> {
    if (this.status === 'RUNNING') this.cancelRequested = true;
    this.wakeUp();
    return this.result.then(
      () => {},
      () => {},
    );
  }

  triggerSavepoint(name: string): Promise<Savepoint> {
    if (this.checkpointing === null)
      return Promise.reject(
        new Error('triggerSavepoint needs checkpointing: call env.enableCheckpointing(intervalMs)'),
      );
    return this.checkpointing.coordinator.triggerSavepoint(name);
  }

  triggerCheckpoint(): Promise<CompletedCheckpoint> {
    if (this.checkpointing === null)
      return Promise.reject(
        new Error('triggerCheckpoint needs checkpointing: call env.enableCheckpointing(intervalMs)'),
      );
    return this.checkpointing.coordinator.triggerCheckpoint();
  }

  /**
   * Takes a savepoint, lets the tasks hear of its completion (sinks commit up to it), then cancels
   * the job (Flink's stop-with-savepoint): nothing after the savepoint is committed.
   */
  async stopWithSavepoint(name: string): Promise<Savepoint> {
    const savepoint = await this.triggerSavepoint(name);
    await this.cancel();
    return savepoint;
  }

  getCheckpointHistory(): readonly CheckpointStats[] {
    return this.checkpointing?.coordinator.history ?? [];
  }

  /**
   * After a failure: records the collect sinks hold for a checkpoint that completed (perhaps while the
   * attempt was failing, its notification never delivered) are covered by the restore point, which
   * resumes after them, so they are handed over now instead of being lost with the attempt.
   */
  private async releaseCheckpointedResults(): Promise<void> {
    const coordinator = this.checkpointing?.coordinator;
    if (!coordinator) return;
    await coordinator.whenIdle(); // a checkpoint still being stored settles first
    const done = coordinator.latestCompleted?.checkpointId;
    if (done !== undefined) for (const sink of this.collectSinks) sink.notifyCheckpointComplete(done);
  }

  private stopAll(): void {
    for (const t of this.tasks) t.cancel();
  }

  /** Runs attempts until one finishes, restarting from the latest checkpoint as the strategy allows. */
  private async runAttempts(): Promise<void> {
    await Promise.resolve(); // let the caller attach handlers before any work happens
    const options = this.options;
    if (options.checkpointing) {
      this.checkpointing = await InlineCheckpointing.create(
        this.jobId,
        this.jobGraph,
        { ...options, checkpointing: options.checkpointing },
        this.clock,
        () => this.wakeUp(),
        (e) => this.fail(e),
      );
    } else if (options.restoreFrom !== undefined) {
      throw new Error('Restoring from a checkpoint or savepoint needs checkpointing (enableCheckpointing)');
    }
    const backoff = new RestartBackoff(options.restartStrategy ?? RestartStrategies.noRestart());
    for (;;) {
      const restore = (await this.checkpointing?.assignmentForAttempt(this.attempt)) ?? null;
      try {
        this.createTasks(restore);
        await this.run();
        this.checkpointing?.detach('the job finished');
        this.ownClock?.shutdown();
        return;
      } catch (e) {
        if (this.cancelRequested) throw this.failure ?? e;
        this.checkpointing?.detach(
          `attempt ${this.attempt} failed: ${e instanceof Error ? e.message : String(e)}`,
        );
        this.stopAll();
        await this.releaseCheckpointedResults();
        // The job's clock (a test's manual one): failureRateRestart's interval is measured on it.
        const decision = backoff.onFailure(this.clock.getCurrentProcessingTime());
        if (!decision.restart) throw backoff.suppressed(e);
        if (decision.delayMs > 0) await new Promise((r) => setTimeout(r, decision.delayMs));
        if (this.cancelRequested) throw new JobCancelledError(this.jobName);
        this.failure = null;
        this.finalCheckpoint = 'none';
        this.attempt++;
      }
    }
  }

  private async run(): Promise<void> {
    for (let i = this.tasks.length - 1; i >= 0; i--) {
      const opened = this.tasks[i].open();
      if (opened) await opened;
    }
    const yieldEvery = this.runtimeOptions.yieldIntervalMs ?? 8;
    let lastYield = now();
    for (;;) {
      if (this.failure !== null) throw this.failure;
      // Notifications first: a stop-with-savepoint delivers the savepoint's completion, then stops.
      let progressed = this.checkpointing?.deliver() ?? false;
      if (this.cancelRequested) throw new JobCancelledError(this.jobName);
      progressed = this.round() || progressed;
      if (this.tasks.every((t) => t.state === 'finished')) {
        if (this.checkpointing === null) break;
        if (this.finalStep()) break;
      }
      if (progressed) {
        if (now() - lastYield >= yieldEvery) {
          await yieldMacrotask();
          lastYield = now();
        }
        continue;
      }
      await this.waitForWork();
      lastYield = now();
    }
  }

  /**
   * FLIP-147: once every task finished, one more checkpoint (acknowledged by the finished tasks)
   * commits what sinks hold; its completion closes the tasks. Returns true when the job is done.
   */
  private finalStep(): boolean {
    if (this.finalCheckpoint === 'none') {
      this.finalCheckpoint = 'pending';
      this.checkpointing!.coordinator.triggerCheckpoint().then(
        () => {
          this.finalCheckpoint = 'done';
          this.wakeUp();
        },
        (e) => this.fail(new Error(`The final checkpoint failed: ${(e as Error).message}`, { cause: e })),
      );
      return false;
    }
    return this.finalCheckpoint === 'done' && this.tasks.every((t) => !t.awaitingFinalCheckpoint);
  }

  /** One scheduling round; returns whether any task did work. */
  private round(): boolean {
    let progressed = false;
    for (let t = 0; t < this.tasks.length; t++) {
      const task = this.tasks[t];
      if (task.state !== 'running') continue;
      if (task.isSource) {
        if (this.sourceWaiting[t]) continue;
        const status = task.pollNext();
        progressed = true;
        if (status === 'NOTHING_AVAILABLE') this.awaitSource(t, task);
      } else {
        const inbox = this.inboxes[t];
        if (inbox.size === 0) continue;
        progressed = true;
        // Events pushed while draining (none from this task to itself) are handled in this loop too.
        while (inbox.head < inbox.events.length && task.state === 'running') {
          const i = inbox.head++;
          task.onEvent(inbox.channels[i], inbox.events[i]);
        }
        inbox.reset();
      }
      task.flush();
    }
    return progressed;
  }

  private awaitSource(t: number, task: StreamTask): void {
    const available = task.isAvailable();
    if (available === null) return; // poll again next round (after a yield)
    this.sourceWaiting[t] = true;
    available.then(
      () => {
        this.sourceWaiting[t] = false;
        this.wakeUp();
      },
      (e) => this.fail(e),
    );
  }

  private async waitForWork(): Promise<void> {
    const pollingSource = this.tasks.some(
      (t, i) => t.isSource && t.state === 'running' && !this.sourceWaiting[i],
    );
    const anySourceRunning = this.tasks.some((t) => t.isSource && t.state === 'running');
    const checkpointWork = this.checkpointing !== null && this.finalCheckpoint !== 'none';
    if (!anySourceRunning && !checkpointWork && this.inboxes.every((b) => b.size === 0)) {
      const stuck = this.tasks
        .filter((t) => t.state !== 'finished')
        .map((t) => `"${t.name}" #${t.subtaskIndex}`);
      throw new Error(`Internal error: all sources ended but tasks ${stuck.join(', ')} did not finish`);
    }
    this.idle = true;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
    await new Promise<void>((resolve) => {
      this.wake = resolve;
      if (pollingSource) setTimeout(() => this.wakeUp(), 1);
    });
    this.idle = false;
  }
}
