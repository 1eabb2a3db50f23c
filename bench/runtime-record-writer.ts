/**
 * The per-record cost of a task's record writer (run: npx tsx bench/runtime-record-writer.ts):
 * generating a record and writing it to one channel (keyBy into parallelism 1), to 2 channels by key
 * group with the key groups carried in the batch (keyBy into parallelism 2), and through the plain
 * selector without key groups, against generating and hashing alone (the limit). ns per record,
 * best of RUNS (default 5) runs of N records (default 8M); each variant runs in its own process
 * (VARIANT=...) so one variant's type feedback does not slow another.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { RecordWriterOutput } from '../src/engine/runtime/outputs.ts';
import { keyGroupPartitioner } from '../src/engine/runtime/partitioners.ts';
import type { ChannelWriter, StreamEvent } from '../src/engine/runtime/stream-event.ts';
import { assignToKeyGroup } from '../src/engine/state/key-groups.ts';

interface Event {
  key: number;
  value: number;
  ts: number;
}
const N = Number(process.env.N ?? 8_000_000);
const RUNS = Number(process.env.RUNS ?? 5);
const MAX_P = 128;
const keyOf = (e: Event): number => e.key;
let sink = 0;

/** Event i of the bench jobs' generator (bench/jobs/generated-source.ts). */
const event = (i: number): Event => {
  const h = Math.imul(i ^ (i >>> 16), 0x45d9f3b) >>> 0;
  return { key: h % 1000, value: (h >>> 10) % 100, ts: i * 0.01 };
};

function writerRun(channels: number, keyed: boolean): number {
  const writers: ChannelWriter[] = Array.from({ length: channels }, () => ({
    send: (e: StreamEvent) => void (sink += e.kind === 'records' ? e.values.length : 0),
  }));
  const p = keyGroupPartitioner(keyOf);
  const routing = keyed ? { keySelector: keyOf, maxParallelism: MAX_P } : null;
  const out = new RecordWriterOutput<Event>(
    writers,
    p.createSelector(0, channels, MAX_P),
    false,
    1024,
    routing,
  );
  const t0 = performance.now();
  for (let i = 0; i < N; i++) out.collect(event(i), i * 0.01);
  out.flush();
  return performance.now() - t0;
}

function limitRun(): number {
  const t0 = performance.now();
  let s = 0;
  for (let i = 0; i < N; i++) s += assignToKeyGroup(keyOf(event(i)), MAX_P);
  sink += s;
  return performance.now() - t0;
}

const VARIANTS: Record<string, () => number> = {
  'generate + hash (limit)': limitRun,
  'one channel': () => writerRun(1, false),
  'two channels, key groups carried': () => writerRun(2, true),
  'two channels, selector only': () => writerRun(2, false),
};

const variant = process.env.VARIANT;
if (variant !== undefined) {
  let best = Infinity;
  for (let r = 0; r < RUNS; r++) best = Math.min(best, VARIANTS[variant]());
  console.log(((best * 1e6) / N).toFixed(1));
} else {
  console.log(`Record writer, ${N} records, best of ${RUNS} (ns/record):`);
  for (const name of Object.keys(VARIANTS)) {
    const out = execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], {
      env: { ...process.env, VARIANT: name },
      encoding: 'utf8',
    });
    console.log(`  ${name.padEnd(34)} ${out.trim()}`);
  }
  if (sink < 0) console.log(sink);
}
