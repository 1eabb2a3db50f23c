import * as Comlink from 'comlink';
import { BatchDecoder } from '../net/codec/batch-decoder.ts';
import { JobCancelledError } from '../runtime/errors.ts';
import type { LoadedJob } from './job-loader.ts';
import { placeSubtasks, subtaskName, type Placement } from './placement.ts';
import {
  deserializeError,
  type ConsumerEnd,
  type LocalChannelPlan,
  type ProducerEnd,
  type SubtaskMetrics,
  type TaskManagerApi,
  type TaskManagerEvent,
} from './protocol.ts';
import { withTimeout } from './rpc.ts';
import type { WorkerFactory, WorkerHandle } from './worker-handle.ts';

/** Settings of one run across workers (see JobManagerOptions for the defaults). */
export interface ExecutionSettings {
  jobId: string;
  moduleUrl: string;
  parallelism: number;
  numWorkers: number;
  spawnWorker: WorkerFactory;
  rpcTimeoutMs: number;
  heartbeatIntervalMs: number;
  heartbeatTimeoutMs: number;
  metricsIntervalMs: number;
  credits: number;
  onMetrics?: (metrics: SubtaskMetrics[]) => void;
}

interface Tm {
  handle: WorkerHandle;
  remote: Comlink.Remote<TaskManagerApi>;
  /** The JobManager's end of the event port, and the end transferred to the worker at deploy. */
  events: MessagePort;
  remoteEvents: MessagePort;
  lastSeen: number;
}

/**
 * One job run across TaskManager workers: spawns them, deploys, wires channels, starts, watches
 * heartbeats, collects results, and tears everything down on finish, failure or cancel (every
 * worker terminated, every port closed). `result` settles exactly once.
 */
export class JobExecution {
  readonly result: Promise<Map<number, unknown[]>>;
  private resolve!: (r: Map<number, unknown[]>) => void;
  private reject!: (e: Error) => void;
  private settled = false;
  private readonly tms: Tm[] = [];
  private placement!: Placement;
  private readonly results = new Map<number, unknown[]>();
  private readonly decoder = new BatchDecoder();
  private readonly metrics = new Map<string, SubtaskMetrics>();
  private finishedCount = 0;
  private totalSubtasks = 0;
  private watchdog: ReturnType<typeof setInterval> | null = null;
  private lastCheck = performance.now();
  private readonly failed: Promise<never>;
  private failWith!: (e: Error) => void;
  private teardownDone: Promise<void> | null = null;

  constructor(
    private readonly plan: LoadedJob,
    private readonly s: ExecutionSettings,
  ) {
    this.result = new Promise((res, rej) => {
      this.resolve = res;
      this.reject = rej;
    });
    this.failed = new Promise<never>((_, rej) => (this.failWith = rej));
    this.failed.catch(() => {}); // observed through result
  }

  /** Latest metrics of every subtask that reported. */
  currentMetrics(): SubtaskMetrics[] {
    return [...this.metrics.values()];
  }

  async run(): Promise<void> {
    try {
      await this.deployAndStart();
    } catch (e) {
      this.fail(e instanceof Error ? e : new Error(String(e)));
    }
  }

  /** Cancels the run; resolves once every worker is gone. */
  async cancel(): Promise<void> {
    await this.settle(new JobCancelledError(this.plan.jobName));
  }

  private async deployAndStart(): Promise<void> {
    const eg = this.plan.executionGraph;
    this.placement = placeSubtasks(eg, this.s.numWorkers);
    this.totalSubtasks = this.placement.perWorker.reduce((n, l) => n + l.length, 0);
    for (let w = 0; w < this.s.numWorkers; w++) {
      const handle = this.s.spawnWorker(`rivulet-taskmanager-${w}`);
      const { port1, port2 } = new MessageChannel();
      const remote = Comlink.wrap<TaskManagerApi>(handle.endpoint);
      const tm: Tm = { handle, remote, events: port1, remoteEvents: port2, lastSeen: Infinity };
      this.tms.push(tm);
      handle.onFailure((reason) => this.fail(this.workerError(w, `failed: ${reason.message}`, reason)));
      port1.addEventListener('message', (e: MessageEvent) => this.onEvent(w, e.data as TaskManagerEvent));
      port1.start();
    }
    this.lastCheck = performance.now();
    this.watchdog = setInterval(() => this.checkHeartbeats(), this.s.heartbeatIntervalMs);
    // One MessageChannel per channel of the job; each end goes to the worker of its subtask.
    const producers = this.tms.map(() => [] as ProducerEnd[]);
    const consumers = this.tms.map(() => [] as ConsumerEnd[]);
    const locals = this.tms.map(() => [] as LocalChannelPlan[]);
    for (const c of this.placement.channels) {
      if (c.producerWorker === c.consumerWorker) {
        locals[c.producerWorker].push({ producer: c.producer, consumer: c.consumer, name: c.name });
        continue;
      }
      const { port1, port2 } = new MessageChannel();
      producers[c.producerWorker].push({ ...c.producer, name: c.name, port: port1 });
      consumers[c.consumerWorker].push({ ...c.consumer, name: c.name, port: port2 });
    }
    await Promise.all(
      this.tms.map((tm, w) => {
        const events = tm.remoteEvents;
        const descriptor = {
          jobId: this.s.jobId,
          moduleUrl: this.s.moduleUrl,
          parallelism: this.s.parallelism,
          workerIndex: w,
          planFingerprint: this.plan.fingerprint,
          subtasks: this.placement.perWorker[w],
          producers: producers[w],
          consumers: consumers[w],
          locals: locals[w],
          credits: this.s.credits,
          heartbeatIntervalMs: this.s.heartbeatIntervalMs,
          metricsIntervalMs: this.s.metricsIntervalMs,
          events,
        };
        const transfer = [events, ...producers[w].map((p) => p.port), ...consumers[w].map((c) => c.port)];
        tm.lastSeen = performance.now() + this.s.rpcTimeoutMs; // deploy has its own timeout
        return this.call(w, 'deploy', tm.remote.deploy(Comlink.transfer(descriptor, transfer)));
      }),
    );
    for (const tm of this.tms) tm.lastSeen = performance.now();
    await Promise.all(this.tms.map((tm, w) => this.call(w, 'start', tm.remote.start())));
  }

  private call<T>(w: number, what: string, p: Promise<T>): Promise<T> {
    return withTimeout(p, this.s.rpcTimeoutMs, `${what} on TaskManager ${w}`, this.failed);
  }

  private onEvent(w: number, e: TaskManagerEvent): void {
    if (this.settled) return;
    this.tms[w].lastSeen = performance.now();
    switch (e.type) {
      case 'heartbeat':
        return;
      case 'metrics':
        for (const m of e.subtasks) this.metrics.set(m.name, m);
        this.s.onMetrics?.(this.currentMetrics());
        return;
      case 'results': {
        let list = this.results.get(e.collectId);
        if (!list) this.results.set(e.collectId, (list = []));
        const { values } = this.decoder.decode(e.batch);
        for (const v of values) list.push(v);
        return;
      }
      case 'finished':
        if (++this.finishedCount === this.totalSubtasks) void this.settle(null);
        return;
      case 'failed': {
        const where =
          e.vertex !== undefined && e.subtask !== undefined
            ? `Subtask ${subtaskName(this.plan.executionGraph, { vertex: e.vertex, subtask: e.subtask })}`
            : `TaskManager ${w}`;
        return this.fail(deserializeError(e.error, `${where} failed: `));
      }
    }
  }

  private checkHeartbeats(): void {
    const now = performance.now();
    const late = now - this.lastCheck;
    this.lastCheck = now;
    if (late > this.s.heartbeatTimeoutMs / 2) {
      // This thread was stalled, not the workers: their heartbeats wait unread in the port queue
      // (timers run before pending messages). Restart the clocks instead of blaming a worker.
      for (const tm of this.tms) tm.lastSeen = Math.max(tm.lastSeen, now);
      return;
    }
    this.tms.forEach((tm, w) => {
      const silent = now - tm.lastSeen;
      if (silent > this.s.heartbeatTimeoutMs) {
        this.fail(
          this.workerError(
            w,
            `missed heartbeats for ${Math.round(silent)} ms (timeout ${this.s.heartbeatTimeoutMs} ms): the worker died or is stuck`,
          ),
        );
      }
    });
  }

  private workerError(w: number, what: string, cause?: Error): Error {
    const names = (this.placement?.perWorker[w] ?? []).map((r) => subtaskName(this.plan.executionGraph, r));
    const e = new Error(`TaskManager ${w} (subtasks ${names.join(', ') || 'none'}) ${what}`, { cause });
    return e;
  }

  private fail(e: Error): void {
    if (this.settled) return;
    this.failWith(e);
    void this.settle(e);
  }

  /** Ends the run once: stops every worker first, so a settled result never leaves one running. */
  private async settle(error: Error | null): Promise<void> {
    if (this.settled) return this.teardown();
    this.settled = true;
    // Terminating is best effort and the outcome is already decided, but a failed teardown is still
    // reported: with a failure it rides along on the error, with a success it is logged.
    const teardownError = await this.teardown().then(
      () => null,
      (e: unknown) => e,
    );
    if (teardownError && !error)
      console.warn(`Job "${this.plan.jobName}" ended, but stopping its workers failed:`, teardownError);
    if (error && teardownError) (error as Error & { teardownError?: unknown }).teardownError = teardownError;
    if (error) this.reject(error);
    else this.resolve(this.results);
  }

  private teardown(): Promise<void> {
    this.teardownDone ??= (async () => {
      if (this.watchdog) clearInterval(this.watchdog);
      for (const tm of this.tms) tm.events.close();
      await Promise.all(this.tms.map((tm) => tm.handle.terminate()));
    })();
    return this.teardownDone;
  }
}
