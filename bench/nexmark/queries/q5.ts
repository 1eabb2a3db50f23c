// Nexmark q5 (hot items): the auctions with the most bids in each HOP window (size 10 s, slide 2 s):
//   SELECT AuctionBids.auction, AuctionBids.num FROM (count(*) per auction and window) AuctionBids
//   JOIN (max of those counts per window) MaxBids ON same window AND AuctionBids.num >= MaxBids.maxn
// As Flink's planner does for HOP windows (window slicing), bids are counted once per 2 s slice,
// and each 10 s window adds up its 5 slices, instead of every bid updating 5 windows.
import {
  ProcessWindowFunction,
  SlidingEventTimeWindows,
  Time,
  TumblingEventTimeWindows,
  type Collector,
  type ProcessWindowContext,
  type TimeWindow,
} from '../../../src/engine/index.ts';
import { bids } from '../events.ts';
import { hash2 } from '../checksum.ts';
import { queryJob, type NexmarkQuery } from '../query.ts';

export interface Q5Row {
  auction: number;
  num: number;
}

interface Count {
  auction: number;
  num: number;
  end: number;
}

const countBids = {
  createAccumulator: () => 0,
  add: (_b: unknown, n: number) => n + 1,
  getResult: (n: number) => n,
  merge: (a: number, b: number) => a + b,
};

const sumSlices = {
  createAccumulator: () => 0,
  add: (c: Count, n: number) => n + c.num,
  getResult: (n: number) => n,
  merge: (a: number, b: number) => a + b,
};

/** Tags a count with its auction and window end. */
class WithWindow extends ProcessWindowFunction<number, Count, number, TimeWindow> {
  process(
    auction: number,
    ctx: ProcessWindowContext<TimeWindow>,
    counts: Iterable<number>,
    out: Collector<Count>,
  ): void {
    for (const num of counts) out.collect({ auction, num, end: ctx.window.end });
  }
}

/** Per window end: the counts of that window (they all land in the 2 s window ending there); keep the top. */
class Hottest extends ProcessWindowFunction<Count, Q5Row, number, TimeWindow> {
  process(_end: number, _ctx: unknown, counts: Iterable<Count>, out: Collector<Q5Row>): void {
    let max = 0;
    for (const c of counts) if (c.num > max) max = c.num;
    for (const c of counts) if (c.num >= max) out.collect({ auction: c.auction, num: c.num });
  }
}

export const q5: NexmarkQuery<Q5Row> = {
  name: 'q5',
  build: (events) =>
    bids(events)
      .keyBy((b) => b.auction)
      .window(TumblingEventTimeWindows.of(Time.seconds(2)))
      .aggregate(countBids, new WithWindow())
      .name('slices')
      .keyBy((c) => c.auction)
      .window(SlidingEventTimeWindows.of(Time.seconds(10), Time.seconds(2)))
      .aggregate(sumSlices, new WithWindow())
      .keyBy((c) => c.end)
      .window(TumblingEventTimeWindows.of(Time.seconds(2)))
      .process(new Hottest()),
  hash: (r) => hash2(r.auction, r.num),
};

export default queryJob(q5, import.meta.url);
