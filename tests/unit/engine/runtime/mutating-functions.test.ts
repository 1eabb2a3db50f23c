/**
 * User functions that mutate and return the object their state holds (a rolling reduce, window
 * reduce/aggregate fired again by late elements): every emitted record is what it was when emitted,
 * as in Flink, on the inline runtime and on workers at parallelism 1, 2 and 4 alike.
 */
import { describe, expect, it } from 'vitest';
import { runJob } from '../../../../src/engine/cluster/run-job.ts';

const job = new URL('./jobs/mutating-functions.ts', import.meta.url).href;
type Out = { what: string; key: string; n: number };
const lines = (out: Out[]) => out.map((o) => `${o.what} ${o.key} ${o.n}`).sort();

// Per key: the rolling reduce emits 1…5; window [0, 10 s) fires with 2 elements, then again with 3
// and 4 (late elements within the allowed lateness); [10 s, 20 s) fires once with 1.
const expected = ['a', 'b', 'c']
  .flatMap((k) => [
    ...[1, 2, 3, 4, 5].map((n) => `rolling ${k} ${n}`),
    ...[2, 3, 4, 1].flatMap((n) =>
      ['reduce', 'aggregate', 'first-stored', 'shared-reader'].map((what) => `${what} ${k} ${n}`),
    ),
  ])
  .sort();

describe('state objects that user functions mutate', () => {
  it('inline: emitted records keep the value they had when emitted', async () => {
    for (const parallelism of [1, 2]) {
      expect(lines(await runJob<Out>(job, { parallelism })), `parallelism ${parallelism}`).toEqual(expected);
    }
  });

  it('workers at parallelism 1, 2 and 4: the same records', async () => {
    for (const parallelism of [1, 2, 4]) {
      const out = await runJob<Out>(job, {
        parallelism,
        runtime: 'workers',
        workers: Math.min(parallelism, 2),
      });
      expect(lines(out), `parallelism ${parallelism}`).toEqual(expected);
    }
  });
});
