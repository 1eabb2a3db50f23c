import { openTableDb, TABLE_DB, tableRange } from './table-db.ts';

/**
 * Reads the committed rows of an {@link IndexedDbTableSink} table, in commit order: only rows of
 * committed transactions, each transaction once (read-committed isolation). An unknown table
 * reads as empty.
 *
 * @example
 * const totals = await readCommittedTable<{ key: string; count: number }>('word-counts');
 */
export async function readCommittedTable<T = unknown>(
  table: string,
  options: { dbName?: string } = {},
): Promise<T[]> {
  const db = await openTableDb(options.dbName ?? TABLE_DB);
  try {
    const committed = await db.getAll('committed', tableRange(table));
    return committed.flatMap((c) => c.rows as T[]);
  } finally {
    db.close();
  }
}

/**
 * Deletes a table: its committed rows, staged transactions and commit records.
 *
 * @example
 * await dropTable('word-counts');
 */
export async function dropTable(table: string, options: { dbName?: string } = {}): Promise<void> {
  const db = await openTableDb(options.dbName ?? TABLE_DB);
  try {
    const tx = db.transaction(['staged', 'committed', 'txns', 'tables'], 'readwrite');
    const deletes: Promise<unknown>[] = [
      tx.objectStore('committed').delete(tableRange(table)),
      tx.objectStore('tables').delete(table),
    ];
    for (const store of ['staged', 'txns'] as const) {
      let cursor = await tx.objectStore(store).openCursor();
      while (cursor) {
        if (cursor.value.table === table) deletes.push(cursor.delete());
        cursor = await cursor.continue();
      }
    }
    await Promise.all(deletes);
    await tx.done;
  } finally {
    db.close();
  }
}

/**
 * The tables that hold committed rows, with their committed row counts, by name.
 *
 * @example
 * for (const t of await listTables()) console.log(t.name, t.rowCount);
 */
export async function listTables(
  options: { dbName?: string } = {},
): Promise<{ name: string; rowCount: number }[]> {
  const db = await openTableDb(options.dbName ?? TABLE_DB);
  try {
    return (await db.getAll('tables')).map((t) => ({ name: t.name, rowCount: t.rowCount }));
  } finally {
    db.close();
  }
}
