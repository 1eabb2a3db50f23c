// Page side of the Chromium Nexmark suite: the limit and the peers on the page's thread, DuckDB in
// its wasm worker, facts about the page (isolation, WebGPU adapter). The engine runs via timedJob.
import {
  cachedNexmarkShare,
  generateNexmark,
  nexmarkEvents,
  type NexmarkColumns,
  type NexmarkEvent,
} from '../../src/engine/index.ts';
import { limitQueries } from '../nexmark/peers/limit.ts';
import { objectQueries } from '../nexmark/peers/objects.ts';
import { rxjsQueries } from '../nexmark/peers/rxjs.ts';
import { mostQueries } from '../nexmark/peers/most.ts';
import { arqueroQueries, bidTable } from '../nexmark/peers/arquero.ts';
import { openDuckDbWasm } from '../nexmark/peers/duckdb-wasm.ts';
import type { DuckDbRunner } from '../nexmark/peers/duckdb-node.ts';
import { timeRunner, type RunnerFigure } from '../nexmark/measure-runs.ts';

let data: {
  events: number;
  cols: NexmarkColumns;
  objects: NexmarkEvent[];
  table: ReturnType<typeof bidTable>;
  duck: DuckDbRunner;
} | null = null;

async function load(events: number) {
  if (data?.events === events) return data;
  data?.duck.close();
  const cols = generateNexmark({ events, seed: 1, firstEventRate: 10_000 });
  data = {
    events,
    cols,
    objects: nexmarkEvents(cols),
    table: bidTable(cols),
    duck: await openDuckDbWasm(cols),
  };
  return data;
}

/** Limit and peers of one query; each figure only when its checksum equals the limit's. */
export async function nexmarkPeers(query: string, events: number, warmup: number, runs: number) {
  const d = await load(events);
  const opts = { warmup, runs };
  const limit = await timeRunner(events, null, () => limitQueries[query](d.cols), opts);
  const ref = limit.checksum;
  const peers: Record<string, RunnerFigure> = {};
  peers.objects = await timeRunner(events, ref, () => objectQueries[query](d.objects), opts);
  if (rxjsQueries[query])
    peers.rxjs = await timeRunner(events, ref, () => rxjsQueries[query](d.objects), opts);
  if (mostQueries[query])
    peers['@most/core'] = await timeRunner(events, ref, () => mostQueries[query](d.objects), opts);
  if (arqueroQueries[query])
    peers.arquero = await timeRunner(events, ref, () => arqueroQueries[query](d.table), opts);
  peers.duckdb = await timeRunner(events, ref, () => d.duck.run(query), opts);
  return { limit, peers };
}

/** Milliseconds to generate subtask 0's share at parallelism p (what each fresh worker does first). */
export function generationMs(events: number, p: number): number {
  const t0 = performance.now();
  cachedNexmarkShare({ events, seed: 1, firstEventRate: 10_000 }, 0, p);
  return performance.now() - t0;
}

/** Whether SharedArrayBuffer is usable, and the WebGPU adapter (SwiftShader flagged as software). */
export async function pageFacts() {
  const gpu = (navigator as { gpu?: { requestAdapter(): Promise<any> } }).gpu;
  let webgpu = 'navigator.gpu absent';
  if (gpu) {
    const adapter = await gpu.requestAdapter().catch((e: unknown) => `requestAdapter failed: ${String(e)}`);
    if (!adapter) webgpu = 'no adapter';
    else if (typeof adapter === 'string') webgpu = adapter;
    else {
      const info = adapter.info ?? {};
      const name =
        [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' ') ||
        'unknown adapter';
      webgpu =
        /swiftshader/i.test(name) || adapter.isFallbackAdapter ? `${name} (SwiftShader: software)` : name;
    }
  }
  return {
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    sharedArrayBuffer: typeof SharedArrayBuffer !== 'undefined',
    webgpu,
    duckdb: data?.duck.version ?? null,
  };
}
