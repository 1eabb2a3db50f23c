// Nexmark q0 (pass-through): SELECT auction, bidder, price, dateTime, extra FROM bid.
import type { Collector, NexmarkEvent } from '../../../src/engine/index.ts';
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
  // One Calc, as Flink's planner fuses the bid view's filter and the projection.
  build: (events) =>
    events
      .flatMap((e: NexmarkEvent, out: Collector<Q0Row>) => {
        if (e.type === 'bid')
          out.collect({
            auction: e.auction,
            bidder: e.bidder,
            price: e.price,
            dateTime: e.dateTime,
            extra: e.extra,
          });
      })
      .name('q0 calc'),
  hash: (r) => hash4(r.auction, r.bidder, r.price, r.dateTime),
};

export default queryJob(q0, import.meta.url);
