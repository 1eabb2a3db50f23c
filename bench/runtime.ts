/**
 * The worker runtime against the inline runtime (run: npx tsx bench/runtime.ts [--events N]).
 * Three job modules (bench/jobs) at parallelism 1 and 2: inline (one thread) and across worker_threads
 * (one TaskManager per parallel subtask). Figures are records/s over the whole run, and "steady"
 * records/s with the start-up cost of the runtime (a run of the same job with 1 000 events) taken off;
 * each is the median of RUNS runs (default 3) after a warm-up.
 */
import { cpus } from 'node:os';
import { runJob } from '../src/engine/index.ts';
import { formatRate, printTable } from './measure.ts';

const arg = process.argv.indexOf('--events');
const N = arg > 0 ? Number(process.argv[arg + 1]) : 4_000_000;
const RUNS = Number(process.env.RUNS ?? 3);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const JOBS = (process.env.JOBS?.split(',') ?? ['map-filter', 'keyby-sum', 'keyby-window']) as string[];
const url = (job: string) => new URL(`./jobs/${job}.ts`, import.meta.url).href;

async function timed(job: string, events: number, runtime: 'inline' | 'workers', parallelism: number) {
  process.env.RIVULET_BENCH_N = String(events); // workers inherit the environment at spawn
  const t0 = performance.now();
  const out = await runJob(url(job), {
    runtime,
    parallelism,
    workers: parallelism,
    cluster: { maxWorkers: 4 },
  });
  return { ms: performance.now() - t0, out };
}

console.log(
  `Worker runtime vs inline: ${N.toLocaleString('en')} events per run, median of ${RUNS}, ${cpus().length} cores, Node ${process.version}\n`,
);
const rows: Record<string, string | number>[] = [];
const ratios: Record<string, string | number>[] = [];
for (const job of JOBS) {
  const rate: Record<string, number> = {};
  for (const parallelism of [1, 2]) {
    for (const runtime of ['inline', 'workers'] as const) {
      await timed(job, 1_000, runtime, parallelism); // warm-up (module compile, JIT)
      const startups: number[] = [];
      const runs: number[] = [];
      let out: unknown[] = [];
      for (let r = 0; r < RUNS; r++) {
        startups.push((await timed(job, 1_000, runtime, parallelism)).ms);
        const run = await timed(job, N, runtime, parallelism);
        runs.push(run.ms);
        out = run.out;
      }
      const startup = median(startups);
      const ms = median(runs);
      const key = `${runtime} p${parallelism}`;
      rate[key] = N / ((ms - startup) / 1000);
      rows.push({
        job,
        runtime,
        parallelism,
        'run ms': ms.toFixed(0),
        'start-up ms': startup.toFixed(0),
        'records/s': formatRate((N / ms) * 1000),
        'steady records/s': formatRate(rate[key]),
        results: out.length,
      });
    }
  }
  ratios.push({
    job,
    'workers p2 / workers p1': (rate['workers p2'] / rate['workers p1']).toFixed(2),
    'workers p1 / inline p1': (rate['workers p1'] / rate['inline p1']).toFixed(2),
    'workers p2 / inline p1': (rate['workers p2'] / rate['inline p1']).toFixed(2),
  });
}
printTable(rows);
console.log('\nRatios of steady records/s (same run)\n');
printTable(ratios);
