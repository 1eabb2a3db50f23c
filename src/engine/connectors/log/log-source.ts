import type {
  Boundedness,
  InputStatus,
  ReaderOutput,
  Source,
  SourceReader,
  SourceReaderContext,
} from '../source.ts';
import type { LogRecord, LogTopic } from './log-topic.ts';

/**
 * A position as readers stored it before the source had splits: per assigned partition, the next
 * offset to emit, and for a bounded source the offset to stop at. Still accepted on restore.
 */
export interface LogPosition {
  readonly next: Readonly<Record<number, number>>;
  readonly stop?: Readonly<Record<number, number>>;
}

/**
 * A reader's split (Flink's KafkaPartitionSplit): one partition with the next offset to emit and,
 * for a bounded source, the offset to stop at (fixed when the job first started, so a restored run
 * reads exactly the same records). A reader that has not looked up its partitions yet when a
 * checkpoint comes (the topic is asynchronous) stores its `share` instead, resolved on restore.
 */
export type LogSplit =
  | { readonly partition: number; readonly next: number; readonly stop?: number }
  | { readonly share: { readonly subtask: number; readonly of: number } };

/** Options of {@link LogSource}. */
export interface LogSourceOptions {
  /** Read up to the end offsets seen at start, then end (default false: tail new appends). */
  bounded?: boolean;
  /** Where a fresh (not restored) reader starts: the oldest retained records (default) or the end. */
  startingOffsets?: 'earliest' | 'latest';
  /** Records fetched per read (default: 4 × the task's batch size). */
  fetchSize?: number;
  /**
   * Accept a bounded read of a memory topic that is empty (by default that is refused: it is
   * almost always a memory topic filled in another thread).
   */
  allowEmpty?: boolean;
}

/**
 * Reads a log topic (MemoryLogTopic / IndexedDbLogTopic) like Flink's KafkaSource: parallel, with
 * partition p assigned to subtask p % parallelism (every partition read by exactly one subtask);
 * each record is emitted with its log timestamp. Its splits (next offset per partition) are part of
 * every checkpoint, so a restore replays exactly the records after them, also at another
 * parallelism (rescalable: the partitions' splits are dealt out again). Bounded: reads up to the end
 * offsets seen at start. Unbounded: tails new appends. A subtask with no partition marks itself idle.
 *
 * @example
 * env.fromSource(new LogSource(topic, { bounded: true }), WatermarkStrategy.forMonotonousTimestamps(), 'events');
 */
export class LogSource<T> implements Source<T, LogSplit[]> {
  readonly parallel = true;
  readonly rescalable = true;
  readonly boundedness: Boundedness;

  constructor(
    readonly topic: LogTopic<T>,
    readonly options: LogSourceOptions = {},
  ) {
    this.boundedness = options.bounded ? 'BOUNDED' : 'CONTINUOUS_UNBOUNDED';
  }

  createReader(
    context: SourceReaderContext,
    restored?: LogSplit[] | LogPosition | null,
  ): SourceReader<T, LogSplit[]> {
    return new LogReader(
      this.topic,
      this.options,
      context,
      restored == null ? null : asSplits(restored, context),
    );
  }
}

/**
 * Partitions of a topic read by one subtask: p with p % parallelism === subtaskIndex.
 *
 * @example
 * assignedPartitions(5, 1, 2); // [1, 3]
 */
export function assignedPartitions(partitions: number, subtaskIndex: number, parallelism: number): number[] {
  const out: number[] = [];
  for (let p = subtaskIndex; p < partitions; p += parallelism) out.push(p);
  return out;
}

/** The splits of a position stored before the source had splits (at the same parallelism). */
function asSplits(restored: LogSplit[] | LogPosition, context: SourceReaderContext): LogSplit[] {
  if (Array.isArray(restored)) return restored;
  const parts = Object.keys(restored.next).map(Number);
  // An empty position: the reader had not looked up its partitions yet.
  if (parts.length === 0) return [{ share: { subtask: context.subtaskIndex, of: context.parallelism } }];
  return parts.map((p) => ({ partition: p, next: restored.next[p], stop: restored.stop?.[p] }));
}

class LogReader<T> implements SourceReader<T, LogSplit[]> {
  private partitions: number[] | null = null;
  private next: Record<number, number> = {};
  /** Per partition, the next offset not yet read into the buffer. */
  private fetched: Record<number, number> = {};
  private stop: Record<number, number> | null = null;
  private buffer: LogRecord<T>[] = [];
  private head = 0;
  private fetching: Promise<void> | null = null;
  private failure: unknown = null;
  private done = false;
  private turn = 0;
  private readonly closed = new AbortController();

  constructor(
    private readonly topic: LogTopic<T>,
    private readonly options: LogSourceOptions,
    private readonly context: SourceReaderContext,
    private readonly restored: LogSplit[] | null,
  ) {}

  pollNext(output: ReaderOutput<T>): InputStatus {
    if (this.failure !== null) throw this.failure;
    if (this.partitions !== null && this.partitions.length === 0) output.markIdle();
    const end = Math.min(this.buffer.length, this.head + this.context.batchSize);
    for (; this.head < end; this.head++) {
      const r = this.buffer[this.head];
      this.next[r.partition] = r.offset + 1; // advance first: the position counts emitted records
      output.collect(r.value, r.timestamp);
    }
    if (this.head === this.buffer.length) {
      this.buffer = [];
      this.head = 0;
    }
    if (this.buffer.length - this.head < this.context.batchSize && !this.done) this.fetch();
    if (this.head < this.buffer.length) return 'MORE_AVAILABLE';
    return this.done ? 'END_OF_INPUT' : 'NOTHING_AVAILABLE';
  }

  isAvailable(): Promise<void> {
    return this.fetching ?? Promise.resolve();
  }

  snapshotState(): LogSplit[] {
    if (this.partitions === null) {
      return (
        this.restored ?? [{ share: { subtask: this.context.subtaskIndex, of: this.context.parallelism } }]
      );
    }
    return this.partitions.map((p) =>
      this.stop
        ? { partition: p, next: this.next[p], stop: this.stop[p] }
        : { partition: p, next: this.next[p] },
    );
  }

  close(): void {
    this.closed.abort();
  }

  private fetch(): void {
    if (this.fetching) return;
    this.fetching = this.fetchOnce().then(
      () => {
        this.fetching = null;
      },
      (e: unknown) => {
        this.failure = e;
        this.fetching = null;
        throw e;
      },
    );
    this.fetching.catch(() => undefined); // surfaced by isAvailable/pollNext
  }

  private async fetchOnce(): Promise<void> {
    if (this.partitions === null) await this.initialize();
    const parts = this.partitions!;
    // Listen before reading, so an append between the read and the wait is not missed; stop
    // listening when the read found records.
    const wait = new AbortController();
    const onClose = () => wait.abort();
    this.closed.signal.addEventListener('abort', onClose);
    const appended = this.stop === null ? this.topic.nextAppend(wait.signal) : null;
    try {
      const size = this.options.fetchSize ?? 4 * this.context.batchSize;
      for (let i = 0; i < parts.length; i++) {
        const p = parts[(this.turn + i) % parts.length];
        const from = this.fetched[p];
        const limit = this.stop ? Math.min(size, this.stop[p] - from) : size;
        if (limit <= 0) continue;
        const records = await this.topic.read(p, from, limit);
        if (records.length > 0) {
          this.turn = (this.turn + i + 1) % parts.length;
          this.fetched[p] = records[records.length - 1].offset + 1;
          this.buffer.push(...records);
          return;
        }
      }
      if (this.stop !== null) {
        this.done = parts.every((p) => this.fetched[p] >= this.stop![p]);
        return;
      }
      if (!this.closed.signal.aborted) await appended; // caught up: wait for the next append
    } finally {
      wait.abort();
      this.closed.signal.removeEventListener('abort', onClose);
    }
  }

  private async initialize(): Promise<void> {
    const { subtaskIndex, parallelism } = this.context;
    const count = await this.topic.partitionCount();
    const [starts, ends] = await Promise.all([this.topic.startOffsets(), this.topic.endOffsets()]);
    const fresh = (p: number) => (this.options.startingOffsets === 'latest' ? ends[p] : starts[p]);
    const parts: number[] = [];
    const stops: Record<number, number> = {};
    for (const split of this.restored ?? [{ share: { subtask: subtaskIndex, of: parallelism } }]) {
      if (isShare(split)) {
        for (const p of assignedPartitions(count, split.share.subtask, split.share.of)) {
          parts.push(p);
          this.next[p] = this.fetched[p] = fresh(p);
        }
        continue;
      }
      this.checkSplit(split, count, parts);
      parts.push(split.partition);
      this.next[split.partition] = this.fetched[split.partition] = split.next;
      if (split.stop !== undefined) stops[split.partition] = split.stop;
    }
    if (this.options.bounded) {
      this.stop = {};
      for (const p of parts) this.stop[p] = stops[p] ?? ends[p];
      const empty = ends.every((e, p) => e === starts[p] && e === 0);
      if (empty && this.topic.kind === 'memory' && !this.options.allowEmpty) {
        throw new Error(
          `LogSource: memory topic "${this.topic.name}" is empty in this thread. A MemoryLogTopic lives in one ` +
            "thread's memory: records appended on the main thread or in a test are not visible to worker threads " +
            '(and each Node worker thread has its own fake IndexedDB too). Fill the topic inside the job module, run ' +
            'inline, or use an IndexedDbLogTopic in the browser; pass { allowEmpty: true } if it is meant to be empty.',
        );
      }
    }
    this.partitions = parts;
  }

  private checkSplit(
    split: LogSplit,
    count: number,
    seen: number[],
  ): asserts split is Exclude<LogSplit, { share: unknown }> {
    const s = split as { partition?: unknown; next?: unknown; stop?: unknown };
    const offset = (x: unknown) => Number.isSafeInteger(x) && (x as number) >= 0;
    const ok =
      offset(s.partition) &&
      (s.partition as number) < count &&
      !seen.includes(s.partition as number) &&
      offset(s.next) &&
      (s.stop === undefined || offset(s.stop));
    if (!ok) {
      throw new Error(
        `LogSource on topic "${this.topic.name}": restored split ${JSON.stringify(split)} is not a { partition, next, stop? } ` +
          `of this topic's ${count} partitions (or names a partition twice); the checkpoint belongs to another source ` +
          '(give this one a new uid)',
      );
    }
  }
}

const isShare = (s: LogSplit): s is Extract<LogSplit, { share: unknown }> => 'share' in s;
