import type { InputChannel, OutputChannel } from '../net/channel.ts';
import type { StreamEvent } from '../runtime/stream-event.ts';
import { MIN_WATERMARK } from '../time/watermark.ts';
import type { SubtaskMetrics, SubtaskRef } from './protocol.ts';
import type { TaskCore } from './task-core.ts';

/**
 * One subtask inside a TaskManager: its task core, its input channels (CreditReaders or local
 * channels feeding one FIFO queue) and output channels (CreditWriters or local channels). `step()` does one unit of work: one input event,
 * or one source batch. The TaskLoop calls it only while every output channel has credit, so a slow
 * consumer back-pressures this subtask, and through its withheld credits, the ones before it.
 *
 * @example
 * const s = new WorkerSubtask(ref, 'Map (1/2)', 0, core, writers, wake);
 * s.connectInput(0, (deliver) => new CreditReader(port, 'Source (1/2) -> Map (1/2)', deliver, 4));
 */
export class WorkerSubtask {
  private readonly queue: { channel: number; event: StreamEvent }[] = [];
  private head = 0;
  private readonly readers: InputChannel[] = [];
  private sourceWaiting = false;
  private sourceEnded = false;
  private finishedReported = false;
  private endedReported = false;
  private drainWaiting = false;
  // Per input channel: last watermark, idle flag, ended flag (for the combined input watermark).
  private channelWatermarks: number[] = [];
  private channelIdle: boolean[] = [];
  private channelEnded: boolean[] = [];
  recordsIn = 0;
  /** Records this subtask handed to collect sinks (their "records out"). */
  collected = 0;
  busyMs = 0;
  private blockedMs = 0;
  private blockedSince = -1;
  private creditWaitArmed = false;
  /**
   * EXACTLY_ONCE alignment: a channel whose barrier arrived is blocked and the task buffers its later
   * batches, which still view their transferred buffers; their credits (and buffers) go back only
   * once the alignment ended and the buffered batches were processed.
   */
  alignsBarriers = false;
  private lastAlignedId = 0;
  private channelBlocked: boolean[] = [];
  private deferredReleases: number[] = [];
  private alignmentEnded = false;

  constructor(
    readonly ref: SubtaskRef,
    readonly name: string,
    readonly worker: number,
    readonly core: TaskCore,
    readonly writers: OutputChannel[],
    private readonly wake: () => void,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Attaches the receiving end of input channel `channel` (a CreditReader or a LocalChannel's end). */
  connectInput(channel: number, open: (deliver: (event: StreamEvent) => void) => InputChannel): void {
    this.readers[channel] = open((event) => {
      this.queue.push({ channel, event });
      this.wake();
    });
    this.channelWatermarks[channel] = MIN_WATERMARK;
    this.channelIdle[channel] = false;
    this.channelEnded[channel] = false;
    this.channelBlocked[channel] = false;
    this.deferredReleases[channel] = 0;
  }

  /** The task snapshotted or declined checkpoint `checkpointId`: its alignment is over. */
  alignmentDone(checkpointId: number): void {
    this.lastAlignedId = Math.max(this.lastAlignedId, checkpointId);
    this.alignmentEnded = true;
  }

  /** Restores and opens the operators, then grants the initial credits on every input channel. */
  start(): void | Promise<void> {
    const opened = this.core.open();
    if (opened) return opened.then(() => this.readers.forEach((r) => r.start()));
    for (const r of this.readers) r.start();
  }

  /** True while every output channel can take more without exceeding its credits. */
  outputsAvailable(): boolean {
    for (const w of this.writers) if (!w.isAvailable()) return false;
    return true;
  }

  hasWork(): boolean {
    if (this.core.isSource) return !this.sourceWaiting && !this.sourceEnded;
    return this.head < this.queue.length;
  }

  /** Tracks blocked-on-credit time; returns true if the subtask may step now. */
  canStep(): boolean {
    if (!this.hasWork() || this.finishedReported) return false;
    if (this.outputsAvailable()) {
      if (this.blockedSince >= 0) {
        this.blockedMs += this.now() - this.blockedSince;
        this.blockedSince = -1;
      }
      return true;
    }
    if (this.blockedSince < 0) this.blockedSince = this.now();
    return false;
  }

  /**
   * Before the loop sleeps: wake it when credit returns on the first blocked channel (then it
   * re-checks the others). Only then: while other subtasks run, the loop looks again by itself.
   */
  wakeOnCredit(): void {
    if (this.blockedSince < 0 || this.creditWaitArmed) return;
    const blocked = this.writers.find((w) => !w.isAvailable());
    if (blocked === undefined) return;
    this.creditWaitArmed = true;
    void blocked.whenAvailable().then(() => {
      this.creditWaitArmed = false;
      this.wake();
    });
  }

  /** One unit of work. Exceptions propagate (the TaskLoop fails the job naming this subtask). */
  step(): void {
    const t0 = this.now();
    if (this.core.isSource) {
      const status = this.core.pollSource();
      if (status === 'END_OF_INPUT') this.sourceEnded = true;
      else if (status === 'NOTHING_AVAILABLE') {
        this.core.flush();
        this.sourceWaiting = true;
        void this.core.sourceAvailable().then(() => {
          this.sourceWaiting = false;
          this.wake();
        });
      }
    } else {
      const { channel, event } = this.queue[this.head];
      this.queue[this.head++] = undefined as never;
      if (this.head > 1024 && this.head * 2 > this.queue.length) {
        this.queue.splice(0, this.head);
        this.head = 0;
      }
      this.track(channel, event);
      const deferred = this.alignsBarriers && this.channelBlocked[channel] && event.kind === 'records';
      if (this.alignsBarriers && event.kind === 'barrier' && event.checkpointId > this.lastAlignedId)
        this.channelBlocked[channel] = true;
      this.core.onEvent(channel, event);
      if (deferred) this.deferredReleases[channel]++;
      else if (event.kind === 'records') this.readers[channel].release();
      if (this.alignmentEnded) this.releaseDeferred();
      // Out of input: send what is buffered rather than wait for full batches (Flink's buffer timeout).
      if (this.head === this.queue.length) this.core.flush();
    }
    this.busyMs += this.now() - t0;
  }

  /** The buffered batches were processed with the alignment's end: their credits go back now. */
  private releaseDeferred(): void {
    this.alignmentEnded = false;
    for (let c = 0; c < this.deferredReleases.length; c++) {
      this.channelBlocked[c] = false;
      for (; this.deferredReleases[c] > 0; this.deferredReleases[c]--) this.readers[c].release();
    }
  }

  /** True exactly once: when the task finished and its last events have left (credit permitting). */
  checkFinished(): boolean {
    if (this.finishedReported || !this.core.isFinished()) return false;
    if (!this.outputsAvailable()) {
      // The last events wait for credit: look again when it comes.
      if (!this.drainWaiting) {
        this.drainWaiting = true;
        void this.writers
          .find((w) => !w.isAvailable())
          ?.whenAvailable()
          .then(() => {
            this.drainWaiting = false;
            this.wake();
          });
      }
      return false;
    }
    this.finishedReported = true;
    this.core.dispose();
    return true;
  }

  /** True exactly once: when the task ended its input and now waits for its final checkpoint. */
  checkEnded(): boolean {
    if (this.endedReported || !this.core.awaitingFinalCheckpoint()) return false;
    this.endedReported = true;
    return true;
  }

  get done(): boolean {
    return this.finishedReported;
  }

  /** Combined input watermark: min over channels that are neither idle nor ended. */
  inputWatermark(): number {
    if (this.core.isSource) return NaN;
    let min = Infinity;
    let any = false;
    for (let c = 0; c < this.channelWatermarks.length; c++) {
      if (this.channelIdle[c] || this.channelEnded[c]) continue;
      any = true;
      if (this.channelWatermarks[c] < min) min = this.channelWatermarks[c];
    }
    return any ? min : this.channelEnded.every(Boolean) ? Infinity : MIN_WATERMARK;
  }

  private track(channel: number, event: StreamEvent): void {
    switch (event.kind) {
      case 'records':
        this.recordsIn += event.values.length;
        return;
      case 'watermark':
        this.channelWatermarks[channel] = event.timestamp;
        return;
      case 'status':
        this.channelIdle[channel] = event.idle;
        return;
      case 'end-of-input':
        this.channelEnded[channel] = true;
        return;
    }
  }

  /** Cumulative counters; the TaskManager turns deltas into rates. */
  snapshotMetrics(recordsOut: number): Omit<
    SubtaskMetrics,
    'recordsInPerSec' | 'recordsOutPerSec' | 'backpressureRatio' | 'busyRatio'
  > & {
    blockedMs: number;
  } {
    let inFlight = 0;
    let maxInFlight = 0;
    for (const w of this.writers) {
      inFlight += w.inFlight + w.queued;
      maxInFlight = Math.max(maxInFlight, w.maxInFlight);
    }
    const blocked = this.blockedMs + (this.blockedSince >= 0 ? this.now() - this.blockedSince : 0);
    return {
      ...this.ref,
      name: this.name,
      worker: this.worker,
      recordsIn: this.recordsIn,
      recordsOut,
      batchesInFlight: inFlight,
      maxBatchesInFlight: maxInFlight,
      busyTimeMs: this.busyMs,
      blockedMs: blocked,
      inputWatermark: this.inputWatermark(),
      finished: this.finishedReported,
    };
  }

  close(): void {
    for (const r of this.readers) r?.close();
    for (const w of this.writers) w.close();
    this.core.dispose();
  }
}
