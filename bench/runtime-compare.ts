/**
 * The measurement of bench/runtime.ts (Node) and bench/runtime-browser.ts (Chromium): every job inline
 * and as workers at parallelism 1 and 2 (fresh workers per job, and a session cluster's workers kept
 * between the job's runs); "steady" records/s take off the start-up cost (the median of runs of the
 * same job with 1 000 events); each figure is the median of `runs` runs after a warm-up (sessions:
 * full runs until two agree within 5%).
 */
import { formatRate, printTable } from './measure.ts';

/** One timed run of `job` over `events` events: wall time and the number of results. */
export type TimedRun = (
  job: string,
  events: number,
  runtime: Runtime,
  parallelism: number,
) => Promise<{ ms: number; results: number }>;

/** 'workers': fresh TaskManager workers per job; 'session': a session cluster's, kept between jobs. */
export type Runtime = 'inline' | 'workers' | 'session';

/** Session warm-up: runs until one is within WARM_TOLERANCE of the one before, at most WARM_MAX. */
const WARM_TOLERANCE = 0.05;
const WARM_MAX = 6;

/**
 * Warms a session's workers up on the measured job: the first runs on kept workers keep getting
 * faster for a few runs (keyBy + window at p2, 16M events: 9.7 -> 13.7 -> 15.0 -> 17.5 -> 17.5M/s
 * measured), more than one run's worth for code that only p2 runs (keyed writer, codec).
 */
async function warmUpSession(run: () => Promise<{ ms: number }>): Promise<number> {
  let last = (await run()).ms;
  for (let n = 2; n <= WARM_MAX; n++) {
    const ms = (await run()).ms;
    if (Math.abs(ms - last) <= last * WARM_TOLERANCE) return n;
    last = ms;
  }
  return WARM_MAX;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Measures every job and prints the figures table, then the ratios of steady records/s.
 * @example
 * await compareRuntimes(['map-filter'], 1_000_000, 3, async (job, n, runtime, p) => ({ ms, results }));
 */
export async function compareRuntimes(
  jobs: readonly string[],
  events: number,
  runs: number,
  timed: TimedRun,
  runtimes: readonly Runtime[] = ['inline', 'workers'],
): Promise<void> {
  const rows: Record<string, string | number>[] = [];
  const ratios: Record<string, string | number>[] = [];
  for (const job of jobs) {
    const rate: Record<string, number> = {};
    for (const parallelism of [1, 2]) {
      for (const runtime of runtimes) {
        // A session keeps its workers and the job module they imported: it warms up on the measured
        // module itself, and has no start-up to take off (other modules' runs would only add call
        // sites that see several module instances' classes, slower than one job's steady state).
        const kept = runtime === 'session';
        let warmUps = 1;
        if (kept) warmUps = await warmUpSession(() => timed(job, events, runtime, parallelism));
        else await timed(job, 1_000, runtime, parallelism); // warm-up: module load, JIT
        const startups: number[] = [];
        const times: number[] = [];
        let results = 0;
        for (let r = 0; r < runs; r++) {
          if (!kept) startups.push((await timed(job, 1_000, runtime, parallelism)).ms);
          const run = await timed(job, events, runtime, parallelism);
          times.push(run.ms);
          results = run.results;
        }
        const startup = kept ? 0 : median(startups);
        const ms = median(times);
        const key = `${runtime} p${parallelism}`;
        // Below a quarter of the run, what is left after start-up is within the noise of the start-up
        // runs themselves: no steady figure then (it once printed 833M/s for a 5 ms remainder).
        const work = ms - startup;
        rate[key] = work >= ms / 4 ? events / (work / 1000) : Number.NaN;
        rows.push({
          job,
          runtime,
          parallelism,
          'run ms': ms.toFixed(0),
          'start-up ms': kept ? 'kept' : startup.toFixed(0),
          'warm-up runs': warmUps,
          'records/s': formatRate((events / ms) * 1000),
          'steady records/s': Number.isNaN(rate[key]) ? 'n/a (start-up ≈ run)' : formatRate(rate[key]),
          results,
        });
      }
    }
    const ratio = (a: string, b: string) => {
      const r = rate[a] / rate[b];
      return Number.isNaN(r) ? 'n/a' : r.toFixed(2);
    };
    ratios.push({
      job,
      'workers p2 / workers p1': ratio('workers p2', 'workers p1'),
      'workers p1 / inline p1': ratio('workers p1', 'inline p1'),
      'workers p2 / inline p1': ratio('workers p2', 'inline p1'),
      ...(runtimes.includes('session')
        ? {
            'session p2 / session p1': ratio('session p2', 'session p1'),
            'session p2 / inline p1': ratio('session p2', 'inline p1'),
          }
        : {}),
    });
  }
  printTable(rows);
  console.log('\nRatios of steady records/s (same run)\n');
  printTable(ratios);
}
