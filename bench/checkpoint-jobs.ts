// Job modules of bench/checkpoint.ts (one module, three jobs chosen by RIVULET_BENCH_CKPT_JOB; Node
// workers inherit the environment): 'state' builds keyed state of KEYS keys, pauses, and after the
// first checkpoint touches UPDATES keys of key group 0 only (full vs incremental checkpoint);
// 'window' is the keyed window count of bench/jobs/keyby-window.ts with checkpoints every
// INTERVAL ms (0: off); 'recovery' is the same with a worker that exits after KILL_AFTER records.
import {
  RestartStrategies,
  RichMapFunction,
  WatermarkStrategy,
  type InputStatus,
  type ReaderOutput,
  type Source,
  type SourceReader,
  type SourceReaderContext,
  type StreamExecutionEnvironment,
} from '../src/engine/index.ts';
import { assignToKeyGroup } from '../src/engine/state/key-groups.ts';
import { GeneratedSource, type GenEvent } from './jobs/generated-source.ts';
import { countPerKeyAndWindow } from './jobs/keyby-window.ts';

const env = (name: string, fallback: number): number =>
  Number(globalThis.process?.env?.[`RIVULET_BENCH_${name}`] ?? fallback);

/** Keys 0..keys-1 once each; then, after its first snapshot, `updates` records on keys of key group 0. */
class StateSource implements Source<number, number> {
  readonly boundedness = 'CONTINUOUS_UNBOUNDED' as const;
  readonly parallel = false;
  constructor(
    private readonly keys: number,
    private readonly updates: number,
    private readonly maxParallelism: number,
  ) {}
  createReader(ctx: SourceReaderContext): SourceReader<number, number> {
    const { keys, updates, maxParallelism } = this;
    const group0: number[] = [];
    for (let k = 0; group0.length < Math.min(updates, keys) && k < keys; k++)
      if (assignToKeyGroup(k, maxParallelism) === 0) group0.push(k);
    let next = 0;
    let end = keys;
    let wake: (() => void) | null = null;
    let snapshots = 0;
    return {
      pollNext(out: ReaderOutput<number>): InputStatus {
        const stop = Math.min(end, next + ctx.batchSize);
        for (; next < stop; next++)
          out.collect(next < keys ? next : group0[(next - keys) % group0.length], NaN);
        return next < end ? 'MORE_AVAILABLE' : 'NOTHING_AVAILABLE';
      },
      isAvailable: () => (next < end ? Promise.resolve() : new Promise<void>((r) => (wake = r))),
      snapshotState() {
        if (++snapshots === 1) {
          end = keys + updates; // the updates follow the first checkpoint's barrier
          wake?.();
        }
        return next;
      },
      close() {},
    };
  }
}

class ExitingMap extends RichMapFunction<GenEvent, GenEvent> {
  private seen = 0;
  map(e: GenEvent): GenEvent {
    const ctx = this.getRuntimeContext();
    if (
      ctx.getAttemptNumber() === 0 &&
      ctx.getIndexOfThisSubtask() === 0 &&
      ++this.seen === env('KILL_AFTER', 0)
    )
      process.exit(5);
    return e;
  }
}

export default (e: StreamExecutionEnvironment) => {
  const job = globalThis.process?.env?.RIVULET_BENCH_CKPT_JOB ?? 'window';
  if (job === 'state') {
    e.enableCheckpointing(1e9); // only the benchmark's own triggers
    return e
      .fromSource(
        new StateSource(env('KEYS', 10_000), env('UPDATES', 1000), e.getMaxParallelism()),
        WatermarkStrategy.noWatermarks(),
        'keys',
      )
      .keyBy((k) => k)
      .reduce((a, b) => a + b)
      .uid('state')
      .filter(() => false);
  }
  const interval = env('INTERVAL', 0);
  if (interval > 0) e.enableCheckpointing(interval);
  if (job === 'recovery') e.setRestartStrategy(RestartStrategies.fixedDelayRestart(1, 0));
  let events = e
    .fromSource(
      new GeneratedSource(env('N', 1_000_000)),
      WatermarkStrategy.forMonotonousTimestamps<GenEvent>().withTimestampAssigner((x) => x.ts),
      'events',
    )
    .uid('events');
  if (job === 'recovery') events = events.map(new ExitingMap()).uid('exiting-map');
  return countPerKeyAndWindow(events).uid('window-count');
};
