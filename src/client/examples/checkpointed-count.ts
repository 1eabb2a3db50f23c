/**
 * Job module: a keyed 10 s tumbling window count with exactly-once checkpoints every 500 ms over a
 * replayable, rate-limited source (its position, the next record index, is in every checkpoint); all
 * windows fire at the end of input, so a resumed run returns the whole result. It runs about 15 s:
 * long enough to watch checkpoints complete, take a savepoint, or reload the page and resume.
 */
export const CHECKPOINTED_COUNT = `import { RestartStrategies, Time, TumblingEventTimeWindows, WatermarkStrategy } from 'rivulet';

const RECORDS = 30000;   // record i: key 'k' + (i * 7919) % 5, event time i * 10 ms
const PER_SECOND = 2000; // records per second (a replay after a restore too)

// A replayable source (like a Kafka partition): its checkpointed position is the next record index.
const source = {
  boundedness: 'BOUNDED',
  parallel: false,
  createReader(context, restored) {
    let next = restored ?? 0;
    const from = next;
    const started = Date.now();
    return {
      pollNext(out) {
        const due = from + Math.floor(((Date.now() - started) * PER_SECOND) / 1000);
        const stop = Math.min(RECORDS, due, next + context.batchSize);
        for (; next < stop; next++) out.collect(next, next * 10);
        if (next >= RECORDS) return 'END_OF_INPUT';
        return next < due ? 'MORE_AVAILABLE' : 'NOTHING_AVAILABLE';
      },
      isAvailable: () => new Promise((resolve) => setTimeout(resolve, 20)),
      snapshotState: () => next,
      close() {},
    };
  },
};

// Counts records per key in 10 s event-time windows: emits [key, windowStart, count]. Watermarks are
// held back (noWatermarks), so every window fires when the bounded source ends: the whole result then
// comes from state that checkpoints carry across a failure or a page reload. (Rows a job already
// delivered to a page that was closed are gone, as with Flink's collect sink; durable jobs write to
// an exactly-once sink instead.)
export default (env) => {
  env.enableCheckpointing(500);
  env.setRestartStrategy(RestartStrategies.fixedDelayRestart(3, 100));
  return env
    .fromSource(source, WatermarkStrategy.noWatermarks(), 'numbers')
    .uid('numbers')
    .keyBy((i) => 'k' + ((i * 7919) % 5))
    .window(TumblingEventTimeWindows.of(Time.seconds(10)))
    .aggregate(
      { createAccumulator: () => 0, add: (_, n) => n + 1, getResult: (n) => n, merge: (a, b) => a + b },
      (key, ctx, counts, out) => {
        for (const n of counts) out.collect([key, ctx.window.start, n]);
      },
    )
    .uid('window-count');
};
`;
