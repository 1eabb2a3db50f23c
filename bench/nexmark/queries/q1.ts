// Nexmark q1 (currency conversion): SELECT auction, bidder, 0.908 * price AS price, dateTime, extra FROM bid.
import type { Collector, NexmarkEvent } from '../../../src/engine/index.ts';
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
  // One Calc, as Flink's planner fuses the bid view's filter and the projection.
  build: (events) =>
    events
      .flatMap((e: NexmarkEvent, out: Collector<Q1Row>) => {
        if (e.type === 'bid')
          out.collect({
            auction: e.auction,
            bidder: e.bidder,
            price: 0.908 * e.price,
            dateTime: e.dateTime,
            extra: e.extra,
          });
      })
      .name('q1 calc'),
  hash: (r) => hash4(r.auction, r.bidder, q1PriceKey(r.price), r.dateTime),
};

export default queryJob(q1, import.meta.url);
