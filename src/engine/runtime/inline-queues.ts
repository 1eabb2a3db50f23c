import type { StreamEvent } from './stream-event.ts';

/** Monotonic ms (performance.now where available). @example const t0 = now(); */
export const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** Yields to the macrotask queue (timers, I/O, messages), not just microtasks. @example await yieldMacrotask(); */
export const yieldMacrotask: () => Promise<void> =
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

/**
 * Input queue of one task in the inline runtime: (channel, event) pairs in arrival order.
 *
 * @example const inbox = new Inbox(); inbox.push(0, END_OF_INPUT); inbox.size; // 1
 */
export class Inbox {
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
