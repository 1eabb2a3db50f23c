/** Placeholder until the Chromium page runs the queries. */
import type { NexmarkResult } from './report.ts';
export async function runNexmarkChromium(_o: {
  events: number;
  queries: string[];
  warmup: number;
  runs: number;
}) {
  return { machine: {}, results: [] as NexmarkResult[] };
}
