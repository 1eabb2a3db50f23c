import type { CheckpointBarrierEvent, StreamEvent } from '../../runtime/stream-event.ts';
import type { CheckpointingMode } from './task-snapshot.ts';

/** What the barrier handler needs from its task. */
export interface BarrierHandlerHost {
  /** Processes one event (records, watermark, status, end-of-input) as without checkpointing. */
  process(channel: number, event: StreamEvent): void;
  /** Barriers of all inputs arrived: snapshot, forward the barrier. */
  checkpoint(barrier: CheckpointBarrierEvent, alignmentMs: number): void;
  /** A checkpoint in progress at this task cannot complete (e.g. superseded by a newer barrier). */
  decline(checkpointId: number, reason: Error): void;
  /** False once the task stopped (finished, failed, cancelled): buffered events are then dropped. */
  isRunning(): boolean;
}

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/**
 * The input side of checkpointing for one task (Flink's SingleCheckpointBarrierHandler with
 * aligned barriers, or CheckpointBarrierTracker for AT_LEAST_ONCE). EXACTLY_ONCE: after its barrier
 * a channel is blocked (its later events are buffered, in arrival order) until the barrier has
 * arrived on every channel; then the task snapshots, forwards the barrier and the buffered events
 * are processed. AT_LEAST_ONCE: nothing is blocked; the snapshot is taken at the last barrier.
 * A channel that ended counts as having delivered every later barrier.
 *
 * @example
 * const handler = new BarrierHandler('EXACTLY_ONCE', 2, host);
 * handler.onEvent(0, barrier); // channel 0 blocked
 * handler.onEvent(1, barrier); // snapshot, forward, unblock
 */
export class BarrierHandler {
  private pendingId = -1;
  private lastId = -1;
  private alignStart = 0;
  private alignedCount = 0;
  private readonly aligned: Uint8Array;
  private readonly ended: Uint8Array;
  private endedCount = 0;
  private buffer: [number, StreamEvent][] = [];
  private pendingBarrier: CheckpointBarrierEvent | null = null;

  constructor(
    private readonly mode: CheckpointingMode,
    private readonly numChannels: number,
    private readonly host: BarrierHandlerHost,
  ) {
    this.aligned = new Uint8Array(numChannels);
    this.ended = new Uint8Array(numChannels);
  }

  /** The checkpoint being aligned (-1 when none). */
  get currentCheckpointId(): number {
    return this.pendingId;
  }

  /** Events buffered behind blocked channels. */
  get bufferedEvents(): number {
    return this.buffer.length;
  }

  onEvent(channel: number, event: StreamEvent): void {
    if (this.mode === 'EXACTLY_ONCE' && this.aligned[channel] === 1 && this.pendingId >= 0) {
      this.buffer.push([channel, event]);
      return;
    }
    if (event.kind === 'barrier') return this.onBarrier(channel, event);
    if (event.kind === 'end-of-input') {
      // Ended: it counts as aligned for this and every later checkpoint; complete before finishing.
      if (this.ended[channel] === 0) {
        this.ended[channel] = 1;
        this.endedCount++;
        if (this.pendingId >= 0 && this.aligned[channel] === 0) {
          this.aligned[channel] = 1;
          this.alignedCount++;
        }
        this.maybeComplete();
      }
    }
    this.host.process(channel, event);
  }

  private onBarrier(channel: number, barrier: CheckpointBarrierEvent): void {
    const id = barrier.checkpointId;
    if (id <= this.lastId || (this.pendingId >= 0 && id < this.pendingId)) return; // late or aborted
    if (this.pendingId >= 0 && id > this.pendingId) {
      const old = this.pendingId;
      this.release();
      this.host.decline(
        old,
        new Error(`Checkpoint ${old} was superseded: barrier ${id} arrived before its alignment finished`),
      );
      if (!this.host.isRunning()) return;
    }
    if (this.pendingId < 0) this.start(barrier);
    if (this.aligned[channel] === 0) {
      this.aligned[channel] = 1;
      this.alignedCount++;
    }
    this.maybeComplete();
  }

  private start(barrier: CheckpointBarrierEvent): void {
    this.pendingId = barrier.checkpointId;
    this.pendingBarrier = barrier;
    this.alignStart = now();
    this.aligned.set(this.ended);
    this.alignedCount = this.endedCount;
  }

  private maybeComplete(): void {
    if (this.pendingId < 0 || this.alignedCount < this.numChannels) return;
    const barrier = this.pendingBarrier!;
    const alignmentMs = now() - this.alignStart;
    this.lastId = barrier.checkpointId;
    try {
      this.host.checkpoint(barrier, alignmentMs);
    } finally {
      this.release();
    }
  }

  /** Ends the alignment: unblocks every channel and processes the buffered events in order. */
  private release(): void {
    this.pendingId = -1;
    this.pendingBarrier = null;
    this.aligned.fill(0);
    this.alignedCount = 0;
    const buffered = this.buffer;
    this.buffer = [];
    for (let i = 0; i < buffered.length; i++) {
      if (!this.host.isRunning()) return;
      const [c, e] = buffered[i];
      this.onEvent(c, e);
    }
  }
}
