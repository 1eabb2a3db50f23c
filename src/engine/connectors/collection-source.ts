import type { ReaderOutput, Source, SourceReader, SourceReaderContext, InputStatus } from './source.ts';
import { RecordCopier } from '../state/record-copier.ts';
import { NO_TIMESTAMP } from '../time/watermark.ts';

/**
 * A bounded, non-parallel source over an in-memory array (what fromElements/fromCollection use).
 * Its position is the index of the next element. Every run (and every replay after a failure) emits
 * copies of the elements, as Flink deserializes them: a consumer that changes its input record must
 * not change the collection that the next run or the replay reads. With object reuse enabled (the
 * job's functions promise not to change their inputs) it emits the elements themselves.
 *
 * @example
 * env.fromSource(new CollectionSource(['a', 'b']), WatermarkStrategy.noWatermarks(), 'letters');
 */
export class CollectionSource<T> implements Source<T, number> {
  readonly boundedness = 'BOUNDED' as const;
  readonly parallel = false;
  constructor(readonly elements: readonly T[]) {}
  createReader(context: SourceReaderContext, restoredPosition?: number | null): SourceReader<T, number> {
    return new CollectionReader(
      this.elements,
      context.batchSize,
      restoredPosition ?? 0,
      context.objectReuse === true,
    );
  }
}

class CollectionReader<T> implements SourceReader<T, number> {
  private readonly copier = new RecordCopier();
  constructor(
    private readonly elements: readonly T[],
    private readonly batchSize: number,
    private next: number,
    private readonly reuse: boolean,
  ) {}
  pollNext(output: ReaderOutput<T>): InputStatus {
    const elements = this.elements;
    const end = Math.min(elements.length, this.next + this.batchSize);
    let i = this.next;
    // Advance the position before each emit so a failure names the right record and replays correctly.
    while (i < end) {
      this.next = i + 1;
      output.collect(this.reuse ? elements[i] : this.copier.copy(elements[i]), NO_TIMESTAMP);
      i++;
    }
    return this.next < elements.length ? 'MORE_AVAILABLE' : 'END_OF_INPUT';
  }
  snapshotState(): number {
    return this.next;
  }
  close(): void {}
}
