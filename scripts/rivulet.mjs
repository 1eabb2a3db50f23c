#!/usr/bin/env node
// The Rivulet CLI: runs a job module headless and prints or writes its results.
//   npx rivulet run job.ts [--parallelism 2] [--runtime workers|inline] [--workers 2] [--out results.json]
//                          [--from-savepoint sp.json [--allow-non-restored-state]]
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { register } from 'tsx/esm/api';

const USAGE = `Usage: rivulet run <job-module> [options]

Runs a job module (export default (env) => { ... }) and prints the records of the DataStream it
returns, one JSON value per line.

Options:
  -p, --parallelism <n>   default parallelism of the job's operators (default 1)
  -r, --runtime <name>    workers (default) or inline
  -w, --workers <n>       TaskManager workers (default: cores - 1, at least 1)
      --worker-heap-mb <n> heap limit of each TaskManager worker in MB (default: V8's); a worker
                          that reaches it fails the job with a message naming memory
  -o, --out <file>        write the results as a JSON array to <file> instead of printing them
  -s, --from-savepoint <file>
                          start from a savepoint file (exported by the app or exportSavepoint);
                          the job module must enable checkpointing; parallelism may differ
      --allow-non-restored-state
                          drop state of operator uids the job no longer has instead of failing
  -h, --help              show this help`;

function fail(message) {
  console.error(`rivulet: ${message}\n\n${USAGE}`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      parallelism: { type: 'string', short: 'p' },
      runtime: { type: 'string', short: 'r' },
      workers: { type: 'string', short: 'w' },
      'worker-heap-mb': { type: 'string' },
      out: { type: 'string', short: 'o' },
      'from-savepoint': { type: 'string', short: 's' },
      'allow-non-restored-state': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
} catch (e) {
  fail(e.message);
}
const { values, positionals } = parsed;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const [command, modulePath, ...extra] = positionals;
if (command !== 'run') fail(command ? `unknown command '${command}'` : 'missing command');
if (!modulePath) fail('missing the job module to run');
if (extra.length) fail(`unexpected arguments: ${extra.join(' ')}`);
const int = (name, v) => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) fail(`--${name} must be an integer >= 1, got '${v}'`);
  return n;
};
const parallelism = int('parallelism', values.parallelism) ?? 1;
const workers = int('workers', values.workers);
const workerHeapMb = int('worker-heap-mb', values['worker-heap-mb']);
if (workerHeapMb !== undefined && workerHeapMb < 16)
  fail(`--worker-heap-mb must be at least 16, got ${workerHeapMb}`);
const runtime = values.runtime ?? 'workers';
if (runtime !== 'workers' && runtime !== 'inline')
  fail(`--runtime must be workers or inline, got '${runtime}'`);

// The engine and job modules are TypeScript: load them through tsx (workers do the same).
register();
const { runJob, importSavepoint } = await import('../src/engine/index.ts');
let restoreFrom;
if (values['from-savepoint']) {
  try {
    restoreFrom = await importSavepoint(await readFile(values['from-savepoint']));
  } catch (e) {
    console.error(`rivulet: cannot use savepoint file ${values['from-savepoint']}: ${e?.message ?? e}`);
    process.exit(2);
  }
}
const allowNonRestoredState = values['allow-non-restored-state'] ?? false;
const started = performance.now();
try {
  const results = await runJob(modulePath, {
    parallelism,
    runtime,
    workers,
    workerHeapMb,
    restoreFrom,
    allowNonRestoredState,
  });
  const ms = Math.round(performance.now() - started);
  if (values.out) await writeFile(values.out, JSON.stringify(results, null, 2) + '\n');
  else for (const r of results) console.log(JSON.stringify(r));
  console.error(
    `rivulet: ${results.length} records in ${ms} ms (runtime ${runtime}, parallelism ${parallelism}` +
      `${values.out ? `, written to ${values.out}` : ''})`,
  );
} catch (e) {
  console.error(`rivulet: the job failed: ${e?.stack ?? e}`);
  process.exit(1);
}
