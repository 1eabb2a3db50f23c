/**
 * The consuming side of the data-plane benchmark (bench/transport-producer.ts), run on another
 * thread (a worker_thread in Node, a Web Worker in Chromium): for each run it receives a port and a
 * mode, consumes until end-of-input, and reports how many records (and bytes) it saw.
 */
import { CreditReader } from '../src/engine/net/credit-reader.ts';
import { BatchDecoder } from '../src/engine/net/codec/batch-decoder.ts';

export type Mode = 'clone' | 'transfer' | 'recycled' | 'sab' | 'codec+transfer' | 'codec+sab';
export interface RunRequest {
  mode: Mode;
  port: MessagePort;
  sab?: SharedArrayBuffer;
  slotBytes?: number;
}
export interface ConsumerResult {
  records: number;
  bytes: number;
}

/** Consumes one run; calls `reply` once with its counts. */
export function consume(
  { mode, port, sab, slotBytes }: RunRequest,
  reply: (r: ConsumerResult) => void,
): void {
  let records = 0;
  let bytes = 0;
  const done = () => {
    reply({ records, bytes });
    port.close();
  };
  const credit = () => port.postMessage({ t: 'k', n: 1, ack: 1 });
  if (mode === 'codec+transfer') {
    const reader = new CreditReader(port, 'bench', (e) => {
      if (e.kind === 'records') {
        records += e.values.length;
        reader.release();
      } else if (e.kind === 'end-of-input') {
        bytes = reader.bytesReceived;
        done();
      }
    });
    reader.start();
    return;
  }
  const decoder = new BatchDecoder();
  let back: ArrayBuffer[] = [];
  port.addEventListener('message', ({ data: msg }: MessageEvent) => {
    if (msg.t === 'e') return done();
    if (mode === 'clone') {
      records += msg.values.length;
    } else if (mode === 'transfer') {
      records += msg.records;
      bytes += msg.buf.byteLength;
    } else if (mode === 'recycled') {
      // Buffers and credits go back two at a time, as CreditReader.release does.
      records += msg.records;
      bytes += msg.buf.byteLength;
      back.push(msg.buf);
      if (back.length < 2) return;
      const bufs = back;
      back = [];
      return port.postMessage({ t: 'k', n: bufs.length, ack: bufs.length, bufs }, bufs);
    } else {
      // SharedArrayBuffer: copy the slot out (the producer reuses it once credit returns).
      const slot = new Uint8Array(sab!, msg.slot * slotBytes!, msg.length);
      const own = slot.slice();
      bytes += msg.length;
      records += mode === 'sab' ? msg.records : decoder.decode(own.buffer).count;
    }
    credit();
  });
  port.start();
  port.postMessage({ t: 'k', n: 4, ack: 0 });
}
