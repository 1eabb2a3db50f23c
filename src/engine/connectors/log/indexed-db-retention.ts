import type { IDBPTransaction } from 'idb';
import { segmentRange, type LogDbSchema, type TopicRecord } from './log-db.ts';

type WriteTx = IDBPTransaction<LogDbSchema, ('topics' | 'segments')[], 'readwrite'>;

/**
 * Applies the topic's retention inside `tx` (the caller's append or enforceRetention transaction,
 * so it is all-or-nothing with it): advances each partition's start offset by the rules of
 * segments.ts `retainedStart` and deletes the segments wholly below it.
 *
 * @example
 * await prune(tx, meta, Date.now()); await tx.objectStore('topics').put(meta);
 */
export async function prune(tx: WriteTx, meta: TopicRecord, now: number): Promise<void> {
  const { maxRecords, maxAgeMs } = meta.retention;
  if (maxRecords === undefined && maxAgeMs === undefined) return;
  const segments = tx.objectStore('segments');
  for (let p = 0; p < meta.partitions; p++) {
    let start = meta.starts[p];
    if (maxRecords !== undefined) start = Math.max(start, meta.ends[p] - maxRecords);
    let scanningAge = maxAgeMs !== undefined;
    let cursor = await segments.openCursor(segmentRange(meta.name, p, -Infinity, Infinity));
    while (cursor) {
      const seg = cursor.value;
      if (scanningAge && seg.maxTimestamp < now - maxAgeMs!)
        start = Math.max(start, seg.baseOffset + seg.count);
      else scanningAge = false;
      if (seg.baseOffset + seg.count > start) break;
      await cursor.delete();
      cursor = await cursor.continue();
    }
    meta.starts[p] = start;
  }
}
