import { Watermark } from './watermark.ts';

/** Where a WatermarkGenerator sends watermarks and idleness (Flink's WatermarkOutput). */
export interface WatermarkOutput {
  emitWatermark(watermark: Watermark): void;
  /** No data for a while: downstream excludes this input from the watermark minimum. */
  markIdle(): void;
  markActive(): void;
}

/**
 * Generates watermarks from events (punctuated, in onEvent) and/or periodically (onPeriodicEmit,
 * every autoWatermarkInterval ms of processing time), as Flink's WatermarkGenerator.
 *
 * @example
 * const punctuated: WatermarkGenerator<{ ts: number; last: boolean }> = {
 *   onEvent: (e, ts, out) => { if (e.last) out.emitWatermark(new Watermark(ts)); },
 *   onPeriodicEmit: () => {},
 * };
 */
export interface WatermarkGenerator<T> {
  onEvent(event: T, eventTimestamp: number, output: WatermarkOutput): void;
  onPeriodicEmit(output: WatermarkOutput): void;
}

/** What a generator supplier may use: the job's processing-time clock (for idleness). */
export interface WatermarkGeneratorContext {
  currentProcessingTime(): number;
}

/**
 * Watermark = highest timestamp seen − outOfOrderness − 1, emitted periodically (Flink's
 * BoundedOutOfOrdernessWatermarks). Nothing is emitted before the first event.
 *
 * @example new BoundedOutOfOrdernessWatermarks(5000)
 */
export class BoundedOutOfOrdernessWatermarks<T> implements WatermarkGenerator<T> {
  private maxTimestamp: number;
  constructor(private readonly outOfOrdernessMs: number) {
    if (!(outOfOrdernessMs >= 0)) {
      throw new RangeError(`forBoundedOutOfOrderness: the bound must be >= 0 ms, got ${outOfOrdernessMs}`);
    }
    this.maxTimestamp = Number.NEGATIVE_INFINITY;
  }
  onEvent(_event: T, eventTimestamp: number, _output?: WatermarkOutput): void {
    if (eventTimestamp > this.maxTimestamp) this.maxTimestamp = eventTimestamp;
  }
  onPeriodicEmit(output: WatermarkOutput): void {
    if (this.maxTimestamp !== Number.NEGATIVE_INFINITY) {
      output.emitWatermark(new Watermark(this.maxTimestamp - this.outOfOrdernessMs - 1));
    }
  }
}

/** Never emits a watermark (Flink's NoWatermarksGenerator). @example new NoWatermarksGenerator() */
export class NoWatermarksGenerator<T> implements WatermarkGenerator<T> {
  onEvent(): void {}
  onPeriodicEmit(): void {}
}

/**
 * Wraps a generator and marks the input idle when no event arrived for `idleTimeoutMs` of processing
 * time, checked at periodic emission (Flink's WatermarksWithIdleness and IdlenessTimer).
 *
 * @example new WatermarksWithIdleness(new BoundedOutOfOrdernessWatermarks(0), 60_000, ctx)
 */
export class WatermarksWithIdleness<T> implements WatermarkGenerator<T> {
  private counter = 0;
  private lastCounter = 0;
  private startOfInactivity = Number.NaN;
  private idle = false;
  constructor(
    private readonly inner: WatermarkGenerator<T>,
    private readonly idleTimeoutMs: number,
    private readonly clock: WatermarkGeneratorContext,
  ) {
    if (!(idleTimeoutMs > 0))
      throw new RangeError(`withIdleness: the timeout must be > 0 ms, got ${idleTimeoutMs}`);
  }
  onEvent(event: T, eventTimestamp: number, output: WatermarkOutput): void {
    this.inner.onEvent(event, eventTimestamp, output);
    this.counter++;
    if (this.idle) {
      this.idle = false;
      output.markActive();
    }
  }
  onPeriodicEmit(output: WatermarkOutput): void {
    if (this.checkIfIdle()) {
      if (!this.idle) {
        this.idle = true;
        output.markIdle();
      }
    } else {
      this.inner.onPeriodicEmit(output);
    }
  }
  private checkIfIdle(): boolean {
    if (this.counter !== this.lastCounter) {
      this.lastCounter = this.counter;
      this.startOfInactivity = Number.NaN;
      return false;
    }
    const now = this.clock.currentProcessingTime();
    if (this.startOfInactivity !== this.startOfInactivity) {
      this.startOfInactivity = now;
      return false;
    }
    return now - this.startOfInactivity > this.idleTimeoutMs;
  }
}
