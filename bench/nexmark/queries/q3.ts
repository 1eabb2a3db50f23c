// Nexmark q3 (local item suggestion), an unbounded inner join of auctions and people:
//   SELECT P.name, P.city, P.state, A.id FROM auction A INNER JOIN person P ON A.seller = P.id
//   WHERE A.category = 10 AND (P.state = 'OR' OR P.state = 'ID' OR P.state = 'CA')
import {
  KeyedCoProcessFunction,
  ListStateDescriptor,
  ValueStateDescriptor,
  type Auction,
  type Collector,
  type KeyedProcessContext,
  type ListState,
  type Person,
  type ValueState,
} from '../../../src/engine/index.ts';
import { auctions, persons } from '../events.ts';
import { rowHash } from '../checksum.ts';
import { queryJob, type NexmarkQuery } from '../query.ts';

export interface Q3Row {
  name: string;
  city: string;
  state: string;
  id: number;
}

/** Joins by person id; an auction whose seller has not registered yet waits in state (ids run up to 10 ahead). */
class JoinSellers extends KeyedCoProcessFunction<number, Auction, Person, Q3Row> {
  private person!: ValueState<Person | null>;
  private waiting!: ListState<number>;
  override open(): void {
    this.person = this.getRuntimeContext().getState(new ValueStateDescriptor<Person | null>('person', null));
    this.waiting = this.getRuntimeContext().getListState(new ListStateDescriptor<number>('auctions'));
  }
  processElement1(a: Auction, _ctx: KeyedProcessContext<number>, out: Collector<Q3Row>): void {
    const p = this.person.value();
    if (p) out.collect({ name: p.name, city: p.city, state: p.state, id: a.id });
    else this.waiting.add(a.id);
  }
  processElement2(p: Person, _ctx: KeyedProcessContext<number>, out: Collector<Q3Row>): void {
    this.person.update(p);
    for (const id of this.waiting.get()) out.collect({ name: p.name, city: p.city, state: p.state, id });
    this.waiting.clear();
  }
}

export const q3: NexmarkQuery<Q3Row> = {
  name: 'q3',
  build: (events) =>
    auctions(events)
      .filter((a) => a.category === 10)
      .connect(persons(events).filter((p) => p.state === 'OR' || p.state === 'ID' || p.state === 'CA'))
      .keyBy(
        (a) => a.seller,
        (p) => p.id,
      )
      .process(new JoinSellers()),
  hash: (r) => rowHash([r.name, r.city, r.state, r.id]),
};

export default queryJob(q3, import.meta.url);
