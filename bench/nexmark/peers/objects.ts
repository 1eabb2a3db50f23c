/**
 * Each query as a hand-written loop over JS objects (the records a JS programmer would hold),
 * with Maps for state: what plain JavaScript does without typed arrays or a framework.
 */
import type { Auction, Bid, NexmarkEvent, Person } from '../../../src/engine/index.ts';
import { hash4, hash3, hash2, addRow, rowHash, type Checksum } from '../checksum.ts';
import { bidderAuctionKey } from '../queries/q18.ts';

const W10 = 10_000;
const isBid = (e: NexmarkEvent): e is Bid => e.type === 'bid';

function q0(events: NexmarkEvent[]): Checksum {
  const c = { count: 0, sum: 0 };
  for (const e of events) if (isBid(e)) addRow(c, hash4(e.auction, e.bidder, e.price, e.dateTime));
  return c;
}

function q1(events: NexmarkEvent[]): Checksum {
  const c = { count: 0, sum: 0 };
  for (const e of events)
    if (isBid(e)) addRow(c, hash4(e.auction, e.bidder, Math.round(0.908 * e.price * 1000), e.dateTime));
  return c;
}

function q2(events: NexmarkEvent[]): Checksum {
  const c = { count: 0, sum: 0 };
  for (const e of events) if (isBid(e) && e.auction % 123 === 0) addRow(c, hash2(e.auction, e.price));
  return c;
}

function q3(events: NexmarkEvent[]): Checksum {
  const people = new Map<number, Person>();
  const sold: Auction[] = [];
  for (const e of events) {
    if (e.type === 'person' && (e.state === 'OR' || e.state === 'ID' || e.state === 'CA'))
      people.set(e.id, e);
    else if (e.type === 'auction' && e.category === 10) sold.push(e);
  }
  const c = { count: 0, sum: 0 };
  for (const a of sold) {
    const p = people.get(a.seller);
    if (p) addRow(c, rowHash([p.name, p.city, p.state, a.id]));
  }
  return c;
}

function q4(events: NexmarkEvent[]): Checksum {
  const open = new Map<number, Auction>();
  for (const e of events) if (e.type === 'auction') open.set(e.id, e);
  const max = new Map<number, number>();
  for (const e of events) {
    if (!isBid(e)) continue;
    const a = open.get(e.auction);
    if (a && e.dateTime >= a.dateTime && e.dateTime <= a.expires && e.price > (max.get(a.id) ?? -1))
      max.set(a.id, e.price);
  }
  const byCategory = new Map<number, [number, number]>();
  for (const [id, m] of max) {
    const cat = open.get(id)!.category;
    const acc = byCategory.get(cat) ?? [0, 0];
    byCategory.set(cat, [acc[0] + m, acc[1] + 1]);
  }
  const c = { count: 0, sum: 0 };
  for (const [cat, [s, n]] of byCategory) addRow(c, hash2(cat, Math.trunc(s / n)));
  return c;
}

function q5(events: NexmarkEvent[]): Checksum {
  const windows = new Map<number, Map<number, number>>();
  for (const e of events) {
    if (!isBid(e)) continue;
    const last = Math.floor(e.dateTime / 2000) * 2000;
    for (let start = last; start > e.dateTime - W10; start -= 2000) {
      let m = windows.get(start);
      if (!m) windows.set(start, (m = new Map()));
      m.set(e.auction, (m.get(e.auction) ?? 0) + 1);
    }
  }
  const c = { count: 0, sum: 0 };
  for (const m of windows.values()) {
    let max = 0;
    for (const v of m.values()) if (v > max) max = v;
    for (const [auction, num] of m) if (num >= max) addRow(c, hash2(auction, num));
  }
  return c;
}

function q7(events: NexmarkEvent[]): Checksum {
  const max = new Map<number, number>();
  for (const e of events) {
    if (!isBid(e)) continue;
    const w = Math.floor(e.dateTime / W10);
    if (e.price > (max.get(w) ?? -1)) max.set(w, e.price);
  }
  const c = { count: 0, sum: 0 };
  for (const e of events) {
    if (!isBid(e)) continue;
    const w = Math.floor(e.dateTime / W10);
    const h = hash4(e.auction, e.price, e.bidder, e.dateTime);
    if (e.price === max.get(w)) addRow(c, h);
    if (e.dateTime % W10 === 0 && e.price === max.get(w - 1)) addRow(c, h);
  }
  return c;
}

function q8(events: NexmarkEvent[]): Checksum {
  const sellers = new Set<string>();
  for (const e of events)
    if (e.type === 'auction') sellers.add(`${Math.floor(e.dateTime / W10)}:${e.seller}`);
  const c = { count: 0, sum: 0 };
  for (const e of events) {
    if (e.type !== 'person') continue;
    const w = Math.floor(e.dateTime / W10);
    if (sellers.has(`${w}:${e.id}`)) addRow(c, rowHash([e.id, e.name, w * W10]));
  }
  return c;
}

function q11(events: NexmarkEvent[]): Checksum {
  const times = new Map<number, number[]>();
  for (const e of events) {
    if (!isBid(e)) continue;
    const t = times.get(e.bidder);
    if (t) t.push(e.dateTime);
    else times.set(e.bidder, [e.dateTime]);
  }
  const c = { count: 0, sum: 0 };
  for (const [bidder, ts] of times) {
    ts.sort((x, y) => x - y);
    let first = 0;
    for (let i = 1; i <= ts.length; i++) {
      if (i < ts.length && ts[i] < ts[i - 1] + W10) continue;
      addRow(c, hash4(bidder, i - first, ts[first], ts[i - 1] + W10));
      first = i;
    }
  }
  return c;
}

function q18(events: NexmarkEvent[]): Checksum {
  const last = new Map<number, Bid>();
  for (const e of events) {
    if (!isBid(e)) continue;
    const k = bidderAuctionKey(e);
    const prev = last.get(k);
    if (!prev || e.dateTime >= prev.dateTime) last.set(k, e);
  }
  const c = { count: 0, sum: 0 };
  for (const b of last.values()) addRow(c, hash3(b.auction, b.bidder, b.dateTime));
  return c;
}

function q19(events: NexmarkEvent[]): Checksum {
  const tops = new Map<number, number[]>();
  for (const e of events) {
    if (!isBid(e)) continue;
    let top = tops.get(e.auction);
    if (!top) tops.set(e.auction, (top = []));
    if (top.length === 10 && e.price <= top[9]) continue;
    let i = top.length;
    while (i > 0 && top[i - 1] < e.price) i--;
    top.splice(i, 0, e.price);
    if (top.length > 10) top.pop();
  }
  const c = { count: 0, sum: 0 };
  for (const [auction, top] of tops) top.forEach((p, r) => addRow(c, hash3(auction, r + 1, p)));
  return c;
}

/** The plain-objects runner of each query. */
export const objectQueries: Record<string, (events: NexmarkEvent[]) => Checksum> = {
  q0,
  q1,
  q2,
  q3,
  q4,
  q5,
  q7,
  q8,
  q11,
  q18,
  q19,
};
