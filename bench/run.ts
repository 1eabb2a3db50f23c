/**
 * `npm run bench` — every benchmark suite in one process, one run; figures and ratios are printed
 * as tables and written to bench/results/latest.json (or quick.json with --quick).
 *
 *   npm run bench                      full run (10M events per pipeline)
 *   npm run bench -- --quick           fewer events, fewer runs (a quick check)
 *   npm run bench -- --only core,ml    only the named suites: core, runtime, runtime-browser, transport,
 *                                      transport-browser, checkpoint, ml, ml-browser,
 *                                      nexmark (all queries), nexmark-node, nexmark-chromium, or queries (q1,q5)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { runCoreBench } from './core.ts';
import { runCheckpointBench } from './checkpoint.ts';
import { runMlBench } from './ml.ts';
import { runNexmark } from './nexmark/run-nexmark.ts';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyIdx = args.indexOf('--only');
const only = onlyIdx >= 0 ? new Set(args[onlyIdx + 1]?.split(',')) : null;
const wanted = (suite: string) => !only || only.has(suite);

const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  node: process.version,
  date: new Date().toISOString(),
};
console.log(
  `Rivulet benchmarks on ${machine.cpu} (${machine.cores} cores), Node ${machine.node}${quick ? ' [quick]' : ''}\n`,
);

const results: Record<string, unknown> = {};
// Issue 5's rows (the Nexmark queries) are `results`; every other suite is kept under `suites`.
let nexmark: Awaited<ReturnType<typeof runNexmark>> | null = null;
if (!only || [...only].some((n) => n.startsWith('nexmark') || /^q\d+$/.test(n))) {
  nexmark = await runNexmark({ quick, only });
  Object.assign(machine, nexmark.machine);
}
if (wanted('core')) {
  console.log('## Engine core, inline runtime (issue 3): records/s, median of runs after warm-up\n');
  results.core = await runCoreBench(
    quick ? { events: 1_000_000, runs: 3, warmup: 1 } : { events: 10_000_000, runs: 5, warmup: 1 },
  );
  console.log();
}

/** Suites that are scripts of their own (they start workers or a browser): run them, keep their output. */
function script(name: string, file: string, args: string[], env: Record<string, string> = {}): void {
  if (!wanted(name)) return;
  console.log(`## ${name} (bench/${file})\n`);
  const here = dirname(fileURLToPath(import.meta.url));
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(here, file), ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  process.stdout.write(run.stdout);
  process.stderr.write(run.stderr);
  if (run.status !== 0) throw new Error(`bench/${file} failed with exit code ${run.status}`);
  results[name] = { output: run.stdout };
  console.log();
}

if (['runtime', 'runtime-browser', 'transport', 'transport-browser'].some(wanted))
  console.log('## Worker runtime vs inline (issue 4)\n');
script('runtime', 'runtime.ts', ['--events', quick ? '1000000' : '16000000']);
script('runtime-browser', 'runtime-browser.ts', ['--events', quick ? '1000000' : '16000000']);
script('transport', 'transport.ts', [], quick ? { RUN_MS: '100' } : {});
script('transport-browser', 'transport-browser.ts', [], quick ? { RUN_MS: '100' } : {});
if (wanted('checkpoint')) {
  console.log(
    '## Checkpoints (issue 6): duration and bytes, full vs incremental; throughput on vs off; recovery\n',
  );
  results.checkpoint = await runCheckpointBench(
    quick ? { keys: [10_000, 100_000], events: 1_000_000, runs: 1 } : {},
  );
  console.log();
}
if (wanted('ml')) {
  console.log('## Machine learning (issue 7)\n');
  results.ml = await runMlBench(quick ? { rows: 10_000, streamRecords: 200_000 } : {});
  console.log();
}
script('ml-browser', 'ml-browser.ts', quick ? ['--rows', '5000'] : []);

const out = join(dirname(fileURLToPath(import.meta.url)), 'results', quick ? 'quick.json' : 'latest.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(
  out,
  JSON.stringify({ machine, quick, results: nexmark?.results ?? [], suites: results }, null, 2),
);
console.log(`written ${out}`);
