import { expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { runJob } from '../../../../src/engine/cluster/run-job.ts';
import { generateEvents } from '../../../../src/engine/connectors/seeded-events.ts';
import { EVENTS } from './jobs/seeded-topic-count.ts';
import { topic } from './jobs/foreign-topic.ts';

const job = (name: string) => fileURLToPath(new URL(`./jobs/${name}.ts`, import.meta.url));

/** Final count per key from a rolling sum's updates. */
const finals = (rows: [number, number][]) => {
  const m = new Map<number, number>();
  for (const [k, n] of rows) m.set(k, Math.max(m.get(k) ?? 0, n));
  return m;
};

it('a memory topic filled inside the job module feeds LogSource in Node worker threads', async () => {
  // Independent reference: counts per key straight from the seeded generator.
  const expected = new Map<number, number>();
  for (const k of generateEvents(EVENTS).keys) expected.set(k, (expected.get(k) ?? 0) + 1);
  const inline = await runJob<[number, number]>(job('seeded-topic-count'), { parallelism: 2 });
  const workers = await runJob<[number, number]>(job('seeded-topic-count'), {
    parallelism: 2,
    runtime: 'workers',
    workers: 2,
  });
  expect(finals(inline)).toEqual(expected);
  expect(finals(workers)).toEqual(expected);
  expect(workers).toHaveLength(EVENTS.count);
}, 120_000);

it('a memory topic filled in another thread fails in the workers with the explanation', async () => {
  await topic.append([1, 2, 3]); // this thread only: the workers import their own, empty topic
  const run = runJob(job('foreign-topic'), { parallelism: 2, runtime: 'workers', workers: 2 });
  await expect(run).rejects.toThrow(/memory topic "filled-elsewhere" is empty in this thread/);
}, 120_000);
