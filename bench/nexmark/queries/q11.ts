// Nexmark q11 (user sessions): bids per bidder and session (gap 10 s):
//   SELECT B.bidder, count(*) AS bid_count, SESSION_START(B.dateTime, INTERVAL '10' SECOND) AS starttime,
//          SESSION_END(B.dateTime, INTERVAL '10' SECOND) AS endtime
//   FROM bid B GROUP BY B.bidder, SESSION(B.dateTime, INTERVAL '10' SECOND)
import {
  EventTimeSessionWindows,
  ProcessWindowFunction,
  Time,
  type Collector,
  type ProcessWindowContext,
  type TimeWindow,
} from '../../../src/engine/index.ts';
import { bids } from '../events.ts';
import { hash4 } from '../checksum.ts';
import { queryJob, type NexmarkQuery } from '../query.ts';

export interface Q11Row {
  bidder: number;
  bidCount: number;
  starttime: number;
  endtime: number;
}

const count = {
  createAccumulator: () => 0,
  add: (_b: unknown, n: number) => n + 1,
  getResult: (n: number) => n,
  merge: (a: number, b: number) => a + b,
};

class Session extends ProcessWindowFunction<number, Q11Row, number, TimeWindow> {
  process(
    bidder: number,
    ctx: ProcessWindowContext<TimeWindow>,
    counts: Iterable<number>,
    out: Collector<Q11Row>,
  ): void {
    for (const bidCount of counts)
      out.collect({ bidder, bidCount, starttime: ctx.window.start, endtime: ctx.window.end });
  }
}

export const q11: NexmarkQuery<Q11Row> = {
  name: 'q11',
  build: (events) =>
    bids(events)
      .keyBy((b) => b.bidder)
      .window(EventTimeSessionWindows.withGap(Time.seconds(10)))
      .aggregate(count, new Session()),
  hash: (r) => hash4(r.bidder, r.bidCount, r.starttime, r.endtime),
};

export default queryJob(q11, import.meta.url);
