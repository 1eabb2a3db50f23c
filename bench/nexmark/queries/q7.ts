// Nexmark q7 (highest bid): the bids whose price is the max of a TUMBLE 10 s window, joined back:
//   SELECT B.auction, B.price, B.bidder, B.dateTime, B.extra FROM bid B
//   JOIN (SELECT MAX(price) AS maxprice, window_end AS dateTime FROM TUMBLE(bid, dateTime, 10 s)
//         GROUP BY window_start, window_end) B1
//   ON B.price = B1.maxprice WHERE B.dateTime BETWEEN B1.dateTime - INTERVAL '10' SECOND AND B1.dateTime
// BETWEEN includes both ends, so a bid at exactly a window's end (the next window's start) also
// matches the window before. An incremental aggregate per tumbling window keeps only the bids at
// the running max and those on the window's start; a keyed step joins the latter with the max of
// the window before (windows fire in event-time order).
import {
  KeyedProcessFunction,
  ProcessAllWindowFunction,
  Time,
  TumblingEventTimeWindows,
  ValueStateDescriptor,
  type Bid,
  type Collector,
  type KeyedProcessContext,
  type ProcessWindowContext,
  type TimeWindow,
  type ValueState,
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

/** A window's max price, its bids at that price, and its bids exactly on its start. */
interface Highest {
  start: number;
  max: number;
  top: Bid[];
  atStart: Bid[];
}

const highest = {
  createAccumulator: (): Highest => ({ start: NaN, max: -1, top: [], atStart: [] }),
  add(b: Bid, acc: Highest): Highest {
    if (b.dateTime % SIZE === 0) acc.atStart.push(b);
    if (b.price > acc.max) {
      acc.max = b.price;
      acc.top = [b];
    } else if (b.price === acc.max) acc.top.push(b);
    return acc;
  },
  getResult: (acc: Highest) => acc,
  merge(a: Highest, b: Highest): Highest {
    const top = a.max > b.max ? a.top : b.max > a.max ? b.top : [...a.top, ...b.top];
    return { start: a.start, max: Math.max(a.max, b.max), top, atStart: [...a.atStart, ...b.atStart] };
  },
};

class WithStart extends ProcessAllWindowFunction<Highest, Highest, TimeWindow> {
  process(ctx: ProcessWindowContext<TimeWindow>, results: Iterable<Highest>, out: Collector<Highest>): void {
    for (const acc of results) out.collect({ ...acc, start: ctx.window.start });
  }
}

const row = (b: Bid): Q7Row => ({
  auction: b.auction,
  price: b.price,
  bidder: b.bidder,
  dateTime: b.dateTime,
  extra: b.extra,
});

/** Emits each window's top bids, and its start bids that match the previous window's max. */
class JoinBack extends KeyedProcessFunction<number, Highest, Q7Row> {
  private previous!: ValueState<[number, number] | null>;
  override open(): void {
    this.previous = this.getRuntimeContext().getState(
      new ValueStateDescriptor<[number, number] | null>('end, max', null),
    );
  }
  processElement(w: Highest, _ctx: KeyedProcessContext<number>, out: Collector<Q7Row>): void {
    for (const b of w.top) out.collect(row(b));
    const prev = this.previous.value();
    if (prev && prev[0] === w.start) for (const b of w.atStart) if (b.price === prev[1]) out.collect(row(b));
    this.previous.update([w.start + SIZE, w.max]);
  }
}

export const q7: NexmarkQuery<Q7Row> = {
  name: 'q7',
  build: (events) =>
    bids(events)
      .windowAll(TumblingEventTimeWindows.of(Time.milliseconds(SIZE)))
      .aggregate(highest, new WithStart())
      .keyBy(() => 0)
      .process(new JoinBack()),
  hash: (r) => hash4(r.auction, r.price, r.bidder, r.dateTime),
};

export default queryJob(q7, import.meta.url);
