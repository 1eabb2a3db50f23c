import type { RecordBatch, StreamEvent } from '../runtime/stream-event.ts';
import { END_OF_INPUT } from '../runtime/stream-event.ts';
import { BatchDecoder, type DecodedBatch } from './codec/batch-decoder.ts';
import type { InputChannel } from './channel.ts';
import type { PortLike, WireMessage } from './port.ts';

/**
 * Default credits per channel: buffers a receiver holds per input channel (Flink: 2 exclusive + 8
 * floating per gate). 8 batches (~1 ms of work) absorb a consumer's GC pause or a descheduled
 * thread; with 4 the producer's worker sat idle ~40% of the time in keyBy across 2 workers.
 */
export const DEFAULT_CREDITS = 8;

/**
 * A received batch, decoded when the task first reads it: batches queued behind others (up to the
 * credits) stay compact in their buffer instead of living as objects through young-generation GCs,
 * which copy every live object. The buffer stays with the reader until release(), so decoding later
 * reads the same bytes.
 *
 * @example const batch = new ReceivedBatch(decoder, buf); batch.values; // decodes now
 */
export class ReceivedBatch implements RecordBatch {
  readonly kind = 'records' as const;
  private decoded: DecodedBatch | null = null;
  constructor(
    private readonly decoder: BatchDecoder,
    readonly buffer: ArrayBuffer,
  ) {}
  private get batch(): DecodedBatch {
    return (this.decoded ??= this.decoder.decode(this.buffer));
  }
  /** Decodes now if nothing read the batch yet (before its buffer goes back to the sender). */
  materialize(): void {
    void this.batch;
  }
  get values(): unknown[] {
    return this.batch.values;
  }
  get timestamps(): Float64Array {
    return this.batch.timestamps;
  }
  get keyGroups(): Int32Array | undefined {
    return this.batch.keyGroups ?? undefined;
  }
}

/**
 * The receiving end of a channel across workers. It grants `credits` buffers up front and one more
 * each time the task calls `release()` after finishing a data batch, so at most `credits` batches
 * are ever in flight or queued on this channel.
 *
 * @example
 * const r = new CreditReader(port, 'Map (1/2) -> Sink (1/1)', (event) => queue.push(event));
 * r.start();
 * // … after processing a 'records' event: r.release();
 */
export class CreditReader implements InputChannel {
  private readonly decoder = new BatchDecoder();
  /** Delivered batches not released yet, in order (their buffers go back on release). */
  private readonly unreleased: ReceivedBatch[] = [];
  /** Credits go back two at a time (a postMessage costs ~20–50 µs); one at a time with 1–3 credits. */
  private readonly creditBatch: number;
  private unacked = 0;
  private returning: ArrayBuffer[] = [];
  batchesReceived = 0;
  bytesReceived = 0;
  /** Batches received and not yet released: never more than the credits granted. */
  pending = 0;
  maxPending = 0;

  constructor(
    private readonly port: PortLike,
    readonly channel: string,
    private readonly deliver: (event: StreamEvent) => void,
    readonly credits = DEFAULT_CREDITS,
  ) {
    if (!(Number.isInteger(credits) && credits >= 1)) {
      throw new RangeError(`Channel '${channel}': credits must be an integer >= 1, got ${credits}`);
    }
    // At most half the credits wait here, so the sender always has credit or gets some back soon:
    // it blocks only with `credits` batches unreleased, and their release reports at least one bulk.
    this.creditBatch = Math.min(2, Math.max(1, credits >> 1));
  }

  start(): void {
    this.port.addEventListener('message', this.onMessage);
    this.port.start?.();
    this.port.postMessage({ t: 'k', n: this.credits, ack: 0 } satisfies WireMessage);
  }

  /**
   * Call once per delivered 'records' event, after the task has processed it (in channel order).
   * The batch's buffer goes back to the sender for reuse: the decoded records do not share it, and
   * the task is done with the timestamps and key-group views. Credits and buffers go back every
   * second release (every release with fewer than 4 credits).
   */
  release(): void {
    this.pending--;
    const batch = this.unreleased.shift();
    if (batch) {
      batch.materialize(); // a batch released unread keeps its records
      this.returning.push(batch.buffer);
    }
    if (++this.unacked < this.creditBatch) return;
    const n = this.unacked;
    const bufs = this.returning;
    this.unacked = 0;
    this.returning = [];
    this.port.postMessage({ t: 'k', n, ack: n, bufs } satisfies WireMessage, bufs);
  }

  close(): void {
    this.port.removeEventListener('message', this.onMessage);
    this.port.close();
  }

  private readonly onMessage = (event: MessageEvent): void => {
    const msg = event.data as WireMessage;
    if (msg instanceof ArrayBuffer) {
      this.batchesReceived++;
      this.bytesReceived += msg.byteLength;
      if (++this.pending > this.maxPending) this.maxPending = this.pending;
      const batch = new ReceivedBatch(this.decoder, msg);
      this.unreleased.push(batch);
      return this.deliver(batch);
    }
    switch (msg.t) {
      case 'w':
        return this.deliver({ kind: 'watermark', timestamp: msg.ts });
      case 's':
        return this.deliver({ kind: 'status', idle: msg.idle });
      case 'e':
        return this.deliver(END_OF_INPUT);
      case 'c':
        return this.deliver({ kind: 'barrier', checkpointId: msg.id, timestamp: msg.ts, savepoint: msg.sp });
      default:
        throw new Error(`Channel '${this.channel}': the receiving end got an unexpected message '${msg.t}'`);
    }
  };
}
