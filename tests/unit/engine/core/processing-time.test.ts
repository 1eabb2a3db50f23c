import { describe, expect, it } from 'vitest';
import {
  KeyedProcessFunction,
  ManualProcessingTimeService,
  StreamExecutionEnvironment,
  type Collector,
  type KeyedOnTimerContext,
  type KeyedProcessContext,
} from '../../../../src/engine/index.ts';
import { QueueSource } from '../fixtures/queue-source.ts';

// Flink semantics: a processing-time timer fires once the clock reaches its time; results carry no
// timestamp. Driving an unbounded job: push records, await job.whenIdle(), move the manual clock.
describe('processing time in a running job (manual clock)', () => {
  it('fires processing-time timers of a KeyedProcessFunction when the clock advances', async () => {
    class Debounce extends KeyedProcessFunction<string, string, string> {
      processElement(v: string, ctx: KeyedProcessContext<string>): void {
        const t = ctx.timerService();
        t.registerProcessingTimeTimer(t.currentProcessingTime() + 100);
      }
      override onTimer(ts: number, ctx: KeyedOnTimerContext<string>, out: Collector<string>): void {
        out.collect(`${ctx.getCurrentKey()} quiet since ${ts - 100}`);
      }
    }
    const clock = new ManualProcessingTimeService(0);
    const env = StreamExecutionEnvironment.getExecutionEnvironment({
      processingTimeService: clock,
      parallelism: 2,
    });
    const source = new QueueSource<string>();
    const seen: string[] = [];
    env
      .addSource(source)
      .keyBy((s) => s)
      .process(new Debounce())
      .addSink((s) => void seen.push(s));
    const job = env.execute('debounce');
    await job.whenIdle!();
    source.push('a', 'b');
    await job.whenIdle!();
    clock.advanceTo(50);
    source.push('b'); // b's second timer at 150
    await job.whenIdle!();
    expect(seen).toEqual([]);
    clock.advanceTo(100); // a@100 and b@100 fire
    await job.whenIdle!();
    expect(seen.sort()).toEqual(['a quiet since 0', 'b quiet since 0']);
    clock.advanceTo(200);
    await job.whenIdle!();
    expect(seen.sort()).toEqual(['a quiet since 0', 'b quiet since 0', 'b quiet since 50']);
    source.end();
    await job.result;
    expect(job.status).toBe('FINISHED');
  });
});

describe('executeAndCollect(limit)', () => {
  it('stops an unbounded job after the first n records', async () => {
    const env = StreamExecutionEnvironment.getExecutionEnvironment();
    let i = 0;
    const out = await env
      .addSource<number>({
        async run(ctx) {
          for (;;) {
            ctx.collect(i++);
            await new Promise((r) => setImmediate(r));
          }
        },
        cancel() {},
      })
      .map((x) => x * 2)
      .executeAndCollect(3);
    expect(out).toEqual([0, 2, 4]);
  });

  it('returns everything of a bounded job that ends before the limit', async () => {
    const env = StreamExecutionEnvironment.getExecutionEnvironment();
    expect(await env.fromElements(1, 2).executeAndCollect('small', 10)).toEqual([1, 2]);
  });
});
