/** DuckDB in Node (@duckdb/node-api): tables loaded once from the columns, then each query timed. */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { NAMES, US_CITIES, US_STATES, type NexmarkColumns } from '../../../src/engine/index.ts';
import type { Checksum } from '../checksum.ts';
import { checksumColumns } from './hash-columns.ts';
import { SQL_QUERIES, TABLES_DDL } from './sql.ts';

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
  const instance = await DuckDBInstance.create(':memory:');
  const conn: DuckDBConnection = await instance.connect();
  for (const ddl of TABLES_DDL) await conn.run(ddl);
  const b = cols.bids;
  let app = await conn.createAppender('bid');
  for (let i = 0; i < b.n; i++) {
    app.appendInteger(b.auction[i]);
    app.appendInteger(b.bidder[i]);
    app.appendInteger(b.price[i]);
    app.appendDouble(b.dateTime[i]);
    app.endRow();
  }
  app.closeSync();
  const a = cols.auctions;
  app = await conn.createAppender('auction');
  for (let i = 0; i < a.n; i++) {
    app.appendInteger(a.id[i]);
    app.appendInteger(a.seller[i]);
    app.appendInteger(a.category[i]);
    app.appendDouble(a.dateTime[i]);
    app.appendDouble(a.expires[i]);
    app.endRow();
  }
  app.closeSync();
  const p = cols.persons;
  app = await conn.createAppender('person');
  for (let i = 0; i < p.n; i++) {
    app.appendInteger(p.id[i]);
    app.appendVarchar(NAMES[p.name[i]]);
    app.appendVarchar(US_CITIES[p.city[i]]);
    app.appendVarchar(US_STATES[p.state[i]]);
    app.appendDouble(p.dateTime[i]);
    app.endRow();
  }
  app.closeSync();
  const version = String((await conn.runAndReadAll('SELECT version()')).getRows()[0][0]);
  return {
    version,
    async run(query) {
      const sql = SQL_QUERIES[query];
      if (!sql) throw new Error(`DuckDB: no SQL for ${query}`);
      const reader = await conn.runAndReadAll(sql);
      return checksumColumns(reader.getColumns() as ArrayLike<unknown>[], reader.currentRowCount);
    },
    close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
}
