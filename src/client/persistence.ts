import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { JobSettings } from './protocol.ts';
import type { JobSnapshot } from './snapshot.ts';

/**
 * Where the Workbench keeps its settings and latest result snapshot: IndexedDB when the browser
 * lets us open it, otherwise memory (with a warning the page shows).
 */
export interface WorkbenchStore {
  readonly kind: 'indexeddb' | 'memory';
  /** Why the store is in memory, or null. */
  readonly warning: string | null;
  loadSettings(): Promise<JobSettings | undefined>;
  saveSettings(settings: JobSettings): Promise<void>;
  loadSnapshot(): Promise<JobSnapshot | undefined>;
  saveSnapshot(snapshot: JobSnapshot): Promise<void>;
  clear(): Promise<void>;
  close(): void;
}

/** Name of the Workbench's database (the engine keeps its checkpoints elsewhere). */
export const WORKBENCH_DB = 'rivulet-workbench';

interface Values {
  settings: JobSettings;
  snapshot: JobSnapshot;
}
type ValueKey = keyof Values;

interface WorkbenchDb extends DBSchema {
  workbench: { key: ValueKey; value: Values[ValueKey] };
}

/** A store that lives in memory only (lost on reload). */
export class MemoryStore implements WorkbenchStore {
  readonly kind = 'memory';
  private readonly values = new Map<ValueKey, unknown>();
  constructor(readonly warning: string | null = null) {}
  async loadSettings() {
    return structuredClone(this.values.get('settings')) as JobSettings | undefined;
  }
  async saveSettings(settings: JobSettings) {
    this.values.set('settings', structuredClone(settings));
  }
  async loadSnapshot() {
    return structuredClone(this.values.get('snapshot')) as JobSnapshot | undefined;
  }
  async saveSnapshot(snapshot: JobSnapshot) {
    this.values.set('snapshot', structuredClone(snapshot));
  }
  async clear() {
    this.values.clear();
  }
  close() {}
}

class IdbStore implements WorkbenchStore {
  readonly kind = 'indexeddb';
  readonly warning = null;
  constructor(private readonly db: IDBPDatabase<WorkbenchDb>) {}
  async loadSettings() {
    return (await this.db.get('workbench', 'settings')) as JobSettings | undefined;
  }
  async saveSettings(settings: JobSettings) {
    await this.db.put('workbench', settings, 'settings');
  }
  async loadSnapshot() {
    return (await this.db.get('workbench', 'snapshot')) as JobSnapshot | undefined;
  }
  async saveSnapshot(snapshot: JobSnapshot) {
    await this.db.put('workbench', snapshot, 'snapshot');
  }
  async clear() {
    await this.db.clear('workbench');
  }
  close() {
    this.db.close();
  }
}

/**
 * Opens the Workbench store. Falls back to memory, with a warning that says why, when IndexedDB
 * is missing, refuses to open (private mode, blocked by settings) or does not answer in time.
 *
 * @example
 * ```ts
 * const store = await openWorkbenchStore();
 * if (store.warning) showWarning(store.warning);
 * ```
 */
export async function openWorkbenchStore(options: { timeoutMs?: number } = {}): Promise<WorkbenchStore> {
  const { timeoutMs = 5000 } = options;
  const fallback = (why: string) =>
    new MemoryStore(`IndexedDB is unavailable (${why}); results are kept in memory and lost on reload.`);
  if (typeof indexedDB === 'undefined' || indexedDB === null)
    return fallback('this browser context has no indexedDB');
  let timer: ReturnType<typeof setTimeout> | undefined;
  let opening: Promise<IDBPDatabase<WorkbenchDb>> | undefined;
  try {
    opening = openDB<WorkbenchDb>(WORKBENCH_DB, 1, {
      upgrade(db) {
        db.createObjectStore('workbench');
      },
    });
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`opening did not finish within ${timeoutMs / 1000} s`)),
        timeoutMs,
      );
    });
    const db = await Promise.race([opening, timeout]);
    return new IdbStore(db);
  } catch (error) {
    // If opening only was slow, close the connection when it finally arrives.
    opening?.then((db) => db.close()).catch(() => {});
    return fallback(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  } finally {
    clearTimeout(timer);
  }
}
