import {
  ProcessWindowFunction,
  StreamExecutionEnvironment,
  TumblingEventTimeWindows,
  WatermarkStrategy,
  type Collector,
  type StreamExecutionEnvironment as Env,
} from '../src/engine/index.ts';
import type { BenchEvent, EventColumns } from './bench-data.ts';
import { ColumnsSource } from './columns-source.ts';

/** The three pipelines on the engine's inline runtime; checksums must equal the plain loops'. */

function source(env: Env, d: EventColumns, eventTime: boolean) {
  const strategy = eventTime
    ? WatermarkStrategy.forMonotonousTimestamps<BenchEvent>().withTimestampAssigner((e) => e.ts)
    : WatermarkStrategy.noWatermarks<BenchEvent>();
  return env.fromSource(new ColumnsSource(d), strategy, 'bench-events');
}

class CountWithEnd extends ProcessWindowFunction<number, number, number, any> {
  process(_key: number, ctx: any, counts: Iterable<number>, out: Collector<number>): void {
    for (const c of counts) out.collect(c * (ctx.window.end % 1e5));
  }
}

const countAgg = {
  createAccumulator: () => 0,
  add: (_e: BenchEvent, acc: number) => acc + 1,
  getResult: (acc: number) => acc,
  merge: (a: number, b: number) => a + b,
};

export const enginePipelines = {
  async mapFilter(d: EventColumns, parallelism = 1): Promise<number> {
    const env = StreamExecutionEnvironment.getExecutionEnvironment({ parallelism });
    let count = 0;
    let sum = 0;
    source(env, d, false)
      .map((e) => e.value * 2)
      .filter((v) => v % 3 !== 0)
      .addSink((v: number) => {
        count++;
        sum += v;
      })
      .setParallelism(1);
    await env.execute('bench map+filter').result;
    return count * 1e6 + (sum % 1e6);
  },
  async keyBySum(d: EventColumns, parallelism = 1): Promise<number> {
    const env = StreamExecutionEnvironment.getExecutionEnvironment({ parallelism });
    const totals = new Map<number, number>();
    source(env, d, false)
      .keyBy((e) => e.key)
      .sum('value')
      .addSink((e: BenchEvent) => void totals.set(e.key, e.value));
    await env.execute('bench keyBy+sum').result;
    let s = 0;
    for (const v of totals.values()) s += v;
    return s;
  },
  async keyByWindowCount(d: EventColumns, parallelism = 1): Promise<number> {
    const env = StreamExecutionEnvironment.getExecutionEnvironment({ parallelism });
    let checksum = 0;
    source(env, d, true)
      .keyBy((e) => e.key)
      .window(TumblingEventTimeWindows.of(10_000))
      .aggregate(countAgg, new CountWithEnd())
      .addSink((v: number) => void (checksum += v));
    await env.execute('bench keyBy+window').result;
    return checksum;
  },
};
