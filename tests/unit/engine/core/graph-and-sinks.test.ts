import { describe, expect, it } from 'vitest';
import {
  NumberSequenceSource,
  RichMapFunction,
  StreamExecutionEnvironment,
  WatermarkStrategy,
  type Sink,
} from '../../../../src/engine/index.ts';
import { connectedConsumers } from '../../../../src/engine/graph/execution-graph.ts';

class Sub extends RichMapFunction<number, string> {
  map(v: number): string {
    return `${v}@${this.getRuntimeContext().getIndexOfThisSubtask()}`;
  }
}

describe('job graph: chaining rules (Flink)', () => {
  const names = (env: StreamExecutionEnvironment) => env.getJobPlan().vertices.map((v) => v.name);

  it('disableChaining and startNewChain split chains; env.disableOperatorChaining splits all', () => {
    let env = StreamExecutionEnvironment.getExecutionEnvironment();
    env
      .fromElements(1)
      .map((x) => x)
      .disableChaining()
      .filter(() => true)
      .print();
    expect(names(env)).toEqual(['Source: Collection Source', 'Map', 'Filter -> Sink: Print to Std. Out']);
    env = StreamExecutionEnvironment.getExecutionEnvironment();
    env
      .fromElements(1)
      .map((x) => x)
      .filter(() => true)
      .startNewChain()
      .print();
    expect(names(env)).toEqual(['Source: Collection Source -> Map', 'Filter -> Sink: Print to Std. Out']);
    env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.disableOperatorChaining();
    env
      .fromElements(1)
      .map((x) => x)
      .print();
    expect(names(env)).toEqual(['Source: Collection Source', 'Map', 'Sink: Print to Std. Out']);
  });

  it('uid and parallelism set on fromSource belong to the source (Flink makes watermarks in the source)', () => {
    const env = StreamExecutionEnvironment.getExecutionEnvironment({ parallelism: 4 });
    env
      .fromSource(
        new NumberSequenceSource(1, 10),
        WatermarkStrategy.forMonotonousTimestamps<number>().withTimestampAssigner((x) => x),
        'numbers',
      )
      .uid('numbers')
      .setParallelism(2)
      .map((x) => x)
      .print();
    const [head, next] = env.getJobPlan().vertices;
    // Source and its watermark step stay one chained task at parallelism 2, the source keeps the uid;
    // the map runs at the default parallelism 4 behind a REBALANCE edge.
    expect(head.parallelism).toBe(2);
    expect(head.operators.map((o) => [o.name, o.uid])).toEqual([
      ['Source: numbers', 'numbers'],
      ['numbers (timestamps/watermarks)', 'numbers/watermarks'],
    ]);
    expect(next.parallelism).toBe(4);
  });

  it('a parallelism change breaks the chain with REBALANCE; two consumers form a chained tree', () => {
    const env = StreamExecutionEnvironment.getExecutionEnvironment({ parallelism: 2 });
    const src = env.fromElements(1);
    src
      .map((x) => x)
      .name('a')
      .print();
    src
      .map((x) => x)
      .name('b')
      .setParallelism(1)
      .print()
      .setParallelism(1);
    const plan = env.getJobPlan();
    expect(plan.vertices.map((v) => [v.name, v.parallelism])).toEqual([
      ['Source: Collection Source -> b -> Sink: Print to Std. Out', 1],
      ['a -> Sink: Print to Std. Out', 2],
    ]);
    expect(plan.edges).toEqual([
      { source: 0, target: 1, partitioning: 'REBALANCE', sideOutput: null, input: 0 },
    ]);
  });
});

describe('execution graph: pointwise connections (Flink EdgeManagerBuildUtil)', () => {
  it('connects producers to consumers for equal, shrinking and growing parallelism', () => {
    expect([0, 1, 2].map((i) => connectedConsumers(true, i, 3, 3))).toEqual([[0], [1], [2]]);
    // 4 producers → 2 consumers: producers 0,1 → 0 and 2,3 → 1.
    expect([0, 1, 2, 3].map((i) => connectedConsumers(true, i, 4, 2))).toEqual([[0], [0], [1], [1]]);
    // 2 producers → 4 consumers: 0 → {0,1}, 1 → {2,3}.
    expect([0, 1].map((i) => connectedConsumers(true, i, 2, 4))).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(connectedConsumers(false, 1, 2, 3)).toEqual([0, 1, 2]);
  });

  it('rescale sends each producer round robin over its local consumers only', async () => {
    const env = StreamExecutionEnvironment.getExecutionEnvironment({ parallelism: 2 });
    const out = await env.fromSequence(1, 8).rescale().map(new Sub()).setParallelism(4).executeAndCollect();
    // Sequence subtask 0 reads 1..4 → consumers 0,1 alternately; subtask 1 reads 5..8 → 2,3.
    expect(out.sort()).toEqual(['1@0', '2@1', '3@0', '4@1', '5@2', '6@3', '7@2', '8@3']);
  });

  it('shuffle is seeded: the same run twice gives the same placement, every record once', async () => {
    const run = async () => {
      const env = StreamExecutionEnvironment.getExecutionEnvironment({ parallelism: 3 });
      return (await env.fromSequence(1, 30).shuffle().map(new Sub()).executeAndCollect()).sort();
    };
    const first = await run();
    expect(first).toHaveLength(30);
    expect(new Set(first.map((s) => s.split('@')[0])).size).toBe(30);
    expect(await run()).toEqual(first);
  });
});

describe('sinks', () => {
  it('print formats like Flink: "id:n> " prefix, tuples as (a,1)', async () => {
    const lines: string[] = [];
    const env = StreamExecutionEnvironment.getExecutionEnvironment({ printTarget: (l) => lines.push(l) });
    env.fromElements<[string, number]>(['a', 1]).print();
    env.fromElements({ x: 1 }).print('obj');
    env
      .fromElements('s')
      .rebalance()
      .map((s) => s)
      .setParallelism(2)
      .print('two')
      .setParallelism(2);
    await env.execute().result;
    expect(lines.sort()).toEqual(['(a,1)', 'obj> {"x":1}', 'two:1> s']);
  });

  it('sinkTo runs one writer per subtask and flushes at end of input', async () => {
    const log: string[] = [];
    const sink: Sink<number> = {
      createWriter: (ctx) => ({
        write: (v, c) => void log.push(`w${ctx.getSubtaskId()}:${v}:${c.timestamp()}`),
        flush: (end) => void log.push(`flush${ctx.getSubtaskId()}:${end}`),
        close: () => void log.push(`close${ctx.getSubtaskId()}`),
      }),
    };
    const env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.fromElements(1, 2).sinkTo(sink);
    await env.execute().result;
    expect(log).toEqual(['w0:1:null', 'w0:2:null', 'flush0:true', 'close0']);
  });

  it('addSink sees the timestamp and watermark context', async () => {
    const { WatermarkStrategy } = await import('../../../../src/engine/index.ts');
    const seen: string[] = [];
    const env = StreamExecutionEnvironment.getExecutionEnvironment();
    env
      .fromElements(5, 7)
      .assignTimestampsAndWatermarks(WatermarkStrategy.noWatermarks<number>().withTimestampAssigner((x) => x))
      .addSink({ invoke: (v: number, ctx) => void seen.push(`${v}@${ctx.timestamp()}`) });
    await env.execute().result;
    expect(seen).toEqual(['5@5', '7@7']);
  });
});
