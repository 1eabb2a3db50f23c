/**
 * Interval joins (Flink's KeyedStream.intervalJoin / IntervalJoinOperator): results equal a nested
 * loop over all pairs with the interval condition when nothing is late; late elements are dropped or
 * sent to the late side outputs; buffers are cleaned up when the watermark passes; state survives
 * snapshots and failures; the worker runtime gives the inline runtime's results at parallelism 1, 2, 4.
 */
import { describe, expect, it } from 'vitest';
import {
  InlineExecutor,
  IntervalJoinOperator,
  ManualProcessingTimeService,
  MemoryCheckpointStorage,
  OneInputStreamOperatorTestHarness,
  OutputTag,
  ProcessFunction,
  ProcessJoinFunction,
  RestartStrategies,
  RichMapFunction,
  StreamExecutionEnvironment,
  Time,
  Watermark,
  WatermarkStrategy,
  runJob,
  type Collector,
  type IntervalJoinSpec,
  type OneInputStreamOperator,
  type OperatorContext,
  type Output,
  type ProcessContext,
  type ProcessJoinContext,
  type WatermarkGenerator,
} from '../../../../src/engine/index.ts';
import { running, trackingFactory } from '../fixtures/tracking-workers.ts';
import {
  KEYS as JOB_KEYS,
  LOWER as JOB_LOWER,
  N as JOB_N,
  UPPER as JOB_UPPER,
  leftEvent,
  rightEvent,
} from '../runtime/jobs/interval-join.ts';

type Ev = { k: number; id: string; ts: number };

/** A watermark after every new maximum timestamp: max − outOfOrderness − 1 (deterministic, no clock). */
function punctuated<T>(outOfOrderness: number): WatermarkGenerator<T> {
  let max = Number.NEGATIVE_INFINITY;
  return {
    onEvent: (_e, ts, out) => {
      if (ts > max) {
        max = ts;
        out.emitWatermark(new Watermark(max - outOfOrderness - 1));
      }
    },
    onPeriodicEmit: () => {},
  };
}
const punctuatedStrategy = <T extends { ts: number }>(outOfOrderness: number) =>
  WatermarkStrategy.forGenerator<T>(() => punctuated<T>(outOfOrderness)).withTimestampAssigner((e) => e.ts);

/** Seeded pseudo-random numbers in [0, 1) (LCG), so inputs are the same every run. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * Events i = 0..n-1 with ts = 2i + [0, 10] are out of order by at most 8 ms: with this bound the
 * watermark stays just behind the elements (none is late), so a buffer cleaned up too early loses pairs.
 */
const OUT_OF_ORDERNESS = 8;
function events(prefix: string, n: number, seed: number): Ev[] {
  const r = random(seed);
  return Array.from({ length: n }, (_, i) => ({
    k: Math.floor(r() * 3),
    id: `${prefix}${i}`,
    ts: 2 * i + Math.floor(r() * 11),
  }));
}

const row = (l: Ev, r: Ev, ts: number) => `${l.id}|${r.id}|${l.ts}|${r.ts}|${ts}`;

/** The nested loop over all pairs: what Flink's interval join emits when nothing is late. */
function bruteForce(lefts: Ev[], rights: Ev[], b: Bounds): string[] {
  const out: string[] = [];
  for (const l of lefts) {
    for (const r of rights) {
      if (l.k !== r.k) continue;
      const aboveLower = b.lowerExclusive ? r.ts > l.ts + b.lower : r.ts >= l.ts + b.lower;
      const belowUpper = b.upperExclusive ? r.ts < l.ts + b.upper : r.ts <= l.ts + b.upper;
      if (aboveLower && belowUpper) out.push(`${row(l, r, Math.max(l.ts, r.ts))}|${Math.max(l.ts, r.ts)}`);
    }
  }
  return out.sort();
}

type Bounds = { lower: number; upper: number; lowerExclusive?: boolean; upperExclusive?: boolean };

/** Emits "row|timestamp the record carries downstream". */
class AppendTimestamp extends ProcessFunction<string, string> {
  processElement(v: string, ctx: ProcessContext, out: Collector<string>): void {
    out.collect(`${v}|${ctx.timestamp()}`);
  }
}

async function joinInline(
  lefts: Ev[],
  rights: Ev[],
  b: Bounds,
  parallelism: number,
  batchSize = 1024,
): Promise<string[]> {
  const env = StreamExecutionEnvironment.getExecutionEnvironment({ parallelism });
  // Small batches interleave the two sources' records and watermarks at the join.
  env.getConfig().setBatchSize(batchSize);
  const left = env
    .fromCollection(lefts)
    .assignTimestampsAndWatermarks(punctuatedStrategy<Ev>(OUT_OF_ORDERNESS))
    .keyBy((e) => e.k);
  const right = env
    .fromCollection(rights)
    .assignTimestampsAndWatermarks(punctuatedStrategy<Ev>(OUT_OF_ORDERNESS))
    .keyBy((e) => e.k);
  let joined = left.intervalJoin(right).inEventTime().between(b.lower, b.upper);
  if (b.lowerExclusive) joined = joined.lowerBoundExclusive();
  if (b.upperExclusive) joined = joined.upperBoundExclusive();
  const out = await joined
    .process((l: Ev, r: Ev, ctx: ProcessJoinContext, o: Collector<string>) =>
      o.collect(row(l, r, ctx.getTimestamp())),
    )
    .process(new AppendTimestamp())
    .executeAndCollect();
  return out.sort();
}

describe('interval join: results', () => {
  const lefts = events('a', 150, 1);
  const rights = events('b', 150, 2);

  it.each<[string, Bounds]>([
    ['[-5, 5]', { lower: -5, upper: 5 }],
    ['[0, 0]', { lower: 0, upper: 0 }],
    ['[-10, -3] (both negative)', { lower: -10, upper: -3 }],
    ['[3, 12] (both positive)', { lower: 3, upper: 12 }],
    ['(0, 6]', { lower: 0, upper: 6, lowerExclusive: true }],
    ['[-6, 0)', { lower: -6, upper: 0, upperExclusive: true }],
    ['(-4, 4)', { lower: -4, upper: 4, lowerExclusive: true, upperExclusive: true }],
    ['(-1, 1): equal timestamps only', { lower: -1, upper: 1, lowerExclusive: true, upperExclusive: true }],
  ])('%s equals the nested loop over all pairs (out-of-order input, p1 and p2)', async (_name, b) => {
    const expected = bruteForce(lefts, rights, b);
    expect(expected.length).toBeGreaterThan(5);
    for (const [parallelism, batchSize] of [
      [1, 1024],
      [1, 1],
      [2, 3],
      [2, 16],
    ]) {
      expect(
        await joinInline(lefts, rights, b, parallelism, batchSize),
        `parallelism ${parallelism}, batch size ${batchSize}`,
      ).toEqual(expected);
    }
  });

  it('(0, 0] is empty, as in Flink (the exclusive lower bound moves past the upper)', async () => {
    const b = { lower: 0, upper: 0, lowerExclusive: true };
    expect(bruteForce(lefts, rights, { lower: 0, upper: 0 }).length).toBeGreaterThan(0);
    expect(bruteForce(lefts, rights, b)).toEqual([]);
    expect(await joinInline(lefts, rights, b, 2)).toEqual([]);
  });

  it('a rich ProcessJoinFunction gets open(), its runtime context, the timestamps and side outputs', async () => {
    const env = StreamExecutionEnvironment.getExecutionEnvironment({ parallelism: 2 });
    const sameTime = new OutputTag<string>('same-time');
    const opened: number[] = [];
    class Join extends ProcessJoinFunction<Ev, [number, string, number], string> {
      private subtask = -1;
      override open(): void {
        this.subtask = this.getRuntimeContext().getIndexOfThisSubtask();
        opened.push(this.subtask);
      }
      processElement(l: Ev, r: [number, string, number], ctx: ProcessJoinContext, out: Collector<string>) {
        if (this.subtask < 0) throw new Error('not opened');
        const s = `${l.id}+${r[1]}@${ctx.getLeftTimestamp()},${ctx.getRightTimestamp()}->${ctx.getTimestamp()}`;
        if (ctx.getLeftTimestamp() === ctx.getRightTimestamp()) ctx.output(sameTime, s);
        else out.collect(s);
      }
    }
    const left = env
      .fromElements<Ev>({ k: 1, id: 'x', ts: 10 }, { k: 2, id: 'y', ts: 20 })
      .assignTimestampsAndWatermarks(punctuatedStrategy<Ev>(5))
      .keyBy((e) => e.k);
    const right = env
      .fromElements<[number, string, number]>([1, 'p', 13], [1, 'q', 10], [2, 'r', 19], [1, 's', 30])
      .assignTimestampsAndWatermarks(
        WatermarkStrategy.forGenerator<[number, string, number]>(() => punctuated(5)).withTimestampAssigner(
          (t) => t[2],
        ),
      )
      .keyBy((t) => t[0]);
    const joined = left
      .intervalJoin(right)
      .between(Time.milliseconds(-2), Time.milliseconds(5))
      .process(new Join());
    const side = joined.getSideOutput(sameTime).collectAsync();
    const main = joined.collectAsync();
    await env.execute('rich join').result;
    expect(main.sort()).toEqual(['x+p@10,13->13', 'y+r@20,19->20']);
    expect(side).toEqual(['x+q@10,10->10']);
    expect(opened.sort()).toEqual([0, 1]);
  });
});

describe('interval join: late elements', () => {
  type Tagged = Ev & { side: 'L' | 'R' };
  // One source in this order, watermark = max ts − 1 after each new maximum, so lateness is exact:
  // a2 (ts 1000) moves the watermark to 999; a3@500, b2@998 and b4@5 come after it: late.
  const input: Tagged[] = [
    { side: 'L', k: 1, id: 'a1', ts: 10 },
    { side: 'R', k: 1, id: 'b1', ts: 12 },
    { side: 'L', k: 1, id: 'a2', ts: 1000 },
    { side: 'L', k: 1, id: 'a3', ts: 500 },
    { side: 'R', k: 1, id: 'b2', ts: 998 },
    { side: 'R', k: 1, id: 'b3', ts: 999 },
    { side: 'L', k: 1, id: 'a4', ts: 999 },
    { side: 'R', k: 1, id: 'b4', ts: 5 },
  ];

  async function run(withTags: boolean) {
    const env = StreamExecutionEnvironment.getExecutionEnvironment({ parallelism: 2 });
    const lateLeft = new OutputTag<Tagged>('late-left');
    const lateRight = new OutputTag<Tagged>('late-right');
    // Everything before the join runs in one subtask, so the join sees the source's order.
    const src = env
      .fromCollection(input)
      .assignTimestampsAndWatermarks(punctuatedStrategy<Tagged>(0))
      .setParallelism(1);
    const left = src
      .filter((e) => e.side === 'L')
      .setParallelism(1)
      .keyBy((e) => e.k);
    const right = src
      .filter((e) => e.side === 'R')
      .setParallelism(1)
      .keyBy((e) => e.k);
    let joined = left.intervalJoin(right).between(-5, 5);
    if (withTags) joined = joined.sideOutputLeftLateData(lateLeft).sideOutputRightLateData(lateRight);
    const result = joined.process((l: Tagged, r: Tagged, ctx: ProcessJoinContext, out: Collector<string>) =>
      out.collect(`${l.id}+${r.id}@${ctx.getTimestamp()}`),
    );
    const main = result.collectAsync();
    const ll = result.getSideOutput(lateLeft).process(new LateRow()).collectAsync();
    const lr = result.getSideOutput(lateRight).process(new LateRow()).collectAsync();
    await env.execute('late').result;
    return { main: main.sort(), lateLeft: ll.sort(), lateRight: lr.sort() };
  }
  class LateRow extends ProcessFunction<Tagged, string> {
    processElement(e: Tagged, ctx: ProcessContext, out: Collector<string>): void {
      out.collect(`${e.id}@${ctx.timestamp()}`);
    }
  }

  it('are sent to the late side outputs of their side, with their timestamps, and never joined', async () => {
    const r = await run(true);
    expect(r.main).toEqual(['a1+b1@12', 'a2+b3@1000', 'a4+b3@999']);
    expect(r.lateLeft).toEqual(['a3@500']);
    expect(r.lateRight).toEqual(['b2@998', 'b4@5']);
  });

  it('are dropped without side outputs', async () => {
    const r = await run(false);
    expect(r.main).toEqual(['a1+b1@12', 'a2+b3@1000', 'a4+b3@999']);
    expect(r.lateLeft).toEqual([]);
    expect(r.lateRight).toEqual([]);
  });
});

/** Drives the two-input operator through the one-input harness: { side, v } picks the input. */
type Sided = { side: 'L' | 'R'; v: Ev };
class TwoInputAdapter implements OneInputStreamOperator<Sided, string> {
  constructor(readonly op: IntervalJoinOperator<Ev, Ev, string>) {}
  setup(context: OperatorContext, output: Output<string>): void {
    this.op.setup(context, output);
  }
  open(): void {
    this.op.open();
  }
  processElement(e: Sided, ts: number): void {
    if (e.side === 'L') this.op.processElement1(e.v, ts);
    else this.op.processElement2(e.v, ts);
  }
  processWatermark(w: number): void {
    this.op.processWatermark(w);
  }
  endInput(): void {
    this.op.endInput();
  }
  close(): void {
    this.op.close();
  }
}

function harness(b: Bounds) {
  const spec: IntervalJoinSpec<Ev, Ev, string> = {
    lowerBound: b.lower,
    upperBound: b.upper,
    lowerBoundInclusive: !b.lowerExclusive,
    upperBoundInclusive: !b.upperExclusive,
    leftLateDataOutputTag: null,
    rightLateDataOutputTag: null,
    fn: (l, r, ctx, out) => out.collect(row(l, r, ctx.getTimestamp())),
  };
  const op = new IntervalJoinOperator(spec);
  const h = new OneInputStreamOperatorTestHarness<Sided, string>(new TwoInputAdapter(op), {
    keySelector: (e) => e.v.k,
    operatorName: 'Interval Join',
  });
  return { h, op };
}

/** Buffered timestamps per side, from the operator's keyed state as a snapshot sees it: "key@ts×n". */
function buffered(h: OneInputStreamOperatorTestHarness<Sided, string>, state: string): string[] {
  const out: string[] = [];
  const snap = h.snapshot().keyedState!;
  for (const byName of Object.values(snap.keyGroups)) {
    for (const [key, , pairs] of byName[state] ?? []) {
      for (const [ts, list] of pairs as [number, unknown[]][]) out.push(`${key}@${ts}x${list.length}`);
    }
  }
  return out.sort();
}

describe('interval join: state cleanup', () => {
  // A left element at t can still join right elements up to t + upper, a right element at t left
  // elements up to t − lower: the buffers keep them until the watermark reaches t + max(upper, 0)
  // (left) or t + max(−lower, 0) (right), then drop them.
  it.each<[string, Bounds]>([
    ['[-10, 20]', { lower: -10, upper: 20 }],
    ['[5, 15]', { lower: 5, upper: 15 }],
    ['[-15, -5]', { lower: -15, upper: -5 }],
    ['[0, 0]', { lower: 0, upper: 0 }],
    ['(-10, 20)', { lower: -10, upper: 20, lowerExclusive: true, upperExclusive: true }],
  ])('%s: buffers shrink exactly as the watermark passes', (_name, b) => {
    const { h } = harness(b);
    h.open();
    const upper = b.upperExclusive ? b.upper - 1 : b.upper;
    const lower = b.lowerExclusive ? b.lower + 1 : b.lower;
    const lefts = [100, 100, 110, 130].map((ts, i) => ({ k: i % 2, id: `a${i}`, ts }));
    const rights = [95, 105, 120, 140].map((ts, i) => ({ k: i % 2, id: `b${i}`, ts }));
    for (let i = 0; i < 4; i++) {
      h.processElement({ side: 'L', v: lefts[i] }, lefts[i].ts);
      h.processElement({ side: 'R', v: rights[i] }, rights[i].ts);
    }
    const expectLeft = (wm: number) => {
      const counts = new Map<string, number>();
      for (const l of lefts) {
        if (wm >= l.ts + Math.max(upper, 0)) continue;
        const k = `${l.k}@${l.ts}`;
        counts.set(k, (counts.get(k) ?? 0) + 1);
      }
      return [...counts].map(([k, n]) => `${k}x${n}`).sort();
    };
    const expectRight = (wm: number) =>
      rights
        .filter((r) => wm < r.ts + Math.max(-lower, 0))
        .map((r) => `${r.k}@${r.ts}x1`)
        .sort();
    expect(buffered(h, 'LEFT_BUFFER')).toEqual(expectLeft(Number.NEGATIVE_INFINITY));
    expect(buffered(h, 'RIGHT_BUFFER')).toEqual(expectRight(Number.NEGATIVE_INFINITY));
    for (let wm = 90; wm <= 200; wm++) {
      h.processWatermark(wm);
      expect(buffered(h, 'LEFT_BUFFER'), `left at watermark ${wm}`).toEqual(expectLeft(wm));
      expect(buffered(h, 'RIGHT_BUFFER'), `right at watermark ${wm}`).toEqual(expectRight(wm));
    }
    expect(h.numKeyedStateEntries()).toBe(0);
    expect(h.numEventTimeTimers()).toBe(0);
    // The results are still the nested loop's.
    const expected = bruteForce(lefts, rights, b).map((s) => s.slice(0, s.lastIndexOf('|')));
    expect(h.extractOutputValues().sort()).toEqual(expected);
  });

  it('an element that would have joined an expired one (had it not been late) does not', () => {
    const { h, op } = harness({ lower: -10, upper: 10 });
    h.open();
    h.processElement({ side: 'L', v: { k: 1, id: 'a', ts: 100 } }, 100);
    h.processWatermark(110); // left bucket 100 is dropped at 100 + 10
    expect(buffered(h, 'LEFT_BUFFER')).toEqual([]);
    h.processElement({ side: 'R', v: { k: 1, id: 'b', ts: 109 } }, 109); // late: dropped
    h.processElement({ side: 'R', v: { k: 1, id: 'c', ts: 110 } }, 110); // on time: 110 > 100 + 10
    expect(h.extractOutputValues()).toEqual([]);
    expect(op.numLateRecordsDropped).toBe(1);
    expect(buffered(h, 'RIGHT_BUFFER')).toEqual(['1@110x1']);
  });

  it('buffers and timers survive a snapshot: restored, the join goes on as if uninterrupted', () => {
    const b = { lower: -6, upper: 4 };
    const lefts = events('a', 80, 3);
    const rights = events('b', 80, 4);
    const feed = (h: OneInputStreamOperatorTestHarness<Sided, string>, from: number, to: number) => {
      for (let i = from; i < to; i++) {
        h.processElement({ side: 'L', v: lefts[i] }, lefts[i].ts);
        h.processElement({ side: 'R', v: rights[i] }, rights[i].ts);
        if (i % 10 === 9) h.processWatermark(2 * i - OUT_OF_ORDERNESS);
      }
    };
    const first = harness(b).h;
    first.open();
    feed(first, 0, 40);
    const snapshot = first.snapshot();
    expect(buffered(first, 'LEFT_BUFFER').length).toBeGreaterThan(0);
    expect(first.numEventTimeTimers()).toBeGreaterThan(0);
    const second = harness(b).h;
    second.initializeState([snapshot]);
    second.open();
    expect(buffered(second, 'LEFT_BUFFER')).toEqual(buffered(first, 'LEFT_BUFFER'));
    expect(second.numEventTimeTimers()).toBe(first.numEventTimeTimers());
    feed(second, 40, 80);
    second.processWatermark(Number.POSITIVE_INFINITY);
    const all = [...first.extractOutputValues(), ...second.extractOutputValues()].sort();
    expect(all).toEqual(bruteForce(lefts, rights, b).map((s) => s.slice(0, s.lastIndexOf('|'))));
    expect(second.numKeyedStateEntries()).toBe(0);
  });
});

describe('interval join: errors', () => {
  const env = () => StreamExecutionEnvironment.getExecutionEnvironment();
  const keyed = (e = env()) => e.fromElements<Ev>({ k: 1, id: 'x', ts: 1 }).keyBy((x) => x.k);

  it('refuses a lower bound above the upper bound, and bounds that are not finite', () => {
    const e = env();
    expect(() => keyed(e).intervalJoin(keyed(e)).between(5, -5)).toThrow(
      /lower bound \(5 ms\) must be <= the upper bound \(-5 ms\)/,
    );
    expect(() => keyed(e).intervalJoin(keyed(e)).between(Time.seconds(1), Time.milliseconds(999))).toThrow(
      /must be <= the upper bound/,
    );
    expect(() => keyed(e).intervalJoin(keyed(e)).between(Number.NaN, 5)).toThrow(
      /lower bound must be a finite/,
    );
    expect(() => keyed(e).intervalJoin(keyed(e)).between(0, Number.POSITIVE_INFINITY)).toThrow(
      /upper bound must be a finite/,
    );
    expect(() =>
      keyed(e)
        .intervalJoin(keyed(e))
        .between('5' as never, 6),
    ).toThrow(/expected milliseconds/);
    expect(() => keyed(e).intervalJoin(keyed(e)).between(-5, 5)).not.toThrow();
  });

  it('refuses processing time, a non-keyed other stream, other environments, bad functions and tags', () => {
    const e = env();
    expect(() => keyed(e).intervalJoin(keyed(e)).inProcessingTime()).toThrow(
      /only event time is supported.*use inEventTime\(\)/,
    );
    expect(() => keyed(e).intervalJoin(e.fromElements<Ev>({ k: 1, id: 'y', ts: 2 }) as never)).toThrow(
      /both streams must be keyed; call keyBy\(\.\.\.\) on the other stream/,
    );
    expect(() => keyed(e).intervalJoin(keyed(env()))).toThrow(/same StreamExecutionEnvironment/);
    const joined = keyed(e).intervalJoin(keyed(e)).between(0, 1);
    expect(() => joined.process(42 as never)).toThrow(/processElement/);
    expect(() => joined.process({ join: () => {} } as never)).toThrow(/processElement/);
    expect(() => joined.sideOutputLeftLateData(null as never)).toThrow(/expected an OutputTag/);
    expect(() => joined.sideOutputRightLateData('late' as never)).toThrow(/expected an OutputTag/);
  });

  it('fails the job, naming the operator and the fix, when elements have no timestamps', async () => {
    const e = env();
    const left = e.fromElements<Ev>({ k: 1, id: 'x', ts: 1 }).keyBy((x) => x.k);
    const right = e.fromElements<Ev>({ k: 1, id: 'y', ts: 1 }).keyBy((x) => x.k);
    const job = left
      .intervalJoin(right)
      .between(-1, 1)
      .process((l: Ev, r: Ev, _c: ProcessJoinContext, out: Collector<string>) => out.collect(l.id + r.id))
      .executeAndCollect();
    await expect(job).rejects.toThrow(
      /Operator "Interval Join".*failed in processElement[12]\(\).*has no timestamp.*assignTimestampsAndWatermarks/s,
    );
  });

  it('a throwing join function fails the job naming the operator and the pair', async () => {
    const e = env();
    const left = e
      .fromElements<Ev>({ k: 1, id: 'x', ts: 1 })
      .assignTimestampsAndWatermarks(punctuatedStrategy(0));
    const right = e
      .fromElements<Ev>({ k: 1, id: 'y', ts: 1 })
      .assignTimestampsAndWatermarks(punctuatedStrategy(0));
    const job = left
      .keyBy((x) => x.k)
      .intervalJoin(right.keyBy((x) => x.k))
      .between(0, 0)
      .process(() => {
        throw new Error('boom');
      })
      .executeAndCollect();
    await expect(job).rejects.toThrow(/Operator "Interval Join".*ProcessJoinFunction.*boom/s);
  });
});

describe('interval join: checkpoints', () => {
  const N = 12_000;
  const KEYS = 13;
  const BOUNDS = { lower: -30, upper: 30 };
  type L = { k: number; id: number; ts: number };

  /** Throws at the first record >= failAt[attempt]; moves the manual clock 50 ms every 500 records. */
  class FailingMapper extends RichMapFunction<number, number> {
    constructor(
      private readonly failAt: readonly number[],
      private readonly clock: ManualProcessingTimeService,
      /** The first record each attempt mapped. */
      private readonly firstRecord: Map<number, number>,
    ) {
      super();
    }
    map(i: number): number {
      const attempt = this.getRuntimeContext().getAttemptNumber();
      if (!this.firstRecord.has(attempt)) this.firstRecord.set(attempt, i);
      if (attempt < this.failAt.length && i >= this.failAt[attempt])
        throw new Error(`planned failure at ${i} on attempt ${attempt}`);
      if (i % 500 === 0) this.clock.advanceTo(this.clock.getCurrentProcessingTime() + 50);
      return i;
    }
  }

  async function run(failAt: number[]) {
    const clock = new ManualProcessingTimeService();
    const env = StreamExecutionEnvironment.getExecutionEnvironment({
      parallelism: 2,
      processingTimeService: clock,
      executor: new InlineExecutor({ processingTimeService: clock, yieldIntervalMs: 0 }),
    });
    const storage = new MemoryCheckpointStorage();
    env.setRunOptions({ jobId: 'interval-join-failover' });
    env.enableCheckpointing(50);
    env.getCheckpointConfig().setCheckpointStorage(storage);
    env.setRestartStrategy(RestartStrategies.fixedDelayRestart(failAt.length, 0));
    const firstRecord = new Map<number, number>();
    const left = env
      .fromSequence(0, N - 1)
      .setParallelism(1)
      .uid('left-source')
      .map(new FailingMapper(failAt, clock, firstRecord))
      .setParallelism(1)
      .uid('failing-mapper')
      .map((i): L => ({ k: i % KEYS, id: i, ts: 2 * i }))
      .uid('left-events')
      .assignTimestampsAndWatermarks(
        WatermarkStrategy.forMonotonousTimestamps<L>().withTimestampAssigner((e) => e.ts),
      )
      .uid('left-watermarks')
      .keyBy((e) => e.k);
    const right = env
      .fromSequence(0, N - 1)
      .setParallelism(1)
      .uid('right-source')
      .map((i): [number, number, number] => [i % KEYS, i, 2 * i + 1])
      .uid('right-events')
      .assignTimestampsAndWatermarks(
        WatermarkStrategy.forMonotonousTimestamps<[number, number, number]>().withTimestampAssigner(
          (t) => t[2],
        ),
      )
      .uid('right-watermarks')
      .keyBy((t) => t[0]);
    const rows = await left
      .intervalJoin(right)
      .between(BOUNDS.lower, BOUNDS.upper)
      .process((l: L, r: [number, number, number], ctx: ProcessJoinContext, out: Collector<string>) =>
        out.collect(`${l.id}|${r[1]}|${ctx.getTimestamp()}`),
      )
      .uid('interval-join')
      .executeAndCollect();
    return { rows: rows.sort(), firstRecord, checkpoints: await storage.list('interval-join-failover') };
  }

  it('with planned failures, restored join state gives exactly the nested loop result', async () => {
    // Nested loop per key (left ts 2i, right ts 2j + 1).
    const expected: string[] = [];
    for (let k = 0; k < KEYS; k++) {
      for (let i = k; i < N; i += KEYS) {
        for (let j = k; j < N; j += KEYS) {
          const lt = 2 * i;
          const rt = 2 * j + 1;
          if (rt >= lt + BOUNDS.lower && rt <= lt + BOUNDS.upper)
            expected.push(`${i}|${j}|${Math.max(lt, rt)}`);
        }
      }
    }
    expected.sort();
    expect(expected.length).toBeGreaterThan(N);
    const failAt = [2_345, 6_001, 11_500];
    const r = await run(failAt);
    // Every planned failure happened, and the restarts resumed from checkpoints, not from the start:
    // join state buffered before a checkpoint had to come back for the pairs across it.
    expect([...r.firstRecord.keys()]).toEqual([0, 1, 2, 3]);
    for (let attempt = 1; attempt <= failAt.length; attempt++) {
      expect(r.firstRecord.get(attempt)).toBeGreaterThan(0);
    }
    expect(r.checkpoints.length).toBeGreaterThan(0);
    expect(r.rows.length).toBe(expected.length);
    expect(r.rows).toEqual(expected);
  }, 120_000);
});

describe('interval join: worker runtime', () => {
  const job = new URL('../runtime/jobs/interval-join.ts', import.meta.url).href;
  const canonical = (xs: unknown[]) => xs.map((x) => JSON.stringify(x)).sort();

  it('gives the inline results (= the nested loop) at parallelism 1, 2 and 4', async () => {
    const lefts = Array.from({ length: JOB_N }, (_, i) => leftEvent(i));
    const rights = Array.from({ length: JOB_N }, (_, i) => rightEvent(i));
    const expected: unknown[] = [];
    for (const l of lefts) {
      for (const r of rights) {
        if (l.k !== r[0] || r[2] < l.ts + JOB_LOWER || r[2] > l.ts + JOB_UPPER) continue;
        const ts = Math.max(l.ts, r[2]);
        expected.push([l.id, r[1], l.ts, r[2], ts, ts]);
      }
    }
    expect(new Set(lefts.map((l) => l.k)).size).toBe(JOB_KEYS);
    expect(expected.length).toBeGreaterThan(JOB_N / 2);
    const inline = canonical(await runJob(job, { parallelism: 2 }));
    expect(inline).toEqual(canonical(expected));
    for (const parallelism of [1, 2, 4]) {
      const { spawn, threads } = trackingFactory();
      const out = await runJob(job, {
        parallelism,
        runtime: 'workers',
        workers: parallelism,
        spawnWorker: spawn,
        cluster: { maxWorkers: 4 },
      });
      expect(canonical(out), `parallelism ${parallelism}`).toEqual(inline);
      expect(running(threads)).toBe(0);
    }
  }, 120_000);
});
