import type { Savepoint } from './checkpoint-storage.ts';
import { CHECKPOINT_DB, openCheckpointDb, type CheckpointDb } from './checkpoint-db.ts';
import { estimateBytes } from './estimate-bytes.ts';
import {
  infoOf,
  noSavepoint,
  savepointExists,
  type SavepointInfo,
  type SavepointStore,
  type SaveSavepointOptions,
} from './savepoint-store.ts';
import { ReopeningConnection } from './reopening-connection.ts';
import { storageFailure } from './storage-errors.ts';
import { validateSavepoint } from './validate-savepoint.ts';

/**
 * Savepoints in IndexedDB (the `savepoints` store of the checkpoint database), keyed by name.
 * They are self-contained, so they survive clearing a job's checkpoints. A save is one
 * transaction: a quota failure leaves no partial savepoint.
 *
 * @example
 * const store = new IndexedDbSavepointStore();
 * await store.save(await client.triggerSavepoint('before-upgrade'));
 * (await store.list()).map((s) => s.name);
 */
export class IndexedDbSavepointStore implements SavepointStore {
  readonly dbName: string;
  private readonly connection = new ReopeningConnection((onClosed) =>
    openCheckpointDb(this.dbName, onClosed),
  );

  constructor(options: { dbName?: string } = {}) {
    this.dbName = options.dbName ?? CHECKPOINT_DB;
  }

  async save(savepoint: Savepoint, options: SaveSavepointOptions = {}): Promise<SavepointInfo> {
    validateSavepoint(savepoint);
    const bytes = estimateBytes(savepoint);
    const db = await this.open();
    const tx = db.transaction('savepoints', 'readwrite');
    const exists = (await tx.store.getKey(savepoint.name)) !== undefined;
    if (exists && !options.overwrite) {
      tx.abort();
      await tx.done.catch(() => undefined);
      throw savepointExists(savepoint.name);
    }
    try {
      await Promise.all([tx.store.put({ name: savepoint.name, bytes, savepoint }), tx.done]);
    } catch (e) {
      throw storageFailure(e, `saving savepoint "${savepoint.name}"`);
    }
    return infoOf(savepoint, bytes);
  }

  async list(): Promise<SavepointInfo[]> {
    const db = await this.open();
    const all = await db.getAll('savepoints');
    return all
      .map((r) => infoOf(r.savepoint, r.bytes))
      .sort((a, b) => b.createdTimestamp - a.createdTimestamp);
  }

  async load(name: string): Promise<Savepoint> {
    const db = await this.open();
    const record = await db.get('savepoints', name);
    if (!record) throw noSavepoint(name, await db.getAllKeys('savepoints'));
    return validateSavepoint(record.savepoint);
  }

  async delete(name: string): Promise<boolean> {
    const db = await this.open();
    const tx = db.transaction('savepoints', 'readwrite');
    const existed = (await tx.store.getKey(name)) !== undefined;
    await Promise.all([tx.store.delete(name), tx.done]);
    return existed;
  }

  /** Closes the connection (a later call reopens it). */
  async close(): Promise<void> {
    await this.connection.close();
  }

  private open(): Promise<CheckpointDb> {
    return this.connection.get();
  }
}
