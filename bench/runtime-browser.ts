/**
 * The runtime benchmark in headless Chromium (run: npx tsx bench/runtime-browser.ts [--events N]):
 * the bench/jobs modules inline (the page's thread) and across TaskManager Web Workers at
 * parallelism 1 and 2, served by Vite. Same figures as bench/runtime.ts: median of RUNS runs.
 */
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium.js';
import { formatRate, printTable } from './measure.ts';

const arg = process.argv.indexOf('--events');
const N = arg > 0 ? Number(process.argv[arg + 1]) : 4_000_000;
const RUNS = Number(process.env.RUNS ?? 3);
const JOBS = process.env.JOBS?.split(',') ?? ['map-filter', 'keyby-sum', 'keyby-window'];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const repo = fileURLToPath(new URL('../', import.meta.url));
const server = await createServer({
  configFile: false,
  root: fileURLToPath(new URL('./browser/', import.meta.url)),
  logLevel: 'error',
  server: { host: '127.0.0.1', port: 0, fs: { allow: [repo] } },
  worker: { format: 'es' },
});
await server.listen();
const address = server.httpServer!.address();
const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
const browser = await chromium.launch({
  executablePath: findChromium() ?? '/usr/bin/chromium',
  args: CHROMIUM_ARGS,
});
const page = await browser.newPage();
await page.goto(`${origin}/index.html`);
await page.waitForFunction(() => 'timedRun' in window);
const version = browser.version();

const run = (job: string, events: number, runtime: 'inline' | 'workers', parallelism: number) =>
  page.evaluate(
    ([url, r, p]) => (window as any).timedRun(url, r, p) as Promise<{ ms: number; results: number }>,
    [
      `${origin}/@fs${fileURLToPath(new URL(`./jobs/${job}.ts`, import.meta.url))}?n=${events}`,
      runtime,
      parallelism,
    ] as const,
  );

console.log(
  `Worker runtime vs inline in headless Chromium ${version}: ${N.toLocaleString('en')} events per run, median of ${RUNS}\n`,
);
const rows: Record<string, string | number>[] = [];
const ratios: Record<string, string | number>[] = [];
for (const job of JOBS) {
  const rate: Record<string, number> = {};
  for (const parallelism of [1, 2]) {
    for (const runtime of ['inline', 'workers'] as const) {
      await run(job, 1_000, runtime, parallelism); // warm-up: module load, JIT
      const startups: number[] = [];
      const runs: number[] = [];
      let results = 0;
      for (let r = 0; r < RUNS; r++) {
        startups.push((await run(job, 1_000, runtime, parallelism)).ms);
        const x = await run(job, N, runtime, parallelism);
        runs.push(x.ms);
        results = x.results;
      }
      const startup = median(startups);
      const ms = median(runs);
      rate[`${runtime} p${parallelism}`] = N / ((ms - startup) / 1000);
      rows.push({
        job,
        runtime,
        parallelism,
        'run ms': ms.toFixed(0),
        'start-up ms': startup.toFixed(0),
        'records/s': formatRate((N / ms) * 1000),
        'steady records/s': formatRate(rate[`${runtime} p${parallelism}`]),
        results,
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
await browser.close();
await server.close();
