import { expect, test } from '@playwright/test';

/**
 * Checkpoints in the browser's worker runtime (issue 6): a JobManager worker with TaskManager Web
 * Workers, checkpoints in IndexedDB. Expected results are computed here from the jobs' definitions:
 * record i has key k((i·7919) mod 97) and timestamp i ms.
 */

/** Keyed 1 s tumbling window count over 0..N-1; mapper subtask 0 closes its worker after KILL_AFTER records on attempt 0. */
const windowCountJob = (n: number, killAfter: number) => `
import { RestartStrategies, RichMapFunction, Time, TumblingEventTimeWindows, WatermarkStrategy } from 'rivulet';

class FailingMapper extends RichMapFunction {
  seen = 0;
  map(i) {
    const ctx = this.getRuntimeContext();
    if (ctx.getAttemptNumber() === 0 && ctx.getIndexOfThisSubtask() === 0 && ++this.seen === ${killAfter}) {
      self.close(); // the worker ends silently: only missed heartbeats tell the JobManager
    }
    return i;
  }
}

export default (env) => {
  env.enableCheckpointing(50);
  env.setRestartStrategy(RestartStrategies.fixedDelayRestart(2, 0));
  return env
    .fromSequence(0, ${n - 1})
    .map(new FailingMapper())
    .uid('failing-mapper')
    .assignTimestampsAndWatermarks(WatermarkStrategy.forMonotonousTimestamps().withTimestampAssigner((i) => i))
    .keyBy((i) => 'k' + ((i * 7919) % 97))
    .window(TumblingEventTimeWindows.of(Time.milliseconds(1000)))
    .aggregate(
      { createAccumulator: () => 0, add: (_, c) => c + 1, getResult: (c) => c, merge: (a, b) => a + b },
      (key, ctx, counts, out) => { for (const c of counts) out.collect([key, ctx.window.start, c]); },
    )
    .uid('window-count');
};
`;

/** Per-key totals over 0..N-1 in one window firing at the end; the source stops at PAUSE (-1: never). */
const totalJob = (n: number, pause: number) => `
import { Time, TumblingEventTimeWindows, WatermarkStrategy } from 'rivulet';

const source = {
  boundedness: 'BOUNDED',
  parallel: false,
  createReader(context, restored) {
    let next = restored ?? 0;
    return {
      pollNext(out) {
        const stop = Math.min(${n}, next + context.batchSize, ${pause} >= next ? ${pause} : ${n});
        for (; next < stop; next++) out.collect(next, next);
        if (next >= ${n}) return 'END_OF_INPUT';
        return next === ${pause} ? 'NOTHING_AVAILABLE' : 'MORE_AVAILABLE';
      },
      isAvailable: () => (next === ${pause} ? new Promise(() => {}) : Promise.resolve()),
      snapshotState: () => next,
      close() {},
    };
  },
};

export default (env) => {
  env.enableCheckpointing(50);
  return env
    .fromSource(source, WatermarkStrategy.forMonotonousTimestamps(), 'numbers')
    .keyBy((i) => 'k' + ((i * 7919) % 97))
    .window(TumblingEventTimeWindows.of(Time.days(1)))
    .aggregate(
      { createAccumulator: () => 0, add: (_, c) => c + 1, getResult: (c) => c, merge: (a, b) => a + b },
      (key, _ctx, counts, out) => { for (const c of counts) out.collect([key, c]); },
    )
    .uid('total-count');
};
`;

const canonical = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).sort();

function expectedWindowCounts(n: number): string[] {
  const counts = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const id = `${(i * 7919) % 97}|${Math.floor(i / 1000) * 1000}`;
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return [...counts]
    .map(([id, c]) => JSON.stringify([`k${id.split('|')[0]}`, Number(id.split('|')[1]), c]))
    .sort();
}

function expectedTotals(n: number): string[] {
  const counts = new Map<string, number>();
  for (let i = 0; i < n; i++) counts.set(`k${(i * 7919) % 97}`, (counts.get(`k${(i * 7919) % 97}`) ?? 0) + 1);
  return [...counts].map((e) => JSON.stringify(e)).sort();
}

test('exactly-once under a worker kill: a closed TaskManager worker is replaced, results are exact', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const N = 200_000;
  await page.goto('./?e2e');
  await page.waitForFunction(() => '__rivulet' in window);
  const out = await page.evaluate(
    async (code) => {
      const { runJob, jobModuleUrlFromSource } = (window as any).__rivulet;
      const url = jobModuleUrlFromSource(code);
      let started: { status(): Promise<unknown> } | null = null;
      try {
        const rows = await runJob(url, {
          parallelism: 2,
          workers: 2,
          onStarted: (job: { status(): Promise<unknown> }) => (started = job),
        });
        // The JobManager keeps an ended job's status: the run's final one, after the restart.
        return { rows: rows as unknown[], status: await started!.status() };
      } finally {
        URL.revokeObjectURL(url);
      }
    },
    windowCountJob(N, 40_000),
  );
  expect(canonical(out.rows)).toEqual(expectedWindowCounts(N));
  // One restart after the silent death; a fresh worker replaced the closed one.
  expect(out.status).toMatchObject({ attemptNumber: 1, workersStarted: 3 });
});

test('a reload mid-run resumes the job from its last checkpoint in IndexedDB, results exactly-once', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const N = 100_000;
  const jobId = `reload-${Date.now()}`;
  await page.goto('./?e2e');
  await page.waitForFunction(() => '__rivulet' in window);
  // First run: the source stops at record 60 000; wait for a completed checkpoint, then reload.
  const completed = await page.evaluate(
    ({ code, jobId }) => {
      const { runJob, jobModuleUrlFromSource } = (window as any).__rivulet;
      return new Promise<number>((resolve, reject) => {
        runJob(jobModuleUrlFromSource(code), {
          parallelism: 2,
          workers: 2,
          jobId,
          onCheckpoint: (h: { checkpointId: number; status: string }[]) => {
            const done = h.filter((c) => c.status === 'COMPLETED');
            if (done.length > 0) resolve(done.at(-1)!.checkpointId);
          },
        }).catch(reject);
      });
    },
    { code: totalJob(N, 60_000), jobId },
  );
  expect(completed).toBeGreaterThan(0);
  await page.reload();
  await page.waitForFunction(() => '__rivulet' in window);
  const resumed = await page.evaluate(
    async ({ code, jobId }) => {
      const { runJob, jobModuleUrlFromSource } = (window as any).__rivulet;
      let restored = -1;
      const rows = await runJob(jobModuleUrlFromSource(code), {
        parallelism: 2,
        workers: 2,
        jobId,
        restoreFrom: 'latest',
        onStarted: (job: { status(): Promise<{ restoredCheckpointId: number }> }) =>
          void job.status().then((s) => (restored = s.restoredCheckpointId)),
      });
      return { rows: rows as unknown[], restored };
    },
    { code: totalJob(N, -1), jobId },
  );
  // Restored state (records before the checkpoint) + replay from the restored source position.
  expect(resumed.restored).toBeGreaterThanOrEqual(completed);
  expect(canonical(resumed.rows)).toEqual(expectedTotals(N));
});

test('a savepoint taken at parallelism 3 in the browser restores at parallelism 2 with the same totals', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const N = 100_000;
  await page.goto('./?e2e');
  await page.waitForFunction(() => '__rivulet' in window);
  const out = await page.evaluate(
    async ({ paused, full }) => {
      const { runJob, jobModuleUrlFromSource } = (window as any).__rivulet;
      // First run: the source stops at record 50 000; after a completed checkpoint, take a savepoint
      // and abort the run.
      const controller = new AbortController();
      const savepoint = await new Promise<any>((resolve, reject) => {
        let job: { triggerSavepoint(name: string): Promise<unknown> } | null = null;
        let asked = false;
        runJob(jobModuleUrlFromSource(paused), {
          parallelism: 3,
          workers: 2,
          signal: controller.signal,
          onStarted: (j: typeof job) => (job = j),
          onCheckpoint: (h: { status: string }[]) => {
            if (asked || !job || !h.some((c) => c.status === 'COMPLETED')) return;
            asked = true;
            job.triggerSavepoint('at-p3').then(resolve, reject);
          },
        }).catch((e: Error) => e.name !== 'AbortError' && e.message !== 'stopped' && reject(e));
      });
      controller.abort(new Error('stopped'));
      const rows = await runJob(jobModuleUrlFromSource(full), {
        parallelism: 2,
        workers: 2,
        restoreFrom: savepoint,
      });
      return { rows: rows as unknown[], parallelism: savepoint.operators['total-count'].parallelism };
    },
    { paused: totalJob(N, 50_000), full: totalJob(N, -1) },
  );
  expect(out.parallelism).toBe(3);
  expect(canonical(out.rows)).toEqual(expectedTotals(N));
});
