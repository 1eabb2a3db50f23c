import { describe, expect, it } from 'vitest';
import {
  OutputTag,
  ProcessFunction,
  StreamExecutionEnvironment,
  type Collector,
  type ProcessContext,
} from '../../../../src/engine/index.ts';

// Flink docs, "Side Outputs": a ProcessFunction emits to the main output and, via ctx.output(tag, v),
// to side outputs read with getSideOutput(tag). Expected values are hand computations.
const negatives = new OutputTag<number>('negatives');
const zeros = new OutputTag<string>('zeros');

class Split extends ProcessFunction<number, number> {
  processElement(n: number, ctx: ProcessContext, out: Collector<number>): void {
    if (n < 0) ctx.output(negatives, n);
    else if (n === 0) ctx.output(zeros, `zero@${ctx.timestamp()}`);
    else out.collect(n);
  }
}

describe('ProcessFunction side outputs', () => {
  it('routes records to the main output and two side outputs', async () => {
    const env = StreamExecutionEnvironment.getExecutionEnvironment();
    const main = env.fromElements(3, -1, 0, 5, -7).process(new Split()).name('split');
    const neg: number[] = [];
    const zero: string[] = [];
    main.getSideOutput(negatives).addSink((v) => void neg.push(v));
    main.getSideOutput(zeros).addSink((v) => void zero.push(v));
    const positives = await main.executeAndCollect();
    expect(positives).toEqual([3, 5]);
    expect(neg).toEqual([-1, -7]);
    expect(zero).toEqual(['zero@null']); // fromElements records carry no timestamp
  });

  it('side outputs cross a network edge (different parallelism) and can be keyed further', async () => {
    const env = StreamExecutionEnvironment.getExecutionEnvironment({ parallelism: 2 });
    const main = env.fromElements(-1, 2, -3, 4, -5).process(new Split());
    const sums = await main
      .getSideOutput(negatives)
      .map((n) => ['neg', n] as [string, number])
      .keyBy(0)
      .sum(1)
      .setParallelism(3)
      .executeAndCollect();
    // One key on one subtask; the single source subtask keeps input order: running sums -1, -4, -9.
    expect(sums.map((t) => t[1])).toEqual([-1, -4, -9]);
  });

  it('drops side outputs nobody consumes', async () => {
    const env = StreamExecutionEnvironment.getExecutionEnvironment();
    const out = await env.fromElements(1, -2).process(new Split()).executeAndCollect();
    expect(out).toEqual([1]);
  });
});
