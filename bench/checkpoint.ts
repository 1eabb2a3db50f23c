/**
 * Checkpointing benchmarks (issue 6), worker runtime in Node worker_threads (2 TaskManagers):
 *  1. checkpoint duration and bytes written for keyed state of 10k, 100k, 1M keys: the first
 *     checkpoint (full) and the next after touching one key group (incremental);
 *  2. keyed window count throughput with checkpoints every 1 s vs off (target: at most 10% slower);
 *  3. time to recover from a worker kill: from the worker's exit to the restarted attempt running
 *     (target < 1 s), and the whole run against a failure-free one (recovery + replay).
 *
 *   npx tsx bench/checkpoint.ts [--quick]      or import { runCheckpointBench } from './checkpoint.ts'
 */
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { submitJob, type JobClient } from '../src/engine/index.ts';
import { formatRate, printTable } from './measure.ts';

const JOB = new URL('./checkpoint-jobs.ts', import.meta.url).href;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function setEnv(vars: Record<string, string | number>): void {
  for (const k of Object.keys(process.env)) if (k.startsWith('RIVULET_BENCH_')) delete process.env[k];
  for (const [k, v] of Object.entries(vars)) process.env[`RIVULET_BENCH_${k}`] = String(v);
}

const start = (parallelism = 2): Promise<JobClient> =>
  submitJob(JOB, { runtime: 'workers', parallelism, workers: 2, cluster: { maxWorkers: 2 } });

/** Waits until the keyed operator's subtasks have taken `records` records in. */
async function processed(client: JobClient, records: number): Promise<void> {
  for (;;) {
    const seen = client
      .metrics()
      .filter((m) => m.name.includes('Reduce'))
      .reduce((n, m) => n + m.recordsIn, 0);
    if (seen >= records) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Checkpoint duration and bytes: keyed state of `keys` keys, full, then incremental after 1 key group changed. */
async function stateRow(keys: number, updates: number): Promise<Record<string, string | number>> {
  setEnv({ CKPT_JOB: 'state', KEYS: keys, UPDATES: updates });
  const client = await submitJob(JOB, {
    runtime: 'workers',
    parallelism: 2,
    workers: 2,
    cluster: { maxWorkers: 2, metricsIntervalMs: 50 },
  });
  try {
    await processed(client, keys);
    const full = await client.triggerCheckpoint();
    await processed(client, keys + updates);
    const incremental = await client.triggerCheckpoint();
    const stats = client.checkpoints();
    const of = (id: number) => stats.find((s) => s.checkpointId === id)!;
    return {
      keys: keys.toLocaleString('en'),
      'full ms': of(full.checkpointId).durationMs.toFixed(0),
      'full written': kb(full.bytesWritten),
      'incr. ms': of(incremental.checkpointId).durationMs.toFixed(0),
      'incr. written': kb(incremental.bytesWritten),
      'incr. total': kb(incremental.totalBytes),
      'written ratio': `${((incremental.bytesWritten / full.bytesWritten) * 100).toFixed(1)}%`,
    };
  } finally {
    await client.cancel();
    await client.result.catch(() => {});
  }
}

async function windowRun(events: number, intervalMs: number): Promise<{ ms: number; checkpoints: number }> {
  setEnv({ CKPT_JOB: 'window', N: events, INTERVAL: intervalMs });
  const t0 = performance.now();
  const client = await start();
  await client.result;
  const ms = performance.now() - t0;
  return { ms, checkpoints: client.checkpoints().filter((c) => c.status === 'COMPLETED').length };
}

export interface CheckpointBenchOptions {
  /** Key counts of the state benchmark. Default [10k, 100k, 1M]. */
  keys?: number[];
  /** Events of the throughput and recovery runs. Default 4M. */
  events?: number;
  /** Runs per throughput figure (median). Default 3. */
  runs?: number;
}

/**
 * Runs the three checkpoint benchmarks and prints their tables; returns the rows.
 *
 * @example await runCheckpointBench({ keys: [10_000, 100_000], events: 1_000_000, runs: 1 }); // --quick
 */
export async function runCheckpointBench(options: CheckpointBenchOptions = {}) {
  const { keys = [10_000, 100_000, 1_000_000], events = 4_000_000, runs = 3 } = options;
  console.log(
    `Checkpoints in the worker runtime: 2 TaskManagers (worker_threads), ${cpus().length} cores, Node ${process.version}\n`,
  );
  console.log(
    'Checkpoint duration and bytes written (MemoryCheckpointStorage; incremental: 1 key group of 128 changed)\n',
  );
  const state: Record<string, string | number>[] = [];
  for (const k of keys) state.push(await stateRow(k, Math.min(1000, k)));
  printTable(state);

  console.log(
    `\nKeyed window count, ${events.toLocaleString('en')} events, parallelism 2, median of ${runs}\n`,
  );
  await windowRun(100_000, 0); // warm-up
  const rate = (ms: number) => (events / ms) * 1000;
  const off: number[] = [];
  const on: number[] = [];
  let completed = 0;
  for (let r = 0; r < runs; r++) {
    off.push((await windowRun(events, 0)).ms);
    const run = await windowRun(events, 1000);
    on.push(run.ms);
    completed = run.checkpoints;
  }
  const slower = (median(on) / median(off) - 1) * 100;
  const throughput = [
    {
      checkpoints: 'off',
      'records/s': formatRate(rate(median(off))),
      'run ms': median(off).toFixed(0),
      completed: 0,
    },
    {
      checkpoints: 'every 1 s',
      'records/s': formatRate(rate(median(on))),
      'run ms': median(on).toFixed(0),
      completed,
    },
  ];
  printTable(throughput);
  console.log(`checkpointing every 1 s: ${slower.toFixed(1)}% slower (target <= 10%)`);

  console.log(
    '\nRecovery from a worker kill (the worker thread exits after 1/4 of its records; checkpoints every 100 ms)\n',
  );
  setEnv({ CKPT_JOB: 'recovery', N: events, INTERVAL: 100, KILL_AFTER: Math.floor(events / 8) });
  const t0 = performance.now();
  const client = await start();
  await client.result;
  const killedMs = performance.now() - t0;
  const clean = await windowRun(events, 100);
  const recovery = {
    'failure -> running again': `${client.status().recoveriesMs[0]?.toFixed(0) ?? '?'} ms`,
    'run with kill': `${killedMs.toFixed(0)} ms`,
    'run without': `${clean.ms.toFixed(0)} ms`,
    'extra (recovery + replay)': `${(killedMs - clean.ms).toFixed(0)} ms`,
  };
  printTable([recovery]);
  setEnv({});
  return { state, throughput, slowerPercent: slower, recovery };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const quick = process.argv.includes('--quick');
  await runCheckpointBench(quick ? { keys: [10_000, 100_000], events: 1_000_000, runs: 1 } : {});
}
