/**
 * The Nexmark suite in Node: for each query, the typed-array limit (the reference answer), the
 * JS peers and DuckDB, and the engine inline and on worker_threads at parallelism 1 and 2, all on
 * the same seeded events. A figure is reported only when its count + checksum equal the limit's.
 */
import { generateNexmark, nexmarkEvents, runJob } from '../../src/engine/index.ts';
import { combine, sameChecksum, type Checksum } from './checksum.ts';
import { median, timeRunner, type RunnerFigure } from './measure-runs.ts';
import { limitQueries } from './peers/limit.ts';
import { objectQueries } from './peers/objects.ts';
import { rxjsQueries } from './peers/rxjs.ts';
import { mostQueries } from './peers/most.ts';
import { arqueroQueries, bidTable } from './peers/arquero.ts';
import { openDuckDb } from './peers/duckdb-node.ts';
import { QUERY_NAMES } from './queries/index.ts';
import { buildResults, printNexmark, type EngineFigures, type QueryFigures } from './report.ts';

export interface NexmarkBenchOptions {
  events: number;
  queries: string[];
  warmup: number;
  runs: number;
  /** Skip the worker runtime (figures for inline and peers only). */
  inlineOnly?: boolean;
}

const SEED = 1;
const RATE = 10_000;
const jobUrl = (q: string) => new URL(`./queries/${q}.ts`, import.meta.url);

async function engineRun(
  q: string,
  events: number,
  runtime: 'inline' | 'workers',
  parallelism: number,
): Promise<Checksum> {
  process.env.RIVULET_NEXMARK_N = String(events); // workers inherit the environment at spawn
  process.env.RIVULET_NEXMARK_SEED = String(SEED);
  process.env.RIVULET_NEXMARK_RATE = String(RATE);
  const out = (await runJob(jobUrl(q), {
    runtime,
    parallelism,
    workers: parallelism,
    // Generous liveness limits: the 2-core machine is shared, a busy worker can miss a 2 s heartbeat.
    cluster: { maxWorkers: 4, heartbeatTimeoutMs: 30_000, rpcTimeoutMs: 60_000 },
  })) as Checksum[];
  return combine(out);
}

/** Runs the Node part of the suite; prints its tables and returns the per-query figures. */
export async function runNexmarkNode(o: NexmarkBenchOptions) {
  const config = { events: o.events, seed: SEED, firstEventRate: RATE };
  const queries = o.queries.filter((q) => QUERY_NAMES.includes(q));
  const cols = generateNexmark(config);
  const objects = nexmarkEvents(cols);
  const table = bidTable(cols);
  const duck = await openDuckDb(cols);
  const opts = { warmup: o.warmup, runs: o.runs };
  const figures: QueryFigures[] = [];
  for (const q of queries) {
    const limit = await timeRunner(o.events, null, () => limitQueries[q](cols), opts);
    const ref = limit.checksum;
    const peers: Record<string, RunnerFigure> = {};
    peers.objects = await timeRunner(o.events, ref, () => objectQueries[q](objects), opts);
    if (rxjsQueries[q]) peers.rxjs = await timeRunner(o.events, ref, () => rxjsQueries[q](objects), opts);
    if (mostQueries[q])
      peers['@most/core'] = await timeRunner(o.events, ref, () => mostQueries[q](objects), opts);
    if (arqueroQueries[q])
      peers.arquero = await timeRunner(o.events, ref, () => arqueroQueries[q](table), opts);
    peers.duckdb = await timeRunner(o.events, ref, () => duck.run(q), opts);
    const engine: EngineFigures = {
      // The job's processing span (first source poll → end of input), as for workers: building the
      // job graph each run is not part of the query.
      inline: await timeRunner(
        o.events,
        ref,
        () => engineRun(q, o.events, 'inline', 1),
        opts,
        (c) => c.ms ?? NaN,
      ),
    };
    if (!o.inlineOnly) {
      for (const p of [1, 2]) {
        // Every run starts fresh workers (no JIT state to warm). The figure is the job's own processing
        // span (first source poll → end of input), which leaves out spawning, imports and generation.
        const spans: number[] = [];
        const walls: number[] = [];
        let last: Checksum = { count: 0, sum: 0 };
        for (let i = 0; i < (o.runs > 3 ? 3 : 1); i++) {
          const t0 = performance.now();
          last = await engineRun(q, o.events, 'workers', p);
          walls.push(performance.now() - t0);
          spans.push(last.ms ?? NaN);
        }
        const ok = sameChecksum(last, ref);
        engine[`workers p${p}`] = {
          eventsPerSec: ok ? (o.events / median(spans)) * 1000 : null,
          medianMs: median(spans),
          wallMs: median(walls),
          checksum: last,
          ok,
        };
      }
    }
    figures.push({ query: q, events: o.events, limit, peers, engine });
    process.stdout.write(`  ${q} done\n`);
  }
  const version = duck.version;
  duck.close();
  printNexmark(figures, 'node');
  return { figures, results: buildResults(figures, 'node'), duckdb: version };
}
