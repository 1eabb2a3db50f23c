import { AppendSignal } from './append-signal.ts';
import {
  checkPartition,
  checkTopicOptions,
  offsetOutOfRange,
  routePartitions,
  type AppendOptions,
  type AppendResult,
  type LogRecord,
  type LogTopic,
  type RetentionPolicy,
  type TopicOptions,
} from './log-topic.ts';
import { buildSegments, recordsOf, retainedStart, stampValues, type Segment } from './segments.ts';

interface PartitionLog<T> {
  start: number;
  end: number;
  segments: Segment<T>[];
}

/**
 * A log topic in this thread's memory, with the same behaviour as IndexedDbLogTopic (segments,
 * offsets, retention), for tests and Node. It is NOT shared between threads: a worker (a Web
 * Worker or a Node worker thread) that imports the job module gets its own, separate instance,
 * and records appended elsewhere are invisible to it. Each Node worker thread also has its own
 * fake IndexedDB, so neither kind of topic can be shared by Node worker threads; there, fill the
 * topic inside the job module (deterministically, e.g. from seeded events) or use the inline
 * runtime.
 *
 * @example
 * const topic = new MemoryLogTopic<{ user: string }>('clicks', { partitions: 4 });
 * await topic.append(rows, { key: (r) => r.user });
 * env.fromSource(new LogSource(topic, { bounded: true }), WatermarkStrategy.noWatermarks(), 'clicks');
 */
export class MemoryLogTopic<T> implements LogTopic<T> {
  readonly kind = 'memory';
  private readonly logs: PartitionLog<T>[];
  private readonly retention: RetentionPolicy;
  private cursor = 0;
  private readonly appended = new AppendSignal();

  constructor(
    readonly name: string,
    options: TopicOptions = {},
  ) {
    const partitions = checkTopicOptions(name, options);
    this.retention = { ...options.retention };
    this.logs = Array.from({ length: partitions }, () => ({ start: 0, end: 0, segments: [] }));
  }

  async partitionCount(): Promise<number> {
    return this.logs.length;
  }

  async append(values: readonly T[], options: AppendOptions<T> = {}): Promise<AppendResult> {
    const now = options.now ?? Date.now();
    const routed = routePartitions(values, this.logs.length, options, this.cursor);
    const stamps = stampValues(values, options.timestamp, now);
    const copy = structuredClone(values as T[]); // stored like IndexedDB would: later edits do not reach it
    const ends = this.logs.map((l) => l.end);
    const segments = buildSegments(copy, routed, stamps, ends);
    const result: AppendResult = [];
    for (const seg of segments) {
      const log = this.logs[seg.partition];
      log.segments.push(seg);
      const last = result.find((r) => r.partition === seg.partition);
      if (last) last.count += seg.count;
      else result.push({ partition: seg.partition, baseOffset: seg.baseOffset, count: seg.count });
    }
    this.logs.forEach((l, p) => (l.end = ends[p]));
    if (options.partition === undefined && !options.key)
      this.cursor = (this.cursor + values.length) % this.logs.length;
    this.applyRetention(now);
    this.appended.announce();
    return result;
  }

  async read(partition: number, fromOffset: number, maxRecords: number): Promise<LogRecord<T>[]> {
    checkPartition(partition, this.logs.length, `read of topic "${this.name}"`);
    const log = this.logs[partition];
    if (fromOffset < log.start || fromOffset > log.end) {
      throw offsetOutOfRange(this.name, partition, fromOffset, log.start, log.end);
    }
    const out: LogRecord<T>[] = [];
    // Segments are in offset order; skip those wholly before fromOffset.
    let i = lowerSegment(log.segments, fromOffset);
    for (; i < log.segments.length && out.length < maxRecords; i++) {
      out.push(...recordsOf(log.segments[i], fromOffset, maxRecords - out.length));
    }
    return structuredClone(out);
  }

  async endOffsets(): Promise<number[]> {
    return this.logs.map((l) => l.end);
  }

  async startOffsets(): Promise<number[]> {
    return this.logs.map((l) => l.start);
  }

  async enforceRetention(now = Date.now()): Promise<void> {
    this.applyRetention(now);
  }

  nextAppend(signal?: AbortSignal): Promise<void> {
    return this.appended.next(signal);
  }

  private applyRetention(now: number): void {
    for (const log of this.logs) {
      log.start = retainedStart(this.retention, log.start, log.end, log.segments, now);
      log.segments = log.segments.filter((s) => s.baseOffset + s.count > log.start);
    }
  }
}

/** Index of the segment holding `offset` (or the first after it). */
function lowerSegment(segments: readonly Segment<unknown>[], offset: number): number {
  let lo = 0;
  let hi = segments.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (segments[mid].baseOffset + segments[mid].count <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
