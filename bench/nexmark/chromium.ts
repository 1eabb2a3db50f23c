/**
 * The Nexmark suite in headless Chromium (/usr/bin/chromium via Playwright, as bench/runtime-browser.ts):
 * the bench page (bench/browser, served by Vite with cross-origin isolation headers) runs the limit,
 * the peers and duckdb-wasm on the page's thread, and the engine inline and across Web Workers.
 */
import { combine, sameChecksum, type Checksum } from './checksum.ts';
import { median, type RunnerFigure } from './measure-runs.ts';
import { startViteChromium } from '../vite-chromium.ts';
import { buildResults, printNexmark, type EngineFigures, type QueryFigures } from './report.ts';

/** A run that takes longer has hung (the longest healthy full-size run here takes well under a minute). */
const RUN_TIMEOUT_MS = 120_000;

export async function runNexmarkChromium(o: {
  events: number;
  queries: string[];
  warmup: number;
  runs: number;
}) {
  const chromium = await startViteChromium({
    root: new URL('../browser/', import.meta.url),
    chromiumArgs: ['--enable-unsafe-webgpu'],
    server: {
      // Other work in the tree must not reload the page mid-run: no HMR, no file watching.
      hmr: false,
      watch: null,
      // Cross-origin isolation, so the page can report (and use) SharedArrayBuffer.
      headers: {
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Cross-Origin-Embedder-Policy': 'require-corp',
      },
    },
    // Pre-bundle the peers' packages at start and discover nothing later: a late discovery reloads the page mid-run.
    optimizeDeps: {
      include: ['rxjs', 'arquero', '@most/core', '@most/scheduler', 'apache-arrow', 'comlink'],
      exclude: ['@duckdb/duckdb-wasm'],
      noDiscovery: true,
    },
  });
  try {
    const ready = ['timedJob', 'nexmarkPeers'];
    const page = await chromium.openPage(ready, async (p) => p.setDefaultTimeout(600_000));
    const jobUrl = (q: string, n: number) =>
      `${chromium.fsUrl(new URL(`./queries/${q}.ts`, import.meta.url))}?n=${n}&seed=1&rate=10000`;
    // NEXMARK_DEBUG=1 traces every run (to find a run that does not end).
    const trace = process.env.NEXMARK_DEBUG ? (m: string) => console.log(`    [chromium] ${m}`) : () => {};
    const open = () => chromium.reload(page, ready);
    /** One engine run, or null if it did not end within RUN_TIMEOUT_MS (the page is then reloaded). */
    const timedJob = async (q: string, n: number, runtime: 'inline' | 'workers', p: number) => {
      trace(`${q} ${runtime} p${p} ${n} events`);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const run = page.evaluate(
        async ([url, r, par]) => {
          const x = await (window as any).timedJob(url, r, par);
          return { ms: x.ms as number, out: x.out as Checksum[] };
        },
        [jobUrl(q, n), runtime, p] as const,
      );
      const timeout = new Promise<null>(
        (resolve) => (timer = setTimeout(() => resolve(null), RUN_TIMEOUT_MS)),
      );
      // A page that navigated away (a reload) loses the run: report it as missing, as a hung run.
      const lost = (e: unknown) => {
        if (/Execution context was destroyed/.test(String(e))) return 'reloaded' as const;
        throw e;
      };
      const settled = run.catch(lost);
      const x = await Promise.race([settled, timeout]);
      clearTimeout(timer);
      if (x === 'reloaded') {
        console.log(`  ${q} ${runtime} p${p}: the page reloaded during the run; reopening it`);
        await open();
        return null;
      }
      if (x === null) {
        settled.catch(() => {}); // it fails once the page reloads; the figure is reported as missing instead
        console.log(
          `  ${q} ${runtime} p${p}: the run did not end within ${RUN_TIMEOUT_MS / 1000} s; reloading the page`,
        );
        await open();
      }
      return x;
    };
    const engineFigure = async (
      q: string,
      runtime: 'inline' | 'workers',
      p: number,
      ref: Checksum,
      warmup: number,
      runs: number,
    ) => {
      const ms: number[] = [];
      const spans: number[] = [];
      let checksum: Checksum = { count: 0, sum: 0 };
      let finished = true;
      for (let i = 0; i < warmup + runs && finished; i++) {
        const x = await timedJob(q, o.events, runtime, p);
        if (!x) finished = false;
        else if (i >= warmup) {
          ms.push(x.ms);
          checksum = combine(x.out);
          spans.push(checksum.ms ?? NaN);
        }
      }
      const ok = finished && sameChecksum(checksum, ref);
      const medianMs = finished ? median(ms) : NaN;
      return {
        eventsPerSec: ok ? (o.events / medianMs) * 1000 : null,
        medianMs,
        spanMs: finished ? median(spans) : NaN,
        checksum,
        ok,
        ...(finished ? {} : { error: `did not finish (hung or page reloaded)` }),
      };
    };
    const figures: QueryFigures[] = [];
    for (const q of o.queries) {
      const { limit, peers } = (await page.evaluate(
        ([query, n, warmup, runs]) => (window as any).nexmarkPeers(query, n, warmup, runs),
        [q, o.events, o.warmup, o.runs] as const,
      )) as { limit: RunnerFigure; peers: Record<string, RunnerFigure> };
      // Inline, as workers: the job's processing span (see suite.ts).
      const inline = await engineFigure(q, 'inline', 1, limit.checksum, o.warmup, o.runs);
      const engine: EngineFigures = {
        inline: {
          ...inline,
          eventsPerSec: inline.ok ? (o.events / inline.spanMs) * 1000 : null,
          medianMs: inline.spanMs,
          wallMs: inline.medianMs,
        },
      };
      for (const p of [1, 2]) {
        // Fresh workers every run; the figure is the job's processing span (see suite.ts).
        const run = await engineFigure(q, 'workers', p, limit.checksum, 0, o.runs > 3 ? 3 : 1);
        engine[`workers p${p}`] = {
          ...run,
          eventsPerSec: run.ok ? (o.events / run.spanMs) * 1000 : null,
          medianMs: run.spanMs,
          wallMs: run.medianMs,
        };
      }
      figures.push({ query: q, events: o.events, limit, peers, engine });
      process.stdout.write(`  ${q} done\n`);
    }
    const facts = (await page.evaluate(() => (window as any).pageFacts())) as Record<string, unknown>;
    const machine = { chromium: chromium.browser.version(), ...facts };
    console.log(
      `Chromium ${machine.chromium}; crossOriginIsolated: ${facts.crossOriginIsolated}; WebGPU: ${facts.webgpu}; ${facts.duckdb}\n`,
    );
    printNexmark(figures, 'chromium');
    return { machine, results: buildResults(figures, 'chromium') };
  } finally {
    await chromium.close();
  }
}
