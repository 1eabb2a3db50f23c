/**
 * The runtime benchmark in headless Chromium (run: npx tsx bench/runtime-browser.ts [--events N]):
 * the bench/jobs modules inline (the page's thread), across fresh TaskManager Web Workers and on a
 * session cluster's workers at parallelism 1 and 2, served by Vite. Same figures as
 * bench/runtime.ts: median of RUNS runs.
 */
import { compareRuntimes, type TimedRun } from './runtime-compare.ts';
import { startViteChromium } from './vite-chromium.ts';

const arg = process.argv.indexOf('--events');
const N = arg > 0 ? Number(process.argv[arg + 1]) : 4_000_000;
const RUNS = Number(process.env.RUNS ?? 3);
const JOBS = process.env.JOBS?.split(',') ?? ['map-filter', 'keyby-sum', 'keyby-window'];

const chromium = await startViteChromium({ root: new URL('./browser/', import.meta.url) });
const page = await chromium.openPage(['timedRun']);
const version = chromium.browser.version();

const run: TimedRun = (job, events, runtime, parallelism) =>
  page.evaluate(
    ([url, r, p]) => (window as any).timedRun(url, r, p) as Promise<{ ms: number; results: number }>,
    [
      `${chromium.fsUrl(new URL(`./jobs/${job}.ts`, import.meta.url))}?n=${events}`,
      runtime,
      parallelism,
    ] as const,
  );

console.log(
  `Worker runtime vs inline in headless Chromium ${version}: ${N.toLocaleString('en')} events per run, median of ${RUNS}\n`,
);
await compareRuntimes(JOBS, N, RUNS, run, ['inline', 'workers', 'session']);
await chromium.close();
