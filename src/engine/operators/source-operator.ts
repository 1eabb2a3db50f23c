import type { InputStatus, ReaderOutput, Source, SourceReader } from '../connectors/source.ts';
import type { OperatorContext, Output, StreamOperator } from '../runtime/operator.ts';
import { emitWatermarkStatus } from '../runtime/outputs.ts';
import { MAX_WATERMARK, MIN_WATERMARK } from '../time/watermark.ts';
import { AbstractStreamOperator } from './abstract-stream-operator.ts';

/**
 * The head of a source task (Flink's SourceOperator): owns the subtask's reader, emits one batch per
 * `emitNext()`, and when a bounded reader ends emits the final +Infinity watermark so every pending
 * window and timer downstream fires.
 *
 * @example const op = new SourceOperator(new CollectionSource([1, 2, 3]), 1024); op.emitNext();
 */
export class SourceOperator<T> extends AbstractStreamOperator<T> implements StreamOperator<T> {
  private reader: SourceReader<T> | null = null;
  private readerOutput!: ReaderOutput<T>;
  private lastWatermark = MIN_WATERMARK;
  private idle = false;
  private ended = false;
  /** Position to resume from (set by the runtime before open when restoring). */
  restoredPosition: unknown = null;

  constructor(
    readonly source: Source<T>,
    private readonly batchSize: number,
    private readonly objectReuse = false,
  ) {
    super();
  }

  override setup(context: OperatorContext, output: Output<T>): void {
    super.setup(context, output);
    const markActive = (): void => {
      if (!this.idle) return;
      this.idle = false;
      emitWatermarkStatus(output, false);
    };
    this.readerOutput = {
      collect: output.collect.bind(output),
      emitWatermark: (wm: number) => {
        if (!(wm > this.lastWatermark)) return; // non-advancing watermarks are not forwarded
        this.lastWatermark = wm;
        markActive();
        output.emitWatermark(wm);
      },
      markIdle: () => {
        if (this.idle) return;
        this.idle = true;
        emitWatermarkStatus(output, true);
      },
      markActive,
    };
  }

  override open(): void {
    const ctx = this.context;
    this.reader = this.source.createReader(
      {
        subtaskIndex: ctx.subtaskIndex,
        parallelism: ctx.parallelism,
        maxParallelism: ctx.maxParallelism,
        batchSize: this.batchSize,
        currentProcessingTime: () => ctx.processingTimeService.getCurrentProcessingTime(),
        attemptNumber: ctx.attemptNumber,
        objectReuse: this.objectReuse,
      },
      this.restoredPosition,
    );
  }

  /** Polls the reader once; on END_OF_INPUT emits the final watermark (once). */
  emitNext(): InputStatus {
    if (this.ended) return 'END_OF_INPUT';
    const status = this.reader!.pollNext(this.readerOutput);
    if (status === 'END_OF_INPUT') {
      this.ended = true;
      this.readerOutput.markActive();
      this.readerOutput.emitWatermark(MAX_WATERMARK);
    }
    return status;
  }

  /** After NOTHING_AVAILABLE: resolves when the reader has more (or null if it cannot tell). */
  isAvailable(): Promise<void> | null {
    return this.reader?.isAvailable?.() ?? null;
  }

  /** The reader's position for a checkpoint (null if it cannot replay). */
  snapshotPosition(): unknown {
    return this.reader?.snapshotState() ?? null;
  }

  override processWatermark(): void {
    throw new Error('A source operator has no input watermarks');
  }

  override close(): void {
    this.reader?.close();
    this.reader = null;
  }
}
