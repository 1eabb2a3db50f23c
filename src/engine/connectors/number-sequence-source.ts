import type { ReaderOutput, Source, SourceReader, SourceReaderContext, InputStatus } from './source.ts';
import { NO_TIMESTAMP } from '../time/watermark.ts';

/**
 * The numbers from..to (inclusive), split evenly over the parallel readers as Flink's
 * NumberSequenceSource; what `env.fromSequence(from, to)` uses. Position = next number to emit.
 *
 * @example
 * env.fromSource(new NumberSequenceSource(1, 1_000_000), WatermarkStrategy.noWatermarks(), 'seq');
 */
export class NumberSequenceSource implements Source<number, number> {
  readonly boundedness = 'BOUNDED' as const;
  readonly parallel = true;
  constructor(
    readonly from: number,
    readonly to: number,
  ) {
    if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || to < from) {
      throw new RangeError(`fromSequence(${from}, ${to}): need safe integers with from <= to`);
    }
  }
  createReader(context: SourceReaderContext, restoredPosition?: number | null): SourceReader<number, number> {
    // Split [from, to] into `parallelism` contiguous ranges; earlier ranges get the remainder.
    const total = this.to - this.from + 1;
    const p = context.parallelism;
    const i = context.subtaskIndex;
    const base = Math.floor(total / p);
    const rest = total % p;
    const start = this.from + i * base + Math.min(i, rest);
    const end = start + base + (i < rest ? 1 : 0) - 1;
    return new SequenceReader(restoredPosition ?? start, end, context.batchSize);
  }
}

class SequenceReader implements SourceReader<number, number> {
  constructor(
    private next: number,
    private readonly last: number,
    private readonly batchSize: number,
  ) {}
  pollNext(output: ReaderOutput<number>): InputStatus {
    const stop = Math.min(this.last, this.next + this.batchSize - 1);
    for (let v = this.next; v <= stop; v++) {
      this.next = v + 1;
      output.collect(v, NO_TIMESTAMP);
    }
    return this.next <= this.last ? 'MORE_AVAILABLE' : 'END_OF_INPUT';
  }
  snapshotState(): number {
    return this.next;
  }
  close(): void {}
}
