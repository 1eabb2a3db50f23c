/**
 * Job module: reads the IndexedDB log topic "orders" (import a CSV or generate events on the Data
 * page) with LogSource, bounded to the end offsets seen at start, counts orders and sums `amount` per
 * `customer`, and writes the totals to an exactly-once IndexedDB table as well.
 */
export const TOPIC_COUNT = `import {
  IndexedDbLogTopic, IndexedDbTableSink, LogSource, RestartStrategies, Time, TumblingEventTimeWindows,
  WatermarkStrategy,
} from 'rivulet';

// The topic the Data page wrote (a CSV with columns customer, amount, …); partitions are split over subtasks.
const topic = new IndexedDbLogTopic('orders');
if (!(await topic.exists()))
  throw new Error('Topic "orders" does not exist yet: import a CSV file with columns customer and amount into it on the Data page');

// Per customer: [customer, orders, total amount], emitted once at the end of the bounded topic, into
// the exactly-once table "customer-totals" (two-phase commit on checkpoints; the Data page lists it)
// and to the page.
export default (env) => {
  env.enableCheckpointing(500);
  env.setRestartStrategy(RestartStrategies.fixedDelayRestart(3, 100));
  const totals = env
    // Records carry their log timestamp (the CSV's time column, else the append time); the end of
    // the bounded topic fires the one window that spans them all.
    .fromSource(new LogSource(topic, { bounded: true }), WatermarkStrategy.forMonotonousTimestamps(), 'orders')
    .uid('orders')
    .keyBy((row) => row.customer)
    .window(TumblingEventTimeWindows.of(Time.days(36500)))
    .aggregate(
      {
        createAccumulator: () => [0, 0],
        add: (row, [n, sum]) => [n + 1, sum + row.amount],
        getResult: (acc) => acc,
        merge: (a, b) => [a[0] + b[0], a[1] + b[1]],
      },
      (customer, _ctx, results, out) => {
        for (const [n, sum] of results) out.collect([customer, n, sum]);
      },
    )
    .uid('totals');
  totals.addSink(new IndexedDbTableSink('customer-totals')).uid('customer-totals');
  return totals;
};
`;
