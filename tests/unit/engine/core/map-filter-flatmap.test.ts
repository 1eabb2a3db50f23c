import { describe, expect, it } from 'vitest';
import { RichMapFunction, StreamExecutionEnvironment, type Collector } from '../../../../src/engine/index.ts';

// Expected outputs are hand computations of the documented DataStream semantics (map: one result per
// record, filter: keeps records where the predicate holds, flatMap: any number of results per record).
describe('map / filter / flatMap chains', () => {
  it('map then filter keeps order on parallelism 1', async () => {
    const env = StreamExecutionEnvironment.getExecutionEnvironment();
    const out = await env
      .fromElements(1, 2, 3, 4, 5, 6)
      .map((x) => x * 10)
      .filter((x) => x % 20 !== 0)
      .executeAndCollect();
    expect(out).toEqual([10, 30, 50]);
  });

  it('flatMap splits lines into words (Flink word-count tokenizer)', async () => {
    const env = StreamExecutionEnvironment.getExecutionEnvironment();
    const out = await env
      .fromElements('to be or', 'not to be')
      .flatMap((line: string, c: Collector<string>) => line.split(' ').forEach((w) => c.collect(w)))
      .executeAndCollect();
    expect(out).toEqual(['to', 'be', 'or', 'not', 'to', 'be']);
  });

  it('accepts objects with Flink method names and rich functions', async () => {
    class Plus extends RichMapFunction<number, number> {
      private offset = 0;
      override open(): void {
        this.offset = 100 + this.getRuntimeContext().getIndexOfThisSubtask();
      }
      map(v: number): number {
        return v + this.offset;
      }
    }
    const env = StreamExecutionEnvironment.getExecutionEnvironment();
    const out = await env
      .fromElements(1, 2, 3)
      .map({ map: (x: number) => x * 2 })
      .filter({ filter: (x: number) => x > 2 })
      .flatMap({ flatMap: (x: number, c: Collector<number>) => c.collect(x) })
      .map(new Plus())
      .executeAndCollect();
    expect(out).toEqual([104, 106]);
  });

  it('chains forward operators of equal parallelism into one task', () => {
    const env = StreamExecutionEnvironment.getExecutionEnvironment();
    env
      .fromElements(1)
      .map((x) => x)
      .name('double')
      .filter(() => true)
      .print();
    const plan = env.getJobPlan();
    expect(plan.vertices.map((v) => v.name)).toEqual([
      'Source: Collection Source -> double -> Filter -> Sink: Print to Std. Out',
    ]);
    expect(plan.edges).toEqual([]);
  });

  it('fromSequence runs in parallel and covers every number once', async () => {
    const env = StreamExecutionEnvironment.getExecutionEnvironment({ parallelism: 3 });
    const out = await env
      .fromSequence(1, 10)
      .map((x) => x * x)
      .executeAndCollect();
    // Sum of squares 1..10 = 385; the multiset is the ten squares.
    expect(out.sort((a, b) => a - b)).toEqual([1, 4, 9, 16, 25, 36, 49, 64, 81, 100]);
  });

  it('process() takes a plain function as its processElement, on a stream and on a keyed stream', async () => {
    const env = StreamExecutionEnvironment.getExecutionEnvironment();
    const doubled = (x: number, _ctx: unknown, out: Collector<number>) => out.collect(x * 2);
    const plain = await env
      .fromElements(1, 2, 3)
      .process(doubled as never)
      .executeAndCollect();
    expect(plain).toEqual([2, 4, 6]);
    const keyed = await env
      .fromElements(1, 2, 3, 4)
      .keyBy((x) => x % 2)
      .process(((x: number, ctx: { getCurrentKey(): number }, out: Collector<string>) =>
        out.collect(`${ctx.getCurrentKey()}:${x}`)) as never)
      .executeAndCollect();
    expect(keyed.sort()).toEqual(['0:2', '0:4', '1:1', '1:3']);
  });
});
