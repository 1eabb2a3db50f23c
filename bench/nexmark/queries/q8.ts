// Nexmark q8 (monitor new users): people who opened an auction in the TUMBLE 10 s window they registered in:
//   SELECT P.id, P.name, P.starttime FROM (people per window) P JOIN (sellers per window) A
//   ON P.id = A.seller AND P.starttime = A.starttime AND P.endtime = A.endtime
import {
  ProcessWindowFunction,
  Time,
  TumblingEventTimeWindows,
  type Collector,
  type ProcessWindowContext,
  type TimeWindow,
} from '../../../src/engine/index.ts';
import { auctions, persons } from '../events.ts';
import { rowHash } from '../checksum.ts';
import { queryJob, type NexmarkQuery } from '../query.ts';

export interface Q8Row {
  id: number;
  name: string;
  starttime: number;
}

/** A person (name set) or a seller of an auction (name null), keyed by the person id. */
interface Side {
  id: number;
  name: string | null;
}

class NewSellers extends ProcessWindowFunction<Side, Q8Row, number, TimeWindow> {
  process(
    id: number,
    ctx: ProcessWindowContext<TimeWindow>,
    sides: Iterable<Side>,
    out: Collector<Q8Row>,
  ): void {
    const names = new Set<string>();
    let sold = false;
    for (const s of sides) {
      if (s.name === null) sold = true;
      else names.add(s.name);
    }
    if (sold) for (const name of names) out.collect({ id, name, starttime: ctx.window.start });
  }
}

export const q8: NexmarkQuery<Q8Row> = {
  name: 'q8',
  build: (events) =>
    persons(events)
      .map((p): Side => ({ id: p.id, name: p.name }))
      .union(auctions(events).map((a): Side => ({ id: a.seller, name: null })))
      .keyBy((s) => s.id)
      .window(TumblingEventTimeWindows.of(Time.seconds(10)))
      .process(new NewSellers()),
  hash: (r) => rowHash([r.id, r.name, r.starttime]),
};

export default queryJob(q8, import.meta.url);
