/**
 * windowAll: windows over a non-keyed stream, evaluated by one operator instance (parallelism 1).
 */
import { describe, expect, it } from 'vitest';
import {
  CountTrigger,
  GlobalWindows,
  ProcessAllWindowFunction,
  PurgingTrigger,
  StreamExecutionEnvironment,
  TumblingEventTimeWindows,
  WatermarkStrategy,
  type Collector,
  type DataStream,
  type ProcessWindowContext,
  type TimeWindow,
  type WindowAssigner,
  type Window,
} from '../../../../src/engine/index.ts';

interface Ev {
  k: string;
  v: number;
  ts: number;
}

const events: Ev[] = [
  { k: 'a', v: 1, ts: 1 },
  { k: 'b', v: 2, ts: 4 },
  { k: 'c', v: 4, ts: 12 },
  { k: 'a', v: 8, ts: 9 },
];

const windowAll = <T, W extends Window>(s: DataStream<T>, a: WindowAssigner<NoInfer<T>, W>) => s.windowAll(a);

function input(parallelism: number) {
  const env = StreamExecutionEnvironment.getExecutionEnvironment({ parallelism, autoWatermarkInterval: 0 });
  return env
    .fromElements(...events)
    .rebalance()
    .map((e) => e) // parallel upstream: windowAll still sees every element
    .assignTimestampsAndWatermarks(
      WatermarkStrategy.forMonotonousTimestamps<Ev>().withTimestampAssigner((e) => e.ts),
    );
}

describe('AllWindowedStream (windowAll)', () => {
  it('sums all keys together per window, at parallelism 1 even in a parallel job', async () => {
    const result = windowAll(input(3), TumblingEventTimeWindows.of(10)).sum('v');
    expect(result.getParallelism()).toBe(1);
    const out = await result.executeAndCollect();
    // [0,10): 1 + 2 + 8 (first element's other fields: which element is first depends on the
    // merge order of the 3 upstream subtasks, so compare the sums); [10,20): 4.
    expect(out.map((e) => e.v)).toEqual([11, 4]);
  });

  it('process gets the window and all elements, without a key', async () => {
    class Summary extends ProcessAllWindowFunction<Ev, string, TimeWindow> {
      process(ctx: ProcessWindowContext<TimeWindow>, els: Iterable<Ev>, out: Collector<string>) {
        out.collect(
          `[${ctx.window.start},${ctx.window.end}) ${[...els]
            .map((e) => e.k)
            .sort()
            .join('')}`,
        );
      }
    }
    const out = await windowAll(input(2), TumblingEventTimeWindows.of(10))
      .process(new Summary())
      .executeAndCollect();
    expect(out).toEqual(['[0,10) aab', '[10,20) c']);
  });

  it('apply, reduce + process, and a count trigger on global windows (countWindowAll)', async () => {
    const applied = await windowAll(input(1), TumblingEventTimeWindows.of(10))
      .apply((w: TimeWindow, els: Iterable<Ev>, out: Collector<number>) =>
        out.collect(w.end * 100 + [...els].length),
      )
      .executeAndCollect();
    expect(applied).toEqual([1003, 2001]);
    const reduced = await windowAll(input(1), TumblingEventTimeWindows.of(10))
      .reduce((a, b) => ({ k: a.k + b.k, v: a.v + b.v, ts: a.ts }), {
        process: (ctx: ProcessWindowContext<TimeWindow>, r: Iterable<Ev>, out: Collector<string>) =>
          out.collect(`${ctx.window.maxTimestamp()}:${[...r][0].v}`),
      })
      .executeAndCollect();
    expect(reduced).toEqual(['9:11', '19:4']);
    // countWindowAll(2) = GlobalWindows + PurgingTrigger(CountTrigger(2)) over all elements in arrival order.
    const counted = await input(1).countWindowAll(2).sum('v').executeAndCollect();
    expect(counted.map((e) => e.v)).toEqual([3, 12]);
    // The same, spelled out; and sliding countWindowAll(3, 2) = CountEvictor(3) + CountTrigger(2): arrival order 1, 2, 4, 8 → 1+2, then 2+4+8.
    const spelled = await windowAll(input(1), GlobalWindows.create())
      .trigger(PurgingTrigger.of(CountTrigger.of(2)))
      .sum('v')
      .executeAndCollect();
    expect(spelled.map((e) => e.v)).toEqual([3, 12]);
    const sliding = await input(1).countWindowAll(3, 2).sum('v').executeAndCollect();
    expect(sliding.map((e) => e.v)).toEqual([3, 14]);
  });

  it('a windowAll result cannot be made parallel', () => {
    const result = windowAll(input(1), TumblingEventTimeWindows.of(10)).sum('v');
    expect(() => result.setParallelism(2)).toThrow('non-parallel and must keep parallelism 1');
  });
});
