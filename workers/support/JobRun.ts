import type { FromTaskManager, JobEvent, JobSettings, ToTaskManager } from '../../src/client/protocol.ts';
import { generateEvents, type SeededEventsOptions } from '../../src/engine/connectors/seeded-events.ts';
import {
  mergeWindowCounts,
  partitionBatch,
  resumeOffsetAfter,
  sourceOf,
  type WindowCounts,
} from '../../src/jobs/tumbling-count.ts';

/** Batches sent but not yet acknowledged by every subtask (credit-based flow control). */
const MAX_IN_FLIGHT = 4;
/** Results go to the page at most this often. */
const UPDATE_EVERY_MS = 100;

interface Pending {
  remaining: number;
  /** Source offset after this batch. */
  to: number;
  lastTimestamp: number;
  watermark: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * One run of the fixed job, driven by the JobManager: reads the seeded source in batches,
 * partitions each batch by key, sends the parts (transferred) to the subtasks, and collects the
 * windows they fire. Results reach the page in updates, never one call per record.
 */
export class JobRun {
  private stopping = false;
  private failure: string | null = null;
  private readonly pending = new Map<number, Pending>();
  private fired: WindowCounts[] = [];
  private processed: number;
  private resumeOffset: number;
  private watermark = -Infinity;
  private lastUpdate = 0;
  private reported = -1;
  private wake: (() => void) | null = null;
  private over = false;
  private readonly source: SeededEventsOptions;

  constructor(
    readonly runId: number,
    private readonly settings: JobSettings,
    private readonly from: number,
    private readonly ports: readonly MessagePort[],
    private readonly onEvent: (event: JobEvent) => void | Promise<void>,
  ) {
    this.source = sourceOf(settings);
    this.processed = from;
    this.resumeOffset = from;
  }

  /** True once the run has sent (or is sending) its last event. */
  get isOver(): boolean {
    return this.over;
  }

  /** Asks the run to stop after the batches in flight. */
  stop(): void {
    this.stopping = true;
    this.notify();
  }

  /** Handles a message from subtask `subtask`'s port. */
  receive(message: FromTaskManager): void {
    if (message.runId !== this.runId) return; // late answer to a stopped run
    if (message.type === 'failed') {
      this.failure = `taskmanager-${message.subtask}: ${message.message}`;
    } else {
      const pending = this.pending.get(message.seq);
      if (!pending) {
        this.failure = `taskmanager-${message.subtask} acknowledged unknown batch ${message.seq}`;
      } else {
        if (message.keys.length > 0) this.fired.push(message);
        if (--pending.remaining === 0) this.complete(message.seq, pending);
      }
    }
    this.notify();
  }

  private complete(seq: number, pending: Pending): void {
    this.pending.delete(seq);
    const { source } = this;
    this.processed = pending.to;
    this.watermark = pending.watermark;
    this.resumeOffset =
      pending.watermark === Infinity
        ? source.count
        : resumeOffsetAfter(source, pending.lastTimestamp, this.settings.windowMs);
  }

  /** Runs to the end, a stop or a failure; the outcome is sent as the last event. */
  async run(): Promise<void> {
    try {
      await this.pump();
      if (this.failure) throw new Error(this.failure);
      if (this.stopping) {
        this.broadcast({ type: 'cancel', runId: this.runId });
        await this.update(true);
        this.over = true;
        await this.onEvent({ type: 'stopped', processed: this.processed, resumeOffset: this.resumeOffset });
      } else {
        await this.update(true);
        this.over = true;
        await this.onEvent({ type: 'finished', processed: this.processed });
      }
    } catch (error) {
      this.broadcast({ type: 'cancel', runId: this.runId });
      this.over = true;
      await this.onEvent({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  }

  private async pump(): Promise<void> {
    const { settings, ports, source } = this;
    const started = performance.now();
    this.broadcast({ type: 'open', runId: this.runId, windowMs: settings.windowMs });
    let seq = 0;
    for (let offset = this.from; offset < source.count; seq++) {
      while (this.pending.size >= MAX_IN_FLIGHT && this.active()) await this.progress();
      if (!this.active()) return;
      const to = Math.min(source.count, offset + settings.batchSize);
      const batch = generateEvents(source, offset, to);
      const lastTimestamp = batch.timestamps[batch.timestamps.length - 1];
      const watermark = lastTimestamp - 1; // bounded out-of-orderness 0: max timestamp − 1
      this.pending.set(seq, { remaining: ports.length, to, lastTimestamp, watermark });
      partitionBatch(batch.keys, batch.timestamps, ports.length).forEach((part, i) => {
        const message: ToTaskManager = { type: 'batch', runId: this.runId, seq, ...part, watermark };
        ports[i].postMessage(message, [part.keys.buffer, part.timestamps.buffer]);
      });
      offset = to;
      await this.update(false);
      if (settings.maxRate > 0) {
        const due = started + ((offset - this.from) / settings.maxRate) * 1000;
        const wait = due - performance.now();
        if (wait > 1) await sleep(wait);
      }
    }
    while (this.pending.size > 0 && this.active()) await this.progress();
    if (!this.active()) return;
    this.pending.set(seq, {
      remaining: ports.length,
      to: source.count,
      lastTimestamp: Infinity,
      watermark: Infinity,
    });
    this.broadcast({ type: 'end', runId: this.runId, seq });
    while (this.pending.size > 0 && !this.failure) await this.progress();
  }

  private active(): boolean {
    return !this.stopping && !this.failure;
  }

  private progress(): Promise<void> {
    return new Promise((resolve) => (this.wake = resolve));
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  private broadcast(message: ToTaskManager): void {
    for (const port of this.ports) port.postMessage(message);
  }

  /** Sends fired windows and progress to the page if there is news and the last update is old enough. */
  private async update(force: boolean): Promise<void> {
    const news = this.fired.length > 0 || this.processed !== this.reported;
    if (!news || (!force && performance.now() - this.lastUpdate < UPDATE_EVERY_MS)) return;
    const windows = mergeWindowCounts(this.fired);
    this.fired = [];
    this.reported = this.processed;
    this.lastUpdate = performance.now();
    await this.onEvent({
      type: 'results',
      windows,
      processed: this.processed,
      resumeOffset: this.resumeOffset,
      watermark: this.watermark,
    });
  }
}
