import {
  exportSavepoint,
  importSavepoint,
  IndexedDbCheckpointStorage,
  IndexedDbSavepointStore,
  CHECKPOINT_DB,
  type CompletedCheckpoint,
  type Savepoint,
  type SavepointInfo,
} from '../engine/index.ts';
import { openCheckpointDb } from '../engine/checkpoint/storage/checkpoint-db.ts';

export {
  SavepointFileError,
  type CheckpointStats,
  type CheckpointStatus,
  type CompletedCheckpoint,
  type Savepoint,
  type SavepointInfo,
} from '../engine/index.ts';

/** One job's retained checkpoints in IndexedDB, as the Data page lists them. */
export interface StoredCheckpoints {
  readonly jobId: string;
  readonly jobName: string;
  /** Retained completed checkpoints. */
  readonly count: number;
  readonly latestId: number;
  readonly latestTimestamp: number;
  /** Full state size of the latest checkpoint (bytes, estimated). */
  readonly latestBytes: number;
}

/**
 * Every job with completed checkpoints in the browser's checkpoint database (the worker runtime's
 * IndexedDbCheckpointStorage), newest first. Running jobs keep theirs; a finished job deletes its own.
 *
 * @example
 * const jobs = await listStoredCheckpoints(); // [{ jobId: 'job-…', latestId: 12, … }]
 */
export async function listStoredCheckpoints(): Promise<StoredCheckpoints[]> {
  const db = await openCheckpointDb(CHECKPOINT_DB);
  try {
    const all = await db.getAll('checkpoints');
    const byJob = new Map<string, CompletedCheckpoint[]>();
    for (const cp of all) byJob.set(cp.jobId, [...(byJob.get(cp.jobId) ?? []), cp]);
    return [...byJob.values()]
      .map((cps) => {
        const latest = cps.reduce((a, b) => (b.checkpointId > a.checkpointId ? b : a));
        return {
          jobId: latest.jobId,
          jobName: latest.jobName,
          count: cps.length,
          latestId: latest.checkpointId,
          latestTimestamp: latest.completedTimestamp,
          latestBytes: latest.totalBytes,
        };
      })
      .sort((a, b) => b.latestTimestamp - a.latestTimestamp);
  } finally {
    db.close();
  }
}

/**
 * The newest completed checkpoint of `jobId` in IndexedDB, or null (what `restoreFrom: 'latest'` resumes).
 *
 * @example
 * const cp = await latestCheckpoint('job-1'); // cp?.checkpointId
 */
export async function latestCheckpoint(jobId: string): Promise<CompletedCheckpoint | null> {
  const storage = new IndexedDbCheckpointStorage();
  try {
    return await storage.latest(jobId);
  } finally {
    await storage.close();
  }
}

/**
 * Deletes every checkpoint (metadata and state chunks) of `jobId`.
 *
 * @example
 * await deleteCheckpoints('job-1');
 */
export async function deleteCheckpoints(jobId: string): Promise<void> {
  const storage = new IndexedDbCheckpointStorage();
  try {
    await storage.clear(jobId);
  } finally {
    await storage.close();
  }
}

/** Runs `fn` with the browser's savepoint store, closing it afterwards. */
async function withSavepoints<R>(fn: (store: IndexedDbSavepointStore) => Promise<R>): Promise<R> {
  const store = new IndexedDbSavepointStore();
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/**
 * Stores a savepoint under its name in IndexedDB (refuses to replace one unless `overwrite`).
 *
 * @example
 * const info = await saveSavepoint(await job.triggerSavepoint('before-upgrade'));
 */
export const saveSavepoint = (savepoint: Savepoint, overwrite = false): Promise<SavepointInfo> =>
  withSavepoints((s) => s.save(savepoint, { overwrite }));

/**
 * Stored savepoints, newest first.
 *
 * @example
 * (await listSavepoints()).map((s) => s.name);
 */
export const listSavepoints = (): Promise<SavepointInfo[]> => withSavepoints((s) => s.list());

/**
 * A stored savepoint by name (a clear error naming the stored ones if there is none).
 *
 * @example
 * await runJob(url, { restoreFrom: await loadSavepoint('nightly'), parallelism: 3 });
 */
export const loadSavepoint = (name: string): Promise<Savepoint> => withSavepoints((s) => s.load(name));

/**
 * Deletes a stored savepoint; true if it existed.
 *
 * @example
 * await deleteSavepoint('nightly');
 */
export const deleteSavepoint = (name: string): Promise<boolean> => withSavepoints((s) => s.delete(name));

/**
 * A stored savepoint as a file (checksummed JSON) to download.
 *
 * @example
 * const blob = await savepointFile('nightly'); // application/json
 */
export async function savepointFile(name: string): Promise<Blob> {
  const text = await exportSavepoint(await loadSavepoint(name));
  return new Blob([text], { type: 'application/json' });
}

/**
 * Reads a savepoint file (checked whole: a corrupted or foreign file fails with a SavepointFileError
 * and nothing is stored) and stores it under its name; a savepoint of that name already stored is
 * kept (unless `overwrite`), with an error saying how to import the file anyway.
 *
 * @example
 * const info = await importSavepointFile(input.files[0]);
 */
export async function importSavepointFile(file: Blob | string, overwrite = false): Promise<SavepointInfo> {
  const savepoint = await importSavepoint(file);
  if (!overwrite && (await listSavepoints()).some((s) => s.name === savepoint.name))
    throw new Error(
      `A savepoint named "${savepoint.name}" is already stored; delete it first (Delete in its row), then import the file again`,
    );
  return saveSavepoint(savepoint, overwrite);
}
