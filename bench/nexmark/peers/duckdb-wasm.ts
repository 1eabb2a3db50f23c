/**
 * DuckDB in the browser (@duckdb/duckdb-wasm), its wasm and worker served from node_modules by
 * Vite (nothing from the network): tables loaded once from the columns as Arrow, then each query timed.
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import { tableFromArrays } from 'apache-arrow';
import type { NexmarkColumns } from '../../../src/engine/index.ts';
import type { Checksum } from '../checksum.ts';
import { checksumArrow, nexmarkTables } from './duckdb-tables.ts';
import { SQL_QUERIES } from './sql.ts';
import type { DuckDbRunner } from './duckdb-node.ts';

/**
 * Starts duckdb-wasm in a worker and loads the stream (outside any timing).
 *
 * @example
 * const db = await openDuckDbWasm(cols); await db.run('q7');
 */
export async function openDuckDbWasm(cols: NexmarkColumns): Promise<DuckDbRunner> {
  const bundle = await duckdb.selectBundle({
    mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
    eh: { mainModule: ehWasm, mainWorker: ehWorker },
  });
  const worker = new Worker(bundle.mainWorker!);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
  const conn = await db.connect();
  for (const [name, columns] of Object.entries(nexmarkTables(cols))) {
    await conn.insertArrowTable(tableFromArrays(columns), { name });
  }
  const version = await db.getVersion();
  return {
    version: `duckdb-wasm ${version} (${bundle.mainModule.includes('eh') ? 'eh' : 'mvp'})`,
    async run(query: string): Promise<Checksum> {
      const sql = SQL_QUERIES[query];
      if (!sql) throw new Error(`DuckDB: no SQL for ${query}`);
      return checksumArrow(await conn.query(sql));
    },
    close() {
      void conn.close().then(() => db.terminate());
    },
  };
}
