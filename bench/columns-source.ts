import type { Source, SourceReader, ReaderOutput, SourceReaderContext } from '../src/engine/index.ts';
import type { BenchEvent, EventColumns } from './bench-data.ts';

/**
 * A bounded engine source over the benchmark columns: each subtask reads its share (strided by
 * subtask index) and emits one `{ key, value, ts }` object per event, as RxJS's source does.
 */
export class ColumnsSource implements Source<BenchEvent, number> {
  readonly boundedness = 'BOUNDED' as const;
  readonly parallel = true;
  constructor(private readonly data: EventColumns) {}

  createReader(ctx: SourceReaderContext, restored?: number | null): SourceReader<BenchEvent, number> {
    const { keys, values, timestamps, n } = this.data;
    const per = Math.ceil(n / ctx.parallelism);
    const end = Math.min(n, (ctx.subtaskIndex + 1) * per);
    let next = restored ?? ctx.subtaskIndex * per;
    const batch = ctx.batchSize;
    return {
      pollNext(out: ReaderOutput<BenchEvent>) {
        const stop = Math.min(end, next + batch);
        for (let i = next; i < stop; i++) {
          const ts = timestamps[i];
          out.collect({ key: keys[i], value: values[i], ts }, ts);
        }
        next = stop;
        return next < end ? 'MORE_AVAILABLE' : 'END_OF_INPUT';
      },
      snapshotState: () => next,
      close() {},
    };
  }
}
