/**
 * The queries in RxJS 7 over the same records (an array of objects, as an RxJS user holds them):
 * operators for the stateless ones, groupBy + reduce for windows and per-key state.
 */
import { from, filter, map, mergeMap, groupBy, reduce, type Observable } from 'rxjs';
import type { Bid, NexmarkEvent } from '../../../src/engine/index.ts';
import { hash4, hash3, hash2, addRow, type Checksum } from '../checksum.ts';
import { bidderAuctionKey } from '../queries/q18.ts';

const W10 = 10_000;
const bids = (events: NexmarkEvent[]) => from(events).pipe(filter((e): e is Bid => e.type === 'bid'));
const checksum = (hashes: Observable<number>): Promise<Checksum> =>
  new Promise((resolve, reject) =>
    hashes
      .pipe(reduce((c, h) => (addRow(c, h), c), { count: 0, sum: 0 }))
      .subscribe({ next: resolve, error: reject }),
  );

export const rxjsQueries: Record<string, (events: NexmarkEvent[]) => Promise<Checksum>> = {
  q0: (events) =>
    checksum(
      bids(events).pipe(
        map((b) => ({
          auction: b.auction,
          bidder: b.bidder,
          price: b.price,
          dateTime: b.dateTime,
          extra: b.extra,
        })),
        map((r) => hash4(r.auction, r.bidder, r.price, r.dateTime)),
      ),
    ),
  q1: (events) =>
    checksum(
      bids(events).pipe(
        map((b) => ({
          auction: b.auction,
          bidder: b.bidder,
          price: 0.908 * b.price,
          dateTime: b.dateTime,
          extra: b.extra,
        })),
        map((r) => hash4(r.auction, r.bidder, Math.round(r.price * 1000), r.dateTime)),
      ),
    ),
  q2: (events) =>
    checksum(
      bids(events).pipe(
        filter((b) => b.auction % 123 === 0),
        map((b) => hash2(b.auction, b.price)),
      ),
    ),
  q5: (events) =>
    checksum(
      bids(events).pipe(
        // Each bid into its 5 sliding windows, then per window: counts per auction, keep the top.
        mergeMap((b) => {
          const out: [number, number][] = [];
          for (let s = Math.floor(b.dateTime / 2000) * 2000; s > b.dateTime - W10; s -= 2000)
            out.push([s, b.auction]);
          return out;
        }),
        groupBy(([start]) => start),
        mergeMap((w) =>
          w.pipe(
            reduce((m, [, auction]) => m.set(auction, (m.get(auction) ?? 0) + 1), new Map<number, number>()),
            mergeMap((m) => {
              const max = Math.max(...m.values());
              return [...m].filter(([, n]) => n >= max).map(([auction, n]) => hash2(auction, n));
            }),
          ),
        ),
      ),
    ),
  q7: (events) =>
    checksum(
      bids(events).pipe(
        // A bid on a window end also belongs to the window before (BETWEEN is inclusive), without counting for its max.
        mergeMap((b) => {
          const w = Math.floor(b.dateTime / W10);
          return b.dateTime % W10 === 0
            ? [
                { w, b, own: true },
                { w: w - 1, b, own: false },
              ]
            : [{ w, b, own: true }];
        }),
        groupBy((x) => x.w),
        mergeMap((g) =>
          g.pipe(
            reduce((acc, x) => (acc.push(x), acc), [] as { b: Bid; own: boolean }[]),
            mergeMap((xs) => {
              const max = Math.max(...xs.filter((x) => x.own).map((x) => x.b.price));
              return xs
                .filter((x) => x.b.price === max)
                .map(({ b }) => hash4(b.auction, b.price, b.bidder, b.dateTime));
            }),
          ),
        ),
      ),
    ),
  q11: (events) =>
    checksum(
      bids(events).pipe(
        groupBy((b) => b.bidder),
        mergeMap((g) =>
          g.pipe(
            reduce((ts, b) => (ts.push(b.dateTime), ts), [] as number[]),
            mergeMap((ts) => {
              ts.sort((x, y) => x - y);
              const rows: number[] = [];
              let first = 0;
              for (let i = 1; i <= ts.length; i++) {
                if (i < ts.length && ts[i] < ts[i - 1] + W10) continue;
                rows.push(hash4(g.key, i - first, ts[first], ts[i - 1] + W10));
                first = i;
              }
              return rows;
            }),
          ),
        ),
      ),
    ),
  q18: (events) =>
    checksum(
      bids(events).pipe(
        groupBy((b: Bid) => bidderAuctionKey(b)),
        mergeMap((g) =>
          g.pipe(
            reduce<Bid, Bid | null>((last, b) => (!last || b.dateTime >= last.dateTime ? b : last), null),
            map((b) => hash3(b!.auction, b!.bidder, b!.dateTime)),
          ),
        ),
      ),
    ),
  q19: (events) =>
    checksum(
      bids(events).pipe(
        groupBy((b) => b.auction),
        mergeMap((g) =>
          g.pipe(
            reduce((top, b) => {
              if (top.length === 10 && b.price <= top[9]) return top;
              let i = top.length;
              while (i > 0 && top[i - 1] < b.price) i--;
              top.splice(i, 0, b.price);
              if (top.length > 10) top.pop();
              return top;
            }, [] as number[]),
            mergeMap((top) => top.map((p, r) => hash3(g.key, r + 1, p))),
          ),
        ),
      ),
    ),
};
