import type { OutputTag } from '../api/output-tag.ts';
import type { OneInputStreamOperator, Output } from './operator.ts';
import type { ChannelSelector } from './partitioners.ts';
import { assignToKeyGroup, computeOperatorIndexForKeyGroup } from '../state/key-groups.ts';
import { RecordCopier } from '../state/record-copier.ts';
import {
  END_OF_INPUT,
  type ChannelWriter,
  type CheckpointBarrierEvent,
  type StreamEvent,
} from './stream-event.ts';

/**
 * An Output that also forwards watermark status (idle/active). Every output the runtime builds is one;
 * operators that generate idleness (timestamps/watermarks) call {@link emitWatermarkStatus}.
 */
export interface StatusOutput<T> extends Output<T> {
  emitWatermarkStatus(idle: boolean): void;
}

/** Forwards idle/active through `output` when it supports it (outputs from tests may not). */
export function emitWatermarkStatus(output: Output<unknown>, idle: boolean): void {
  const o = output as Partial<StatusOutput<unknown>>;
  if (typeof o.emitWatermarkStatus === 'function') o.emitWatermarkStatus(idle);
}

/**
 * Output to a chained operator: a direct call, no queue (Flink's ChainingOutput). Side outputs
 * reaching a leaf output have no consumer and are dropped, as in Flink.
 *
 * @example new ChainingOutput(filterOperator, filterOutput).collect(42, NaN);
 */
export class ChainingOutput<T> implements StatusOutput<T> {
  constructor(
    private readonly operator: OneInputStreamOperator<T, unknown>,
    /** The chained operator's own output, for status that passes through it. */
    private readonly next: Output<unknown>,
  ) {}
  collect(value: T, timestamp: number): void {
    this.operator.processElement(value, timestamp);
  }
  collectSide(): void {}
  emitWatermark(watermark: number): void {
    this.operator.processWatermark(watermark);
  }
  emitWatermarkStatus(idle: boolean): void {
    emitWatermarkStatus(this.next, idle);
  }
}

/** Key-group routing of a HASH edge: the key selector and the consumer's max parallelism. */
export interface KeyGroupRouting {
  readonly keySelector: (value: any) => unknown;
  readonly maxParallelism: number;
}

/**
 * Output to the channels of one job edge: partitions records into per-channel batches
 * (values + Float64Array timestamps), flushing a channel at `batchSize` records and all channels
 * before every watermark, status change and end-of-input, so events keep their order. On a HASH
 * edge (`keyed`) it computes each record's key group once and sends it with the batch
 * (RecordBatch.keyGroups). Channels whose writer copies batches out (`sendBatch`) reuse their typed arrays.
 * A broadcast edge gives every channel but the last a copy of the record unless `objectReuse`: channels
 * to the same worker pass records by reference, and one consumer changing its input must not change
 * another's (Flink serializes per channel).
 *
 * @example const out = new RecordWriterOutput(writers, select, false, 1024); out.collect('a', 5); out.flush();
 */
export class RecordWriterOutput<T> implements StatusOutput<T> {
  /** The batch being filled, per channel. */
  private readonly batches: ChannelBatch<T>[];
  private readonly single: boolean;
  private readonly keyed: boolean;
  private readonly keySelector: (value: any) => unknown;
  private readonly maxParallelism: number;
  /** Output channel of each key group (keyed routing only). */
  private readonly channelOfGroup: Int32Array;
  private readonly copier = new RecordCopier();
  constructor(
    private readonly writers: ChannelWriter[],
    private readonly select: ChannelSelector,
    private readonly broadcast: boolean,
    private readonly batchSize: number,
    keyed: KeyGroupRouting | null = null,
    private readonly objectReuse = false,
  ) {
    const n = writers.length;
    this.single = n === 1 && !broadcast;
    // One channel (keyBy into parallelism 1): no selection; the consumer computes the key group.
    this.keyed = keyed !== null && !broadcast && n > 1;
    this.batches = writers.map((_, c) => new ChannelBatch<T>(c, batchSize, this.keyed));
    this.keySelector = keyed?.keySelector ?? ((v) => v);
    const maxP = (this.maxParallelism = keyed?.maxParallelism ?? 1);
    this.channelOfGroup = this.keyed
      ? Int32Array.from({ length: maxP }, (_, g) => computeOperatorIndexForKeyGroup(maxP, n, g))
      : new Int32Array(0);
  }
  collect(value: T, timestamp: number): void {
    if (this.single) {
      this.append(this.batches[0], value, timestamp);
    } else if (this.keyed) {
      const kg = assignToKeyGroup(this.keySelector(value), this.maxParallelism);
      const b = this.batches[this.channelOfGroup[kg]];
      const n = b.size;
      b.values[n] = value;
      b.timestamps[n] = timestamp;
      b.keyGroups![n] = kg;
      b.size = n + 1;
      if (n + 1 >= this.batchSize) this.flushChannel(b);
    } else if (this.broadcast) {
      const last = this.batches.length - 1;
      for (let c = 0; c < last; c++)
        this.append(this.batches[c], this.objectReuse ? value : this.copier.copy(value), timestamp);
      this.append(this.batches[last], value, timestamp);
    } else {
      this.append(this.batches[this.select(value)], value, timestamp);
    }
  }
  private append(b: ChannelBatch<T>, value: T, timestamp: number): void {
    const n = b.size;
    b.values[n] = value;
    b.timestamps[n] = timestamp;
    b.size = n + 1;
    if (n + 1 >= this.batchSize) this.flushChannel(b);
  }
  private flushChannel(b: ChannelBatch<T>): void {
    const n = b.size;
    if (n === 0) return;
    b.size = 0;
    const { values, timestamps: ts, keyGroups: kgs } = b;
    const writer = this.writers[b.channel];
    if (writer.sendBatch !== undefined) {
      // The writer copies the batch out: keep the typed arrays (later records overwrite them), but
      // not the values array: once it is old, every record stored into it costs a write barrier
      // and a remembered-set entry the scavenger must visit; a young one costs neither.
      writer.sendBatch(values, ts, kgs, n);
      b.values = new Array(this.batchSize);
      return;
    }
    b.renew(this.batchSize);
    const whole = n === ts.length;
    if (values.length > n) values.length = n;
    writer.send(
      kgs === null
        ? { kind: 'records', values, timestamps: whole ? ts : ts.subarray(0, n) }
        : {
            kind: 'records',
            values,
            timestamps: whole ? ts : ts.subarray(0, n),
            keyGroups: whole ? kgs : kgs.subarray(0, n),
          },
    );
  }
  collectSide(): void {}
  /** Sends buffered records of every channel. */
  flush(): void {
    for (let c = 0; c < this.batches.length; c++) this.flushChannel(this.batches[c]);
  }
  private broadcastEvent(event: StreamEvent): void {
    this.flush();
    for (const w of this.writers) w.send(event);
  }
  emitWatermark(watermark: number): void {
    this.broadcastEvent({ kind: 'watermark', timestamp: watermark });
  }
  emitWatermarkStatus(idle: boolean): void {
    this.broadcastEvent({ kind: 'status', idle });
  }
  endOfInput(): void {
    this.broadcastEvent(END_OF_INPUT);
  }
  /** Sends a checkpoint barrier on every channel, after the records buffered before it. */
  emitBarrier(barrier: CheckpointBarrierEvent): void {
    this.broadcastEvent(barrier);
  }
}

/** The batch a record writer fills for one channel (one object: one load per record, not four). */
class ChannelBatch<T> {
  /** Preallocated: growing an empty array record by record copies it as it grows. */
  values: T[];
  timestamps: Float64Array;
  keyGroups: Int32Array | null;
  size = 0;
  constructor(
    readonly channel: number,
    batchSize: number,
    keyed: boolean,
  ) {
    this.values = new Array(batchSize);
    this.timestamps = new Float64Array(batchSize);
    this.keyGroups = keyed ? new Int32Array(batchSize) : null;
  }
  /** New arrays after the filled ones were handed to the receiver. */
  renew(batchSize: number): void {
    this.values = new Array(batchSize);
    this.timestamps = new Float64Array(batchSize);
    if (this.keyGroups !== null) this.keyGroups = new Int32Array(batchSize);
  }
}

/**
 * Output of an operator with several consumers and/or consumed side outputs: main records to every
 * main target, side records to the targets of their tag, watermarks and status to every target once.
 * Unless `objectReuse`, every target of a record but the last gets a copy (Flink's
 * CopyingBroadcastingOutputCollector), so a consumer that changes its input record cannot change
 * what another consumer of the same stream reads.
 *
 * @example new FanOutOutput([a, b], new Map([['late', [c]]]), false);
 */
export class FanOutOutput<T> implements StatusOutput<T> {
  private readonly all: Output<unknown>[];
  private readonly copier = new RecordCopier();
  constructor(
    private readonly main: Output<T>[],
    private readonly side: Map<string, Output<unknown>[]>,
    private readonly objectReuse: boolean,
  ) {
    this.all = [...new Set<Output<unknown>>([...main, ...[...side.values()].flat()])];
  }
  collect(value: T, timestamp: number): void {
    this.toAll(this.main, value, timestamp);
  }
  collectSide<X>(tag: OutputTag<X>, value: X, timestamp: number): void {
    const targets = this.side.get(tag.id);
    if (targets !== undefined) this.toAll(targets, value, timestamp);
  }
  private toAll<X>(targets: Output<X>[], value: X, timestamp: number): void {
    const last = targets.length - 1;
    for (let i = 0; i < last; i++)
      targets[i].collect(this.objectReuse ? value : this.copier.copy(value), timestamp);
    if (last >= 0) targets[last].collect(value, timestamp);
  }
  emitWatermark(watermark: number): void {
    for (const o of this.all) o.emitWatermark(watermark);
  }
  emitWatermarkStatus(idle: boolean): void {
    for (const o of this.all) emitWatermarkStatus(o, idle);
  }
}

/** An output that drops everything (operators without consumers, e.g. a sink's output). */
export const DISCARDING_OUTPUT: StatusOutput<never> = {
  collect() {},
  collectSide() {},
  emitWatermark() {},
  emitWatermarkStatus() {},
};
