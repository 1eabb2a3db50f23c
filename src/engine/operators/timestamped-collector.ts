import type { Collector } from '../api/functions/functions.ts';
import type { Output } from '../runtime/operator.ts';
import { NO_TIMESTAMP } from '../time/watermark.ts';

/**
 * The Collector user functions emit into: one per operator, reused for every record; emits with the
 * timestamp of the record (or timer) being processed (Flink's TimestampedCollector).
 *
 * @example const out = new TimestampedCollector(output); out.timestamp = ts; fn.flatMap(v, out);
 */
export class TimestampedCollector<T> implements Collector<T> {
  /** Set by the operator before each call into the user function. */
  timestamp = NO_TIMESTAMP;
  constructor(private readonly output: Output<T>) {}
  collect(record: T): void {
    this.output.collect(record, this.timestamp);
  }
}
