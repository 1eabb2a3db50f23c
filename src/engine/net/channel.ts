import type { ChannelWriter } from '../runtime/stream-event.ts';

/**
 * The sending end of a channel as the worker runtime drives it: a ChannelWriter with credit-based
 * availability. CreditWriter (across workers) and LocalChannel (both ends in one worker) implement it.
 *
 * @example if (!out.isAvailable()) await out.whenAvailable();
 */
export interface OutputChannel extends ChannelWriter {
  /** False while a batch waits for credit: the producing task must not pull more input. */
  isAvailable(): boolean;
  whenAvailable(): Promise<void>;
  /** Batches delivered and not yet released by the consumer. */
  readonly inFlight: number;
  /** The most batches ever in flight (never above the consumer's credits). */
  readonly maxInFlight: number;
  /** Events waiting for credit. */
  readonly queued: number;
  readonly recordsSent: number;
  close(): void;
}

/** The receiving end: grants credits when started, one more per released batch. */
export interface InputChannel {
  start(): void;
  /** Call once per delivered 'records' event, after the task has processed it. */
  release(): void;
  close(): void;
}
