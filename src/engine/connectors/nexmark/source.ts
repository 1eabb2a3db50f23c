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
 * What is left of one subtask's share of the stream (a split): the events from `next` on of the
 * chunks subtask `subtask` of `of` reads (nexmarkSplits). A fresh reader has one; after a restore at
 * another parallelism a reader may have several (or none).
 */
export interface NexmarkSplit {
  readonly subtask: number;
  readonly of: number;
  readonly next: number;
}

/** One chunk a reader will read: events [from, to) of `splits[split]`, its `index`-th chunk. */
interface Chunk {
  readonly from: number;
  readonly to: number;
  readonly split: number;
  readonly index: number;
}

/**
 * A bounded, parallel Nexmark source (FLIP-27 style): every record is a Person, Auction or Bid
 * with its event time as the record timestamp. A reader's position is its splits with the next
 * event number of each, so a restored reader replays exactly, also at another parallelism (the
 * source is rescalable: a reader reads its splits' chunks in event order, so its records stay as
 * close to time order as a fresh reader's); each subtask generates its own events, nothing crosses
 * threads.
 *
 * @example
 * env.fromSource(new NexmarkSource({ events: 1e6 }),
 *   WatermarkStrategy.forBoundedOutOfOrderness<NexmarkEvent>(4000).withTimestampAssigner((e) => e.dateTime), 'nexmark');
 */
export class NexmarkSource implements Source<NexmarkEvent, NexmarkSplit[]> {
  readonly boundedness = 'BOUNDED' as const;
  readonly parallel = true;
  readonly rescalable = true;
  readonly config: ResolvedNexmarkConfig;
  constructor(
    config: NexmarkConfig = {},
    readonly options: NexmarkSourceOptions = {},
  ) {
    this.config = resolveNexmarkConfig(config);
  }

  createReader(
    context: SourceReaderContext,
    restored?: NexmarkSplit[] | number | null,
  ): SourceReader<NexmarkEvent, NexmarkSplit[]> {
    const { subtaskIndex: i, parallelism: p } = context;
    // A number is the position of a checkpoint taken before the source had splits (same parallelism).
    const splits = Array.isArray(restored)
      ? restored.map((s) => this.checkSplit(s))
      : [{ subtask: i, of: p, next: restored ?? 0 }];
    const chunks: Chunk[] = [];
    splits.forEach(({ subtask, of, next }, split) => {
      nexmarkSplits(this.config.events, subtask, of).forEach(([from, to], index) => {
        if (to > next) chunks.push({ from: Math.max(from, next), to, split, index });
      });
    });
    chunks.sort((a, b) => a.from - b.from);
    const shares = new Map<number, NexmarkColumns[]>();
    const columns = (c: Chunk): NexmarkColumns => {
      if (!this.options.pregenerate) return generateNexmark(this.config, c.from, c.to);
      let share = shares.get(c.split);
      if (!share)
        shares.set(
          c.split,
          (share = cachedNexmarkShare(this.config, splits[c.split].subtask, splits[c.split].of)),
        );
      return share[c.index];
    };
    return new NexmarkReader(splits, chunks, columns, context.batchSize);
  }

  private checkSplit(s: NexmarkSplit): NexmarkSplit {
    const n = this.config.events;
    const int = (x: unknown) => Number.isSafeInteger(x);
    if (!(
      s &&
      int(s.of) &&
      s.of >= 1 &&
      int(s.subtask) &&
      s.subtask >= 0 &&
      s.subtask < s.of &&
      int(s.next) &&
      s.next >= 0 &&
      s.next <= n
    )) {
      throw new RangeError(
        `NexmarkSource: restored split ${JSON.stringify(s)} is not a { subtask, of, next } share of this ` +
          `source's ${n} events; the checkpoint belongs to another source (give this one a new uid)`,
      );
    }
    return s;
  }
}

class NexmarkReader implements SourceReader<NexmarkEvent, NexmarkSplit[]> {
  private cols: NexmarkColumns | null = null;
  private chunk = 0;
  private next = 0;
  // Row of the next person / auction / bid within `cols`.
  private pi = 0;
  private ai = 0;
  private bi = 0;
  constructor(
    private readonly splits: NexmarkSplit[],
    private readonly chunks: Chunk[],
    private readonly columns: (c: Chunk) => NexmarkColumns,
    private readonly batchSize: number,
  ) {
    if (chunks.length > 0) this.open(0);
  }

  /** Makes chunk `c` current, positioned at its first unread event. */
  private open(c: number): void {
    this.chunk = c;
    const n = this.chunks[c].from;
    const cols = (this.cols = this.columns(this.chunks[c]));
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
    if (this.chunk >= this.chunks.length) return 'END_OF_INPUT';
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
      if (this.chunk + 1 >= this.chunks.length) {
        this.chunk = this.chunks.length;
        this.cols = null;
        return 'END_OF_INPUT';
      }
      this.open(this.chunk + 1);
    }
    return 'MORE_AVAILABLE';
  }

  /** Per split with events left: the first event not emitted yet. */
  snapshotState(): NexmarkSplit[] {
    const next = new Map<number, number>();
    for (let c = this.chunks.length - 1; c >= this.chunk; c--) {
      next.set(this.chunks[c].split, c === this.chunk ? this.next : this.chunks[c].from);
    }
    return [...next].sort((a, b) => a[0] - b[0]).map(([s, n]) => ({ ...this.splits[s], next: n }));
  }

  close(): void {
    this.cols = null;
  }
}
