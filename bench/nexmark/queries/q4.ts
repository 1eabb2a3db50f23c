// Nexmark q4 (average closing price per category), an updating result:
//   SELECT Q.category, AVG(Q.final) FROM (
//     SELECT MAX(B.price) AS final, A.category FROM auction A, bid B
//     WHERE A.id = B.auction AND B.dateTime BETWEEN A.dateTime AND A.expires
//     GROUP BY A.id, A.category) Q
//   GROUP BY Q.category
// AVG of a BIGINT is a BIGINT in Flink SQL (truncated), kept here.
import {
  KeyedCoProcessFunction,
  KeyedProcessFunction,
  ListStateDescriptor,
  ValueStateDescriptor,
  type Auction,
  type Bid,
  type Collector,
  type KeyedProcessContext,
  type ListState,
  type ValueState,
} from '../../../src/engine/index.ts';
import { auctions, bids } from '../events.ts';
import { hash2 } from '../checksum.ts';
import { queryJob, type NexmarkQuery } from '../query.ts';

/** A change of one auction's closing price: `old` is -1 when the auction had none yet. */
interface MaxChange {
  category: number;
  old: number;
  max: number;
}

export interface Q4Row {
  category: number;
  avg: number;
}

interface Window {
  category: number;
  from: number;
  to: number;
}

/** Per auction: the max price of its bids inside [dateTime, expires]; bids before the auction wait. */
class ClosingPrice extends KeyedCoProcessFunction<number, Auction, Bid, MaxChange> {
  private auction!: ValueState<Window | null>;
  private max!: ValueState<number>;
  private early!: ListState<[number, number]>;
  override open(): void {
    const ctx = this.getRuntimeContext();
    this.auction = ctx.getState(new ValueStateDescriptor<Window | null>('auction', null));
    this.max = ctx.getState(new ValueStateDescriptor<number>('max', -1));
    this.early = ctx.getListState(new ListStateDescriptor<[number, number]>('early bids'));
  }
  private offer(a: Window, price: number, time: number, out: Collector<MaxChange>): void {
    if (time < a.from || time > a.to) return;
    const old = this.max.value() ?? -1;
    if (price <= old) return;
    this.max.update(price);
    out.collect({ category: a.category, old, max: price });
  }
  processElement1(a: Auction, _ctx: KeyedProcessContext<number>, out: Collector<MaxChange>): void {
    const w = { category: a.category, from: a.dateTime, to: a.expires };
    this.auction.update(w);
    for (const [price, time] of this.early.get()) this.offer(w, price, time, out);
    this.early.clear();
  }
  processElement2(b: Bid, _ctx: KeyedProcessContext<number>, out: Collector<MaxChange>): void {
    const a = this.auction.value();
    if (a) this.offer(a, b.price, b.dateTime, out);
    else this.early.add([b.price, b.dateTime]);
  }
}

/** Per category: sum and count of closing prices, retracting an auction's old price when it rises. */
class Average extends KeyedProcessFunction<number, MaxChange, Q4Row> {
  private acc!: ValueState<[number, number]>;
  override open(): void {
    this.acc = this.getRuntimeContext().getState(
      new ValueStateDescriptor<[number, number]>('sum,count', [0, 0]),
    );
  }
  processElement(c: MaxChange, _ctx: KeyedProcessContext<number>, out: Collector<Q4Row>): void {
    const [sum, count] = this.acc.value() ?? [0, 0];
    const next: [number, number] = c.old < 0 ? [sum + c.max, count + 1] : [sum + c.max - c.old, count];
    this.acc.update(next);
    out.collect({ category: c.category, avg: Math.trunc(next[0] / next[1]) });
  }
}

export const q4: NexmarkQuery<Q4Row> = {
  name: 'q4',
  build: (events) =>
    auctions(events)
      .connect(bids(events))
      .keyBy(
        (a) => a.id,
        (b) => b.auction,
      )
      .process(new ClosingPrice())
      .keyBy((c) => c.category)
      .process(new Average()),
  upsert: { key: (r) => r.category, rows: (r) => [hash2(r.category, r.avg)] },
};

export default queryJob(q4, import.meta.url);
