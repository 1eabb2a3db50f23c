// Job module: window joins and co-groups of two seeded streams (orders and payments keyed by an
// order id), in tumbling and sliding event-time windows. `?what=` (browsers) or RIVULET_JOIN_WHAT
// (Node: vitest drops a module URL's query, workers inherit the environment) picks the pipeline; every row is a
// string so runs compare as multisets. The same events and a brute-force reference are exported for
// the tests.
import {
  SlidingEventTimeWindows,
  Time,
  TumblingEventTimeWindows,
  WatermarkStrategy,
  type CoGroupFunction,
  type Collector,
  type DataStream,
  type StreamExecutionEnvironment,
} from '../../../../../src/engine/index.ts';

export type Order = { id: number; ts: number; qty: number };
export type Payment = { order: number; ts: number; amount: number };

/** Seeded (an LCG): ids 0..11, timestamps 0..59 999 in no particular order. */
function seeded(n: number, seed: number): [number, number, number][] {
  let s = seed;
  const next = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
  return Array.from({ length: n }, () => [
    Math.floor(next() * 12),
    Math.floor(next() * 60_000),
    Math.floor(next() * 100),
  ]);
}
export const orders: Order[] = seeded(300, 7).map(([id, ts, qty]) => ({ id, ts, qty }));
export const payments: Payment[] = seeded(200, 11).map(([order, ts, amount]) => ({ order, ts, amount }));

export const pipelines = ['join-tumbling', 'join-sliding', 'flat-join', 'cogroup'] as const;

const query = new URL(import.meta.url).searchParams;

/** With the whole input bounded, the final watermark fires every window: no element is late. */
const stamped = <T extends { ts: number }>(env: StreamExecutionEnvironment, rows: T[]): DataStream<T> =>
  env
    .fromCollection(rows)
    .assignTimestampsAndWatermarks(
      WatermarkStrategy.forBoundedOutOfOrderness<T>(Time.minutes(2)).withTimestampAssigner((r) => r.ts),
    );

export function build(env: StreamExecutionEnvironment, what: string): DataStream<string> {
  const o = stamped(env, orders);
  const p = stamped(env, payments);
  const joined = o
    .join(p)
    .where((x) => x.id)
    .equalTo((y) => y.order);
  switch (what) {
    case 'join-tumbling':
      return joined
        .window(TumblingEventTimeWindows.of(Time.seconds(10)))
        .apply((x, y) => `${x.id} ${x.ts} ${x.qty} ${y.ts} ${y.amount}`);
    case 'join-sliding':
      return joined
        .window(SlidingEventTimeWindows.of(Time.seconds(20), Time.seconds(5)))
        .apply({ join: (x: Order, y: Payment) => `${x.id} ${x.ts} ${y.ts}` });
    case 'flat-join':
      return joined
        .window(TumblingEventTimeWindows.of(Time.seconds(10)))
        .apply((x: Order, y: Payment, out: Collector<string>) => {
          if (x.qty > y.amount) out.collect(`${x.id} ${x.ts} ${y.ts}`);
        });
    case 'cogroup': {
      const counts: CoGroupFunction<Order, Payment, string> = (xs, ys, out) => {
        const a = [...xs];
        const b = [...ys];
        const id = a[0]?.id ?? b[0].order;
        const start = Math.floor((a[0]?.ts ?? b[0].ts) / 10_000) * 10_000;
        out.collect(`${id} ${start} ${a.length} ${b.length}`);
      };
      return o
        .coGroup(p)
        .where((x) => x.id)
        .equalTo((y) => y.order)
        .window(TumblingEventTimeWindows.of(Time.seconds(10)))
        .apply(counts);
    }
    default:
      throw new Error(`window-join job: unknown ?what=${what}; one of ${pipelines.join(', ')}`);
  }
}

export default (env: StreamExecutionEnvironment) =>
  build(env, query.get('what') ?? globalThis.process?.env?.RIVULET_JOIN_WHAT ?? 'join-tumbling');
