import type { StreamEvent } from '../runtime/stream-event.ts';
import type { OutputChannel } from './channel.ts';
import { BatchEncoder } from './codec/batch-encoder.ts';
import type { PortLike, WireMessage } from './port.ts';

/**
 * The sending end of a channel across workers, with credit-based flow control (as Flink's
 * credit-based network stack): the receiver grants one credit per buffer it can hold; every data
 * batch spends one; a batch without credit waits here, in order, and every later event waits
 * behind it. The producing task checks `isAvailable()` before it pulls more input, so a slow
 * consumer stalls its producers instead of letting queues grow.
 *
 * @example
 * const w = new CreditWriter(port, 'Map (1/2) -> Sink (1/1)');
 * w.send({ kind: 'records', values: [1, 2], timestamps: new Float64Array([NaN, NaN]) });
 * if (!w.isAvailable()) await w.whenAvailable();
 */
export class CreditWriter implements OutputChannel {
  private credits = 0;
  private readonly queue: { msg: WireMessage; transfer: Transferable[]; batch: boolean }[] = [];
  private readonly encoder: BatchEncoder;
  private waiters: (() => void)[] = [];
  /** Batches posted whose credit has not come back yet (bounded by the receiver's credits). */
  inFlight = 0;
  /** Most batches ever in flight at once (for tests and metrics). */
  maxInFlight = 0;
  batchesSent = 0;
  bytesSent = 0;
  recordsSent = 0;
  private blockedSince = -1;
  /** Milliseconds spent with a batch waiting for credit (the backpressure numerator). */
  private blockedMs = 0;

  constructor(
    private readonly port: PortLike,
    readonly channel: string,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.encoder = new BatchEncoder(channel);
    port.addEventListener('message', this.onMessage);
    port.start?.();
  }

  send(event: StreamEvent): void {
    switch (event.kind) {
      case 'records':
        return this.sendBatch(event.values, event.timestamps, event.keyGroups ?? null, event.values.length);
      case 'watermark':
        return this.enqueue({ t: 'w', ts: event.timestamp }, [], false);
      case 'status':
        return this.enqueue({ t: 's', idle: event.idle }, [], false);
      case 'end-of-input':
        return this.enqueue({ t: 'e' }, [], false);
      case 'barrier':
        return this.enqueue(
          { t: 'c', id: event.checkpointId, ts: event.timestamp, sp: event.savepoint },
          [],
          false,
        );
    }
  }

  /** Encodes the first `count` records at once (the arrays are free again on return) and sends them. */
  sendBatch(
    values: readonly unknown[],
    timestamps: Float64Array,
    keyGroups: Int32Array | null,
    count: number,
  ): void {
    if (count === 0) return;
    const buf = this.encoder.encode(values, timestamps, count, keyGroups);
    this.bytesSent += buf.byteLength;
    this.recordsSent += count;
    this.enqueue(buf, [buf], true);
  }

  /** True when nothing waits for credit: the producer may go on. */
  isAvailable(): boolean {
    return this.queue.length === 0;
  }

  /** Resolves once every queued event has been posted. */
  whenAvailable(): Promise<void> {
    if (this.isAvailable()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Events waiting for credit (data batches and the events queued behind them). */
  get queued(): number {
    return this.queue.length;
  }

  /** Milliseconds blocked on credit so far, including a block in progress. */
  blockedTime(): number {
    return this.blockedMs + (this.blockedSince >= 0 ? this.now() - this.blockedSince : 0);
  }

  close(): void {
    this.port.removeEventListener('message', this.onMessage);
    this.port.close();
    this.queue.length = 0;
    this.release();
  }

  private enqueue(msg: WireMessage, transfer: Transferable[], batch: boolean): void {
    if (this.queue.length === 0 && (!batch || this.credits > 0)) return this.post(msg, transfer, batch);
    if (this.queue.length === 0) this.blockedSince = this.now();
    this.queue.push({ msg, transfer, batch });
  }

  private post(msg: WireMessage, transfer: Transferable[], batch: boolean): void {
    if (batch) {
      this.credits--;
      this.inFlight++;
      this.batchesSent++;
      if (this.inFlight > this.maxInFlight) this.maxInFlight = this.inFlight;
    }
    this.port.postMessage(msg, transfer);
  }

  private readonly onMessage = (event: MessageEvent): void => {
    const msg = event.data as WireMessage;
    if (msg instanceof ArrayBuffer || msg.t !== 'k') {
      throw new Error(`Channel '${this.channel}': the sending end received an unexpected message`);
    }
    this.credits += msg.n;
    this.inFlight -= msg.ack;
    if (msg.bufs) for (const buf of msg.bufs) this.encoder.recycle(buf);
    this.drain();
  };

  private drain(): void {
    const q = this.queue;
    let i = 0;
    while (i < q.length && (!q[i].batch || this.credits > 0)) {
      this.post(q[i].msg, q[i].transfer, q[i].batch);
      i++;
    }
    if (i > 0) q.splice(0, i);
    if (q.length === 0) this.release();
  }

  private release(): void {
    if (this.blockedSince >= 0) {
      this.blockedMs += this.now() - this.blockedSince;
      this.blockedSince = -1;
    }
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}
