/**
 * A watermark: the assertion that no more records with timestamp <= `timestamp` will arrive.
 * Timestamps are milliseconds as plain numbers; a record without a timestamp carries `NO_TIMESTAMP` (NaN).
 *
 * @example
 * output.emitWatermark(new Watermark(event.ts - 1));
 */
export class Watermark {
  constructor(readonly timestamp: number) {}
  getTimestamp(): number {
    return this.timestamp;
  }
}

/** Marks a record that carries no event timestamp (Flink: StreamRecord without timestamp). */
export const NO_TIMESTAMP = Number.NaN;
/** The initial watermark of every operator (Flink: Long.MIN_VALUE). */
export const MIN_WATERMARK = Number.NEGATIVE_INFINITY;
/** The final watermark a bounded source emits so every pending window and timer fires. */
export const MAX_WATERMARK = Number.POSITIVE_INFINITY;

export const hasTimestamp = (ts: number): boolean => ts === ts; // false only for NaN
