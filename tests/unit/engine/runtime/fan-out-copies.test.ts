/**
 * Consumers of one stream that change their input records in place must not change what the other
 * consumers read (Flink, object reuse off: every consumer gets its own copy) — chained consumers, a
 * side output read twice, two keyed edges, a broadcast edge — on the inline runtime and on workers
 * at parallelism 1, 2 and 4; `enableObjectReuse()` turns the copies off.
 */
import { describe, expect, it } from 'vitest';
import { runJob } from '../../../../src/engine/cluster/run-job.ts';
import { StreamExecutionEnvironment } from '../../../../src/engine/index.ts';
import { FanOutOutput } from '../../../../src/engine/runtime/outputs.ts';
import type { Output } from '../../../../src/engine/runtime/operator.ts';

const job = new URL('./jobs/fan-out-mutation.ts', import.meta.url).href;

/** What each consumer prints when it alone sees the source's records (built here, not by the job). */
function expected(parallelism: number): string[] {
  const rows: string[] = [];
  for (let i = 0; i < 40; i++) {
    const key = `k${i % 5}`;
    rows.push(`chained-mutator ${key} ${i + 1000} in+chained-mutator`, `chained-reader ${key} ${i} in`);
    if (i % 2 === 1)
      rows.push(`side-mutator ${key} ${i + 1000} in+side-mutator`, `side-reader ${key} ${i} in`);
    rows.push(`keyed-mutator ${key} ${i + 1000} in+keyed-mutator`, `keyed-reader ${key} ${i} in`);
    for (let s = 0; s < parallelism; s++) rows.push(`broadcast-seen ${key} ${i + 1000} in+broadcast`);
  }
  return rows.sort();
}

describe('consumers that change their input records', () => {
  it('inline: every consumer reads the records as the source emitted them', async () => {
    for (const parallelism of [1, 2, 4]) {
      const out = await runJob<string>(job, { parallelism });
      expect(out.sort(), `parallelism ${parallelism}`).toEqual(expected(parallelism));
    }
  });

  it('workers at parallelism 1, 2 and 4: the same rows', async () => {
    for (const parallelism of [1, 2, 4]) {
      const out = await runJob<string>(job, {
        parallelism,
        runtime: 'workers',
        workers: Math.min(parallelism, 2),
      });
      expect(out.sort(), `parallelism ${parallelism}`).toEqual(expected(parallelism));
    }
  });

  it('a fan-out gives every target but the last a copy; with object reuse all share the record', () => {
    const seen: unknown[][] = [[], [], []];
    const target = (i: number): Output<unknown> => ({
      collect: (v) => seen[i].push(v),
      collectSide: () => {},
      emitWatermark: () => {},
    });
    const record = { a: [1, 2], b: { c: 'x' } };
    new FanOutOutput([target(0), target(1)], new Map([['t', [target(2)]]]), false).collect(record, 0);
    expect(seen[0][0]).toEqual(record);
    expect(seen[0][0]).not.toBe(record);
    expect((seen[0][0] as typeof record).a).not.toBe(record.a);
    expect(seen[1][0]).toBe(record);
    new FanOutOutput([target(0), target(1)], new Map(), true).collect(record, 0);
    expect(seen[0][1]).toBe(record);
    expect(seen[1][1]).toBe(record);
  });

  it('a collection source emits copies of its elements, with object reuse the elements themselves', async () => {
    const element = { n: 1, tags: ['a'] };
    for (const reuse of [false, true]) {
      const env = StreamExecutionEnvironment.getExecutionEnvironment();
      if (reuse) env.getConfig().enableObjectReuse();
      const same = await env
        .fromElements(element)
        .map((e) => e === element && e.tags === element.tags)
        .executeAndCollect();
      expect(same, `object reuse ${reuse}`).toEqual([reuse]);
    }
  });

  it('ExecutionConfig: object reuse is off by default and reaches the job graph when enabled', () => {
    const env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.fromElements(1, 2).print();
    expect(env.getConfig().isObjectReuseEnabled()).toBe(false);
    expect(env.getJobGraph().config.objectReuse).toBe(false);
    env.getConfig().enableObjectReuse();
    expect(env.getJobGraph().config.objectReuse).toBe(true);
    env.getConfig().disableObjectReuse();
    expect(env.getConfig().isObjectReuseEnabled()).toBe(false);
  });
});
