// Nexmark q7 (highest bid): the bids whose price is the max of a TUMBLE 10 s window, joined back:
//   SELECT B.auction, B.price, B.bidder, B.dateTime, B.extra FROM bid B
//   JOIN (SELECT MAX(price) AS maxprice, window_end AS dateTime FROM TUMBLE(bid, dateTime, 10 s)
//         GROUP BY window_start, window_end) B1
//   ON B.price = B1.maxprice WHERE B.dateTime BETWEEN B1.dateTime - INTERVAL '10' SECOND AND B1.dateTime
// BETWEEN includes both ends, so a bid at exactly window_end can match the window before its own.
// Windows of 10 001 ms sliding by 10 000 ms see exactly that: [s, s + 10 000] (the max is taken
// over [s, s + 10 000) only, the tumbling window).
import {
  ProcessAllWindowFunction,
  SlidingEventTimeWindows,
  type Bid,
  type Collector,
  type ProcessWindowContext,
  type TimeWindow,
} from '../../../src/engine/index.ts';
import { bids } from '../events.ts';
import { hash4 } from '../checksum.ts';
import { queryJob, type NexmarkQuery } from '../query.ts';

export interface Q7Row {
  auction: number;
  price: number;
  bidder: number;
  dateTime: number;
  extra: string;
}

const SIZE = 10_000;

class HighestBids extends ProcessAllWindowFunction<Bid, Q7Row, TimeWindow> {
  process(ctx: ProcessWindowContext<TimeWindow>, window: Iterable<Bid>, out: Collector<Q7Row>): void {
    const end = ctx.window.start + SIZE;
    let max = -1;
    for (const b of window) if (b.dateTime < end && b.price > max) max = b.price;
    if (max < 0) return; // only bids at `end`: that tumbling window was empty
    for (const b of window)
      if (b.price === max)
        out.collect({
          auction: b.auction,
          price: b.price,
          bidder: b.bidder,
          dateTime: b.dateTime,
          extra: b.extra,
        });
  }
}

export const q7: NexmarkQuery<Q7Row> = {
  name: 'q7',
  build: (events) =>
    bids(events)
      .windowAll(SlidingEventTimeWindows.of(SIZE + 1, SIZE))
      .process(new HighestBids()),
  hash: (r) => hash4(r.auction, r.price, r.bidder, r.dateTime),
};

export default queryJob(q7, import.meta.url);
