/**
 * What travels on a channel between two subtasks (seam 5, transport-agnostic): batches of records,
 * watermarks, watermark status changes and end-of-input. The inline runtime moves these objects
 * through in-memory queues; the worker runtime encodes them onto MessagePorts.
 *
 * @example
 * const batch: RecordBatch<number> = { kind: 'records', values: [1, 2], timestamps: new Float64Array([10, NaN]) };
 */
export interface RecordBatch<T = unknown> {
  readonly kind: 'records';
  /** The records; `values.length` is the record count. */
  readonly values: T[];
  /** `timestamps[i]` belongs to `values[i]` (NO_TIMESTAMP = NaN where none); may be longer than values. */
  readonly timestamps: Float64Array;
  /**
   * On HASH edges: `keyGroups[i]` is the key group of `values[i]` under the edge's key selector and
   * the consumer's max parallelism, computed once by the partitioner so the keyed consumer does not
   * hash the key again. Absent elsewhere (the consumer computes the key group itself).
   */
  readonly keyGroups?: Int32Array;
}

/** A watermark from one upstream subtask; the receiving task combines channels (min, idle excluded). */
export interface WatermarkEvent {
  readonly kind: 'watermark';
  readonly timestamp: number;
}

/** The upstream subtask became idle (excluded from the watermark minimum) or active again. */
export interface WatermarkStatusEvent {
  readonly kind: 'status';
  readonly idle: boolean;
}

/** The upstream subtask finished; no more events follow on this channel. */
export interface EndOfInputEvent {
  readonly kind: 'end-of-input';
}

/**
 * A checkpoint barrier (Chandy-Lamport marker, as in Flink): injected at the sources, it flows in-band
 * after every record that belongs before checkpoint `checkpointId`. A task snapshots its state when the
 * barrier has arrived on all its inputs (aligned, EXACTLY_ONCE) or on the first (AT_LEAST_ONCE).
 */
export interface CheckpointBarrierEvent {
  readonly kind: 'barrier';
  readonly checkpointId: number;
  /** When the coordinator triggered it (ms since the epoch). */
  readonly timestamp: number;
  /** A savepoint: stored self-contained, never incremental. */
  readonly savepoint: boolean;
}

/** Everything a channel carries. */
export type StreamEvent =
  RecordBatch | WatermarkEvent | WatermarkStatusEvent | EndOfInputEvent | CheckpointBarrierEvent;

/**
 * The sending end of one channel (one producer subtask → one consumer subtask). The receiving end is
 * `StreamTask.onEvent(channelIndex, event)`. Implementations must deliver events in order.
 *
 * @example
 * const queue: StreamEvent[] = [];
 * const writer: ChannelWriter = { send: (e) => queue.push(e) };
 */
export interface ChannelWriter {
  send(event: StreamEvent): void;
  /**
   * Optional fast path for writers that copy a batch out (encode it, e.g. across workers): sends the
   * first `count` records, in order with `send`, and is done with the arrays when it returns, so
   * the record writer refills the same arrays instead of allocating new ones per batch. Without it,
   * batches go through `send` and their ownership passes to the receiver.
   */
  sendBatch?(
    values: readonly unknown[],
    timestamps: Float64Array,
    keyGroups: Int32Array | null,
    count: number,
  ): void;
}

/** Shared end-of-input event (immutable). */
export const END_OF_INPUT: EndOfInputEvent = Object.freeze({ kind: 'end-of-input' });

/** Default number of records per batch before a record writer flushes a channel. */
export const DEFAULT_BATCH_SIZE = 1024;
