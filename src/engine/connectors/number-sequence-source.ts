import type { ReaderOutput, Source, SourceReader, SourceReaderContext, InputStatus } from './source.ts';
import { NO_TIMESTAMP } from '../time/watermark.ts';

/** What is left of one split of a sequence: the numbers next..last (inclusive). */
export interface SequenceSplit {
  readonly next: number;
  readonly last: number;
}

/**
 * The numbers from..to (inclusive), split evenly over the parallel readers as Flink's
 * NumberSequenceSource; what `env.fromSequence(from, to)` uses. Rescalable: each reader's position
 * is its list of splits with the next number to emit, so a restore at another parallelism deals the
 * remaining splits out again (a reader may get several, read in order, or none).
 *
 * @example
 * env.fromSource(new NumberSequenceSource(1, 1_000_000), WatermarkStrategy.noWatermarks(), 'seq');
 */
export class NumberSequenceSource implements Source<number, SequenceSplit[]> {
  readonly boundedness = 'BOUNDED' as const;
  readonly parallel = true;
  readonly rescalable = true;
  constructor(
    readonly from: number,
    readonly to: number,
  ) {
    if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || to < from) {
      throw new RangeError(`fromSequence(${from}, ${to}): need safe integers with from <= to`);
    }
  }
  createReader(
    context: SourceReaderContext,
    restored?: SequenceSplit[] | number | null,
  ): SourceReader<number, SequenceSplit[]> {
    // Split [from, to] into `parallelism` contiguous ranges; earlier ranges get the remainder.
    const total = this.to - this.from + 1;
    const p = context.parallelism;
    const i = context.subtaskIndex;
    const base = Math.floor(total / p);
    const rest = total % p;
    const start = this.from + i * base + Math.min(i, rest);
    const end = start + base + (i < rest ? 1 : 0) - 1;
    // A number is the position of a checkpoint taken before the source had splits (same parallelism).
    const splits = Array.isArray(restored)
      ? restored.map((s) => checkSplit(s, this))
      : [{ next: restored ?? start, last: end }];
    return new SequenceReader(splits, context.batchSize);
  }
}

function checkSplit(s: SequenceSplit, source: NumberSequenceSource): SequenceSplit {
  const ok =
    s !== null &&
    typeof s === 'object' &&
    Number.isSafeInteger(s.next) &&
    Number.isSafeInteger(s.last) &&
    s.next >= source.from &&
    s.last <= source.to;
  if (!ok) {
    throw new RangeError(
      `fromSequence(${source.from}, ${source.to}): restored split ${JSON.stringify(s)} is not a { next, last } ` +
        'range of this sequence; the checkpoint belongs to another source (give this one a new uid)',
    );
  }
  return s;
}

class SequenceReader implements SourceReader<number, SequenceSplit[]> {
  private split = -1;
  private next = 0;
  constructor(
    private readonly splits: SequenceSplit[],
    private readonly batchSize: number,
  ) {
    this.advance();
  }
  pollNext(output: ReaderOutput<number>): InputStatus {
    const split = this.splits[this.split];
    if (split === undefined) return 'END_OF_INPUT';
    const stop = Math.min(split.last, this.next + this.batchSize - 1);
    for (let v = this.next; v <= stop; v++) {
      this.next = v + 1;
      output.collect(v, NO_TIMESTAMP);
    }
    if (this.next > split.last) this.advance();
    return this.split < this.splits.length ? 'MORE_AVAILABLE' : 'END_OF_INPUT';
  }
  snapshotState(): SequenceSplit[] {
    const out: SequenceSplit[] = [];
    for (let s = this.split; s < this.splits.length; s++) {
      const next = s === this.split ? this.next : this.splits[s].next;
      if (next <= this.splits[s].last) out.push({ next, last: this.splits[s].last });
    }
    return out;
  }
  close(): void {}
  /** Moves to the next split with numbers left (past the end when there is none). */
  private advance(): void {
    while (++this.split < this.splits.length) {
      this.next = this.splits[this.split].next;
      if (this.next <= this.splits[this.split].last) return;
    }
  }
}
