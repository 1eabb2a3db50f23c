/**
 * The part of a MessagePort the data plane uses. Browser MessagePorts and Node's worker_threads
 * MessagePorts (which are EventTargets too) both satisfy it, so channels run unchanged in both.
 *
 * @example
 * const { port1, port2 } = new MessageChannel();
 * const a: PortLike = port1;
 */
export interface PortLike {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  /** Starts delivery on ports listened to with addEventListener (browsers queue until then). */
  start?(): void;
  close(): void;
}

/**
 * What one channel's port carries, in order. A data batch is the bare transferred ArrayBuffer
 * (no wrapper object to clone); everything else is a tiny tagged object.
 */
export type WireMessage =
  | ArrayBuffer
  | { t: 'w'; ts: number } // watermark
  | { t: 's'; idle: boolean } // watermark status
  | { t: 'e' } // end of input
  | { t: 'c'; id: number; ts: number; sp: boolean } // checkpoint barrier
  /**
   * Flows backwards: `n` new credits, `ack` batches the receiver has finished with, and the finished
   * batches' buffers (transferred back for reuse).
   */
  | { t: 'k'; n: number; ack: number; bufs?: ArrayBuffer[] };
