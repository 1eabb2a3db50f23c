import * as Comlink from 'comlink';
import type { OutputChannel } from '../net/channel.ts';
import type { CheckpointBarrierEvent } from '../runtime/stream-event.ts';
import type { TaskSnapshotAck } from '../checkpoint/task/task-snapshot.ts';
import { CreditReader } from '../net/credit-reader.ts';
import { CreditWriter } from '../net/credit-writer.ts';
import { LocalChannel } from '../net/local-channel.ts';
import { loadJobPlan } from './job-loader.ts';
import {
  serializeError,
  type DeployDescriptor,
  type HeapUsage,
  type SubtaskRef,
  type TaskManagerApi,
  type TaskManagerEvent,
} from './protocol.ts';
import { TaskLoop } from './task-loop.ts';
import { WorkerSubtask } from './worker-subtask.ts';
import { MetricsReporter } from './metrics-reporter.ts';
import { SubtaskResults } from './subtask-results.ts';

/**
 * Credits of a channel inside one worker. Its consumer runs on the same thread right after the
 * producer's step, so one batch in flight never starves it (no latency to hide, unlike the `credits`
 * of cross-worker channels), and every further batch only keeps records alive through young-
 * generation GCs (keyBy + window at parallelism 2 in one worker: GC 124 → 41 ms per 8M records).
 */
const LOCAL_CREDITS = 1;

/**
 * The TaskManager logic (one per worker): imports the job module, builds the same graph as the
 * JobManager, instantiates only the subtasks placed here, wires their channels to the transferred
 * ports and runs them on a TaskLoop. Pushes heartbeats, metrics, collected results (tagged with
 * their checkpoint epoch), checkpoint acks/declines and finished/failed events over the event port.
 * After cancel() it can take the next attempt's deploy() (a restart reuses live workers).
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
  private results: SubtaskResults[] = [];
  private worker = -1;

  /** `heapUsage`: this worker's heap, sent with every heartbeat (Node entries pass v8's figures). */
  constructor(private readonly heapUsage: () => HeapUsage | undefined = () => undefined) {}

  async deploy(d: DeployDescriptor): Promise<void> {
    if (this.events) throw new Error(`TaskManager ${this.worker} already runs a job; cancel it first`);
    this.worker = d.workerIndex;
    this.events = d.events;
    this.events.start?.();
    const beat = () => this.post({ type: 'heartbeat', worker: d.workerIndex, heap: this.heapUsage() });
    beat();
    this.heartbeat = setInterval(beat, d.heartbeatIntervalMs);
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
      onEnded: (s) => this.post({ type: 'ended', ...s.ref }),
    });
    this.loop = loop;
    const same = (a: SubtaskRef, b: SubtaskRef) => a.vertex === b.vertex && a.subtask === b.subtask;
    const restoredEpoch = d.restoredCheckpointId;
    const locals = d.locals.map((l) => ({ plan: l, channel: new LocalChannel(l.name, LOCAL_CREDITS) }));
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
      const results = new SubtaskResults((e, t) => this.post(e, t), restoredEpoch);
      this.results.push(results);
      const restore = d.restoreState.find((r) => same(r, ref));
      const core = plan.createTaskCore(
        ev,
        outputs,
        {
          collect: (collectId, value) => {
            subtask!.collected++;
            results.add(collectId, value);
          },
          onAsyncFailure: (e) => {
            loop.stop();
            this.post({ type: 'failed', ...ref, error: serializeError(e) });
          },
          onTimer: loop.wake,
          onSnapshot: (ack) => {
            subtask!.alignmentDone(ack.checkpointId);
            results.advance(ack.checkpointId);
            this.acknowledge(ref, ack);
          },
          onDecline: (checkpointId, reason) => {
            subtask!.alignmentDone(checkpointId);
            this.post({ type: 'decline', ...ref, checkpointId, reason: serializeError(reason) });
          },
        },
        { attemptNumber: d.attemptNumber, checkpointing: d.checkpointing, restoredState: restore?.state },
      );
      const name = `${ev.vertex.name} (${ref.subtask + 1}/${ev.vertex.parallelism})`;
      subtask = new WorkerSubtask(ref, name, d.workerIndex, core, outputs.flat(), loop.wake);
      subtask.alignsBarriers = d.checkpointing?.mode === 'EXACTLY_ONCE';
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
    // The subtask that failed to start: its failure (restore, open()) names it, as one while running does.
    let failed: WorkerSubtask | null = null;
    const start = async (s: WorkerSubtask): Promise<void> => {
      try {
        await s.start();
      } catch (e) {
        failed ??= s;
        throw e;
      }
    };
    try {
      // Restoring may be asynchronous (initializeState returning a promise): every subtask is open
      // before any of them runs.
      await Promise.all(this.subtasks.map(start));
    } catch (e) {
      const ref = (failed as WorkerSubtask | null)?.ref;
      this.post({ type: 'failed', ...ref, error: serializeError(e) });
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
    this.results = [];
    this.events?.close();
    this.events = null;
    this.loop = null;
    this.metrics = null;
    this.heartbeat = null;
  }

  async triggerCheckpoint(barrier: CheckpointBarrierEvent): Promise<void> {
    // Running sources inject the barrier; tasks awaiting their final checkpoint acknowledge; the
    // others ignore the call (their barriers come through their inputs).
    for (const s of this.subtasks) {
      if (s.done) continue;
      try {
        s.core.triggerCheckpoint(barrier);
      } catch (e) {
        this.post({
          type: 'decline',
          ...s.ref,
          checkpointId: barrier.checkpointId,
          reason: serializeError(e),
        });
      }
    }
    this.loop?.wake();
  }

  async notifyCheckpointComplete(checkpointId: number): Promise<void> {
    this.notify(checkpointId, (s) => s.core.notifyCheckpointComplete(checkpointId));
  }

  async notifyCheckpointAborted(checkpointId: number): Promise<void> {
    this.notify(checkpointId, (s) => s.core.notifyCheckpointAborted(checkpointId));
  }

  /** A listener that throws fails its subtask (and the job, which then restarts), as in Flink. */
  private notify(checkpointId: number, call: (s: WorkerSubtask) => void | Promise<void>): void {
    const failed = (s: WorkerSubtask, e: unknown) => {
      this.loop?.stop();
      this.post({ type: 'failed', ...s.ref, error: serializeError(e) });
    };
    for (const s of this.subtasks) {
      if (s.done) continue;
      try {
        const r = call(s);
        if (r) r.then(this.loop?.wake, (e: unknown) => failed(s, e));
      } catch (e) {
        return failed(s, e);
      }
    }
    this.flushResults();
    this.loop?.wake();
  }

  /** Posts the ack once the snapshot's asynchronous part is done (a failure there declines). */
  private acknowledge(ref: SubtaskRef, ack: TaskSnapshotAck): void {
    const { checkpointId } = ack;
    ack.ready.then(
      () => {
        const { ready: _ready, ...snapshot } = ack;
        this.post({ type: 'ack', ...ref, snapshot });
      },
      (e: unknown) => this.post({ type: 'decline', ...ref, checkpointId, reason: serializeError(e) }),
    );
  }

  private flushResults(): void {
    for (const r of this.results) r.flush();
  }

  private post(event: TaskManagerEvent, transfer: Transferable[] = []): void {
    this.events?.postMessage(event, transfer);
  }
}

/**
 * Serves a TaskManager on a Comlink endpoint: the whole body of a TaskManager worker entry.
 * `heapUsage`, where the host has one, lets a failure report name memory (see HeapUsage).
 *
 * @example
 * // workers/engine-taskmanager.ts (browser)
 * import { exposeTaskManager } from '../src/engine/cluster/task-manager.ts';
 * exposeTaskManager(self as unknown as Comlink.Endpoint);
 */
export function exposeTaskManager(
  endpoint: Comlink.Endpoint,
  heapUsage?: () => HeapUsage | undefined,
): TaskManager {
  const tm = new TaskManager(heapUsage);
  Comlink.expose(tm, endpoint);
  return tm;
}
