import {
  BoundedOutOfOrdernessWatermarks,
  NoWatermarksGenerator,
  WatermarksWithIdleness,
  type WatermarkGenerator,
  type WatermarkGeneratorContext,
} from './watermark-generators.ts';

/** Extracts an event's timestamp in ms; `recordTimestamp` is the record's current one (NaN if none). */
export type TimestampAssigner<T> =
  | ((element: T, recordTimestamp: number) => number)
  | { extractTimestamp(element: T, recordTimestamp: number): number };

/** A duration in ms, or a Time-like object (`Time.seconds(5)`). */
export type DurationLike = number | { toMilliseconds(): number };

const toMs = (d: DurationLike, where: string): number => {
  const ms =
    typeof d === 'number' ? d : d && typeof d.toMilliseconds === 'function' ? d.toMilliseconds() : NaN;
  if (typeof ms !== 'number' || ms !== ms) {
    throw new TypeError(`${where}: expected a duration in ms or Time.xxx(...), got ${String(d)}`);
  }
  return ms;
};

type GeneratorSupplier<T> = (context: WatermarkGeneratorContext) => WatermarkGenerator<T>;

/**
 * How a stream gets event timestamps and watermarks (Flink's WatermarkStrategy). Immutable: every
 * `with...` returns a new strategy.
 *
 * @example
 * WatermarkStrategy.forBoundedOutOfOrderness<Event>(5000).withTimestampAssigner((e) => e.ts).withIdleness(60_000)
 */
export class WatermarkStrategy<T> {
  private constructor(
    private readonly supplier: GeneratorSupplier<T>,
    readonly timestampAssigner: TimestampAssigner<T> | null,
    readonly idlenessMs: number,
    /** True for noWatermarks(): the runtime then adds no watermark operator. */
    readonly emitsNoWatermarks: boolean,
  ) {}

  /** Watermark = max timestamp − bound − 1, periodically. @example WatermarkStrategy.forBoundedOutOfOrderness(2000) */
  static forBoundedOutOfOrderness<T>(maxOutOfOrderness: DurationLike): WatermarkStrategy<T> {
    const ms = toMs(maxOutOfOrderness, 'forBoundedOutOfOrderness');
    new BoundedOutOfOrdernessWatermarks(ms); // validates now, at graph-building time
    return new WatermarkStrategy<T>(() => new BoundedOutOfOrdernessWatermarks(ms), null, 0, false);
  }
  /** For ascending timestamps: watermark = max timestamp − 1. @example WatermarkStrategy.forMonotonousTimestamps() */
  static forMonotonousTimestamps<T>(): WatermarkStrategy<T> {
    return new WatermarkStrategy<T>(() => new BoundedOutOfOrdernessWatermarks(0), null, 0, false);
  }
  /** A custom generator, created per subtask. @example WatermarkStrategy.forGenerator(() => new MyPunctuatedGenerator()) */
  static forGenerator<T>(supplier: GeneratorSupplier<T>): WatermarkStrategy<T> {
    if (typeof supplier !== 'function') {
      throw new TypeError(
        'forGenerator: expected a function returning a WatermarkGenerator, e.g. () => new MyGenerator()',
      );
    }
    return new WatermarkStrategy<T>(supplier, null, 0, false);
  }
  /** No watermarks (processing-time jobs); a bounded source still ends with +Infinity. @example WatermarkStrategy.noWatermarks() */
  static noWatermarks<T>(): WatermarkStrategy<T> {
    return new WatermarkStrategy<T>(() => new NoWatermarksGenerator<T>(), null, 0, true);
  }

  /** Where event timestamps come from. @example strategy.withTimestampAssigner((e, previous) => e.ts) */
  withTimestampAssigner(assigner: TimestampAssigner<T>): WatermarkStrategy<T> {
    const ok =
      typeof assigner === 'function' ||
      (assigner !== null && typeof assigner === 'object' && typeof assigner.extractTimestamp === 'function');
    if (!ok)
      throw new TypeError(
        'withTimestampAssigner: expected (element, recordTimestamp) => ms or { extractTimestamp }',
      );
    return new WatermarkStrategy<T>(this.supplier, assigner, this.idlenessMs, this.emitsNoWatermarks);
  }
  /** Marks the input idle after `timeout` without events (processing time). @example strategy.withIdleness(60_000) */
  withIdleness(timeout: DurationLike): WatermarkStrategy<T> {
    const ms = toMs(timeout, 'withIdleness');
    if (!(ms > 0)) throw new RangeError(`withIdleness: the timeout must be > 0 ms, got ${ms}`);
    return new WatermarkStrategy<T>(this.supplier, this.timestampAssigner, ms, this.emitsNoWatermarks);
  }

  /** A fresh generator for one subtask (wrapped for idleness when configured). */
  createWatermarkGenerator(context: WatermarkGeneratorContext): WatermarkGenerator<T> {
    const gen = this.supplier(context);
    if (!gen || typeof gen.onEvent !== 'function' || typeof gen.onPeriodicEmit !== 'function') {
      throw new TypeError(
        'forGenerator: the supplier must return an object with onEvent(...) and onPeriodicEmit(...)',
      );
    }
    return this.idlenessMs > 0 ? new WatermarksWithIdleness(gen, this.idlenessMs, context) : gen;
  }

  /** The assigner as a plain function, or null (keep the record's own timestamp). */
  createTimestampAssigner(): ((element: T, recordTimestamp: number) => number) | null {
    const a = this.timestampAssigner;
    if (a === null) return null;
    return typeof a === 'function' ? a : (e, ts) => a.extractTimestamp(e, ts);
  }
}
