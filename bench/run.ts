/**
 * `npm run bench` — every benchmark suite in one process, one run; figures and ratios are printed
 * as tables and written to bench/results/latest.json (or quick.json with --quick).
 *
 *   npm run bench                      full run (10M events per pipeline)
 *   npm run bench -- --quick           fewer events, fewer runs (a quick check)
 *   npm run bench -- --only core       only the named suites (comma-separated)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCoreBench } from './core.ts';

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
if (wanted('core')) {
  console.log('## Engine core, inline runtime (issue 3): records/s, median of runs after warm-up\n');
  results.core = await runCoreBench(
    quick ? { events: 1_000_000, runs: 3, warmup: 1 } : { events: 10_000_000, runs: 5, warmup: 1 },
  );
  console.log();
}

const out = join(dirname(fileURLToPath(import.meta.url)), 'results', quick ? 'quick.json' : 'latest.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify({ machine, quick, results }, null, 2));
console.log(`written ${out}`);
