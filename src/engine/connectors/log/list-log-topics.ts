import { estimateBytes } from '../../checkpoint/storage/estimate-bytes.ts';
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
  /** Estimated stored size of the retained records (bytes); only with `withSizes`. */
  readonly bytes?: number;
}

/**
 * The IndexedDB log topics of this origin (for a page that lets a job pick one), by name. With
 * `withSizes`, each also carries the estimated size of its retained records (a walk over every
 * stored segment, in the same transaction).
 *
 * @example
 * for (const t of await listLogTopics()) console.log(t.name, t.records);
 */
export async function listLogTopics(
  options: { dbName?: string; withSizes?: boolean } = {},
): Promise<LogTopicInfo[]> {
  const db = await openLogDb(options.dbName ?? LOG_DB);
  try {
    const tx = db.transaction(['topics', 'segments'], 'readonly');
    const topics = await tx.objectStore('topics').getAll();
    let bytes: Map<string, number> | null = null;
    if (options.withSizes) {
      bytes = new Map();
      // Segments are keyed [topic, partition, baseOffset]: one ordered walk sizes every topic.
      for (let c = await tx.objectStore('segments').openCursor(); c; c = await c.continue())
        bytes.set(c.value.topic, (bytes.get(c.value.topic) ?? 0) + estimateBytes(c.value.values));
    }
    return topics
      .map((t) => ({
        name: t.name,
        partitions: t.partitions,
        retention: t.retention,
        createdTimestamp: t.createdTimestamp,
        startOffsets: t.starts,
        endOffsets: t.ends,
        records: t.ends.reduce((sum, end, p) => sum + end - t.starts[p], 0),
        ...(bytes && { bytes: bytes.get(t.name) ?? 0 }),
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
  } finally {
    db.close();
  }
}
