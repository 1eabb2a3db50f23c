/**
 * The Workbench's job: a job module (source text importing the engine as `'rivulet'`, run by
 * `runJob` like any module typed on the Job page) that counts seeded events per key in tumbling
 * event-time windows, with exactly-once checkpoints so a reloaded page resumes it. Its settings come
 * from the module URL: the query string (`file:…/job.mjs?events=1000&keys=4`), or the fragment
 * for a Blob URL, which cannot carry a query (`blob:…#events=1000&keys=4`).
 *
 * The pipeline, in Flink terms:
 * 1. `fromSource`: a replayable, rate-limited seeded source (its checkpointed position is the next
 *    event index; event i is a pure function of the seed and i, the engine's seeded-events format),
 *    `WatermarkStrategy.forMonotonousTimestamps()`.
 * 2. `keyBy(key)` → `TumblingEventTimeWindows.of(windowMs)` → count (an AggregateFunction with a
 *    window function adding the window start): rows `[key, windowStart, count]` as windows fire.
 * 3. `live=<channel>`: each fired row is also posted on that BroadcastChannel for the page's live
 *    chart (an at-least-once sink: after a restore, replayed rows come again; the page upserts).
 * 4. `WindowCountTable` keeps every fired row of its key in checkpointed keyed state and emits them
 *    all when the input ends: the job's result, complete and exactly once even when the run resumed
 *    from a checkpoint taken after some windows had fired.
 *
 * @example
 * ```ts
 * const url = jobModuleUrlFromSource(TUMBLING_COUNT_JOB) + '#' + tumblingCountQuery(settings);
 * const rows = await runJob<WindowCountRow>(url, { parallelism: 2, jobId, restoreFrom: 'latest' });
 * ```
 */
export const TUMBLING_COUNT_JOB = `import {
  KeyedProcessFunction, ListStateDescriptor, RestartStrategies, RichSinkFunction, Time,
  TumblingEventTimeWindows, ValueStateDescriptor, WatermarkStrategy,
} from 'rivulet';

const url = new URL(import.meta.url);
const params = new URLSearchParams(url.search || url.hash.slice(1));
const num = (name, fallback) => {
  const value = Number(params.get(name) ?? fallback);
  if (!Number.isFinite(value)) throw new RangeError('tumbling count: setting "' + name + '" must be a number, got ' + params.get(name));
  return value;
};
const S = {
  events: num('events', 10000), keys: num('keys', 4), seed: num('seed', 42), startTime: num('startTime', 0),
  eventsPerSecond: num('eventsPerSecond', 1000), windowMs: num('windowMs', 1000), maxRate: num('maxRate', 0),
  batchSize: num('batchSize', 4096), checkpointMs: num('checkpointMs', 500), live: params.get('live'),
};

// mulberry32's n-th output in [0, 1) (the engine's seeded-events generator): any slice of the
// stream can be generated without the events before it, so the source replays from any position.
const GOLDEN = 0x6d2b79f5;
const randomAt = (seed, n) => {
  let t = (seed + Math.imul(n + 1, GOLDEN)) | 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const keyOf = (i) => Math.floor(randomAt(S.seed, 2 * i) * S.keys);
const timeOf = (i) => S.startTime + Math.floor((i * 1000) / S.eventsPerSecond);

// A replayable source (like a Kafka partition): records are keys, with their event time; the
// checkpointed position is the next event index. maxRate > 0 paces it in wall-clock time.
const seededEvents = {
  boundedness: 'BOUNDED',
  parallel: false,
  createReader(context, restored) {
    let next = restored ?? 0;
    const from = next;
    const started = Date.now();
    return {
      pollNext(out) {
        const due = S.maxRate > 0 ? from + Math.floor(((Date.now() - started) * S.maxRate) / 1000) : S.events;
        const stop = Math.min(S.events, due, next + S.batchSize);
        for (; next < stop; next++) out.collect(keyOf(next), timeOf(next));
        if (next >= S.events) return 'END_OF_INPUT';
        return next < due ? 'MORE_AVAILABLE' : 'NOTHING_AVAILABLE';
      },
      isAvailable: () => new Promise((resolve) => setTimeout(resolve, 10)),
      snapshotState: () => next,
      close() {},
    };
  },
};

const count = { createAccumulator: () => 0, add: (_, n) => n + 1, getResult: (n) => n, merge: (a, b) => a + b };

// Posts each fired row to the page (at-least-once: the page upserts by window and key).
class LivePreview extends RichSinkFunction {
  open() { this.channel = new BroadcastChannel(S.live); }
  invoke(row) { this.channel.postMessage(row); }
  close() { this.channel?.close(); }
}

// Every fired row of the key, kept in keyed state (so checkpoints carry it) and emitted when the
// input ends (the watermark then reaches +Infinity and fires the timer).
class WindowCountTable extends KeyedProcessFunction {
  open() {
    this.rows = this.getRuntimeContext().getListState(new ListStateDescriptor('rows'));
    this.armed = this.getRuntimeContext().getState(new ValueStateDescriptor('armed', false));
  }
  processElement(row, ctx) {
    this.rows.add(row);
    if (!this.armed.value()) {
      this.armed.update(true);
      ctx.timerService().registerEventTimeTimer(Number.MAX_VALUE);
    }
  }
  onTimer(_time, _ctx, out) {
    for (const row of this.rows.get()) out.collect(row);
  }
}

// Rows [key, windowStart, count]: each (window, key) with events exactly once.
export default (env) => {
  if (params.has('parallelism')) env.setParallelism(num('parallelism', 1));
  env.enableCheckpointing(S.checkpointMs);
  env.setRestartStrategy(RestartStrategies.fixedDelayRestart(3, 100));
  const fired = env
    .fromSource(seededEvents, WatermarkStrategy.forMonotonousTimestamps(), 'seeded-events')
    .uid('seeded-events')
    .keyBy((key) => key)
    .window(TumblingEventTimeWindows.of(Time.milliseconds(S.windowMs)))
    .aggregate(count, (key, ctx, counts, out) => {
      for (const n of counts) out.collect([key, ctx.window.start, n]);
    })
    .uid('window-count');
  if (S.live) fired.addSink(new LivePreview()).uid('live-preview');
  return fired.keyBy((row) => row[0]).process(new WindowCountTable()).uid('window-count-table');
};
`;

/** One result row of the job: `[key, windowStart, count]`. */
export type WindowCountRow = [key: number, windowStart: number, count: number];

/** The settings the job module reads from its URL. */
export interface TumblingCountParams {
  events: number;
  keys: number;
  seed: number;
  startTime: number;
  eventsPerSecond: number;
  windowMs: number;
  /** Wall-clock pacing, events per second; 0 = as fast as possible. */
  maxRate: number;
  batchSize: number;
  /** Operator parallelism (the job sets it on its environment). */
  parallelism?: number;
  /** Checkpoint interval in ms. Default 500. */
  checkpointMs?: number;
  /** BroadcastChannel name for the live preview of fired windows; none without it. */
  live?: string;
}

/**
 * The settings as the job module URL's query (or fragment) text.
 *
 * @example
 * ```ts
 * tumblingCountQuery({ events: 100, keys: 2, seed: 1, startTime: 0, eventsPerSecond: 10, windowMs: 1000, maxRate: 0, batchSize: 64 });
 * // 'events=100&keys=2&seed=1&startTime=0&eventsPerSecond=10&windowMs=1000&maxRate=0&batchSize=64'
 * ```
 */
export function tumblingCountQuery(params: TumblingCountParams): string {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined) as [string, string | number][];
  return new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString();
}
