/**
 * DuckDB in Node through @duckdb/duckdb-wasm's blocking Node bindings (the same engine the Chromium
 * runner uses; the native @duckdb/node-api cannot be locked for `npm ci` here: its per-platform
 * binaries other than linux-x64 are missing from this registry). Tables are loaded once from the
 * columns as Arrow, outside any timing, then each query is timed.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { NexmarkColumns } from '../../../src/engine/index.ts';
import type { Checksum } from '../checksum.ts';
import { checksumArrow, nexmarkTables } from './duckdb-tables.ts';
import { SQL_QUERIES } from './sql.ts';

export interface DuckDbRunner {
  version: string;
  run(query: string): Promise<Checksum>;
  close(): void;
}

/**
 * Loads the stream into an in-memory DuckDB (outside any timing) and returns a runner of the queries.
 *
 * @example
 * const db = await openDuckDb(cols); const c = await db.run('q5'); db.close();
 */
export async function openDuckDb(cols: NexmarkColumns): Promise<DuckDbRunner> {
  const require = createRequire(import.meta.url);
  // The CommonJS Arrow build: the bindings are CommonJS and check tables with instanceof, so an
  // ESM-built table (another module instance) would not be recognised.
  const { tableFromArrays } = require('apache-arrow') as typeof import('apache-arrow');
  const { createDuckDB, NODE_RUNTIME, VoidLogger } =
    require('@duckdb/duckdb-wasm/blocking') as typeof import('@duckdb/duckdb-wasm/blocking');
  const dist = dirname(require.resolve('@duckdb/duckdb-wasm'));
  const db = await createDuckDB(
    {
      mvp: {
        mainModule: join(dist, 'duckdb-mvp.wasm'),
        mainWorker: join(dist, 'duckdb-node-mvp.worker.cjs'),
      },
      eh: { mainModule: join(dist, 'duckdb-eh.wasm'), mainWorker: join(dist, 'duckdb-node-eh.worker.cjs') },
    },
    new VoidLogger(),
    NODE_RUNTIME,
  );
  await db.instantiate();
  const conn = db.connect();
  for (const [name, columns] of Object.entries(nexmarkTables(cols))) {
    conn.insertArrowTable(tableFromArrays(columns), { name });
  }
  return {
    version: `duckdb-wasm ${db.getVersion()} (Node, blocking)`,
    async run(query) {
      const sql = SQL_QUERIES[query];
      if (!sql) throw new Error(`DuckDB: no SQL for ${query}`);
      return checksumArrow(conn.query(sql));
    },
    close() {
      conn.close();
      db.reset();
    },
  };
}
