/**
 * The batch-expressible queries in arquero 8.0.1 (the version the project pins; issue 5 asked for
 * 5.x only because the latest failed to install then) over the bid columns as a table.
 */
import { escape, op, table, type ColumnTable } from 'arquero';
import type { NexmarkColumns } from '../../../src/engine/index.ts';
import type { Checksum } from '../checksum.ts';
import { checksumColumns } from './hash-columns.ts';

const result = (t: ColumnTable, names: string[]): Checksum =>
  checksumColumns(
    names.map((n) => t.array(n) as ArrayLike<unknown>),
    t.numRows(),
  );

/** The bid table of the columns (built outside any timing). */
export const bidTable = (c: NexmarkColumns): ColumnTable =>
  table({ auction: c.bids.auction, bidder: c.bids.bidder, price: c.bids.price, dateTime: c.bids.dateTime });

export const arqueroQueries: Record<string, (bids: ColumnTable) => Checksum> = {
  q0: (t) =>
    result(t.select('auction', 'bidder', 'price', 'dateTime'), ['auction', 'bidder', 'price', 'dateTime']),
  q1: (t) =>
    result(t.derive({ p: (d: any) => op.round(0.908 * d.price * 1000) }), [
      'auction',
      'bidder',
      'p',
      'dateTime',
    ]),
  q2: (t) =>
    result(t.filter((d: any) => d.auction % 123 === 0).select('auction', 'price'), ['auction', 'price']),
  q5: (t) =>
    result(
      t
        .derive({
          ws: escape((d: any) => [0, 1, 2, 3, 4].map((k) => Math.floor(d.dateTime / 2000) * 2000 - k * 2000)),
        })
        .unroll('ws')
        .groupby('ws', 'auction')
        .count({ as: 'num' })
        .groupby('ws')
        .derive({ maxn: (d: any) => op.max(d.num) })
        .filter((d: any) => d.num >= d.maxn),
      ['auction', 'num'],
    ),
  q7: (t) => {
    const maxes = t
      .derive({ ws: (d: any) => op.floor(d.dateTime / 10000) * 10000 })
      .groupby('ws')
      .rollup({ maxprice: (d: any) => op.max(d.price) });
    return result(
      t
        .join(maxes, [['price'], ['maxprice']])
        .filter((d: any) => d.dateTime >= d.ws && d.dateTime <= d.ws + 10000),
      ['auction', 'price', 'bidder', 'dateTime'],
    );
  },
};
