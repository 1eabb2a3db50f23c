import { describe, expect, it } from 'vitest';
import {
  ManualProcessingTimeService,
  RichParallelSourceFunction,
  StreamExecutionEnvironment,
  Time,
  TumblingEventTimeWindows,
  WatermarkStrategy,
  type Collector,
  type RuntimeExecutionMode,
  type SourceContext,
} from '../../../../src/engine/index.ts';

const text = ['the quick brown fox', 'jumps over the lazy dog', 'the end', 'fox and dog'];
const byString = (a: unknown, b: unknown) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1);

async function wordCount(parallelism: number, mode: RuntimeExecutionMode = 'STREAMING') {
  const env = StreamExecutionEnvironment.getExecutionEnvironment({ parallelism, runtimeMode: mode });
  const out = await env
    .fromCollection(text)
    .rebalance()
    .flatMap((line: string, o: Collector<[string, number]>) =>
      line.split(' ').forEach((w) => o.collect([w, 1])),
    )
    .keyBy((t) => t[0])
    .sum(1)
    .executeAndCollect();
  return out.sort(byString);
}

type Click = { user: string; ts: number };
const clicks: Click[] = [
  { user: 'u1', ts: 1_000 },
  { user: 'u2', ts: 2_000 },
  { user: 'u1', ts: 9_000 },
  { user: 'u1', ts: 11_000 },
  { user: 'u2', ts: 25_000 },
  { user: 'u2', ts: 3_000 }, // out of order; not late: only the final watermark arrives (see below)
];

async function windowCounts(parallelism: number, mode: RuntimeExecutionMode) {
  // A manual clock: no periodic watermarks, so streaming sees only the final watermark here and
  // no record is late; then BATCH and STREAMING must agree exactly.
  const env = StreamExecutionEnvironment.getExecutionEnvironment({
    parallelism,
    runtimeMode: mode,
    processingTimeService: new ManualProcessingTimeService(),
  });
  const out = await env
    .fromCollection(clicks)
    .assignTimestampsAndWatermarks(
      WatermarkStrategy.forBoundedOutOfOrderness<Click>(5000).withTimestampAssigner((c) => c.ts),
    )
    .map((c) => ({ user: c.user, n: 1 }))
    .keyBy((c) => c.user)
    .window(TumblingEventTimeWindows.of(Time.seconds(10)))
    .sum('n')
    .executeAndCollect();
  return out.sort(byString);
}

describe('parallelism', () => {
  it('parallelism 1, 2 and 4 give the same multiset of rolling word counts', async () => {
    const p1 = await wordCount(1);
    // Per word w seen n times the rolling sums are (w,1)..(w,n) whatever the arrival order.
    expect(p1.filter((t) => t[0] === 'the')).toEqual([
      ['the', 1],
      ['the', 2],
      ['the', 3],
    ]);
    expect(p1).toHaveLength(14); // 14 words in the text
    expect(await wordCount(2)).toEqual(p1);
    expect(await wordCount(4)).toEqual(p1);
  });

  it("a parallel source function's runtime context reports its subtask, parallelism and max parallelism", async () => {
    class Describe extends RichParallelSourceFunction<string> {
      run(ctx: SourceContext<string>): void {
        const rc = this.getRuntimeContext();
        ctx.collect(
          `${rc.getIndexOfThisSubtask()}/${rc.getNumberOfParallelSubtasks()}/${rc.getMaxNumberOfParallelSubtasks()}`,
        );
      }
      override cancel(): void {}
    }
    const env = StreamExecutionEnvironment.getExecutionEnvironment({ parallelism: 2 });
    env.setMaxParallelism(64);
    // Flink: getMaxNumberOfParallelSubtasks() is the vertex's max parallelism, not its parallelism.
    expect((await env.addSource(new Describe()).executeAndCollect()).sort()).toEqual(['0/2/64', '1/2/64']);
  });

  it('hash partitioning sends each key to the subtask owning its key group', async () => {
    const env = StreamExecutionEnvironment.getExecutionEnvironment({ parallelism: 4 });
    const seen = await env
      .fromElements('a', 'b', 'c', 'a', 'b', 'c')
      .keyBy((s) => s)
      .map({ map: (s: string) => s })
      .executeAndCollect();
    expect(seen.sort()).toEqual(['a', 'a', 'b', 'b', 'c', 'c']);
    const { assignKeyToParallelOperator } = await import('../../../../src/engine/state/key-groups.ts');
    // The subtask is Flink's: murmurHash(hashCode(key)) % 128 → keyGroup * 4 / 128.
    const env2 = StreamExecutionEnvironment.getExecutionEnvironment({ parallelism: 4 });
    const { RichMapFunction } = await import('../../../../src/engine/index.ts');
    class Tag extends RichMapFunction<string, string> {
      map(s: string): string {
        return `${s}@${this.getRuntimeContext().getIndexOfThisSubtask()}`;
      }
    }
    const tagged = await env2
      .fromElements('a', 'b', 'c', 'd', 'e')
      .keyBy((s) => s)
      .map(new Tag())
      .executeAndCollect();
    expect(tagged.sort()).toEqual(
      ['a', 'b', 'c', 'd', 'e'].map((k) => `${k}@${assignKeyToParallelOperator(k, 128, 4)}`),
    );
  });

  it('rebalance spreads round robin; global sends everything to subtask 0', async () => {
    const { RichMapFunction } = await import('../../../../src/engine/index.ts');
    class Sub extends RichMapFunction<number, number> {
      map(): number {
        return this.getRuntimeContext().getIndexOfThisSubtask();
      }
    }
    const env = StreamExecutionEnvironment.getExecutionEnvironment({ parallelism: 3 });
    const spread = await env.fromElements(1, 2, 3, 4, 5, 6).rebalance().map(new Sub()).executeAndCollect();
    expect(spread.sort()).toEqual([0, 0, 1, 1, 2, 2]);
    const env2 = StreamExecutionEnvironment.getExecutionEnvironment({ parallelism: 3 });
    const all = await env2.fromSequence(1, 30).global().map(new Sub()).executeAndCollect();
    expect(new Set(all)).toEqual(new Set([0]));
    const env3 = StreamExecutionEnvironment.getExecutionEnvironment({ parallelism: 3 });
    const custom = await env3
      .fromSequence(1, 9)
      .partitionCustom(
        (k: number, n) => k % n,
        (x) => x,
      )
      .map(new Sub())
      .executeAndCollect();
    expect(custom.sort()).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 2]);
    const env4 = StreamExecutionEnvironment.getExecutionEnvironment({ parallelism: 2 });
    const everywhere = await env4.fromElements('x').broadcast().map(new Sub()).executeAndCollect();
    expect(everywhere.sort()).toEqual([0, 1]);
  });

  it('the partitioning applied last wins: rebalance().keyBy(k) is hash-partitioned, as in Flink', async () => {
    // Flink resolves nested virtual partition nodes to the outermost partitioner, so keyed state
    // sees every record of a key in one subtask: the rolling count per key ends at its true total.
    const env = StreamExecutionEnvironment.getExecutionEnvironment({ parallelism: 2 });
    const out = await env
      .fromSequence(1, 40)
      .map((n: number): [number, number] => [n % 4, n])
      .rebalance()
      .keyBy((t) => t[0])
      .sum(1)
      .executeAndCollect();
    // Per key k = n % 4, the last running sum is the sum of 1..40 with that residue: 220, 190, 200, 210.
    const finalByKey = new Map<number, number>();
    for (const [k, sum] of out) finalByKey.set(k, Math.max(finalByKey.get(k) ?? 0, sum));
    expect([...finalByKey.entries()].sort((x, y) => x[0] - y[0])).toEqual([
      [0, 220],
      [1, 190],
      [2, 200],
      [3, 210],
    ]);
    expect(out).toHaveLength(40);
  });

  it('the plan shows chains and partitioning', () => {
    const env = StreamExecutionEnvironment.getExecutionEnvironment({ parallelism: 2 });
    env
      .fromSequence(1, 10)
      .map((x) => x)
      .keyBy((x) => x % 3)
      .sum(0)
      .print();
    const plan = env.getJobPlan('demo');
    expect(plan.vertices.map((v) => [v.name, v.parallelism])).toEqual([
      ['Source: Sequence Source -> Map', 2],
      ['Keyed Aggregation -> Sink: Print to Std. Out', 2],
    ]);
    expect(plan.edges).toEqual([{ source: 0, target: 1, partitioning: 'HASH', sideOutput: null, input: 0 }]);
    expect(JSON.parse(env.getExecutionPlan('demo')).jobName).toBe('demo');
  });
});

describe('BATCH runtime mode', () => {
  it('rolling aggregations emit only the final result per key, equal to streaming’s last', async () => {
    const streaming = await wordCount(2);
    const finalPerKey = new Map<string, number>();
    for (const [w, n] of streaming) finalPerKey.set(w, Math.max(n, finalPerKey.get(w) ?? 0));
    const batch = await wordCount(2, 'BATCH');
    expect(batch).toEqual([...finalPerKey.entries()].sort(byString));
  });

  it('event-time windows give the same results as streaming on bounded input', async () => {
    const streaming = await windowCounts(1, 'STREAMING');
    // u1: [0,10s) → 2, [10s,20s) → 1; u2: [0,10s) → 2, [20s,30s) → 1.
    expect(streaming).toEqual(
      [
        { user: 'u1', n: 2 },
        { user: 'u1', n: 1 },
        { user: 'u2', n: 2 },
        { user: 'u2', n: 1 },
      ].sort(byString),
    );
    expect(await windowCounts(1, 'BATCH')).toEqual(streaming);
    expect(await windowCounts(4, 'BATCH')).toEqual(streaming);
    expect(await windowCounts(4, 'STREAMING')).toEqual(streaming);
  });

  it('rejects unbounded sources in BATCH mode', () => {
    const env = StreamExecutionEnvironment.getExecutionEnvironment({ runtimeMode: 'BATCH' });
    env.addSource({ run() {}, cancel() {} }).print();
    expect(() => env.execute()).toThrow(/unbounded.*BATCH/);
  });
});
