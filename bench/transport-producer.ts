/**
 * The producing side of the data-plane benchmark, shared by bench/transport.ts (Node worker_threads)
 * and bench/transport-browser.ts (Chromium Web Workers): for three record kinds and batch sizes
 * 64..16K it moves batches to a consumer on another thread in each mode, with credit-based flow
 * control in every mode (4 credits per channel; the data plane's own CreditReader grants its
 * default, DEFAULT_CREDITS):
 *   clone           postMessage of { values, timestamps } (structured clone of object arrays)
 *   transfer        bare postMessage of a transferred ArrayBuffer of the encoded batch's size (the limit)
 *   recycled        the same, with buffers sent back with the credits and reused (as the data plane does):
 *                   what postMessage itself costs, without allocating a buffer per message
 *   sab             bytes copied into a SharedArrayBuffer slot, slot index posted, copied out
 *   codec+transfer  the real data plane: BatchEncoder → CreditWriter → port → CreditReader → decode
 *   codec+sab       encode → SharedArrayBuffer slot → decode
 * Only standard APIs (MessageChannel, performance): it runs on Node's main thread and in a Web Worker.
 */
import { BatchEncoder } from '../src/engine/net/codec/batch-encoder.ts';
import { CreditWriter } from '../src/engine/net/credit-writer.ts';
import { mulberry32 } from '../src/ml/data/mulberry32.ts';
import { formatRate } from './measure.ts';
import type { ConsumerResult, Mode, RunRequest } from './transport-consumer.ts';

const SIZES = [64, 256, 1024, 4096, 16384];
const MODES: Mode[] = ['clone', 'transfer', 'recycled', 'sab', 'codec+transfer', 'codec+sab'];

const rnd = mulberry32(7);
const KINDS: Record<string, (i: number) => unknown> = {
  number: () => rnd() * 1000,
  'tuple [str,num]': (i) => [`key-${i % 100}`, Math.floor(rnd() * 100)],
  'object {key,value,ts}': (i) => ({ key: `k${i % 100}`, value: rnd(), ts: 1_700_000_000_000 + i }),
};

/** Hands a run's request (and its transferred port) to the consumer thread; resolves to its count. */
export type StartConsumer = (request: RunRequest) => Promise<ConsumerResult>;

interface Rate {
  recordsPerSec: number;
  mbPerSec: number;
}

async function run(
  mode: Mode,
  values: unknown[],
  timestamps: Float64Array,
  runMs: number,
  startConsumer: StartConsumer,
): Promise<Rate> {
  const { port1, port2 } = new MessageChannel();
  const n = values.length;
  const encoded = new BatchEncoder('bench').encode(values, timestamps);
  const slotBytes = Math.ceil(encoded.byteLength / 8) * 8 + 64;
  const sab = mode.endsWith('sab') ? new SharedArrayBuffer(slotBytes * 4) : undefined;
  const result = startConsumer({ mode, port: port2, sab, slotBytes });
  const t0 = performance.now();
  if (mode === 'codec+transfer') {
    const writer = new CreditWriter(port1, 'bench');
    while (performance.now() - t0 < runMs) {
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
    while (performance.now() - t0 < runMs) {
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

export type Row = Record<string, string | number>;

/** Every kind × size × mode, `runMs` per cell; SharedArrayBuffer modes only where `sab` is true. */
export async function transportSuite(
  startConsumer: StartConsumer,
  runMs: number,
  sab: boolean,
): Promise<{ rows: Row[]; summary: Row[] }> {
  const modes = MODES.filter((m) => sab || !m.endsWith('sab'));
  const rows: Row[] = [];
  const summary: Row[] = [];
  for (const [kind, gen] of Object.entries(KINDS)) {
    for (const size of SIZES) {
      const values = Array.from({ length: size }, (_, i) => gen(i));
      const timestamps = new Float64Array(size).map((_, i) => 1_700_000_000_000 + i);
      await run('codec+transfer', values, timestamps, runMs, startConsumer); // warm-up
      const r: Partial<Record<Mode, Rate>> = {};
      for (const mode of modes) r[mode] = await run(mode, values, timestamps, runMs, startConsumer);
      const ratio = (a: Mode, b: Mode) => {
        const x = r[a];
        const y = r[b];
        return x && y ? (x.recordsPerSec / y.recordsPerSec).toFixed(2) : 'n/a';
      };
      for (const mode of modes) {
        rows.push({
          records: kind,
          batch: size,
          mode,
          'records/s': formatRate(r[mode]!.recordsPerSec),
          'MB/s': r[mode]!.mbPerSec.toFixed(0),
          'vs transfer': ratio(mode, 'transfer'),
        });
      }
      summary.push({
        records: kind,
        batch: size,
        'data plane / bare transfer': ratio('codec+transfer', 'transfer'),
        'data plane / recycled transfer': ratio('codec+transfer', 'recycled'),
        'data plane / clone': ratio('codec+transfer', 'clone'),
        'codec+sab / codec+transfer': ratio('codec+sab', 'codec+transfer'),
      });
    }
  }
  return { rows, summary };
}
