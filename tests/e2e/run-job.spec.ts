import { expect, test } from '@playwright/test';

/**
 * A job module typed as text (a Blob URL, importing the engine as 'rivulet'): a keyed tumbling
 * event-time window count over fromElements, emitting [key, windowStart, count].
 */
const JOB = `
import { Time, TumblingEventTimeWindows, WatermarkStrategy } from 'rivulet';

const events = [
  ['a', 1000], ['b', 2000], ['a', 3000], ['a', 9999], ['b', 10000], ['a', 12000],
  ['c', 15000], ['b', 19999], ['a', 20000], ['c', 25000], ['a', 29000], ['b', 31000],
];

export default (env) =>
  env
    .fromElements(...events)
    .assignTimestampsAndWatermarks(
      WatermarkStrategy.forMonotonousTimestamps().withTimestampAssigner((e) => e[1]),
    )
    .keyBy((e) => e[0])
    .window(TumblingEventTimeWindows.of(Time.seconds(10)))
    .process((key, ctx, elements, out) => {
      let n = 0;
      for (const _ of elements) n++;
      out.collect([key, ctx.window.start, n]);
    });
`;

// By hand, 10 s windows [0, 10000), [10000, 20000), [20000, 30000), [30000, 40000):
//   [0, 10000):      a@1000 a@3000 a@9999 → a 3;  b@2000 → b 1
//   [10000, 20000):  a@12000 → a 1;  b@10000 b@19999 → b 2;  c@15000 → c 1
//   [20000, 30000):  a@20000 a@29000 → a 2;  c@25000 → c 1
//   [30000, 40000):  b@31000 → b 1
// 3 + 1 + 1 + 2 + 1 + 2 + 1 + 1 = 12 events, each in exactly one window.
const EXPECTED: [string, number, number][] = [
  ['a', 0, 3],
  ['b', 0, 1],
  ['a', 10000, 1],
  ['b', 10000, 2],
  ['c', 10000, 1],
  ['a', 20000, 2],
  ['c', 20000, 1],
  ['b', 30000, 1],
];

/** A multiset, as a sorted list of JSON strings (the order of results depends on scheduling). */
const canonical = (xs: unknown[]) => xs.map((x) => JSON.stringify(x)).sort();

test('runJob runs a Blob-URL job module across workers with the same results as inline', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto('./?e2e');
  await page.waitForFunction(() => '__rivulet' in window);
  const { inline, workers } = await page.evaluate(async (code) => {
    const { runJob, jobModuleUrlFromSource } = (window as any).__rivulet;
    const url = jobModuleUrlFromSource(code);
    try {
      const inline = await runJob(url, { parallelism: 2, runtime: 'inline' });
      const workers = await runJob(url, { parallelism: 2, runtime: 'workers', workers: 2 });
      return { inline: inline as unknown[], workers: workers as unknown[] };
    } finally {
      URL.revokeObjectURL(url);
    }
  }, JOB);
  expect(canonical(inline)).toEqual(canonical(EXPECTED));
  expect(canonical(workers)).toEqual(canonical(inline));
  expect(errors).toEqual([]);
});

test('runJob over workers rejects with the error of the job module itself', async ({ page }) => {
  await page.goto('./?e2e');
  await page.waitForFunction(() => '__rivulet' in window);
  const error = await page.evaluate(async () => {
    const { runJob, jobModuleUrlFromSource } = (window as any).__rivulet;
    const url = jobModuleUrlFromSource(`throw new Error('job module broken at import');`);
    try {
      await runJob(url, { parallelism: 2, runtime: 'workers' });
      return 'resolved';
    } catch (e) {
      return (e as Error).message;
    } finally {
      URL.revokeObjectURL(url);
    }
  });
  expect(error).toBe('job module broken at import');
});

test('aborting runJob over workers (on its first metrics) cancels the job and rejects', async ({ page }) => {
  await page.goto('./?e2e');
  await page.waitForFunction(() => '__rivulet' in window);
  const outcome = await page.evaluate(async () => {
    const { runJob, jobModuleUrlFromSource } = (window as any).__rivulet;
    // Practically endless: only the abort ends it.
    const url = jobModuleUrlFromSource(
      `export default (env) => env.fromSequence(0, 1e12).filter((x) => x < 0);`,
    );
    const controller = new AbortController();
    let metricsSeen = 0;
    try {
      await runJob(url, {
        parallelism: 2,
        signal: controller.signal,
        onMetrics: (m: unknown[]) => {
          metricsSeen = m.length;
          controller.abort(new Error('stopped by the test'));
        },
      });
      return { message: 'resolved', metricsSeen };
    } catch (e) {
      return { message: (e as Error).message, metricsSeen };
    } finally {
      URL.revokeObjectURL(url);
    }
  });
  expect(outcome.message).toBe('stopped by the test');
  expect(outcome.metricsSeen).toBeGreaterThan(0);
});

test('the workers stay for the next run: an aborted job is cancelled on them and the next job reuses them', async ({
  page,
}) => {
  await page.goto('./?e2e');
  await page.waitForFunction(() => '__rivulet' in window);
  const out = await page.evaluate(async (code) => {
    const { runJob, jobModuleUrlFromSource } = (window as any).__rivulet;
    const endless = jobModuleUrlFromSource(
      `export default (env) => env.fromSequence(0, 1e12).filter((x) => x < 0);`,
    );
    const windows = jobModuleUrlFromSource(code);
    const statuses: Promise<unknown>[] = [];
    const onStarted = (job: { status(): Promise<unknown> }) => statuses.push(job.status());
    try {
      const controller = new AbortController();
      const aborted = await runJob(endless, {
        parallelism: 2,
        workers: 2,
        signal: controller.signal,
        onStarted,
        onMetrics: () => controller.abort(new Error('stopped by the test')),
      }).catch((e: Error) => e.message);
      const rows = await runJob(windows, { parallelism: 2, workers: 2, onStarted });
      return { aborted, rows: rows as unknown[], statuses: await Promise.all(statuses) };
    } finally {
      URL.revokeObjectURL(endless);
      URL.revokeObjectURL(windows);
    }
  }, JOB);
  expect(out.aborted).toBe('stopped by the test');
  expect(canonical(out.rows)).toEqual(canonical(EXPECTED));
  expect(out.statuses).toMatchObject([
    { workersStarted: 2, workersReused: 0 },
    { workersStarted: 2, workersReused: 2 },
  ]);
});
