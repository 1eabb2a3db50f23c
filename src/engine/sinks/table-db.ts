import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

/** Name of the database that holds exactly-once sink tables by default. */
export const TABLE_DB = 'rivulet-tables';

/** Rows of one pre-committed transaction, durable but invisible until committed. */
export interface StagedRecord {
  readonly txnId: string;
  readonly table: string;
  readonly rows: unknown[];
}

/** Rows of one committed transaction; `seq` orders commits within a table. */
export interface CommittedRecord {
  readonly table: string;
  readonly seq: number;
  readonly txnId: string;
  readonly rows: unknown[];
}

/** Marks a transaction committed (idempotent commit: a second commit finds it and does nothing). */
export interface TxnRecord {
  readonly txnId: string;
  readonly table: string;
  readonly rowCount: number;
}

/** Per table: the next commit sequence number and the committed row count. */
export interface TableRecord {
  readonly name: string;
  nextSeq: number;
  rowCount: number;
}

/** The table database's schema (version 1). */
export interface TableDbSchema extends DBSchema {
  staged: { key: string; value: StagedRecord };
  committed: { key: [string, number]; value: CommittedRecord };
  txns: { key: string; value: TxnRecord };
  tables: { key: string; value: TableRecord };
}

/** An open table database. */
export type TableDb = IDBPDatabase<TableDbSchema>;

/**
 * Opens (creating on first use) the table database; `onClosed` runs if another tab forces the
 * connection closed (a newer schema) so the caller reopens on next use.
 *
 * @example
 * const db = await openTableDb('rivulet-tables');
 */
export async function openTableDb(name: string, onClosed: () => void = () => undefined): Promise<TableDb> {
  if (typeof indexedDB === 'undefined') {
    throw new Error(
      "Table sink: IndexedDB is not available here; in Node import 'fake-indexeddb/auto' first (each Node worker " +
        'thread then has its own, unshared database)',
    );
  }
  const db = await openDB<TableDbSchema>(name, 1, {
    upgrade(database) {
      database.createObjectStore('staged', { keyPath: 'txnId' });
      database.createObjectStore('committed', { keyPath: ['table', 'seq'] });
      database.createObjectStore('txns', { keyPath: 'txnId' });
      database.createObjectStore('tables', { keyPath: 'name' });
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
 * Key range of one table's committed transactions.
 *
 * @example
 * db.getAll('committed', tableRange('totals'));
 */
export const tableRange = (table: string): IDBKeyRange =>
  IDBKeyRange.bound([table, -Infinity], [table, Infinity]);
