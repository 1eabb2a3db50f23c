import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { RetentionPolicy } from './log-topic.ts';
import type { Segment } from './segments.ts';

/** Name of the database that holds the replayable log topics by default. */
export const LOG_DB = 'rivulet-log';

/** A topic's stored description and offsets. */
export interface TopicRecord {
  readonly name: string;
  readonly partitions: number;
  readonly retention: RetentionPolicy;
  readonly createdTimestamp: number;
  starts: number[];
  ends: number[];
  /** Round-robin position for unkeyed appends. */
  cursor: number;
}

/** A stored segment (see segments.ts) with its topic. */
export interface SegmentRecord extends Segment<unknown> {
  readonly topic: string;
}

/** The log database's schema (version 1). */
export interface LogDbSchema extends DBSchema {
  topics: { key: string; value: TopicRecord };
  segments: { key: [string, number, number]; value: SegmentRecord };
}

/** An open log database. */
export type LogDb = IDBPDatabase<LogDbSchema>;

/**
 * Opens (creating on first use) the log database; `onClosed` runs if another tab forces it closed.
 *
 * @example
 * const db = await openLogDb('rivulet-log');
 */
export async function openLogDb(name: string, onClosed: () => void = () => undefined): Promise<LogDb> {
  if (typeof indexedDB === 'undefined') {
    throw new Error(
      'Log topic: IndexedDB is not available here; use MemoryLogTopic, or in Node import ' +
        "'fake-indexeddb/auto' first (each Node worker thread then has its own, unshared database)",
    );
  }
  const db = await openDB<LogDbSchema>(name, 1, {
    upgrade(database) {
      database.createObjectStore('topics', { keyPath: 'name' });
      database.createObjectStore('segments', { keyPath: ['topic', 'partition', 'baseOffset'] });
    },
    blocking() {
      db.close();
      onClosed();
    },
    terminated: onClosed,
  });
  return db;
}

/**
 * Key range of one partition's segments with base offsets in [from, to].
 *
 * @example
 * db.getAll('segments', segmentRange('clicks', 0, 0, Infinity));
 */
export const segmentRange = (topic: string, partition: number, from: number, to: number): IDBKeyRange =>
  IDBKeyRange.bound([topic, partition, from], [topic, partition, to]);
