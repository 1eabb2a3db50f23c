/**
 * Class instances (env.registerType), Maps and Sets in records give the same results on workers as
 * inline (where records pass by reference), computed here by a plain loop.
 */
import { describe, expect, it } from 'vitest';
import { runJob } from '../../../../src/engine/cluster/run-job.ts';
import { readings } from './jobs/class-records.ts';

const job = new URL('./jobs/class-records.ts', import.meta.url).href;

function reference(): string[] {
  const windows = new Map<string, (typeof readings)[number][]>();
  for (const r of readings) {
    const k = `${r[0]}|${Math.floor(r[1] / 10_000)}`;
    windows.set(k, [...(windows.get(k) ?? []), r]);
  }
  return [...windows.values()].map((rs) => {
    const tenths = new Map<number, number>();
    for (const r of rs) tenths.set(Math.floor(r[2] / 10), (tenths.get(Math.floor(r[2] / 10)) ?? 0) + 1);
    const maxF = Math.max(...rs.map((r) => (r[2] * 9) / 5 + 32));
    return `${rs[0][0]} ${Math.min(...rs.map((r) => r[1]))} n=${rs.length} maxF=${maxF} distinct=${new Set(rs.map((r) => r[2])).size} tenths=${[...tenths].sort().join(';')}`;
  });
}

describe('records of registered classes, Maps and Sets', () => {
  it('inline and on workers at parallelism 1, 2 and 4 give the reference rows', async () => {
    const expected = reference().sort();
    expect(expected.length).toBe(20); // 5 sensors × 4 windows of 10 s
    expect((await runJob<string>(job, { parallelism: 2 })).sort()).toEqual(expected);
    for (const parallelism of [1, 2, 4]) {
      const rows = await runJob<string>(job, { parallelism, runtime: 'workers', workers: 2 });
      expect(rows.sort(), `parallelism ${parallelism}`).toEqual(expected);
    }
  }, 60_000);
});
