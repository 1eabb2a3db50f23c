/**
 * What the two DuckDB runners (duckdb-node.ts, duckdb-wasm.ts) share: the Nexmark tables they load
 * and the checksum of a query's Arrow result. Each runner builds Arrow tables with its own
 * `tableFromArrays` (the Node bindings need the CommonJS Arrow build, the browser the ESM one).
 */
import { NAMES, US_CITIES, US_STATES, type NexmarkColumns } from '../../../src/engine/index.ts';
import type { Checksum } from '../checksum.ts';
import { checksumColumns } from './hash-columns.ts';

/** Typed-array or string columns of one table, by column name. */
export type TableColumns = Record<string, Int32Array | Float64Array | string[]>;

/**
 * The bid, auction and person tables of the SQL queries (sql.ts), strings decoded from their codes.
 *
 * @example for (const [name, columns] of Object.entries(nexmarkTables(cols))) load(name, columns);
 */
export function nexmarkTables(cols: NexmarkColumns): Record<'bid' | 'auction' | 'person', TableColumns> {
  const { bids: b, auctions: a, persons: p } = cols;
  return {
    bid: { auction: b.auction, bidder: b.bidder, price: b.price, dateTime: b.dateTime },
    auction: { id: a.id, seller: a.seller, category: a.category, dateTime: a.dateTime, expires: a.expires },
    person: {
      id: p.id,
      name: Array.from(p.name, (c) => NAMES[c]),
      city: Array.from(p.city, (c) => US_CITIES[c]),
      state: Array.from(p.state, (c) => US_STATES[c]),
      dateTime: p.dateTime,
    },
  };
}

/** The part of an Arrow table a checksum reads. */
interface ArrowResult {
  numCols: number;
  numRows: number;
  getChildAt(k: number): { toArray(): unknown } | null;
}

/** The checksum of a query result, column by column as every runner hashes it. */
export function checksumArrow(t: ArrowResult): Checksum {
  const columns = Array.from(
    { length: t.numCols },
    (_, k) => t.getChildAt(k)!.toArray() as ArrayLike<unknown>,
  );
  return checksumColumns(columns, t.numRows);
}
