// Nexmark q2 (selection): SELECT auction, price FROM bid WHERE MOD(auction, 123) = 0.
import type { Collector, NexmarkEvent } from '../../../src/engine/index.ts';
import { hash2 } from '../checksum.ts';
import { queryJob, type NexmarkQuery } from '../query.ts';

export interface Q2Row {
  auction: number;
  price: number;
}

export const q2: NexmarkQuery<Q2Row> = {
  name: 'q2',
  // One Calc, as Flink's planner fuses the bid view's filter, the WHERE and the projection.
  build: (events) =>
    events
      .flatMap((e: NexmarkEvent, out: Collector<Q2Row>) => {
        if (e.type === 'bid' && e.auction % 123 === 0) out.collect({ auction: e.auction, price: e.price });
      })
      .name('q2 calc'),
  hash: (r) => hash2(r.auction, r.price),
};

export default queryJob(q2, import.meta.url);
