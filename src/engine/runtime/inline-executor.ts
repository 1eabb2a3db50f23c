import { createExecutionGraph } from '../graph/execution-graph.ts';
import type { JobGraph } from '../graph/job-graph.ts';
import { WallClockProcessingTimeService } from '../time/processing-time.ts';
import type { ProcessingTimeService } from '../time/timer-service.ts';
import { JobCancelledError } from './errors.ts';
import {
  newJobId,
  type ExecutionOptions,
  type JobExecutionResult,
  type JobHandle,
  type JobStatus,
  type PipelineExecutor,
} from './job-handle.ts';
import type { StreamEvent } from './stream-event.ts';
import { StreamTask } from './stream-task.ts';

/** Options of the inline (one-thread) runtime. */
export interface InlineExecutorOptions {
  /** The job's clock; default the wall clock. Tests pass a ManualProcessingTimeService. */
  processingTimeService?: ProcessingTimeService;
  /** Yield to the event loop after this much work (ms), so unbounded jobs never block it. Default 8. */
  yieldIntervalMs?: number;
}

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** Yields to the macrotask queue (timers, I/O, messages), not just microtasks. */
const yieldMacrotask: () => Promise<void> =
  typeof setImmediate === 'function'
    ? () => new Promise((r) => setImmediate(r))
    : typeof MessageChannel === 'function'
      ? () =>
          new Promise((r) => {
            const ch = new MessageChannel();
            ch.port1.onmessage = () => {
              ch.port1.close();
              r();
            };
            ch.port2.postMessage(null);
          })
      : () => new Promise((r) => setTimeout(r, 0));

/** Input queue of one task: (channel, event) pairs in arrival order. */
class Inbox {
  channels: number[] = [];
  events: StreamEvent[] = [];
  head = 0;
  get size(): number {
    return this.events.length - this.head;
  }
  push(channel: number, event: StreamEvent): void {
    this.channels.push(channel);
    this.events.push(event);
  }
  reset(): void {
    this.channels = [];
    this.events = [];
    this.head = 0;
  }
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
  readonly jobId = newJobId();
  readonly jobName: string;
  status: JobStatus = 'RUNNING';
  readonly result: Promise<JobExecutionResult>;
  private readonly tasks: StreamTask[] = [];
  private readonly inboxes: Inbox[] = [];
  private readonly sourceWaiting: boolean[] = [];
  private failure: unknown = null;
  private cancelRequested = false;
  private wake: (() => void) | null = null;
  private idle = false;
  private idleWaiters: (() => void)[] = [];
  private readonly ownClock: WallClockProcessingTimeService | null = null;

  constructor(
    jobGraph: JobGraph,
    private readonly runtimeOptions: InlineExecutorOptions,
    options: ExecutionOptions,
  ) {
    this.jobName = jobGraph.jobName;
    let clock = runtimeOptions.processingTimeService;
    if (!clock) clock = this.ownClock = new WallClockProcessingTimeService({ onError: (e) => this.fail(e) });
    const eg = createExecutionGraph(jobGraph);
    const taskIndex = eg.subtasks.map(() => [] as number[]);
    let next = 0;
    eg.subtasks.forEach((subs, v) => subs.forEach(() => taskIndex[v].push(next++)));
    for (const subs of eg.subtasks) {
      for (const ev of subs) {
        const outputWriters = ev.outputs.map((out) =>
          out.channels.map((c) => {
            const inbox = (): Inbox => this.inboxes[taskIndex[out.edge.target.index][c.consumerSubtask]];
            return { send: (event: StreamEvent) => inbox().push(c.consumerChannelIndex, event) };
          }),
        );
        this.tasks.push(
          new StreamTask({
            executionVertex: ev,
            outputWriters,
            processingTimeService: clock,
            batchSize: jobGraph.config.batchSize,
            onTimerFired: () => this.wakeUp(),
            onAsyncFailure: (e) => this.fail(e),
            bindCollectSink: (sink) => {
              const collect = options.collect;
              if (!collect)
                throw new Error('This job has a collect sink but the executor was given nowhere to collect');
              sink.bind((v) => collect(sink.collectId, v));
            },
          }),
        );
        this.inboxes.push(new Inbox());
        this.sourceWaiting.push(false);
      }
    }
    const started = now();
    this.result = this.run().then(
      () => {
        this.status = 'FINISHED';
        this.releaseIdleWaiters();
        return { jobId: this.jobId, jobName: this.jobName, netRuntimeMs: now() - started };
      },
      (e) => {
        this.status = this.cancelRequested && this.failure === null ? 'CANCELED' : 'FAILED';
        this.stopAll();
        this.releaseIdleWaiters();
        throw e;
      },
    );
    // Mark handled so an unawaited failing job does not crash the host; awaiting still rejects.
    this.result.catch(() => {});
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

  private stopAll(): void {
    for (const t of this.tasks) t.cancel();
    this.ownClock?.shutdown();
  }

  private async run(): Promise<void> {
    await Promise.resolve(); // let the caller attach handlers before any work happens
    for (let i = this.tasks.length - 1; i >= 0; i--) this.tasks[i].open();
    const yieldEvery = this.runtimeOptions.yieldIntervalMs ?? 8;
    let lastYield = now();
    for (;;) {
      if (this.failure !== null) throw this.failure;
      if (this.cancelRequested) throw new JobCancelledError(this.jobName);
      const progressed = this.round();
      if (this.tasks.every((t) => t.state === 'finished')) break;
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
    this.ownClock?.shutdown();
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
    if (!anySourceRunning && this.inboxes.every((b) => b.size === 0)) {
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
