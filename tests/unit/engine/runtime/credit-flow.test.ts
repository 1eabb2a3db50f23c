import { afterEach, describe, expect, it } from 'vitest';
import { CreditReader } from '../../../../src/engine/net/credit-reader.ts';
import { CreditWriter } from '../../../../src/engine/net/credit-writer.ts';
import { LocalChannel } from '../../../../src/engine/net/local-channel.ts';
import type { StreamEvent } from '../../../../src/engine/runtime/stream-event.ts';

/** Lets queued port messages be delivered: yields to the event loop until `cond` holds. */
async function until(cond: () => boolean, what: string): Promise<void> {
  for (let turns = 0; turns < 10_000; turns++) {
    if (cond()) return;
    await new Promise((r) => setImmediate(r));
  }
  throw new Error(`never happened: ${what}`);
}

const batch = (i: number): StreamEvent => ({
  kind: 'records',
  values: [i, i + 0.5],
  timestamps: new Float64Array([i, NaN]),
});

const open: { close(): void }[] = [];
afterEach(() => open.splice(0).forEach((c) => c.close()));

function channel(credits: number) {
  const { port1, port2 } = new MessageChannel();
  const writer = new CreditWriter(port1, 'Source (1/1) -> SlowSink (1/1)');
  const received: StreamEvent[] = [];
  const reader = new CreditReader(port2, 'Source (1/1) -> SlowSink (1/1)', (e) => received.push(e), credits);
  open.push(writer, reader);
  return { writer, reader, received };
}

describe('credit-based flow control over MessagePort', () => {
  it('never has more batches in flight than credits while the consumer is slow', async () => {
    const { writer, reader, received } = channel(4);
    reader.start();
    for (let i = 0; i < 50; i++) writer.send(batch(i));
    writer.send({ kind: 'watermark', timestamp: 49 });
    writer.send({ kind: 'end-of-input' });
    // The slow consumer processes one batch, then lets the event loop run, and looks again.
    let processed = 0;
    while (processed < 50) {
      await until(() => received.length > processed, `batch ${processed}`);
      expect(reader.pending).toBeLessThanOrEqual(4);
      expect(writer.inFlight).toBeLessThanOrEqual(4);
      processed++;
      reader.release();
    }
    await until(() => received.length === 52, 'watermark and end-of-input');
    // 4 credits: a sender never had more than 4 batches posted and unacknowledged.
    expect(writer.maxInFlight).toBe(4);
    expect(reader.maxPending).toBe(4);
    expect(writer.batchesSent).toBe(50);
    // In order, watermark and end-of-input behind the last batch.
    expect(received.slice(0, 50).map((e) => (e.kind === 'records' ? e.values[0] : -1))).toEqual(
      Array.from({ length: 50 }, (_, i) => i),
    );
    expect(received.slice(50)).toEqual([{ kind: 'watermark', timestamp: 49 }, { kind: 'end-of-input' }]);
    expect(writer.isAvailable()).toBe(true);
  });

  it('is unavailable while a batch waits for credit, and resolves whenAvailable once credit comes', async () => {
    const { writer, reader, received } = channel(2);
    writer.send(batch(0)); // no credit yet: the reader has not started
    expect(writer.isAvailable()).toBe(false);
    expect(writer.queued).toBe(1);
    let available = false;
    const done = writer.whenAvailable().then(() => (available = true));
    reader.start();
    await done;
    expect(available).toBe(true);
    writer.send(batch(1));
    expect(writer.isAvailable()).toBe(true); // second credit
    writer.send(batch(2));
    expect(writer.isAvailable()).toBe(false); // credits spent: 2 in flight
    expect(writer.inFlight).toBe(2);
    await until(() => received.length === 2, 'two batches');
    reader.release();
    await writer.whenAvailable();
    expect(writer.inFlight).toBe(2);
    await until(() => received.length === 3, 'third batch');
  });

  it('lets events through without credit when nothing waits', async () => {
    const { writer, reader, received } = channel(1);
    writer.send({ kind: 'watermark', timestamp: 5 });
    writer.send({ kind: 'status', idle: true });
    expect(writer.isAvailable()).toBe(true);
    reader.start();
    await until(() => received.length === 2, 'events');
    expect(received).toEqual([
      { kind: 'watermark', timestamp: 5 },
      { kind: 'status', idle: true },
    ]);
  });

  it('rejects a credit count below 1, naming the channel', () => {
    const { port2 } = new MessageChannel();
    expect(() => new CreditReader(port2, 'A (1/1) -> B (1/1)', () => {}, 0)).toThrow(
      "Channel 'A (1/1) -> B (1/1)': credits must be an integer >= 1, got 0",
    );
    port2.close();
  });
});

describe('local channel (both subtasks in one worker)', () => {
  it('hands batches over directly, within the same credits, in order', async () => {
    const ch = new LocalChannel('Source (1/1) -> Map (1/1)', 3);
    const received: StreamEvent[] = [];
    const input = ch.connect((e) => received.push(e));
    const batches = Array.from({ length: 10 }, (_, i) => batch(i));
    batches.forEach((b) => ch.send(b));
    ch.send({ kind: 'end-of-input' });
    expect(received).toEqual([]); // no credit before the consumer starts
    input.start();
    expect(received.length).toBe(3);
    expect(ch.isAvailable()).toBe(false);
    expect(ch.inFlight).toBe(3);
    let processed = 0;
    while (processed < 10) {
      expect(received[processed]).toBe(batches[processed]); // same object: ownership passes
      processed++;
      input.release();
      expect(ch.inFlight).toBeLessThanOrEqual(3);
    }
    await ch.whenAvailable();
    expect(received.length).toBe(11);
    expect(received[10]).toEqual({ kind: 'end-of-input' });
    expect(ch.maxInFlight).toBe(3);
    expect(ch.recordsSent).toBe(20);
  });
});
