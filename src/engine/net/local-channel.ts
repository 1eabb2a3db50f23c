import type { StreamEvent } from '../runtime/stream-event.ts';
import type { InputChannel, OutputChannel } from './channel.ts';

/**
 * A channel whose producer and consumer subtasks run in the same worker: events are handed over
 * directly (no encoding, no MessagePort; ownership of a batch passes to the consumer, as on the
 * inline runtime), with the same credit discipline as CreditWriter/CreditReader, so a slow
 * consumer back-pressures a local producer exactly as a remote one.
 *
 * @example
 * const ch = new LocalChannel('Source (1/2) -> Map (1/2)', 4);
 * const input = ch.connect((event) => queue.push(event));
 * input.start();
 * ch.send({ kind: 'end-of-input' });
 */
export class LocalChannel implements OutputChannel {
  private credits = 0;
  private readonly queue: StreamEvent[] = [];
  private deliver: ((event: StreamEvent) => void) | null = null;
  private waiters: (() => void)[] = [];
  inFlight = 0;
  maxInFlight = 0;
  recordsSent = 0;

  constructor(
    readonly channel: string,
    private readonly grant: number,
  ) {}

  /** The consumer's end; credits are granted when it starts. */
  connect(deliver: (event: StreamEvent) => void): InputChannel {
    this.deliver = deliver;
    return {
      start: () => {
        this.credits += this.grant;
        this.drain();
      },
      release: () => {
        this.inFlight--;
        this.credits++;
        this.drain();
      },
      close: () => {
        this.deliver = null;
      },
    };
  }

  send(event: StreamEvent): void {
    if (event.kind === 'records') {
      if (event.values.length === 0) return;
      this.recordsSent += event.values.length;
    }
    this.queue.push(event);
    if (this.queue.length === 1) this.drain();
  }

  isAvailable(): boolean {
    return this.queue.length === 0;
  }

  whenAvailable(): Promise<void> {
    if (this.isAvailable()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  get queued(): number {
    return this.queue.length;
  }

  close(): void {
    this.queue.length = 0;
    this.deliver = null;
    this.release();
  }

  private drain(): void {
    const q = this.queue;
    let i = 0;
    while (i < q.length && this.deliver && (q[i].kind !== 'records' || this.credits > 0)) {
      const event = q[i++];
      if (event.kind === 'records') {
        this.credits--;
        if (++this.inFlight > this.maxInFlight) this.maxInFlight = this.inFlight;
      }
      this.deliver(event);
    }
    if (i > 0) q.splice(0, i);
    if (q.length === 0) this.release();
  }

  private release(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}
