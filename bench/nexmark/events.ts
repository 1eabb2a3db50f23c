/**
 * The Nexmark input of every query job: the seeded generator as a parallel source, with event-time
 * watermarks 4 s behind the largest timestamp seen, as the Nexmark DDL
 * (`WATERMARK FOR dateTime AS dateTime - INTERVAL '4' SECOND`).
 */
import {
  NexmarkSource,
  WatermarkStrategy,
  type Auction,
  type Bid,
  type DataStream,
  type NexmarkConfig,
  type NexmarkEvent,
  type NexmarkSplit,
  type Person,
  type SourceReader,
  type SourceReaderContext,
  type StreamExecutionEnvironment,
} from '../../src/engine/index.ts';
import { runClock } from './run-clock.ts';

/**
 * The generator config of a job run: `?n=…&seed=…&rate=…` on the job module's URL (browsers), else
 * RIVULET_NEXMARK_N / _SEED / _RATE (Node workers inherit the environment), else 1M events, seed 1.
 */
export function nexmarkConfigOf(moduleUrl: string): NexmarkConfig {
  const q = new URL(moduleUrl).searchParams;
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};
  const pick = (p: string, e: string, d: number) => Number(q.get(p) ?? env[e] ?? d);
  return {
    events: pick('n', 'RIVULET_NEXMARK_N', 1_000_000),
    seed: pick('seed', 'RIVULET_NEXMARK_SEED', 1),
    firstEventRate: pick('rate', 'RIVULET_NEXMARK_RATE', 10_000),
  };
}

/** The Nexmark source, noting on this thread's run clock when it first polls (after generating its share). */
class ClockedNexmarkSource extends NexmarkSource {
  override createReader(
    ctx: SourceReaderContext,
    restored?: NexmarkSplit[] | number | null,
  ): SourceReader<NexmarkEvent, NexmarkSplit[]> {
    const reader = super.createReader(ctx, restored);
    const poll = reader.pollNext.bind(reader);
    reader.pollNext = (out) => {
      if (runClock.start === 0) runClock.start = performance.now();
      return poll(out);
    };
    return reader;
  }
}

/** All events, pre-generated per subtask (reruns in the same thread read the same columns). */
export function nexmarkEvents(
  env: StreamExecutionEnvironment,
  config: NexmarkConfig,
): DataStream<NexmarkEvent> {
  runClock.start = 0;
  return env.fromSource(
    new ClockedNexmarkSource(config, { pregenerate: true }),
    // The source stamps every record with its dateTime, so no timestamp assigner is needed.
    WatermarkStrategy.forBoundedOutOfOrderness<NexmarkEvent>(4000),
    'nexmark',
  );
}

/** The `bid` view: events of type bid. */
export const bids = (events: DataStream<NexmarkEvent>): DataStream<Bid> =>
  events.filter((e) => e.type === 'bid').name('bid') as unknown as DataStream<Bid>;
/** The `auction` view. */
export const auctions = (events: DataStream<NexmarkEvent>): DataStream<Auction> =>
  events.filter((e) => e.type === 'auction').name('auction') as unknown as DataStream<Auction>;
/** The `person` view. */
export const persons = (events: DataStream<NexmarkEvent>): DataStream<Person> =>
  events.filter((e) => e.type === 'person').name('person') as unknown as DataStream<Person>;
