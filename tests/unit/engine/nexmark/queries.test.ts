import { describe, expect, it } from 'vitest';
import {
  StreamExecutionEnvironment,
  generateNexmark,
  nexmarkEvents as recordsOf,
  type Auction,
  type Bid,
  type NexmarkEvent,
  type Person,
} from '../../../../src/engine/index.ts';
import { nexmarkEvents } from '../../../../bench/nexmark/events.ts';
import { finalTable } from '../../../../bench/nexmark/checksum.ts';
import { QUERIES } from '../../../../bench/nexmark/queries/index.ts';
import { bidderAuctionKey } from '../../../../bench/nexmark/queries/q18.ts';

// 40 000 events at 1 000 events/s: 40 s of event time, so every window kind closes several times.
// The references below are straightforward loops over the records, written from the Nexmark SQL.
const config = { events: 40_000, seed: 11, firstEventRate: 1000 };
const events = recordsOf(generateNexmark(config));
const bids = events.filter((e): e is Bid => e.type === 'bid');
const auctions = events.filter((e): e is Auction => e.type === 'auction');
const persons = events.filter((e): e is Person => e.type === 'person');

const run = async (query: string, parallelism: number): Promise<any[]> => {
  const env = StreamExecutionEnvironment.getExecutionEnvironment({ parallelism });
  return QUERIES[query].build(nexmarkEvents(env, config)).executeAndCollect();
};
const canon = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).sort();
const pick = <T extends object>(rows: T[], keys: (keyof T)[]) =>
  rows.map((r) => Object.fromEntries(keys.map((k) => [k, r[k]])));

/** Reference results of each query on `events`. */
const reference: Record<string, () => unknown[]> = {
  q0: () =>
    bids.map((b) => ({
      auction: b.auction,
      bidder: b.bidder,
      price: b.price,
      dateTime: b.dateTime,
      extra: b.extra,
    })),
  q1: () =>
    bids.map((b) => ({
      auction: b.auction,
      bidder: b.bidder,
      price: 0.908 * b.price,
      dateTime: b.dateTime,
      extra: b.extra,
    })),
  q2: () => bids.filter((b) => b.auction % 123 === 0).map((b) => ({ auction: b.auction, price: b.price })),
  q3: () => {
    const out = [];
    for (const a of auctions)
      for (const p of persons)
        if (a.seller === p.id && a.category === 10 && ['OR', 'ID', 'CA'].includes(p.state))
          out.push({ name: p.name, city: p.city, state: p.state, id: a.id });
    return out;
  },
  q4: () => {
    const finals = new Map<number, number[]>();
    for (const a of auctions) {
      let max = -1;
      for (const b of bids)
        if (b.auction === a.id && b.dateTime >= a.dateTime && b.dateTime <= a.expires)
          max = Math.max(max, b.price);
      if (max >= 0) finals.set(a.category, [...(finals.get(a.category) ?? []), max]);
    }
    return [...finals].map(([category, xs]) => ({
      category,
      avg: Math.trunc(xs.reduce((s, x) => s + x, 0) / xs.length),
    }));
  },
  q5: () => {
    const out = [];
    const last = Math.max(...bids.map((b) => b.dateTime));
    for (let start = -8000; start <= last; start += 2000) {
      const counts = new Map<number, number>();
      for (const b of bids)
        if (b.dateTime >= start && b.dateTime < start + 10_000)
          counts.set(b.auction, (counts.get(b.auction) ?? 0) + 1);
      const max = Math.max(0, ...counts.values());
      for (const [auction, num] of counts) if (num >= max) out.push({ auction, num });
    }
    return out;
  },
  q7: () => {
    const out = [];
    const last = Math.max(...bids.map((b) => b.dateTime));
    for (let start = 0; start <= last; start += 10_000) {
      const inWindow = bids.filter((b) => b.dateTime >= start && b.dateTime < start + 10_000);
      if (inWindow.length === 0) continue;
      const max = Math.max(...inWindow.map((b) => b.price));
      for (const b of bids)
        if (b.price === max && b.dateTime >= start && b.dateTime <= start + 10_000)
          out.push({
            auction: b.auction,
            price: b.price,
            bidder: b.bidder,
            dateTime: b.dateTime,
            extra: b.extra,
          });
    }
    return out;
  },
  q8: () => {
    const out = [];
    for (const p of persons) {
      const start = Math.floor(p.dateTime / 10_000) * 10_000;
      if (auctions.some((a) => a.seller === p.id && a.dateTime >= start && a.dateTime < start + 10_000))
        out.push({ id: p.id, name: p.name, starttime: start });
    }
    return out;
  },
  q11: () => {
    const byBidder = new Map<number, number[]>();
    for (const b of bids) byBidder.set(b.bidder, [...(byBidder.get(b.bidder) ?? []), b.dateTime]);
    const out = [];
    for (const [bidder, times] of byBidder) {
      times.sort((x, y) => x - y);
      let first = 0;
      for (let i = 1; i <= times.length; i++) {
        if (i === times.length || times[i] >= times[i - 1] + 10_000) {
          out.push({ bidder, bidCount: i - first, starttime: times[first], endtime: times[i - 1] + 10_000 });
          first = i;
        }
      }
    }
    return out;
  },
  q18: () => {
    const last = new Map<number, Bid>();
    for (const b of bids) {
      const k = bidderAuctionKey(b);
      const prev = last.get(k);
      if (!prev || b.dateTime >= prev.dateTime) last.set(k, b);
    }
    return pick([...last.values()], ['auction', 'bidder', 'dateTime']);
  },
  q19: () => {
    const prices = new Map<number, number[]>();
    for (const b of bids) prices.set(b.auction, [...(prices.get(b.auction) ?? []), b.price]);
    return [...prices].map(([auction, ps]) => ({ auction, top: ps.sort((x, y) => y - x).slice(0, 10) }));
  },
};

/** Engine rows → comparable rows (updating queries: their final table). */
const finalRows: Record<string, (rows: any[]) => unknown[]> = {
  q4: (rows) => finalTable(rows, (r) => r.category),
  q18: (rows) => pick(finalTable<Bid>(rows, bidderAuctionKey), ['auction', 'bidder', 'dateTime']),
  q19: (rows) => finalTable(rows, (r) => r.auction),
};

describe('Nexmark queries on the engine equal a plain-loop reference', () => {
  for (const query of Object.keys(QUERIES)) {
    it(`${query} (parallelism 1 and 2)`, async () => {
      const expected = canon(reference[query]());
      expect(expected.length).toBeGreaterThan(0);
      for (const parallelism of [1, 2]) {
        const rows = await run(query, parallelism);
        expect(canon((finalRows[query] ?? ((r) => r))(rows))).toEqual(expected);
      }
    }, 60_000);
  }
});

// Sanity of the inputs the references use.
it('the test stream has all three kinds', () => {
  expect([persons.length, auctions.length, bids.length]).toEqual([800, 2400, 36800]);
  expect(events.every((e: NexmarkEvent) => e.dateTime >= 0)).toBe(true);
});
