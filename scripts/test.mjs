#!/usr/bin/env node
// `npm test`: lint, type check, unit tests, then e2e tests on a fresh build. Every step runs (so one
// run shows every problem); the exit code is non-zero if any step failed; a summary line ends it.
import { spawnSync } from 'node:child_process';

const steps = [
  { name: 'lint', script: 'lint' },
  { name: 'check', script: 'check' },
  { name: 'unit', script: 'test:unit' },
  { name: 'e2e', script: 'test:e2e' },
];
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const results = [];
const started = Date.now();

for (const step of steps) {
  console.log(`\n▶ ${step.name}: npm run ${step.script}`);
  const t0 = Date.now();
  const run = spawnSync(npm, ['run', '--silent', step.script], { stdio: 'inherit' });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  const ok = run.status === 0;
  if (run.error) console.error(`Could not start npm for ${step.name}: ${run.error.message}`);
  results.push({ ...step, ok, seconds });
  console.log(
    `${ok ? '✔' : '✘'} ${step.name} ${ok ? 'passed' : `failed (exit ${run.status ?? run.signal})`} in ${seconds} s`,
  );
}

const failed = results.filter((r) => !r.ok);
const total = ((Date.now() - started) / 1000).toFixed(1);
const parts = results.map((r) => `${r.name} ${r.ok ? '✔' : '✘'} ${r.seconds}s`).join(', ');
console.log(
  `\nnpm test: ${failed.length === 0 ? 'PASSED' : `FAILED (${failed.map((r) => r.name).join(', ')})`} in ${total} s — ${parts}`,
);
process.exit(failed.length === 0 ? 0 : 1);
