// Job module for savepoint, rescale and resume tests (issue 6): counts per key over records 0..N-1 of
// a replayable source, in one event-time window that fires only at the end of input. With PAUSE set,
// the source stops after record PAUSE - 1 and waits (the job keeps running, so a test can take a
// savepoint or let checkpoints complete, then cancel it). With PARALLEL set the source runs at the
// job's parallelism and is rescalable (each reader reads its range, and pauses before PAUSE). Settings:
// the module URL's query or RIVULET_CKPT_* environment variables.
import {
  Time,
  TumblingEventTimeWindows,
  WatermarkStrategy,
  type InputStatus,
  type ReaderOutput,
  type Source,
  type SourceReaderContext,
  type SourceReader,
  type StreamExecutionEnvironment,
} from '../../../../../src/engine/index.ts';
import { countAggregate, KEYS } from '../../checkpoint/keyed-window-count-stage.ts';

const query = new URL(import.meta.url).searchParams;
const setting = (name: string, fallback: string): string =>
  query.get(name) ?? globalThis.process?.env?.[`RIVULET_CKPT_${name.toUpperCase()}`] ?? fallback;

/** 0..n-1 in one reader; position = next number; with `pauseAt` >= 0 it stops there and waits. */
class PausingSequence implements Source<number, number> {
  readonly boundedness = 'BOUNDED' as const;
  readonly parallel = false;
  constructor(
    private readonly n: number,
    private readonly pauseAt: number,
  ) {}
  createReader(context: { batchSize: number }, restored?: number | null): SourceReader<number, number> {
    let next = restored ?? 0;
    const { n, pauseAt } = this;
    return {
      pollNext(out: ReaderOutput<number>): InputStatus {
        const stop = Math.min(n, next + context.batchSize, pauseAt >= next ? pauseAt : n);
        for (; next < stop; next++) out.collect(next, next);
        if (next >= n) return 'END_OF_INPUT';
        return next === pauseAt ? 'NOTHING_AVAILABLE' : 'MORE_AVAILABLE';
      },
      isAvailable: () => (next === pauseAt ? new Promise<void>(() => {}) : Promise.resolve()),
      snapshotState: () => next,
      close() {},
    };
  }
}

/** A range left to read: next..last (inclusive). */
interface Range {
  next: number;
  last: number;
}

/**
 * 0..n-1 split into one range per reader at the first run, rescalable: a reader's position is its
 * ranges, which a restore at another parallelism deals out again. Readers stop before `pauseAt`.
 */
class PausingParallelSequence implements Source<number, Range[]> {
  readonly boundedness = 'BOUNDED' as const;
  readonly parallel = true;
  readonly rescalable = true;
  constructor(
    private readonly n: number,
    private readonly pauseAt: number,
  ) {}
  createReader(context: SourceReaderContext, restored?: Range[] | null): SourceReader<number, Range[]> {
    const { subtaskIndex: i, parallelism: p } = context;
    const per = Math.ceil(this.n / p);
    const ranges = restored ?? [{ next: i * per, last: Math.min(this.n, (i + 1) * per) - 1 }];
    const limit = this.pauseAt >= 0 ? this.pauseAt : this.n;
    const left = () => ranges.filter((r) => r.next <= r.last);
    return {
      pollNext(out: ReaderOutput<number>): InputStatus {
        let budget = context.batchSize;
        for (const r of ranges) {
          for (; r.next <= r.last && r.next < limit && budget > 0; r.next++, budget--)
            out.collect(r.next, r.next);
        }
        if (left().length === 0) return 'END_OF_INPUT';
        return left().some((r) => r.next < limit) ? 'MORE_AVAILABLE' : 'NOTHING_AVAILABLE';
      },
      isAvailable: () =>
        left().some((r) => r.next < limit) ? Promise.resolve() : new Promise<void>(() => {}),
      snapshotState: () => left().map((r) => ({ ...r })),
      close() {},
    };
  }
}

export default (env: StreamExecutionEnvironment) => {
  // Read when the graph is built, not at import: a thread imports the module once, tests change them.
  const n = Number(setting('n', '100000'));
  const pause = Number(setting('pause', '-1'));
  env.enableCheckpointing(Number(setting('interval', '50')));
  return env
    .fromSource(
      setting('parallel', '') ? new PausingParallelSequence(n, pause) : new PausingSequence(n, pause),
      WatermarkStrategy.forMonotonousTimestamps<number>(),
      'numbers',
    )
    .uid('numbers')
    .keyBy((i) => `k${(i * 7919) % KEYS}`)
    .window(TumblingEventTimeWindows.of(Time.days(1)))
    .aggregate(countAggregate, (key: string, _ctx, counts, out) => {
      for (const c of counts) out.collect([key, c] as [string, number]);
    })
    .uid('total-count');
};
