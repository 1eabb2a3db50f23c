import type { OutputTag } from '../api/output-tag.ts';
import type { OneInputStreamOperator, Output } from './operator.ts';
import type { ChannelSelector } from './partitioners.ts';
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

/**
 * Output to the channels of one job edge: partitions records into per-channel batches
 * (values + Float64Array timestamps), flushing a channel at `batchSize` records and all channels
 * before every watermark, status change and end-of-input, so events keep their order.
 *
 * @example const out = new RecordWriterOutput(writers, select, false, 1024); out.collect('a', 5); out.flush();
 */
export class RecordWriterOutput<T> implements StatusOutput<T> {
  private values: T[][];
  private timestamps: Float64Array[];
  private readonly single: boolean;
  /** values[0] / timestamps[0] when there is a single channel. */
  private singleValues: T[];
  private singleTimestamps: Float64Array;
  constructor(
    private readonly writers: ChannelWriter[],
    private readonly select: ChannelSelector,
    private readonly broadcast: boolean,
    private readonly batchSize: number,
  ) {
    this.values = writers.map(() => []);
    this.timestamps = writers.map(() => new Float64Array(batchSize));
    this.single = writers.length === 1 && !broadcast;
    this.singleValues = this.values[0] ?? [];
    this.singleTimestamps = this.timestamps[0] ?? new Float64Array(0);
  }
  collect(value: T, timestamp: number): void {
    if (this.single) {
      // One channel (e.g. keyBy into parallelism 1): no selection, no per-channel lookup.
      const n = this.singleValues.length;
      this.singleValues.push(value);
      this.singleTimestamps[n] = timestamp;
      if (n + 1 >= this.batchSize) this.flushChannel(0);
    } else if (this.broadcast) {
      for (let c = 0; c < this.writers.length; c++) this.append(c, value, timestamp);
    } else {
      this.append(this.select(value), value, timestamp);
    }
  }
  private append(c: number, value: T, timestamp: number): void {
    const buf = this.values[c];
    const n = buf.length;
    buf.push(value);
    this.timestamps[c][n] = timestamp;
    if (n + 1 >= this.batchSize) this.flushChannel(c);
  }
  private flushChannel(c: number): void {
    const values = this.values[c];
    const n = values.length;
    if (n === 0) return;
    const ts = this.timestamps[c];
    this.values[c] = [];
    this.timestamps[c] = new Float64Array(this.batchSize);
    if (c === 0) {
      this.singleValues = this.values[0];
      this.singleTimestamps = this.timestamps[0];
    }
    this.writers[c].send({ kind: 'records', values, timestamps: n === ts.length ? ts : ts.subarray(0, n) });
  }
  collectSide(): void {}
  /** Sends buffered records of every channel. */
  flush(): void {
    for (let c = 0; c < this.writers.length; c++) this.flushChannel(c);
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

/**
 * Output of an operator with several consumers and/or consumed side outputs: main records to every
 * main target, side records to the targets of their tag, watermarks and status to every target once.
 *
 * @example new FanOutOutput([a, b], new Map([['late', [c]]]));
 */
export class FanOutOutput<T> implements StatusOutput<T> {
  private readonly all: Output<unknown>[];
  constructor(
    private readonly main: Output<T>[],
    private readonly side: Map<string, Output<unknown>[]>,
  ) {
    this.all = [...new Set<Output<unknown>>([...main, ...[...side.values()].flat()])];
  }
  collect(value: T, timestamp: number): void {
    const main = this.main;
    for (let i = 0; i < main.length; i++) main[i].collect(value, timestamp);
  }
  collectSide<X>(tag: OutputTag<X>, value: X, timestamp: number): void {
    const targets = this.side.get(tag.id);
    if (targets === undefined) return;
    for (let i = 0; i < targets.length; i++) targets[i].collect(value, timestamp);
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
