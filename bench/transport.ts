/**
 * Data-plane benchmark between two worker_threads (run: npx tsx bench/transport.ts).
 * For three record kinds and batch sizes 64..16K, with credit-based flow control in every mode (4 credits
 * per channel; the data plane's own CreditReader grants its default, DEFAULT_CREDITS):
 *   clone           postMessage of { values, timestamps } (structured clone of object arrays)
 *   transfer        bare postMessage of a transferred ArrayBuffer of the encoded batch's size (the limit)
 *   recycled        the same, with buffers sent back with the credits and reused (as the data plane does):
 *                   what postMessage itself costs, without allocating a buffer per message
 *   sab             bytes copied into a SharedArrayBuffer slot, slot index posted, copied out
 *   codec+transfer  the real data plane: BatchEncoder → CreditWriter → port → CreditReader → decode
 *   codec+sab       encode → SharedArrayBuffer slot → decode
 * Figures are records/s and MB/s (of encoded bytes) measured in this one run.
 */
import { BatchEncoder } from '../src/engine/net/codec/batch-encoder.ts';
import { DEFAULT_CREDITS } from '../src/engine/net/credit-reader.ts';
import { CreditWriter } from '../src/engine/net/credit-writer.ts';
import { spawnNodeWorker } from '../src/engine/node/node-worker.ts';
import { mulberry32 } from '../src/ml/data/mulberry32.ts';
import { formatRate, printTable } from './measure.ts';
import type { Mode, RunRequest } from './transport-worker.ts';
import { Worker } from 'node:worker_threads';

const RUN_MS = Number(process.env.RUN_MS ?? 250);
const SIZES = [64, 256, 1024, 4096, 16384];
const MODES: Mode[] = ['clone', 'transfer', 'recycled', 'sab', 'codec+transfer', 'codec+sab'];
const rnd = mulberry32(7);
const KINDS: Record<string, (i: number) => unknown> = {
  number: () => rnd() * 1000,
  'tuple [str,num]': (i) => [`key-${i % 100}`, Math.floor(rnd() * 100)],
  'object {key,value,ts}': (i) => ({ key: `k${i % 100}`, value: rnd(), ts: 1_700_000_000_000 + i }),
};

// Start the consumer through the same bootstrap the runtime uses; talk to the raw Worker underneath.
const bootstrap = new URL('../workers/node-bootstrap.mjs', import.meta.url);
const worker = new Worker(bootstrap, {
  workerData: { entry: new URL('./transport-worker.ts', import.meta.url).href },
});
void spawnNodeWorker; // (the runtime's wrapper adds Comlink, not needed for raw ports here)

function awaitResult(): Promise<{ records: number; bytes: number }> {
  return new Promise((resolve) => worker.once('message', resolve));
}

async function run(mode: Mode, values: unknown[], timestamps: Float64Array) {
  const { port1, port2 } = new MessageChannel();
  const n = values.length;
  const encoded = new BatchEncoder('bench').encode(values, timestamps);
  const slotBytes = Math.ceil(encoded.byteLength / 8) * 8 + 64;
  const sab = mode.endsWith('sab') ? new SharedArrayBuffer(slotBytes * 4) : undefined;
  const result = awaitResult();
  worker.postMessage({ mode, port: port2, sab, slotBytes } satisfies RunRequest, [port2 as any]);
  const t0 = performance.now();
  if (mode === 'codec+transfer') {
    const writer = new CreditWriter(port1 as any, 'bench');
    while (performance.now() - t0 < RUN_MS) {
      writer.send({ kind: 'records', values, timestamps });
      if (!writer.isAvailable()) await writer.whenAvailable();
    }
    writer.send({ kind: 'end-of-input' });
  } else {
    const enc = new BatchEncoder('bench');
    let credits = 0;
    let wake: (() => void) | null = null;
    const pool: ArrayBuffer[] = [];
    port1.onmessage = (e) => {
      credits += e.data.n;
      if (e.data.bufs) pool.push(...e.data.bufs);
      wake?.();
    };
    let slot = 0;
    while (performance.now() - t0 < RUN_MS) {
      while (credits === 0) await new Promise<void>((r) => (wake = r));
      credits--;
      if (mode === 'clone') port1.postMessage({ values, timestamps });
      else if (mode === 'transfer') {
        const buf = new ArrayBuffer(encoded.byteLength);
        port1.postMessage({ buf, records: n }, [buf]);
      } else if (mode === 'recycled') {
        const buf = pool.pop() ?? new ArrayBuffer(encoded.byteLength);
        port1.postMessage({ buf, records: n }, [buf]);
      } else {
        const bytes = mode === 'sab' ? encoded : enc.encode(values, timestamps);
        new Uint8Array(sab!, slot * slotBytes, bytes.byteLength).set(new Uint8Array(bytes));
        port1.postMessage({ slot, length: bytes.byteLength, records: n });
        slot = (slot + 1) % 4;
      }
    }
    port1.postMessage({ t: 'e' });
  }
  const { records, bytes } = await result;
  const seconds = (performance.now() - t0) / 1000;
  port1.close();
  return {
    recordsPerSec: records / seconds,
    mbPerSec: (bytes || (records / n) * encoded.byteLength) / seconds / 1e6,
  };
}

const rows: Record<string, string | number>[] = [];
const summary: Record<string, string | number>[] = [];
for (const [kind, gen] of Object.entries(KINDS)) {
  for (const size of SIZES) {
    const values = Array.from({ length: size }, (_, i) => gen(i));
    const timestamps = new Float64Array(size).map((_, i) => 1_700_000_000_000 + i);
    await run('codec+transfer', values, timestamps); // warm-up
    const r: Record<string, { recordsPerSec: number; mbPerSec: number }> = {};
    for (const mode of MODES) r[mode] = await run(mode, values, timestamps);
    for (const mode of MODES) {
      rows.push({
        records: kind,
        batch: size,
        mode,
        'records/s': formatRate(r[mode].recordsPerSec),
        'MB/s': r[mode].mbPerSec.toFixed(0),
        'vs transfer': (r[mode].recordsPerSec / r.transfer.recordsPerSec).toFixed(2),
      });
    }
    summary.push({
      records: kind,
      batch: size,
      'data plane / bare transfer': (r['codec+transfer'].recordsPerSec / r.transfer.recordsPerSec).toFixed(2),
      'data plane / recycled transfer': (
        r['codec+transfer'].recordsPerSec / r.recycled.recordsPerSec
      ).toFixed(2),
      'data plane / clone': (r['codec+transfer'].recordsPerSec / r.clone.recordsPerSec).toFixed(2),
      'codec+sab / codec+transfer': (
        r['codec+sab'].recordsPerSec / r['codec+transfer'].recordsPerSec
      ).toFixed(2),
    });
  }
}
console.log(
  `Data plane between two worker_threads, ${RUN_MS} ms per cell, 4 credits per channel (data plane: ${DEFAULT_CREDITS})\n`,
);
printTable(rows);
console.log('\nRatios (same run)\n');
printTable(summary);
await worker.terminate();
