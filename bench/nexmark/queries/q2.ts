// Nexmark q2 (selection): SELECT auction, price FROM bid WHERE MOD(auction, 123) = 0.
import { bids } from '../events.ts';
import { hash2 } from '../checksum.ts';
import { queryJob, type NexmarkQuery } from '../query.ts';

export interface Q2Row {
  auction: number;
  price: number;
}

export const q2: NexmarkQuery<Q2Row> = {
  name: 'q2',
  build: (events) =>
    bids(events)
      .filter((b) => b.auction % 123 === 0)
      .map((b) => ({ auction: b.auction, price: b.price })),
  hash: (r) => hash2(r.auction, r.price),
};

export default queryJob(q2, import.meta.url);
