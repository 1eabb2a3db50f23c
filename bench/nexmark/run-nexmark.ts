/**
 * Issue 5's suite: the Nexmark queries in Node and in headless Chromium, with the peers, printed
 * as tables; returns the JSON rows and machine facts (DuckDB and Chromium versions, isolation, WebGPU).
 */
import { QUERY_NAMES } from './queries/index.ts';
import { runNexmarkNode } from './suite.ts';
import { runNexmarkChromium } from './chromium.ts';
import type { NexmarkResult } from './report.ts';

export async function runNexmark(o: { quick: boolean; only: Set<string> | null }) {
  const named = o.only ? QUERY_NAMES.filter((q) => o.only!.has(q)) : [];
  const queries = named.length > 0 ? named : QUERY_NAMES;
  const node =
    !o.only || !o.only.has('nexmark-chromium') || o.only.has('nexmark-node') || o.only.has('nexmark');
  const chromium =
    !o.only || !o.only.has('nexmark-node') || o.only.has('nexmark-chromium') || o.only.has('nexmark');
  const events = Number(process.env.NEXMARK_EVENTS ?? (o.quick ? 100_000 : 300_000));
  const runs = { warmup: 1, runs: o.quick ? 3 : 5 };
  const machine: Record<string, unknown> = {};
  const results: NexmarkResult[] = [];
  console.log(
    `## Nexmark (issue 5): ${events.toLocaleString('en')} events (seed 1, 10 000 events/s of event time), ` +
      `events/s = all events / median of ${runs.runs} runs after warm-up\n`,
  );
  if (node) {
    console.log('### Node\n');
    const r = await runNexmarkNode({ events, queries, ...runs });
    machine.duckdb = r.duckdb;
    results.push(...r.results);
    console.log();
  }
  if (chromium) {
    console.log('### Headless Chromium\n');
    const r = await runNexmarkChromium({ events, queries, ...runs });
    Object.assign(machine, r.machine);
    results.push(...r.results);
    console.log();
  }
  return { machine, results };
}
