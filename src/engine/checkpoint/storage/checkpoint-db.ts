import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { CompletedCheckpoint, Savepoint } from './checkpoint-storage.ts';

/**
 * The checkpoint database (IndexedDB through `idb`): completed-checkpoint metadata, state chunks
 * and savepoints. `onClosed` runs when the connection closes (another tab upgrades, the browser
 * terminates it) so the caller reopens on next use. Keys are arrays so one job's records form a contiguous key range.
 */

/** Name of the database the checkpoint and savepoint stores use by default. */
export const CHECKPOINT_DB = 'rivulet-checkpoints';

/** One stored state chunk. */
export interface ChunkRecord {
  readonly jobId: string;
  readonly checkpointId: number;
  readonly uid: string;
  readonly part: string;
  readonly bytes: number;
  readonly data: unknown;
}

/** One stored savepoint with its size. */
export interface SavepointRecord {
  readonly name: string;
  readonly bytes: number;
  readonly savepoint: Savepoint;
}

/** The database's schema (version 1). */
export interface CheckpointDbSchema extends DBSchema {
  checkpoints: { key: [string, number]; value: CompletedCheckpoint };
  chunks: { key: [string, number, string, string]; value: ChunkRecord };
  savepoints: { key: string; value: SavepointRecord };
}

/** An open checkpoint database. */
export type CheckpointDb = IDBPDatabase<CheckpointDbSchema>;

/**
 * Opens (creating on first use) the checkpoint database. Works on the main thread, in workers and
 * in Node with `fake-indexeddb/auto`; fails clearly where there is no IndexedDB.
 *
 * @example
 * const db = await openCheckpointDb('rivulet-checkpoints', () => (cached = null));
 */
export async function openCheckpointDb(
  name: string,
  onClosed: () => void = () => undefined,
): Promise<CheckpointDb> {
  if (typeof indexedDB === 'undefined') {
    throw new Error(
      'Checkpoint storage: IndexedDB is not available here; use MemoryCheckpointStorage, or in Node ' +
        "import 'fake-indexeddb/auto' first",
    );
  }
  const db = await openDB<CheckpointDbSchema>(name, 1, {
    upgrade(database) {
      database.createObjectStore('checkpoints', { keyPath: ['jobId', 'checkpointId'] });
      database.createObjectStore('chunks', { keyPath: ['jobId', 'checkpointId', 'uid', 'part'] });
      database.createObjectStore('savepoints', { keyPath: 'name' });
    },
    // Another tab wants a newer schema: let it, this connection reopens on next use.
    blocking() {
      db.close();
      onClosed();
    },
    terminated: onClosed,
  });
  return db;
}

/**
 * The key range of every record of `jobId` (arrays sort after numbers and strings, so `[jobId, []]`
 * bounds `[jobId, n, ...]`), or of one checkpoint when `checkpointId` is given.
 *
 * @example
 * await db.delete('chunks', jobRange('job', 4));
 */
export function jobRange(jobId: string, checkpointId?: number): IDBKeyRange {
  return checkpointId === undefined
    ? IDBKeyRange.bound([jobId], [jobId, []])
    : IDBKeyRange.bound([jobId, checkpointId], [jobId, checkpointId, []]);
}
