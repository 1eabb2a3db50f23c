import { generateEvents, type SeededEventsOptions } from '../seeded-events.ts';
import type { AppendOptions, LogTopic } from './log-topic.ts';
import { SEGMENT_RECORDS } from './segments.ts';

/** A seeded event as written by {@link writeSeededEvents}. */
export interface SeededEvent {
  readonly key: number;
  readonly value: number;
  readonly timestamp: number;
}

/** Options of the writers: batch size (one append each) and routing. */
export interface WriteOptions<T> extends Omit<AppendOptions<T>, 'now'> {
  /** Records per append (one transaction each); default 4096. */
  batchSize?: number;
}

/**
 * Appends every record of an iterable (an array, a generator) in batches; returns the count.
 *
 * @example
 * await writeRecords(topic, (function* () { for (let i = 0; i < 1e5; i++) yield { i }; })());
 */
export async function writeRecords<T>(
  topic: LogTopic<T>,
  records: Iterable<T>,
  options: WriteOptions<T> = {},
): Promise<number> {
  const batchSize = options.batchSize ?? SEGMENT_RECORDS;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new RangeError('writeRecords: batchSize must be a positive integer');
  let batch: T[] = [];
  let total = 0;
  for (const r of records) {
    batch.push(r);
    if (batch.length === batchSize) {
      await topic.append(batch, options);
      total += batch.length;
      batch = [];
    }
  }
  if (batch.length) await topic.append(batch, options);
  return total + batch.length;
}

/**
 * Writes the seeded event stream (src/engine/connectors/seeded-events.ts) as `{ key, value,
 * timestamp }` records keyed by `key`, with the event time as record timestamp: the same options
 * always give the same topic contents. Returns the count.
 *
 * @example
 * await writeSeededEvents(topic, { count: 200_000, keys: 100, seed: 7 });
 */
export async function writeSeededEvents(
  topic: LogTopic<SeededEvent>,
  events: SeededEventsOptions,
  options: { batchSize?: number } = {},
): Promise<number> {
  const batchSize = options.batchSize ?? SEGMENT_RECORDS;
  for (let from = 0; from < events.count; from += batchSize) {
    const { keys, values, timestamps } = generateEvents(
      events,
      from,
      Math.min(events.count, from + batchSize),
    );
    const batch = Array.from(keys, (key, i) => ({ key, value: values[i], timestamp: timestamps[i] }));
    await topic.append(batch, { key: (e) => e.key, timestamp: (e) => e.timestamp });
  }
  return events.count;
}

/** Options of {@link writeRows}. */
export interface WriteRowsOptions {
  /** Column whose value routes the row (same value → same partition). */
  keyColumn?: string;
  /** Column with the row's event time: ms since the epoch, a Date, or an ISO-8601 string. */
  timestampColumn?: string;
  batchSize?: number;
}

/**
 * Appends uploaded rows (plain objects, e.g. parsed from a CSV file) to a topic, routed by
 * `keyColumn` and stamped from `timestampColumn`. Every row is checked first, so a bad row fails
 * the call, naming the row and column, before anything is written.
 *
 * @example
 * await writeRows(topic, [{ user: 'a', time: '2024-01-01T00:00:00Z' }], { keyColumn: 'user', timestampColumn: 'time' });
 */
export async function writeRows(
  topic: LogTopic<Record<string, unknown>>,
  rows: readonly Record<string, unknown>[],
  options: WriteRowsOptions = {},
): Promise<number> {
  const { keyColumn, timestampColumn } = options;
  const stamps = rows.map((row, i) => {
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      throw new TypeError(`writeRows: row ${i} is not an object of column values`);
    }
    if (keyColumn !== undefined && !(keyColumn in row)) {
      throw new TypeError(`writeRows: row ${i} has no key column "${keyColumn}"`);
    }
    return timestampColumn === undefined ? NaN : rowTime(row[timestampColumn], i, timestampColumn);
  });
  const stampOf = new Map(rows.map((r, i) => [r, stamps[i]]));
  return writeRecords(topic, rows, {
    batchSize: options.batchSize,
    key: keyColumn === undefined ? undefined : (r) => r[keyColumn],
    timestamp: timestampColumn === undefined ? undefined : (r) => stampOf.get(r)!,
  });
}

function rowTime(v: unknown, row: number, column: string): number {
  const t = v instanceof Date ? v.getTime() : typeof v === 'string' ? Date.parse(v) : v;
  if (typeof t !== 'number' || !Number.isFinite(t)) {
    throw new TypeError(
      `writeRows: row ${row}, column "${column}" holds ${JSON.stringify(v)}, not a time (use ms since the epoch, ` +
        'a Date or an ISO-8601 string)',
    );
  }
  return t;
}
