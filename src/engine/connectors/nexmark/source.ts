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

/** How the reader gets its columns. */
export interface NexmarkSourceOptions {
  /**
   * true: generate the subtask's whole share once when the reader starts and keep it (per thread,
   * the last few shares) so repeated runs read the same columns, as a benchmark wants; false
   * (default): generate batch by batch as records are polled.
   */
  pregenerate?: boolean;
}

const shareCache = new Map<string, NexmarkColumns>();
const SHARE_CACHE_SIZE = 4;

/**
 * The columns of events `[from, to)`, generated once per thread and kept (the last few).
 *
 * @example
 * const cols = cachedNexmarkColumns({ events: 1e6 }, 0, 1e6);
 */
export function cachedNexmarkColumns(config: NexmarkConfig, from: number, to: number): NexmarkColumns {
  const key = `${JSON.stringify(resolveNexmarkConfig(config))}:${from}:${to}`;
  let cols = shareCache.get(key);
  if (!cols) {
    cols = generateNexmark(config, from, to);
    if (shareCache.size >= SHARE_CACHE_SIZE) shareCache.delete(shareCache.keys().next().value!);
    shareCache.set(key, cols);
  }
  return cols;
}

/**
 * Subtask `i` of `p` reads the contiguous range of event numbers `[start, end)` (earlier subtasks
 * get the remainder), as NumberSequenceSource splits its numbers.
 *
 * @example
 * nexmarkSplit(10, 1, 3); // [4, 7]
 */
export function nexmarkSplit(events: number, i: number, p: number): [number, number] {
  const base = Math.floor(events / p);
  const rest = events % p;
  const start = i * base + Math.min(i, rest);
  return [start, start + base + (i < rest ? 1 : 0)];
}

/**
 * A bounded, parallel Nexmark source (FLIP-27 style): every record is a Person, Auction or Bid
 * with its event time as the record timestamp. The position is the next event number, so a
 * restored reader replays exactly; subtask i generates its own share, nothing crosses threads.
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
    const [start, end] = nexmarkSplit(this.config.events, context.subtaskIndex, context.parallelism);
    if (restored != null && !(restored >= start && restored <= end))
      throw new RangeError(
        `NexmarkSource: restored position ${restored} lies outside subtask ${context.subtaskIndex}'s range [${start}, ${end})`,
      );
    const share = this.options.pregenerate ? cachedNexmarkColumns(this.config, start, end) : null;
    return new NexmarkReader(this.config, share, restored ?? start, end, context.batchSize);
  }
}

class NexmarkReader implements SourceReader<NexmarkEvent, number> {
  private cols: NexmarkColumns | null;
  // Row of the next person / auction / bid within `cols`.
  private pi = 0;
  private ai = 0;
  private bi = 0;
  constructor(
    private readonly config: ResolvedNexmarkConfig,
    private readonly share: NexmarkColumns | null,
    private next: number,
    private readonly end: number,
    private readonly batchSize: number,
  ) {
    this.cols = share;
    if (share) this.seek(share, next);
  }

  private seek(cols: NexmarkColumns, n: number): void {
    this.pi = this.ai = this.bi = 0;
    for (let k = cols.from; k < n; k++) {
      const kind = eventKind(k);
      if (kind === BID) this.bi++;
      else if (kind === AUCTION) this.ai++;
      else this.pi++;
    }
  }

  pollNext(output: ReaderOutput<NexmarkEvent>): InputStatus {
    const stop = Math.min(this.end, this.next + this.batchSize);
    let cols = this.cols;
    if (!this.share) {
      cols = this.cols = generateNexmark(this.config, this.next, stop);
      this.pi = this.ai = this.bi = 0;
    }
    for (let n = this.next; n < stop; n++) {
      const kind = eventKind(n);
      if (kind === BID) {
        const i = this.bi++;
        output.collect(bidAt(cols!, i), cols!.bids.dateTime[i]);
      } else if (kind === AUCTION) {
        const i = this.ai++;
        output.collect(auctionAt(cols!, i), cols!.auctions.dateTime[i]);
      } else {
        const i = this.pi++;
        output.collect(personAt(cols!, i), cols!.persons.dateTime[i]);
      }
    }
    this.next = stop;
    return stop < this.end ? 'MORE_AVAILABLE' : 'END_OF_INPUT';
  }

  snapshotState(): number {
    return this.next;
  }

  close(): void {
    this.cols = null;
  }
}
