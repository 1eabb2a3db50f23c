import type { Savepoint } from './checkpoint-storage.ts';
import { estimateBytes } from './estimate-bytes.ts';
import { validateSavepoint } from './validate-savepoint.ts';

/** What a savepoint listing shows (without loading the state). */
export interface SavepointInfo {
  readonly name: string;
  readonly jobName: string;
  readonly createdTimestamp: number;
  /** Operator uids it holds state for. */
  readonly operators: readonly string[];
  /** Estimated size ({@link estimateBytes}). */
  readonly bytes: number;
}

/** Options of `save`. */
export interface SaveSavepointOptions {
  /** Replace a savepoint of the same name (default false: saving over one is refused). */
  overwrite?: boolean;
}

/**
 * Where savepoints live after the job that took them is gone: save, list, load, delete by name.
 * Implementations: {@link MemorySavepointStore} and IndexedDbSavepointStore.
 */
export interface SavepointStore {
  save(savepoint: Savepoint, options?: SaveSavepointOptions): Promise<SavepointInfo>;
  /** Every savepoint, newest first. */
  list(): Promise<SavepointInfo[]>;
  /** The savepoint, or a clear error if there is none of that name. */
  load(name: string): Promise<Savepoint>;
  /** Deletes it; true if it existed. */
  delete(name: string): Promise<boolean>;
}

/**
 * The listing entry of a savepoint.
 *
 * @example
 * infoOf(savepoint, estimateBytes(savepoint)).operators; // ['source', 'count']
 */
export const infoOf = (sp: Savepoint, bytes: number): SavepointInfo => ({
  name: sp.name,
  jobName: sp.jobName,
  createdTimestamp: sp.createdTimestamp,
  operators: Object.keys(sp.operators),
  bytes,
});

/**
 * The error for a savepoint name that is not stored.
 *
 * @example
 * throw noSavepoint('before-upgrade', ['nightly']);
 */
export const noSavepoint = (name: string, known: readonly string[]): Error =>
  new Error(
    `Savepoint "${name}" does not exist; stored savepoints: ${known.length ? known.map((n) => `"${n}"`).join(', ') : 'none'}`,
  );

/**
 * The error for saving over an existing savepoint.
 *
 * @example
 * throw savepointExists('nightly');
 */
export const savepointExists = (name: string): Error =>
  new Error(`Savepoint "${name}" already exists; choose another name or pass { overwrite: true }`);

/**
 * Savepoints in memory (tests, Node): copies in and out, like the IndexedDB store.
 *
 * @example
 * const store = new MemorySavepointStore();
 * await store.save(savepoint);
 * const again = await store.load(savepoint.name);
 */
export class MemorySavepointStore implements SavepointStore {
  private readonly items = new Map<string, { savepoint: Savepoint; bytes: number }>();

  async save(savepoint: Savepoint, options: SaveSavepointOptions = {}): Promise<SavepointInfo> {
    validateSavepoint(savepoint);
    if (this.items.has(savepoint.name) && !options.overwrite) throw savepointExists(savepoint.name);
    const copy = structuredClone(savepoint);
    const bytes = estimateBytes(copy);
    this.items.set(savepoint.name, { savepoint: copy, bytes });
    return infoOf(copy, bytes);
  }

  async list(): Promise<SavepointInfo[]> {
    return [...this.items.values()]
      .map((i) => infoOf(i.savepoint, i.bytes))
      .sort((a, b) => b.createdTimestamp - a.createdTimestamp);
  }

  async load(name: string): Promise<Savepoint> {
    const item = this.items.get(name);
    if (!item) throw noSavepoint(name, [...this.items.keys()]);
    return structuredClone(item.savepoint);
  }

  async delete(name: string): Promise<boolean> {
    return this.items.delete(name);
  }
}
