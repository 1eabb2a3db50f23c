// Nexmark q19 (auction top-10 prices), an updating result:
//   SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY auction ORDER BY price DESC) AS rank_number
//   FROM bid) WHERE rank_number <= 10
// Each change emits the auction's new top-10 prices (Flink retracts and re-inserts the shifted
// ranks); the checksum hashes (auction, rank, price), which ties in price do not change.
import {
  KeyedProcessFunction,
  ValueStateDescriptor,
  type Bid,
  type Collector,
  type KeyedProcessContext,
  type ValueState,
} from '../../../src/engine/index.ts';
import { bids } from '../events.ts';
import { hash3 } from '../checksum.ts';
import { queryJob, type NexmarkQuery } from '../query.ts';

export interface Q19Row {
  auction: number;
  /** Prices of ranks 1…10 (fewer while the auction has fewer bids), descending. */
  top: number[];
}

export const TOP_N = 10;

class TopPrices extends KeyedProcessFunction<number, Bid, Q19Row> {
  private top!: ValueState<number[] | null>;
  override open(): void {
    this.top = this.getRuntimeContext().getState(
      new ValueStateDescriptor<number[] | null>('top prices', null),
    );
  }
  processElement(b: Bid, ctx: KeyedProcessContext<number>, out: Collector<Q19Row>): void {
    const top = this.top.value() ?? [];
    if (top.length === TOP_N && b.price <= top[TOP_N - 1]) return;
    let i = top.length;
    while (i > 0 && top[i - 1] < b.price) i--;
    top.splice(i, 0, b.price);
    if (top.length > TOP_N) top.pop();
    this.top.update(top);
    out.collect({ auction: ctx.getCurrentKey(), top: top.slice() });
  }
}

export const q19: NexmarkQuery<Q19Row> = {
  name: 'q19',
  build: (events) =>
    bids(events)
      .keyBy((b) => b.auction)
      .process(new TopPrices()),
  upsert: { key: (r) => r.auction, rows: (r) => r.top.map((price, i) => hash3(r.auction, i + 1, price)) },
};

export default queryJob(q19, import.meta.url);
