import { ReopeningConnection } from '../../checkpoint/storage/reopening-connection.ts';
import { LOG_DB, openLogDb, segmentRange, type LogDb, type TopicRecord } from './log-db.ts';
import { AppendSignal } from './append-signal.ts';
import { prune } from './indexed-db-retention.ts';
import {
  checkPartition,
  checkTopicOptions,
  offsetOutOfRange,
  routePartitions,
  type AppendOptions,
  type AppendResult,
  type LogRecord,
  type LogTopic,
  type TopicOptions,
} from './log-topic.ts';
import { buildSegments, recordsOf, stampValues } from './segments.ts';

/**
 * A durable log topic in IndexedDB: segments keyed [topic, partition, baseOffset] and a topic
 * record with start/end offsets per partition. An append is one transaction (offsets assigned,
 * segments written, retention applied: all or nothing), so concurrent writers in several tabs or
 * workers get distinct offsets. Readers in other tabs and workers learn of appends through a
 * BroadcastChannel. In Node with fake-indexeddb each worker thread has its own database, so a
 * topic is not shared between worker threads there (see MemoryLogTopic).
 *
 * @example
 * const topic = new IndexedDbLogTopic<Click>('clicks');
 * await topic.create({ partitions: 4, retention: { maxAgeMs: 86_400_000 } });
 * await topic.append(clicks, { key: (c) => c.user, timestamp: (c) => c.time });
 */
export class IndexedDbLogTopic<T> implements LogTopic<T> {
  readonly kind = 'indexeddb';
  readonly dbName: string;
  private readonly connection = new ReopeningConnection((onClosed) => openLogDb(this.dbName, onClosed));
  private readonly appended: AppendSignal;

  constructor(
    readonly name: string,
    options: { dbName?: string } = {},
  ) {
    checkTopicOptions(name, {});
    this.dbName = options.dbName ?? LOG_DB;
    this.appended = new AppendSignal(`rivulet-log:${this.dbName}:${name}`);
  }

  /** Creates the topic; a no-op if it exists with the same partition count, an error if not. */
  async create(options: TopicOptions = {}): Promise<void> {
    const partitions = checkTopicOptions(this.name, options);
    const db = await this.open();
    const tx = db.transaction('topics', 'readwrite');
    const existing = await tx.store.get(this.name);
    if (existing && existing.partitions !== partitions) {
      tx.abort();
      await tx.done.catch(() => undefined);
      throw new Error(
        `Log topic "${this.name}" already exists with ${existing.partitions} partitions, not ${partitions}; ` +
          'partitions are fixed for a topic (delete it first to change them)',
      );
    }
    if (!existing) {
      const zeros = () => new Array<number>(partitions).fill(0);
      await tx.store.put({
        name: this.name,
        partitions,
        retention: { ...options.retention },
        createdTimestamp: Date.now(),
        starts: zeros(),
        ends: zeros(),
        cursor: 0,
      });
    }
    await tx.done;
  }

  /** True if the topic was created (in this database). */
  async exists(): Promise<boolean> {
    return (await (await this.open()).getKey('topics', this.name)) !== undefined;
  }

  /** Deletes the topic and all its records. */
  async delete(): Promise<void> {
    const db = await this.open();
    const tx = db.transaction(['topics', 'segments'], 'readwrite');
    const range = IDBKeyRange.bound([this.name], [this.name, []]);
    await Promise.all([
      tx.objectStore('topics').delete(this.name),
      tx.objectStore('segments').delete(range),
      tx.done,
    ]);
  }

  async partitionCount(): Promise<number> {
    return (await this.meta()).partitions;
  }

  async append(values: readonly T[], options: AppendOptions<T> = {}): Promise<AppendResult> {
    const now = options.now ?? Date.now();
    const db = await this.open();
    const tx = db.transaction(['topics', 'segments'], 'readwrite');
    const meta = await tx.objectStore('topics').get(this.name);
    if (!meta) {
      tx.abort();
      await tx.done.catch(() => undefined);
      throw this.notFound();
    }
    let segments;
    try {
      const routed = routePartitions(values, meta.partitions, options, meta.cursor);
      const ends = [...meta.ends];
      segments = buildSegments(values, routed, stampValues(values, options.timestamp, now), ends);
      const writes: Promise<unknown>[] = segments.map((s) =>
        tx.objectStore('segments').put({ ...s, topic: this.name }),
      );
      meta.ends = ends;
      if (options.partition === undefined && !options.key)
        meta.cursor = (meta.cursor + values.length) % meta.partitions;
      await Promise.all(writes);
      await prune(tx, meta, now);
      await tx.objectStore('topics').put(meta);
      await tx.done;
    } catch (e) {
      tx.done.catch(() => undefined);
      try {
        tx.abort();
      } catch {
        // The failing request already aborted the transaction: nothing was written.
      }
      throw new Error(
        `Log topic "${this.name}": append of ${values.length} records failed (nothing was written): ${describe(e)}`,
        {
          cause: e,
        },
      );
    }
    this.appended.announce();
    const result: AppendResult = [];
    for (const s of segments) {
      const r = result.find((x) => x.partition === s.partition);
      if (r) r.count += s.count;
      else result.push({ partition: s.partition, baseOffset: s.baseOffset, count: s.count });
    }
    return result;
  }

  async read(partition: number, fromOffset: number, maxRecords: number): Promise<LogRecord<T>[]> {
    const db = await this.open();
    const tx = db.transaction(['topics', 'segments'], 'readonly');
    const meta = await tx.objectStore('topics').get(this.name);
    if (!meta) throw this.notFound();
    checkPartition(partition, meta.partitions, `read of topic "${this.name}"`);
    const [start, end] = [meta.starts[partition], meta.ends[partition]];
    if (fromOffset < start || fromOffset > end)
      throw offsetOutOfRange(this.name, partition, fromOffset, start, end);
    const out: LogRecord<T>[] = [];
    const segments = tx.objectStore('segments');
    const first = await segments.openCursor(
      segmentRange(this.name, partition, -Infinity, fromOffset),
      'prev',
    );
    let cursor = await segments.openCursor(
      segmentRange(this.name, partition, first?.value.baseOffset ?? fromOffset, Infinity),
    );
    while (cursor && out.length < maxRecords) {
      out.push(...(recordsOf(cursor.value, fromOffset, maxRecords - out.length) as LogRecord<T>[]));
      cursor = out.length < maxRecords ? await cursor.continue() : null;
    }
    return out;
  }

  async endOffsets(): Promise<number[]> {
    return (await this.meta()).ends;
  }

  async startOffsets(): Promise<number[]> {
    return (await this.meta()).starts;
  }

  async enforceRetention(now = Date.now()): Promise<void> {
    const db = await this.open();
    const tx = db.transaction(['topics', 'segments'], 'readwrite');
    const meta = await tx.objectStore('topics').get(this.name);
    if (!meta) throw this.notFound();
    await prune(tx, meta, now);
    await Promise.all([tx.objectStore('topics').put(meta), tx.done]);
  }

  nextAppend(signal?: AbortSignal): Promise<void> {
    return this.appended.next(signal);
  }

  /** Closes the connection (a later call reopens it). */
  async close(): Promise<void> {
    await this.connection.close();
  }

  private async meta(): Promise<TopicRecord> {
    const meta = await (await this.open()).get('topics', this.name);
    if (!meta) throw this.notFound();
    return meta;
  }

  private notFound(): Error {
    return new Error(
      `Log topic "${this.name}" does not exist in IndexedDB "${this.dbName}"; create it first with ` +
        'topic.create({ partitions }). (In Node worker threads each worker has its own fake IndexedDB, so a ' +
        'topic created in another thread is not visible there.)',
    );
  }

  private open(): Promise<LogDb> {
    return this.connection.get();
  }
}

/** An error as text; Chromium's QuotaExceededError from IndexedDB has an empty message. */
function describe(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const quota =
    e.name === 'QuotaExceededError'
      ? ' — the browser storage quota is exhausted; set a retention or delete topics'
      : '';
  return `${e.message ? `${e.name}: ${e.message}` : e.name}${quota}`;
}
