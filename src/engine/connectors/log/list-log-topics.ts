import { LOG_DB, openLogDb } from './log-db.ts';
import type { RetentionPolicy } from './log-topic.ts';

/** What a topic listing shows. */
export interface LogTopicInfo {
  readonly name: string;
  readonly partitions: number;
  readonly retention: RetentionPolicy;
  readonly createdTimestamp: number;
  /** Per partition: oldest retained offset and next offset. */
  readonly startOffsets: readonly number[];
  readonly endOffsets: readonly number[];
  /** Retained records over all partitions. */
  readonly records: number;
}

/**
 * The IndexedDB log topics of this origin (for a page that lets a job pick one), by name.
 *
 * @example
 * for (const t of await listLogTopics()) console.log(t.name, t.records);
 */
export async function listLogTopics(options: { dbName?: string } = {}): Promise<LogTopicInfo[]> {
  const db = await openLogDb(options.dbName ?? LOG_DB);
  try {
    return (await db.getAll('topics')).map((t) => ({
      name: t.name,
      partitions: t.partitions,
      retention: t.retention,
      createdTimestamp: t.createdTimestamp,
      startOffsets: t.starts,
      endOffsets: t.ends,
      records: t.ends.reduce((sum, end, p) => sum + end - t.starts[p], 0),
    }));
  } finally {
    db.close();
  }
}
