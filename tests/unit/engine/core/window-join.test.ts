/**
 * Window joins and co-groups (Flink's DataStream.join / coGroup): every pair of equal keys in a
 * common window, once per window (sliding windows repeat a pair in each window holding both), from
 * a brute-force loop over all pairs; the same multisets inline and on workers at p1, p2 and p4.
 */
import { describe, expect, it } from 'vitest';
import {
  AbstractRichFunction,
  StreamExecutionEnvironment,
  Time,
  TumblingEventTimeWindows,
  WatermarkStrategy,
  type Collector,
} from '../../../../src/engine/index.ts';
import { runJob } from '../../../../src/engine/cluster/run-job.ts';
import { build, orders, payments, pipelines, type Order, type Payment } from '../runtime/jobs/window-join.ts';

const jobUrl = new URL('../runtime/jobs/window-join.ts', import.meta.url).href;
const sorted = (rows: string[]) => [...rows].sort();

/** Starts of the windows of `size` sliding by `slide` that hold `ts` (Flink's assignment). */
const windowStarts = (ts: number, size: number, slide: number): number[] => {
  const out: number[] = [];
  for (let start = ts - (((ts % slide) + slide) % slide); start > ts - size; start -= slide) out.push(start);
  return out;
};

const pairs = (keep: (o: Order, p: Payment) => boolean = () => true) =>
  orders.flatMap((o) => payments.filter((p) => p.order === o.id && keep(o, p)).map((p) => [o, p] as const));

function reference(what: string): string[] {
  const sameTumble = (o: Order, p: Payment) => Math.floor(o.ts / 10_000) === Math.floor(p.ts / 10_000);
  switch (what) {
    case 'join-tumbling':
      return pairs(sameTumble).map(([o, p]) => `${o.id} ${o.ts} ${o.qty} ${p.ts} ${p.amount}`);
    case 'join-sliding':
      return pairs().flatMap(([o, p]) => {
        const common = windowStarts(o.ts, 20_000, 5_000).filter((s) =>
          windowStarts(p.ts, 20_000, 5_000).includes(s),
        );
        return common.map(() => `${o.id} ${o.ts} ${p.ts}`);
      });
    case 'flat-join':
      return pairs((o, p) => sameTumble(o, p) && o.qty > p.amount).map(([o, p]) => `${o.id} ${o.ts} ${p.ts}`);
    case 'cogroup': {
      const groups = new Map<string, [number, number]>();
      const at = (id: number, ts: number) => `${id} ${Math.floor(ts / 10_000) * 10_000}`;
      for (const o of orders)
        (groups.get(at(o.id, o.ts)) ?? groups.set(at(o.id, o.ts), [0, 0]).get(at(o.id, o.ts))!)[0]++;
      for (const p of payments)
        (groups.get(at(p.order, p.ts)) ?? groups.set(at(p.order, p.ts), [0, 0]).get(at(p.order, p.ts))!)[1]++;
      return [...groups].map(([k, [a, b]]) => `${k} ${a} ${b}`);
    }
  }
  throw new Error(what);
}

describe('window join and coGroup', () => {
  it.each(pipelines)('%s inline at parallelism 1 and 2 equals the brute-force reference', async (what) => {
    const expected = sorted(reference(what));
    expect(expected.length).toBeGreaterThan(50);
    for (const parallelism of [1, 2]) {
      const env = StreamExecutionEnvironment.getExecutionEnvironment({ parallelism });
      expect(sorted(await build(env, what).executeAndCollect()), `parallelism ${parallelism}`).toEqual(
        expected,
      );
    }
  });

  it('co-groups keys present on one side only (the other side empty)', () => {
    const rows = reference('cogroup');
    expect(rows.some((r) => r.endsWith(' 0'))).toBe(true);
    expect(rows.some((r) => / 0 \d+$/.test(r))).toBe(true);
  });

  it.each(pipelines)(
    '%s on workers at parallelism 1, 2 and 4 gives the same rows',
    async (what) => {
      const expected = sorted(reference(what));
      process.env.RIVULET_JOIN_WHAT = what;
      try {
        for (const parallelism of [1, 2, 4]) {
          const rows = await runJob<string>(jobUrl, { parallelism, runtime: 'workers', workers: 2 });
          expect(sorted(rows), `parallelism ${parallelism}`).toEqual(expected);
        }
      } finally {
        delete process.env.RIVULET_JOIN_WHAT;
      }
    },
    60_000,
  );

  it('a rich join function is opened per subtask with its runtime context', async () => {
    class Tagging extends AbstractRichFunction {
      private subtask = -1;
      override open(): void {
        this.subtask = this.getRuntimeContext().getIndexOfThisSubtask();
      }
      join(o: Order, _p: Payment, out: Collector<string>): void {
        out.collect(`${o.id}@${this.subtask}`);
      }
    }
    const env2 = StreamExecutionEnvironment.getExecutionEnvironment({ parallelism: 2 });
    const stamp = <T extends { ts: number }>(r: T[]) =>
      env2
        .fromCollection(r)
        .assignTimestampsAndWatermarks(
          WatermarkStrategy.forMonotonousTimestamps<T>().withTimestampAssigner((x) => x.ts),
        );
    const tagged = await stamp([...orders].sort((a, b) => a.ts - b.ts))
      .join(stamp([...payments].sort((a, b) => a.ts - b.ts)))
      .where((o) => o.id)
      .equalTo((p) => p.order)
      .window(TumblingEventTimeWindows.of(Time.minutes(10)))
      .apply(new Tagging())
      .executeAndCollect();
    expect(tagged).toHaveLength(pairs().length);
    const subtaskOf = new Map<string, Set<string>>();
    for (const r of tagged) {
      const [id, subtask] = r.split('@');
      subtaskOf.set(id, (subtaskOf.get(id) ?? new Set()).add(subtask));
    }
    // Each key on one subtask, both subtasks used, none left unopened (-1).
    expect([...subtaskOf.values()].every((s) => s.size === 1)).toBe(true);
    expect(new Set(tagged.map((r) => r.split('@')[1]))).toEqual(new Set(['0', '1']));
  });

  it('refuses what is not a stream or a function, naming the call', () => {
    const env = StreamExecutionEnvironment.getExecutionEnvironment();
    const a = env.fromCollection(orders);
    expect(() => a.join(42 as never)).toThrow(/join\(other\): expected a DataStream/);
    const windowed = a
      .coGroup(a)
      .where((o) => o.id)
      .equalTo((o) => o.id)
      .window(TumblingEventTimeWindows.of(1000));
    expect(() => windowed.apply(42 as never)).toThrow(
      /coGroup\(\)\.apply\(\): expected a function or an object with a coGroup/,
    );
    const joined = a
      .join(a)
      .where((o) => o.id)
      .equalTo((o) => o.id)
      .window(TumblingEventTimeWindows.of(1000));
    expect(() => joined.apply({ merge: () => 1 } as never)).toThrow(
      /join\(\)\.apply\(\): expected a function or an object with a join/,
    );
    expect(() => joined.allowedLateness(-5)).toThrow(/allowed lateness cannot be negative, got -5/);
  });
});
