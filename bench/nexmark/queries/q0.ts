// Nexmark q0 (pass-through): SELECT auction, bidder, price, dateTime, extra FROM bid.
import { bids } from '../events.ts';
import { hash4 } from '../checksum.ts';
import { queryJob, type NexmarkQuery } from '../query.ts';

export interface Q0Row {
  auction: number;
  bidder: number;
  price: number;
  dateTime: number;
  extra: string;
}

export const q0: NexmarkQuery<Q0Row> = {
  name: 'q0',
  build: (events) =>
    bids(events).map((b) => ({
      auction: b.auction,
      bidder: b.bidder,
      price: b.price,
      dateTime: b.dateTime,
      extra: b.extra,
    })),
  hash: (r) => hash4(r.auction, r.bidder, r.price, r.dateTime),
};

export default queryJob(q0, import.meta.url);
