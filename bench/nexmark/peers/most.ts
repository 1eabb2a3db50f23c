/**
 * The stateless and windowed queries in @most/core 1.6 over the same records: a stream from the
 * array, filter/map combinators, and state in `tap` (most has no groupBy or windows in its core).
 */
import { filter, map, newStream, runEffects, tap } from '@most/core';
import { asap, newDefaultScheduler } from '@most/scheduler';
import type { Stream } from '@most/types';
import type { Bid, NexmarkEvent } from '../../../src/engine/index.ts';
import { hash4, hash2, addRow, type Checksum } from '../checksum.ts';

const W10 = 10_000;
type Row = { auction: number; bidder: number; price: number; dateTime: number };

/** A stream of the array's items, emitted in one scheduler task. */
const fromArray = <T>(items: readonly T[]): Stream<T> =>
  newStream((sink, scheduler) =>
    asap(
      {
        run(t) {
          for (const x of items) sink.event(t, x);
          sink.end(t);
        },
        error(t, e) {
          sink.error(t, e);
        },
        dispose() {},
      },
      scheduler,
    ),
  );

const bids = (events: NexmarkEvent[]) =>
  filter((e: NexmarkEvent): e is Bid => e.type === 'bid', fromArray(events)) as Stream<Bid>;

async function drain<T>(s: Stream<T>, each: (x: T) => void): Promise<void> {
  await runEffects(tap(each, s), newDefaultScheduler());
}

async function rows(s: Stream<number>): Promise<Checksum> {
  const c = { count: 0, sum: 0 };
  await drain(s, (h) => addRow(c, h));
  return c;
}

export const mostQueries: Record<string, (events: NexmarkEvent[]) => Promise<Checksum>> = {
  q0: (events) =>
    rows(
      map(
        (r: Row) => hash4(r.auction, r.bidder, r.price, r.dateTime),
        map(
          (b) => ({
            auction: b.auction,
            bidder: b.bidder,
            price: b.price,
            dateTime: b.dateTime,
            extra: b.extra,
          }),
          bids(events),
        ),
      ),
    ),
  q1: (events) =>
    rows(
      map(
        (r: Row) => hash4(r.auction, r.bidder, Math.round(r.price * 1000), r.dateTime),
        map(
          (b) => ({
            auction: b.auction,
            bidder: b.bidder,
            price: 0.908 * b.price,
            dateTime: b.dateTime,
            extra: b.extra,
          }),
          bids(events),
        ),
      ),
    ),
  q2: (events) =>
    rows(
      map(
        (b: Bid) => hash2(b.auction, b.price),
        filter((b) => b.auction % 123 === 0, bids(events)),
      ),
    ),
  q5: async (events) => {
    const windows = new Map<number, Map<number, number>>();
    await drain(bids(events), (b) => {
      for (let s = Math.floor(b.dateTime / 2000) * 2000; s > b.dateTime - W10; s -= 2000) {
        let m = windows.get(s);
        if (!m) windows.set(s, (m = new Map()));
        m.set(b.auction, (m.get(b.auction) ?? 0) + 1);
      }
    });
    const c = { count: 0, sum: 0 };
    for (const m of windows.values()) {
      const max = Math.max(...m.values());
      for (const [a, n] of m) if (n >= max) addRow(c, hash2(a, n));
    }
    return c;
  },
  q7: async (events) => {
    const windows = new Map<number, Bid[]>();
    await drain(bids(events), (b) => {
      const w = Math.floor(b.dateTime / W10);
      const list = windows.get(w);
      if (list) list.push(b);
      else windows.set(w, [b]);
    });
    const c = { count: 0, sum: 0 };
    for (const [w, list] of windows) {
      let max = -1;
      for (const b of list) if (b.price > max) max = b.price;
      const next = windows.get(w + 1) ?? [];
      for (const b of [...list, ...next.filter((x) => x.dateTime === (w + 1) * W10)])
        if (b.price === max) addRow(c, hash4(b.auction, b.price, b.bidder, b.dateTime));
    }
    return c;
  },
};
