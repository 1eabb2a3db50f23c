import type { InputStatus, ReaderOutput, Source, SourceReader, SourceReaderContext } from '../source.ts';
import {
  AUCTION,
  BID,
  eventKind,
  resolveNexmarkConfig,
  type NexmarkConfig,
  type ResolvedNexmarkConfig,
} from './config.ts';
import type { NexmarkColumns } from './columns.ts';
import { generateNexmark } from './generator.ts';
import type { NexmarkEvent } from './model.ts';
import { auctionAt, bidAt, personAt } from './records.ts';

/** Events per split: subtask i of p reads splits i, i + p, i + 2p, … (0.4 s of event time by default). */
export const NEXMARK_SPLIT_EVENTS = 4096;

/** How the reader gets its columns. */
export interface NexmarkSourceOptions {
  /**
   * true: generate the subtask's whole share once when the reader starts and keep it (per thread,
   * the last few shares) so repeated runs read the same columns, as a benchmark wants; false
   * (default): generate split by split as records are polled.
   */
  pregenerate?: boolean;
}

const shareCache = new Map<string, NexmarkColumns[]>();
const SHARE_CACHE_SIZE = 4;

/**
 * The event ranges `[from, to)` subtask `i` of `p` reads: every p-th split of NEXMARK_SPLIT_EVENTS
 * events, so all subtasks move through event time together (their watermarks stay close, windows
 * close early) and together they read every event exactly once.
 *
 * @example
 * nexmarkSplits(10_000, 1, 2); // [[4096, 8192]]
 */
export function nexmarkSplits(events: number, i: number, p: number): [number, number][] {
  const out: [number, number][] = [];
  for (let s = i * NEXMARK_SPLIT_EVENTS; s < events; s += p * NEXMARK_SPLIT_EVENTS)
    out.push([s, Math.min(events, s + NEXMARK_SPLIT_EVENTS)]);
  return out;
}

/**
 * The columns of subtask `i` of `p`'s splits, generated once per thread and kept (the last few).
 *
 * @example
 * const splits = cachedNexmarkShare({ events: 1e6 }, 0, 2);
 */
export function cachedNexmarkShare(config: NexmarkConfig, i: number, p: number): NexmarkColumns[] {
  const c = resolveNexmarkConfig(config);
  const key = `${JSON.stringify(c)}:${i}/${p}`;
  let share = shareCache.get(key);
  if (!share) {
    share = nexmarkSplits(c.events, i, p).map(([from, to]) => generateNexmark(c, from, to));
    if (shareCache.size >= SHARE_CACHE_SIZE) shareCache.delete(shareCache.keys().next().value!);
    shareCache.set(key, share);
  }
  return share;
}

/**
 * A bounded, parallel Nexmark source (FLIP-27 style): every record is a Person, Auction or Bid
 * with its event time as the record timestamp. The position is the next event number, so a
 * restored reader replays exactly; each subtask generates its own splits, nothing crosses threads.
 *
 * @example
 * env.fromSource(new NexmarkSource({ events: 1e6 }),
 *   WatermarkStrategy.forBoundedOutOfOrderness<NexmarkEvent>(4000).withTimestampAssigner((e) => e.dateTime), 'nexmark');
 */
export class NexmarkSource implements Source<NexmarkEvent, number> {
  readonly boundedness = 'BOUNDED' as const;
  readonly parallel = true;
  readonly config: ResolvedNexmarkConfig;
  constructor(
    config: NexmarkConfig = {},
    readonly options: NexmarkSourceOptions = {},
  ) {
    this.config = resolveNexmarkConfig(config);
  }

  createReader(context: SourceReaderContext, restored?: number | null): SourceReader<NexmarkEvent, number> {
    const { subtaskIndex: i, parallelism: p } = context;
    const splits = nexmarkSplits(this.config.events, i, p);
    let split = 0;
    if (restored != null) {
      split = splits.findIndex(([from, to]) => restored >= from && restored < to);
      if (
        split < 0 &&
        restored !== this.config.events &&
        !(splits.length === 0 || restored >= splits[splits.length - 1][1])
      )
        throw new RangeError(`NexmarkSource: restored position ${restored} is not in subtask ${i}'s splits`);
      if (split < 0) split = splits.length;
    }
    const share = this.options.pregenerate ? cachedNexmarkShare(this.config, i, p) : null;
    return new NexmarkReader(
      this.config,
      splits,
      share,
      split,
      restored ?? splits[0]?.[0] ?? 0,
      context.batchSize,
    );
  }
}

class NexmarkReader implements SourceReader<NexmarkEvent, number> {
  private cols: NexmarkColumns | null = null;
  // Row of the next person / auction / bid within `cols`.
  private pi = 0;
  private ai = 0;
  private bi = 0;
  constructor(
    private readonly config: ResolvedNexmarkConfig,
    private readonly splits: [number, number][],
    private readonly share: NexmarkColumns[] | null,
    private split: number,
    private next: number,
    private readonly batchSize: number,
  ) {
    if (split < splits.length) this.open(split, next);
  }

  /** Makes split `s` current, positioned at event `n`. */
  private open(s: number, n: number): void {
    const [from, to] = this.splits[s];
    const cols = (this.cols = this.share ? this.share[s] : generateNexmark(this.config, from, to));
    this.pi = this.ai = this.bi = 0;
    for (let k = cols.from; k < n; k++) {
      const kind = eventKind(k);
      if (kind === BID) this.bi++;
      else if (kind === AUCTION) this.ai++;
      else this.pi++;
    }
    this.next = n;
  }

  pollNext(output: ReaderOutput<NexmarkEvent>): InputStatus {
    if (this.split >= this.splits.length) return 'END_OF_INPUT';
    const cols = this.cols!;
    const stop = Math.min(cols.to, this.next + this.batchSize);
    for (let n = this.next; n < stop; n++) {
      const kind = eventKind(n);
      if (kind === BID) {
        const i = this.bi++;
        output.collect(bidAt(cols, i), cols.bids.dateTime[i]);
      } else if (kind === AUCTION) {
        const i = this.ai++;
        output.collect(auctionAt(cols, i), cols.auctions.dateTime[i]);
      } else {
        const i = this.pi++;
        output.collect(personAt(cols, i), cols.persons.dateTime[i]);
      }
    }
    this.next = stop;
    if (stop === cols.to) {
      if (++this.split >= this.splits.length) {
        this.cols = null;
        return 'END_OF_INPUT';
      }
      this.open(this.split, this.splits[this.split][0]);
    }
    return 'MORE_AVAILABLE';
  }

  snapshotState(): number {
    return this.split < this.splits.length ? this.next : this.config.events;
  }

  close(): void {
    this.cols = null;
  }
}
