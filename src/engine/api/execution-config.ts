import { DEFAULT_BATCH_SIZE } from '../runtime/stream-event.ts';

/**
 * Job-wide settings (Flink's ExecutionConfig), reached through `env.getConfig()`.
 *
 * @example env.getConfig().setAutoWatermarkInterval(50);
 */
export class ExecutionConfig {
  private autoWatermarkInterval = 200;
  private batchSize = DEFAULT_BATCH_SIZE;
  private objectReuse = false;

  /** Periodic watermark emission interval in ms of processing time (Flink default 200; 0 disables). */
  setAutoWatermarkInterval(ms: number): this {
    if (!(Number.isFinite(ms) && ms >= 0)) {
      throw new RangeError(
        `setAutoWatermarkInterval(${ms}): the interval must be >= 0 ms (0 disables periodic watermarks)`,
      );
    }
    this.autoWatermarkInterval = ms;
    return this;
  }
  getAutoWatermarkInterval(): number {
    return this.autoWatermarkInterval;
  }

  /** Records per batch between tasks (default 1024); larger batches cost less per record. */
  setBatchSize(records: number): this {
    if (!(Number.isInteger(records) && records >= 1)) {
      throw new RangeError(`setBatchSize(${records}): the batch size must be an integer >= 1`);
    }
    this.batchSize = records;
    return this;
  }
  getBatchSize(): number {
    return this.batchSize;
  }

  /**
   * Lets an operator with several consumers (or a broadcast edge) hand every consumer the same record
   * object, as Flink's `enableObjectReuse()`. Off by default: each consumer but the last gets a copy,
   * so one that changes its input record cannot change what the others see.
   */
  enableObjectReuse(): this {
    this.objectReuse = true;
    return this;
  }
  disableObjectReuse(): this {
    this.objectReuse = false;
    return this;
  }
  isObjectReuseEnabled(): boolean {
    return this.objectReuse;
  }
}
