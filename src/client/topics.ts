import {
  IndexedDbLogTopic,
  listLogTopics,
  type LogTopicInfo,
  writeRows,
  writeSeededEvents,
  type RetentionPolicy,
  type SeededEvent,
} from '../engine/connectors/log/index.ts';
import { dropTable, listTables, readCommittedTable } from '../engine/sinks/index.ts';

export type { RetentionPolicy, SeededEvent } from '../engine/connectors/log/index.ts';

/** A replayable log topic in IndexedDB, as the Data page lists it (with its size). */
export type TopicInfo = LogTopicInfo & { readonly bytes: number };

/** One record of a topic preview. */
export interface TopicRecordView {
  readonly partition: number;
  readonly offset: number;
  readonly timestamp: number;
  readonly value: unknown;
}

/** Options of a new topic. */
export interface NewTopicOptions {
  partitions?: number;
  retention?: RetentionPolicy;
}

/**
 * Every topic of the browser's log database (`rivulet-log`), by name, with offsets and size.
 *
 * @example
 * const topics = await listTopics(); // [{ name: 'orders', partitions: 2, records: 3, … }]
 */
export async function listTopics(): Promise<TopicInfo[]> {
  // withSizes fills `bytes` on every topic.
  return (await listLogTopics({ withSizes: true })) as TopicInfo[];
}

/** Opens a topic, creating it (refused if it exists with another partition count). */
async function createdTopic<T>(name: string, options: NewTopicOptions): Promise<IndexedDbLogTopic<T>> {
  const topic = new IndexedDbLogTopic<T>(name);
  await topic.create({ partitions: options.partitions ?? 1, retention: options.retention });
  return topic;
}

/**
 * Appends rows (e.g. parsed from a CSV file) to a topic, created if new; routed by `keyColumn`,
 * stamped from `timestampColumn` (else the append time). Returns the number written.
 *
 * @example
 * await appendRows('orders', rows, { partitions: 2, keyColumn: 'customer', timestampColumn: 'time' });
 */
export async function appendRows(
  name: string,
  rows: readonly Record<string, unknown>[],
  options: NewTopicOptions & { keyColumn?: string; timestampColumn?: string } = {},
): Promise<number> {
  const topic = await createdTopic<Record<string, unknown>>(name, options);
  try {
    return await writeRows(topic, rows, {
      keyColumn: options.keyColumn || undefined,
      timestampColumn: options.timestampColumn || undefined,
    });
  } finally {
    await topic.close();
  }
}

/**
 * Writes the seeded event stream (`{ key, value, timestamp }`, keyed by key) into a topic, created if
 * new: the same seed always gives the same records. Returns the number written.
 *
 * @example
 * await generateSeededTopic('events', { count: 10_000, keys: 10, seed: 7 }, { partitions: 4 });
 */
export async function generateSeededTopic(
  name: string,
  events: { count: number; keys: number; seed: number; startTime?: number; eventsPerSecond?: number },
  options: NewTopicOptions = {},
): Promise<number> {
  for (const [what, v, min] of [
    ['count', events.count, 1],
    ['keys', events.keys, 1],
    ['seed', events.seed, 0],
  ] as const)
    if (!Number.isInteger(v) || v < min)
      throw new RangeError(`Seeded events: ${what} must be a whole number ≥ ${min}, got ${v}`);
  const topic = await createdTopic<SeededEvent>(name, options);
  try {
    return await writeSeededEvents(topic, events);
  } finally {
    await topic.close();
  }
}

/**
 * The first `limit` retained records of a topic, partition by partition, in offset order.
 *
 * @example
 * const rows = await previewTopic('orders', 10);
 */
export async function previewTopic(name: string, limit = 20): Promise<TopicRecordView[]> {
  const topic = new IndexedDbLogTopic<unknown>(name);
  try {
    const starts = await topic.startOffsets();
    const out: TopicRecordView[] = [];
    for (let p = 0; p < starts.length && out.length < limit; p++)
      out.push(...(await topic.read(p, starts[p], limit - out.length)));
    return out;
  } finally {
    await topic.close();
  }
}

/**
 * Deletes a topic and all its records.
 *
 * @example
 * await deleteTopic('orders');
 */
export async function deleteTopic(name: string): Promise<void> {
  const topic = new IndexedDbLogTopic<unknown>(name);
  try {
    await topic.delete();
  } finally {
    await topic.close();
  }
}

/** An exactly-once table (IndexedDbTableSink) with its committed row count. */
export interface TableInfo {
  readonly name: string;
  readonly rowCount: number;
}

/**
 * The IndexedDbTableSink tables of this browser, with committed row counts.
 *
 * @example
 * (await listSinkTables()).map((t) => t.name); // ['customer-totals']
 */
export const listSinkTables = (): Promise<TableInfo[]> => listTables();

/**
 * The first `limit` committed rows of a table (read-committed: never a staged or duplicated row).
 *
 * @example
 * const rows = await previewSinkTable('customer-totals', 20);
 */
export async function previewSinkTable(name: string, limit = 20): Promise<unknown[]> {
  return (await readCommittedTable(name)).slice(0, limit);
}

/**
 * Drops a table: committed rows, staged transactions and commit records.
 *
 * @example
 * await dropSinkTable('customer-totals');
 */
export const dropSinkTable = (name: string): Promise<void> => dropTable(name);
