// Nexmark q18 (deduplication): the last bid of every (bidder, auction) by event time, an updating result:
//   SELECT auction, bidder, price, channel, url, dateTime, extra FROM (SELECT *, ROW_NUMBER() OVER
//   (PARTITION BY bidder, auction ORDER BY dateTime DESC) AS rank_number FROM bid) WHERE rank_number <= 1
// As Flink's row-time deduplication, a bid with the same dateTime as the kept one replaces it; the
// checksum hashes (auction, bidder, dateTime), which such ties share.
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

/** One number per (bidder, auction): ids stay far below 2^24 for any stream this suite runs. */
export const bidderAuctionKey = (b: { bidder: number; auction: number }): number =>
  b.bidder * 16_777_216 + b.auction;

class KeepLast extends KeyedProcessFunction<number, Bid, Bid> {
  private last!: ValueState<Bid | null>;
  override open(): void {
    this.last = this.getRuntimeContext().getState(new ValueStateDescriptor<Bid | null>('last', null));
  }
  processElement(b: Bid, _ctx: KeyedProcessContext<number>, out: Collector<Bid>): void {
    const prev = this.last.value();
    if (prev && b.dateTime < prev.dateTime) return;
    this.last.update(b);
    out.collect(b);
  }
}

export const q18: NexmarkQuery<Bid> = {
  name: 'q18',
  build: (events) => bids(events).keyBy(bidderAuctionKey).process(new KeepLast()),
  upsert: { key: bidderAuctionKey, rows: (b) => [hash3(b.auction, b.bidder, b.dateTime)] },
};

export default queryJob(q18, import.meta.url);
