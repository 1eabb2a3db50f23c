import * as Comlink from 'comlink';
import { BatchEncoder } from '../net/codec/batch-encoder.ts';
import type { OutputChannel } from '../net/channel.ts';
import { CreditReader } from '../net/credit-reader.ts';
import { CreditWriter } from '../net/credit-writer.ts';
import { LocalChannel } from '../net/local-channel.ts';
import { loadJobPlan } from './job-loader.ts';
import {
  serializeError,
  type DeployDescriptor,
  type SubtaskRef,
  type TaskManagerApi,
  type TaskManagerEvent,
} from './protocol.ts';
import { TaskLoop } from './task-loop.ts';
import { WorkerSubtask } from './worker-subtask.ts';
import { MetricsReporter } from './metrics-reporter.ts';

/** Collected records are sent to the JobManager in batches of this many (or at every metrics tick). */
const RESULT_BATCH = 4096;

/**
 * The TaskManager logic (one per worker): imports the job module, builds the same graph as the
 * JobManager, instantiates only the subtasks placed here, wires their channels to the transferred
 * ports and runs them on a TaskLoop. Pushes heartbeats, metrics, collected results and
 * finished/failed events over the event port.
 *
 * @example
 * exposeTaskManager(self); // in a Web Worker entry
 */
export class TaskManager implements TaskManagerApi {
  private events: MessagePort | null = null;
  private subtasks: WorkerSubtask[] = [];
  private loop: TaskLoop | null = null;
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private metrics: MetricsReporter | null = null;
  private results = new Map<number, unknown[]>();
  private readonly resultEncoder = new BatchEncoder('collect sink -> JobManager');
  private worker = -1;

  async deploy(d: DeployDescriptor): Promise<void> {
    if (this.events) throw new Error(`TaskManager ${this.worker} already runs a job; cancel it first`);
    this.worker = d.workerIndex;
    this.events = d.events;
    this.events.start?.();
    this.post({ type: 'heartbeat', worker: d.workerIndex });
    this.heartbeat = setInterval(
      () => this.post({ type: 'heartbeat', worker: d.workerIndex }),
      d.heartbeatIntervalMs,
    );
    const plan = await loadJobPlan(d.moduleUrl, d.parallelism);
    if (plan.fingerprint !== d.planFingerprint) {
      throw new Error(
        `TaskManager ${d.workerIndex} built a different graph from job module ${d.moduleUrl} than the JobManager. ` +
          'A job module must build the same pipeline every time it is imported: do not derive parallelism, ' +
          'operators or names from Math.random(), Date.now() or the worker.',
      );
    }
    const loop = new TaskLoop(this.subtasks, {
      onFinished: (s) => {
        this.metrics?.report(); // final figures (also flushes results)
        this.post({ type: 'finished', ...s.ref });
      },
      onFailed: (s, e) => this.post({ type: 'failed', ...s.ref, error: serializeError(e) }),
    });
    this.loop = loop;
    const same = (a: SubtaskRef, b: SubtaskRef) => a.vertex === b.vertex && a.subtask === b.subtask;
    const locals = d.locals.map((l) => ({ plan: l, channel: new LocalChannel(l.name, d.credits) }));
    for (const ref of d.subtasks) {
      const ev = plan.executionGraph.subtasks[ref.vertex][ref.subtask];
      const outputs = ev.outputs.map(() => [] as OutputChannel[]);
      for (const p of d.producers) {
        if (same(p, ref)) outputs[p.output][p.channel] = new CreditWriter(p.port, p.name);
      }
      for (const l of locals) {
        const p = l.plan.producer;
        if (same(p, ref)) outputs[p.output][p.channel] = l.channel;
      }
      let subtask: WorkerSubtask | null = null;
      const core = plan.createTaskCore(ev, outputs, {
        collect: (collectId, value) => {
          subtask!.collected++;
          this.collect(collectId, value);
        },
        onAsyncFailure: (e) => {
          loop.stop();
          this.post({ type: 'failed', ...ref, error: serializeError(e) });
        },
        onTimer: loop.wake,
      });
      const name = `${ev.vertex.name} (${ref.subtask + 1}/${ev.vertex.parallelism})`;
      subtask = new WorkerSubtask(ref, name, d.workerIndex, core, outputs.flat(), loop.wake);
      for (const c of d.consumers) {
        if (same(c, ref)) {
          subtask.connectInput(c.channel, (deliver) => new CreditReader(c.port, c.name, deliver, d.credits));
        }
      }
      for (const l of locals) {
        const c = l.plan.consumer;
        if (same(c, ref)) subtask.connectInput(c.channel, (deliver) => l.channel.connect(deliver));
      }
      this.subtasks.push(subtask);
    }
    this.metrics = new MetricsReporter(this.subtasks, d.metricsIntervalMs, (m) => {
      this.flushResults();
      this.post({ type: 'metrics', worker: d.workerIndex, subtasks: m });
    });
  }

  async start(): Promise<void> {
    if (!this.loop) throw new Error('TaskManager.start() before deploy()');
    try {
      for (const s of this.subtasks) s.start();
    } catch (e) {
      this.post({ type: 'failed', error: serializeError(e) });
      return;
    }
    this.metrics!.start();
    void this.loop.run();
  }

  async cancel(): Promise<void> {
    this.loop?.stop();
    this.metrics?.stop();
    if (this.heartbeat) clearInterval(this.heartbeat);
    for (const s of this.subtasks) {
      try {
        s.close();
      } catch {
        // Closing is best effort on the way down; the job already has its outcome.
      }
    }
    this.subtasks = [];
    this.events?.close();
    this.events = null;
    this.loop = null;
  }

  private collect(collectId: number, value: unknown): void {
    let buf = this.results.get(collectId);
    if (!buf) this.results.set(collectId, (buf = []));
    buf.push(value);
    if (buf.length >= RESULT_BATCH) this.flushResults();
  }

  private flushResults(): void {
    for (const [collectId, values] of this.results) {
      if (values.length === 0) continue;
      const batch = this.resultEncoder.encode(values, new Float64Array(values.length), values.length);
      this.results.set(collectId, []);
      this.post({ type: 'results', collectId, batch }, [batch]);
    }
  }

  private post(event: TaskManagerEvent, transfer: Transferable[] = []): void {
    this.events?.postMessage(event, transfer);
  }
}

/**
 * Serves a TaskManager on a Comlink endpoint: the whole body of a TaskManager worker entry.
 *
 * @example
 * // workers/taskmanager.ts (browser)
 * import { exposeTaskManager } from '../src/engine/cluster/task-manager.ts';
 * exposeTaskManager(self as unknown as Comlink.Endpoint);
 */
export function exposeTaskManager(endpoint: Comlink.Endpoint): TaskManager {
  const tm = new TaskManager();
  Comlink.expose(tm, endpoint);
  return tm;
}
