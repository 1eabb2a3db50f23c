// Nexmark q1 (currency conversion): SELECT auction, bidder, 0.908 * price AS price, dateTime, extra FROM bid.
import { bids } from '../events.ts';
import { hash4 } from '../checksum.ts';
import { queryJob, type NexmarkQuery } from '../query.ts';

export interface Q1Row {
  auction: number;
  bidder: number;
  price: number;
  dateTime: number;
  extra: string;
}

/** The converted price in thousandths, exact (0.908 * cents has at most 3 decimals). */
export const q1PriceKey = (price: number): number => Math.round(price * 1000);

export const q1: NexmarkQuery<Q1Row> = {
  name: 'q1',
  build: (events) =>
    bids(events).map((b) => ({
      auction: b.auction,
      bidder: b.bidder,
      price: 0.908 * b.price,
      dateTime: b.dateTime,
      extra: b.extra,
    })),
  hash: (r) => hash4(r.auction, r.bidder, q1PriceKey(r.price), r.dateTime),
};

export default queryJob(q1, import.meta.url);
