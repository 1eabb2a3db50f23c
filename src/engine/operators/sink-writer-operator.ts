import type { OneInputStreamOperator } from '../runtime/operator.ts';
import { hasTimestamp } from '../time/watermark.ts';
import { AbstractStreamOperator } from './abstract-stream-operator.ts';

/** What a SinkWriter sees besides the record. */
export interface SinkWriterContext {
  timestamp(): number | null;
  currentWatermark(): number;
}
/** What createWriter learns about its subtask. */
export interface SinkInitContext {
  getSubtaskId(): number;
  getNumberOfParallelSubtasks(): number;
  getAttemptNumber(): number;
}
/** Writes one subtask's records (Flink's SinkWriter). */
export interface SinkWriter<T> {
  write(element: T, context: SinkWriterContext): void;
  /** Called at end of input (endOfInput = true); later also at checkpoints. */
  flush?(endOfInput: boolean): void;
  writeWatermark?(watermark: number): void;
  close?(): void;
}
/**
 * A sink (Flink's Sink API v2): one writer per parallel subtask.
 *
 * @example
 * const sink: Sink<string> = { createWriter: () => ({ write: (s) => lines.push(s) }) };
 * stream.sinkTo(sink);
 */
export interface Sink<T> {
  createWriter(context: SinkInitContext): SinkWriter<T>;
}

/**
 * Runs a Sink's writer (Flink's SinkWriterOperator).
 *
 * @example const factory = () => new SinkWriterOperator(sink);
 */
export class SinkWriterOperator<T>
  extends AbstractStreamOperator<never>
  implements OneInputStreamOperator<T, never>
{
  private writer!: SinkWriter<T>;
  private ts = Number.NaN;
  private readonly writeContext: SinkWriterContext = {
    timestamp: () => (hasTimestamp(this.ts) ? this.ts : null),
    currentWatermark: () => this.currentWatermark,
  };
  constructor(private readonly sink: Sink<T>) {
    super();
  }
  override open(): void {
    const c = this.context;
    try {
      this.writer = this.sink.createWriter({
        getSubtaskId: () => c.subtaskIndex,
        getNumberOfParallelSubtasks: () => c.parallelism,
        getAttemptNumber: () => c.attemptNumber,
      });
    } catch (e) {
      throw this.fail('createWriter()', e);
    }
  }
  processElement(value: T, timestamp: number): void {
    this.ts = timestamp;
    try {
      this.writer.write(value, this.writeContext);
    } catch (e) {
      throw this.fail('the sink writer', e, { value });
    }
  }
  override processWatermark(watermark: number): void {
    this.currentWatermark = watermark;
    this.writer.writeWatermark?.(watermark);
  }
  override endInput(): void {
    try {
      this.writer.flush?.(true);
    } catch (e) {
      throw this.fail('the sink writer flush()', e);
    }
  }
  override close(): void {
    this.writer?.close?.();
  }
}
