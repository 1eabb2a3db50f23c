/**
 * The worker runtime against the inline runtime (run: npx tsx bench/runtime.ts [--events N]).
 * Three job modules (bench/jobs) at parallelism 1 and 2: inline (one thread), across fresh
 * worker_threads (one TaskManager per parallel subtask, started for the job), and on a session
 * cluster's workers (kept between runs of the job, so their code is warm). Figures are records/s
 * over the whole run, and "steady" records/s with the start-up cost of the runtime (a run of the
 * same job with 1 000 events) taken off; each is the median of RUNS runs (default 3) after a warm-up.
 */
import { cpus } from 'node:os';
import { runJob, startSessionCluster, type SessionCluster } from '../src/engine/index.ts';
import { compareRuntimes, type TimedRun } from './runtime-compare.ts';

const arg = process.argv.indexOf('--events');
const N = arg > 0 ? Number(process.argv[arg + 1]) : 4_000_000;
const RUNS = Number(process.env.RUNS ?? 3);
const JOBS = (process.env.JOBS?.split(',') ?? ['map-filter', 'keyby-sum', 'keyby-window']) as string[];
const url = (job: string) => new URL(`./jobs/${job}.ts`, import.meta.url).href;

// One session per job: workers that ran other jobs' modules see several classes at the engine's
// call sites, which measures the mix of jobs rather than the job (see bench/README.md). The previous
// job's session is closed first, so its idle workers do not share the machine with the measured job.
const sessions = new Map<string, SessionCluster>();
const sessionFor = async (job: string) => {
  let s = sessions.get(job);
  if (!s) {
    for (const [other, session] of sessions) {
      await session.close();
      sessions.delete(other);
    }
    sessions.set(job, (s = await startSessionCluster({ cluster: { maxWorkers: 4 } })));
  }
  return s;
};

const timed: TimedRun = async (job, events, runtime, parallelism) => {
  process.env.RIVULET_BENCH_N = String(events); // workers inherit the environment at spawn
  const t0 = performance.now();
  // Session workers were spawned earlier (their environment is older): the event count goes in the URL.
  const out =
    runtime === 'session'
      ? await (await sessionFor(job)).runJob(`${url(job)}?n=${events}`, { parallelism, workers: parallelism })
      : await runJob(url(job), { runtime, parallelism, workers: parallelism, cluster: { maxWorkers: 4 } });
  return { ms: performance.now() - t0, results: out.length };
};

console.log(
  `Worker runtime vs inline: ${N.toLocaleString('en')} events per run, median of ${RUNS}, ${cpus().length} cores, Node ${process.version}\n`,
);
await compareRuntimes(JOBS, N, RUNS, timed, ['inline', 'workers', 'session']);
for (const s of sessions.values()) await s.close();
