import { afterEach, describe, expect, it } from 'vitest';
import { BatchDecoder } from '../../../../src/engine/net/codec/batch-decoder.ts';
import { BatchEncoder } from '../../../../src/engine/net/codec/batch-encoder.ts';
import { CreditReader } from '../../../../src/engine/net/credit-reader.ts';
import { CreditWriter } from '../../../../src/engine/net/credit-writer.ts';
import { RecordWriterOutput } from '../../../../src/engine/runtime/outputs.ts';
import { keyGroupPartitioner } from '../../../../src/engine/runtime/partitioners.ts';
import type { ChannelWriter, RecordBatch, StreamEvent } from '../../../../src/engine/runtime/stream-event.ts';
import {
  assignToKeyGroup,
  computeOperatorIndexForKeyGroup,
} from '../../../../src/engine/state/key-groups.ts';

// Expected key groups and channels come from assignToKeyGroup / computeOperatorIndexForKeyGroup
// (Flink's KeyGroupRangeAssignment, checked against Flink's values in tests/unit/engine/state).
const MAX_P = 128;
const key = (v: { k: string }) => v.k;
const records = Array.from({ length: 10 }, (_, i) => ({ k: `user-${i}`, n: i }));

async function until(cond: () => boolean, what: string): Promise<void> {
  for (let turns = 0; turns < 10_000; turns++) {
    if (cond()) return;
    await new Promise((r) => setImmediate(r));
  }
  throw new Error(`never happened: ${what}`);
}

const open: { close(): void }[] = [];
afterEach(() => open.splice(0).forEach((c) => c.close()));

describe('key groups travel with the records of a HASH edge', () => {
  it('the record writer routes by key group and sends each record key group with the batch', () => {
    const sent: RecordBatch[][] = [[], []];
    const writers: ChannelWriter[] = sent.map((into) => ({
      send: (e: StreamEvent) => void (e.kind === 'records' && into.push(e)),
    }));
    const partitioner = keyGroupPartitioner(key);
    const select = partitioner.createSelector(0, 2, MAX_P);
    const out = new RecordWriterOutput(writers, select, false, 4, {
      keySelector: partitioner.keySelector!,
      maxParallelism: MAX_P,
    });
    records.forEach((r, i) => out.collect(r, i));
    out.flush();
    for (let c = 0; c < 2; c++) {
      const got = sent[c].flatMap((b) =>
        b.values.map((v, i) => ({ v, ts: b.timestamps[i], kg: b.keyGroups![i] })),
      );
      const want = records
        .map((r, i) => ({ v: r, ts: i, kg: assignToKeyGroup(r.k, MAX_P) }))
        .filter((x) => computeOperatorIndexForKeyGroup(MAX_P, 2, x.kg) === c);
      expect(got).toEqual(want);
      for (const b of sent[c]) expect(b.keyGroups!.length).toBe(b.values.length);
    }
  });

  it('a writer that copies batches out gets the same typed arrays refilled and a fresh values array', () => {
    const copies: { values: unknown[]; kgs: number[] }[] = [];
    const typedArrays = new Set<unknown>();
    const valueArrays = new Set<unknown>();
    const writer: ChannelWriter = {
      send: () => {
        throw new Error('sendBatch must be used');
      },
      sendBatch: (values, ts, kgs, count) => {
        typedArrays.add(ts).add(kgs);
        valueArrays.add(values);
        copies.push({ values: values.slice(0, count), kgs: Array.from(kgs!.subarray(0, count)) });
      },
    };
    const other: ChannelWriter = { send: () => {}, sendBatch: () => {} };
    const partitioner = keyGroupPartitioner((v: number) => v);
    // Keys 0..999 into 2 channels, batches of 8: channel 0 gets the keys whose group is in [0, 63].
    const out = new RecordWriterOutput([writer, other], partitioner.createSelector(0, 2, MAX_P), false, 8, {
      keySelector: partitioner.keySelector!,
      maxParallelism: MAX_P,
    });
    for (let v = 0; v < 1000; v++) out.collect(v, v);
    out.flush();
    const want = Array.from({ length: 1000 }, (_, v) => v).filter((v) => assignToKeyGroup(v, MAX_P) < 64);
    expect(copies.flatMap((c) => c.values)).toEqual(want);
    expect(copies.flatMap((c) => c.kgs)).toEqual(want.map((v) => assignToKeyGroup(v, MAX_P)));
    expect(typedArrays.size).toBe(2);
    // Values arrays are not reused: an old array costs a write barrier per record stored into it.
    expect(valueArrays.size).toBe(copies.length);
  });

  it('the codec carries key groups and leaves them out when absent', () => {
    const kgs = new Int32Array(records.map((r) => assignToKeyGroup(r.k, MAX_P)));
    const ts = new Float64Array(records.map((_, i) => i * 10));
    const enc = new BatchEncoder('A (1/2) -> B (2/2)');
    const dec = new BatchDecoder();
    const withGroups = dec.decode(enc.encode(records, ts, records.length, kgs));
    expect(withGroups.values).toEqual(records);
    expect(Array.from(withGroups.timestamps)).toEqual(Array.from(ts));
    expect(Array.from(withGroups.keyGroups!)).toEqual(Array.from(kgs));
    // A string column and a boolean column around the key-group column keep their values.
    const mixed = records.map((r) => ({ ...r, ok: r.n % 2 === 0 }));
    const back = dec.decode(enc.encode(mixed, ts, 7, kgs));
    expect(back.values).toEqual(mixed.slice(0, 7));
    expect(Array.from(back.keyGroups!)).toEqual(Array.from(kgs.subarray(0, 7)));
    expect(dec.decode(enc.encode(records, ts)).keyGroups).toBeNull();
  });

  it('key groups cross a MessagePort channel; credits go back in bulk, half the credits at a time', async () => {
    const { port1, port2 } = new MessageChannel();
    const writer = new CreditWriter(port1, 'A (1/1) -> B (1/1)');
    const received: StreamEvent[] = [];
    const reader = new CreditReader(port2, 'A (1/1) -> B (1/1)', (e) => received.push(e), 4);
    open.push(writer, reader);
    const kgs = new Int32Array([5, 77]);
    writer.sendBatch([0, 1], new Float64Array([0, 0]), kgs, 2); // waits for the initial credits
    reader.start();
    await writer.whenAvailable();
    for (let i = 1; i < 4; i++) writer.sendBatch([i, i + 1], new Float64Array([i, i]), kgs, 2);
    expect(writer.inFlight).toBe(4);
    writer.sendBatch([9, 9], new Float64Array([9, 9]), kgs, 2);
    expect(writer.isAvailable()).toBe(false); // 4 credits spent: the fifth batch waits
    await until(() => received.length === 4, 'four batches');
    expect(received.map((e) => e.kind === 'records' && Array.from(e.keyGroups!))).toEqual(
      Array.from({ length: 4 }, () => [5, 77]),
    );
    reader.release(); // one release: no credit message yet (2 = half of 4 per message)
    for (let t = 0; t < 20; t++) await new Promise((r) => setImmediate(r));
    expect(writer.inFlight).toBe(4);
    expect(writer.isAvailable()).toBe(false);
    reader.release(); // the second release returns both credits, and the fifth batch goes
    await writer.whenAvailable();
    expect(writer.inFlight).toBe(3);
    await until(() => received.length === 5, 'fifth batch');
  });

  it('a received batch decodes when read, and one released unread keeps its records', async () => {
    const { port1, port2 } = new MessageChannel();
    const writer = new CreditWriter(port1, 'A (1/1) -> B (1/1)');
    const received: StreamEvent[] = [];
    const reader = new CreditReader(port2, 'A (1/1) -> B (1/1)', (e) => received.push(e), 2);
    open.push(writer, reader);
    reader.start();
    writer.send({ kind: 'records', values: [{ a: 1 }, { a: 2 }], timestamps: new Float64Array([1, 2]) });
    await until(() => received.length === 1, 'one batch');
    reader.release(); // its buffer goes back to the sender now
    await writer.whenAvailable();
    const batch = received[0] as RecordBatch;
    expect(batch.values).toEqual([{ a: 1 }, { a: 2 }]);
  });
});
