import type { ReaderOutput, Source, SourceReader, SourceReaderContext } from '../../src/engine/index.ts';

/** A benchmark event: key in [0, 1000), value in [0, 100), ascending timestamps (100 000 events/s). */
export interface GenEvent {
  key: number;
  value: number;
  ts: number;
}

/**
 * Events to generate: `?n=` on the job module's URL (browsers), else RIVULET_BENCH_N (Node workers
 * inherit the environment of the process that starts them), else 1M.
 */
export const benchEvents = (moduleUrl: string): number =>
  Number(new URL(moduleUrl).searchParams.get('n') ?? globalThis.process?.env?.RIVULET_BENCH_N ?? 1_000_000);

/**
 * A bounded parallel source computing event i from i alone (a hash), so every worker generates its
 * own contiguous share without data crossing threads; timestamps ascend within each share.
 */
export class GeneratedSource implements Source<GenEvent, number> {
  readonly boundedness = 'BOUNDED' as const;
  readonly parallel = true;
  constructor(private readonly n: number) {}
  createReader(ctx: SourceReaderContext, restored?: number | null): SourceReader<GenEvent, number> {
    const per = Math.ceil(this.n / ctx.parallelism);
    const end = Math.min(this.n, (ctx.subtaskIndex + 1) * per);
    let next = restored ?? ctx.subtaskIndex * per;
    return {
      pollNext(out: ReaderOutput<GenEvent>) {
        const stop = Math.min(end, next + ctx.batchSize);
        for (let i = next; i < stop; i++) {
          const h = Math.imul(i ^ (i >>> 16), 0x45d9f3b) >>> 0;
          const ts = i * 0.01;
          out.collect({ key: h % 1000, value: (h >>> 10) % 100, ts }, ts);
        }
        next = stop;
        return next < end ? 'MORE_AVAILABLE' : 'END_OF_INPUT';
      },
      snapshotState: () => next,
      close() {},
    };
  }
}
