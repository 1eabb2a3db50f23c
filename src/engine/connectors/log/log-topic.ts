import { keyHashCode, murmurHash } from '../../state/key-groups.ts';

/**
 * The replayable log, a browser stand-in for a Kafka topic: an append-only sequence of records
 * per partition, each with an offset (0, 1, 2, … per partition) and a timestamp. Readers read from
 * any retained offset, so a source that checkpoints its next offset per partition replays exactly
 * the records after it. Implementations: MemoryLogTopic and IndexedDbLogTopic.
 */

/** One record as read back. */
export interface LogRecord<T> {
  readonly partition: number;
  readonly offset: number;
  /** Event time given at append (CreateTime) or the append time (LogAppendTime), ms. */
  readonly timestamp: number;
  readonly value: T;
}

/**
 * How long records stay (Kafka's retention.ms / a record-count form of retention.bytes). Count
 * retention is exact: the oldest records beyond `maxRecords` per partition become unreadable at
 * once. Age retention works per stored segment (one append batch), as Kafka's does: a segment is
 * removed when its newest record is older than `maxAgeMs`.
 */
export interface RetentionPolicy {
  /** Keep at most this many records per partition. */
  maxRecords?: number;
  /** Remove segments whose newest record is older than this (ms). */
  maxAgeMs?: number;
}

/** Options when creating a topic. */
export interface TopicOptions {
  /** Number of partitions (default 1); fixed for the topic's life. */
  partitions?: number;
  retention?: RetentionPolicy;
}

/** How an append routes and stamps records. */
export interface AppendOptions<T> {
  /** Put every record into this partition. */
  partition?: number;
  /** Route by key (same key → same partition, Flink's murmur hash of the key); else round-robin. */
  key?: (value: T) => unknown;
  /** Event time of a record (CreateTime); default: the append time (LogAppendTime). */
  timestamp?: (value: T) => number;
  /** Clock for LogAppendTime and age retention (default Date.now). */
  now?: number;
}

/** Where an append put its records: per partition, the first offset and the count. */
export type AppendResult = { partition: number; baseOffset: number; count: number }[];

/** The interface both topic implementations share. */
export interface LogTopic<T> {
  readonly kind: 'memory' | 'indexeddb';
  readonly name: string;
  /** Number of partitions (known after the topic was opened or created). */
  partitionCount(): Promise<number>;
  /** Appends records atomically (all or none) and returns their offsets. */
  append(values: readonly T[], options?: AppendOptions<T>): Promise<AppendResult>;
  /** Up to `maxRecords` records of `partition` from `fromOffset` on, in offset order. */
  read(partition: number, fromOffset: number, maxRecords: number): Promise<LogRecord<T>[]>;
  /** Per partition, the offset the next append gets (Kafka's end offsets). */
  endOffsets(): Promise<number[]>;
  /** Per partition, the oldest retained offset (Kafka's beginning offsets). */
  startOffsets(): Promise<number[]>;
  /** Applies the retention policy now (appends apply it too). */
  enforceRetention(now?: number): Promise<void>;
  /**
   * Resolves after the next append to this topic (in this thread; for IndexedDB also in other
   * tabs and workers of the origin), or when `signal` aborts.
   */
  nextAppend(signal?: AbortSignal): Promise<void>;
}

/**
 * Routes values to partitions: all to `options.partition`, by key hash, or round-robin from
 * `cursor`; returns the partition of each value.
 *
 * @example
 * routePartitions(['a', 'b'], 4, { key: (v) => v }, 0); // e.g. [1, 3]
 */
export function routePartitions<T>(
  values: readonly T[],
  partitions: number,
  options: AppendOptions<T>,
  cursor: number,
): number[] {
  if (options.partition !== undefined) {
    checkPartition(options.partition, partitions, 'append');
    return values.map(() => options.partition!);
  }
  if (options.key) {
    const key = options.key;
    return values.map((v) => murmurHash(keyHashCode(key(v))) % partitions);
  }
  return values.map((_, i) => (cursor + i) % partitions);
}

/**
 * Throws unless `partition` is one of the topic's partitions.
 *
 * @example
 * checkPartition(2, 4, 'read');
 */
export function checkPartition(partition: number, partitions: number, what: string): void {
  if (!Number.isInteger(partition) || partition < 0 || partition >= partitions) {
    throw new RangeError(`Log ${what}: partition ${partition} does not exist (the topic has ${partitions})`);
  }
}

/**
 * Checks topic options; returns the partition count.
 *
 * @example
 * checkTopicOptions('clicks', { partitions: 4 }); // 4
 */
export function checkTopicOptions(name: string, options: TopicOptions): number {
  if (typeof name !== 'string' || name === '')
    throw new TypeError('Log topic: name must be a non-empty string');
  const partitions = options.partitions ?? 1;
  if (!Number.isInteger(partitions) || partitions < 1 || partitions > 1024) {
    throw new RangeError(`Log topic "${name}": partitions must be an integer in 1..1024, got ${partitions}`);
  }
  const { maxRecords, maxAgeMs } = options.retention ?? {};
  if (maxRecords !== undefined && (!Number.isInteger(maxRecords) || maxRecords < 1)) {
    throw new RangeError(`Log topic "${name}": retention.maxRecords must be a positive integer`);
  }
  if (maxAgeMs !== undefined && !(maxAgeMs > 0)) {
    throw new RangeError(`Log topic "${name}": retention.maxAgeMs must be a positive number of ms`);
  }
  return partitions;
}

/**
 * The error for reading below the retained start (records removed by retention) or past the end.
 *
 * @example
 * throw offsetOutOfRange('clicks', 0, 5, 10, 20);
 */
export function offsetOutOfRange(
  topic: string,
  partition: number,
  offset: number,
  start: number,
  end: number,
): Error {
  return new RangeError(
    offset < start
      ? `Log topic "${topic}" partition ${partition}: offset ${offset} was removed by retention (the log starts ` +
          `at ${start}); the records cannot be replayed — keep more (retention) or restore a newer checkpoint`
      : `Log topic "${topic}" partition ${partition}: offset ${offset} is past the end (${end})`,
  );
}
