import { describe, expect, it } from 'vitest';
import {
  FIRST_AUCTION_ID,
  FIRST_PERSON_ID,
  NexmarkSource,
  StreamExecutionEnvironment,
  WatermarkStrategy,
  generateNexmark,
  nexmarkEvents,
  nexmarkSplits,
  resolveNexmarkConfig,
  type NexmarkEvent,
  type NexmarkSplit,
  type SourceReader,
} from '../../../../src/engine/index.ts';

// 100 000 events = 2 000 epochs of 50 (1 person, 3 auctions, 46 bids), 10 s of event time at 10 000/s.
const config = { events: 100_000, seed: 42 };
const cols = generateNexmark(config);

describe('Nexmark generator', () => {
  it('makes persons, auctions and bids 1:3:46 with ids in order', () => {
    expect([cols.persons.n, cols.auctions.n, cols.bids.n]).toEqual([2000, 6000, 92000]);
    for (let i = 0; i < cols.persons.n; i++) expect(cols.persons.id[i]).toBe(FIRST_PERSON_ID + i);
    for (let i = 0; i < cols.auctions.n; i++) expect(cols.auctions.id[i]).toBe(FIRST_AUCTION_ID + i);
  });

  it('is deterministic per seed, and different seeds differ', () => {
    const again = generateNexmark(config);
    expect(again.bids.price).toEqual(cols.bids.price);
    expect(again.bids.dateTime).toEqual(cols.bids.dateTime);
    expect(again.auctions.seller).toEqual(cols.auctions.seller);
    const other = generateNexmark({ ...config, seed: 43 });
    expect(other.bids.price).not.toEqual(cols.bids.price);
  });

  it('any slice equals the same slice of the whole stream (replay, parallel readers)', () => {
    const slice = generateNexmark(config, 30_000, 30_100);
    // Events 30 000…30 099 = epochs 600 and 601: bids 600*46 … 602*46.
    expect(slice.bids.price).toEqual(cols.bids.price.slice(600 * 46, 602 * 46));
    expect(slice.auctions.expires).toEqual(cols.auctions.expires.slice(1800, 1806));
    expect(slice.persons.name).toEqual(cols.persons.name.slice(600, 602));
  });

  it('sends (hotAuctionRatio-1)/hotAuctionRatio of bids to the hot auction of the bucket (ratio 2)', () => {
    // The hot auction is the first of the current bucket of 100 auctions; random picks land on it rarely.
    let hot = 0;
    for (let i = 0; i < cols.bids.n; i++) {
      const n = Math.floor(i / 46) * 50 + 4 + (i % 46); // event number of bid i
      const lastAuction = Math.floor(n / 50) * 3 + 2; // base-0 id of the last auction at a bid
      if (cols.bids.auction[i] - FIRST_AUCTION_ID === Math.floor(lastAuction / 100) * 100) hot++;
    }
    expect(hot / cols.bids.n).toBeGreaterThan(0.5);
    expect(hot / cols.bids.n).toBeLessThan(0.52); // 1/2 hot + 1/2 * (~1/110 random hits)
  });

  it('hot bidders and hot sellers are 3 in 4 (ratio 4), the 2nd and 1st person of the bucket', () => {
    let hotBidders = 0;
    for (let i = 0; i < cols.bids.n; i++) {
      const person = Math.floor((Math.floor(i / 46) * 50 + 4) / 50); // base-0 id of the last person
      if (cols.bids.bidder[i] - FIRST_PERSON_ID === Math.floor(person / 100) * 100 + 1) hotBidders++;
    }
    let hotSellers = 0;
    for (let i = 0; i < cols.auctions.n; i++) {
      const person = Math.floor(i / 3);
      if (cols.auctions.seller[i] - FIRST_PERSON_ID === Math.floor(person / 100) * 100) hotSellers++;
    }
    expect(hotBidders / cols.bids.n).toBeGreaterThan(0.745);
    expect(hotBidders / cols.bids.n).toBeLessThan(0.77);
    expect(hotSellers / cols.auctions.n).toBeGreaterThan(0.73);
    expect(hotSellers / cols.auctions.n).toBeLessThan(0.78);
  });

  it('bids and auctions reference people/auctions among the active/in-flight ones, at most 10 ahead', () => {
    for (let i = 0; i < cols.bids.n; i++) {
      const n = Math.floor(i / 46) * 50 + 4 + (i % 46);
      const lastAuction = Math.floor(n / 50) * 3 + 2 + FIRST_AUCTION_ID;
      const lastPerson = Math.floor(n / 50) + FIRST_PERSON_ID;
      const a = cols.bids.auction[i];
      const b = cols.bids.bidder[i];
      if (a < Math.max(FIRST_AUCTION_ID, lastAuction - 100) || a > lastAuction + 10)
        throw new Error(`bid ${i}: auction ${a}`);
      if (b < Math.max(FIRST_PERSON_ID, lastPerson - 1000) || b > lastPerson + 10)
        throw new Error(`bid ${i}: bidder ${b}`);
    }
    for (let i = 0; i < cols.auctions.n; i++) {
      const lastPerson = Math.floor(i / 3) + FIRST_PERSON_ID;
      const s = cols.auctions.seller[i];
      expect(s >= Math.max(FIRST_PERSON_ID, lastPerson - 1000) && s <= lastPerson + 10).toBe(true);
      expect(cols.auctions.expires[i]).toBeGreaterThan(cols.auctions.dateTime[i]);
      expect(cols.auctions.category[i] >= 10 && cols.auctions.category[i] <= 14).toBe(true);
      expect(cols.auctions.reserve[i]).toBeGreaterThan(cols.auctions.initialBid[i]);
    }
  });

  it('delays about 10% of events by 1 ms … 3 s behind their nominal time (out of order)', () => {
    // Nominal time of event n = floor(n * 1000 / 10 000) = floor(n / 10) ms.
    let late = 0;
    for (let i = 0; i < cols.bids.n; i++) {
      const n = Math.floor(i / 46) * 50 + 4 + (i % 46);
      const delay = Math.floor(n / 10) - cols.bids.dateTime[i];
      expect(delay >= 0 && delay <= 3000).toBe(true);
      if (delay > 0) late++;
    }
    expect(late / cols.bids.n).toBeGreaterThan(0.09);
    expect(late / cols.bids.n).toBeLessThan(0.11);
  });

  it('refuses a bad option, naming it', () => {
    expect(() => resolveNexmarkConfig({ hotAuctionRatio: 0 })).toThrow(
      /"hotAuctionRatio" must be an integer >= 1/,
    );
    expect(() => resolveNexmarkConfig({ firstEventRate: -1 })).toThrow(/"firstEventRate"/);
  });
});

describe('NexmarkSource', () => {
  const small = { events: 5_000, seed: 3 };
  const key = (e: NexmarkEvent) =>
    e.type === 'bid'
      ? `b${e.auction}/${e.bidder}/${e.price}/${e.dateTime}`
      : `${e.type[0]}${e.id}/${e.dateTime}`;
  const run = async (parallelism: number, pregenerate: boolean) => {
    const env = StreamExecutionEnvironment.getExecutionEnvironment({ parallelism });
    const out = await env
      .fromSource(
        new NexmarkSource(small, { pregenerate }),
        WatermarkStrategy.noWatermarks<NexmarkEvent>(),
        'nexmark',
      )
      .map(key)
      .executeAndCollect();
    return out;
  };

  it('at parallelism 1 emits the generator’s events in event-number order', async () => {
    expect(await run(1, false)).toEqual(nexmarkEvents(generateNexmark(small)).map(key));
  });

  it('split over 3 subtasks (generated batch by batch or up front) emits the same set', async () => {
    const expected = nexmarkEvents(generateNexmark(small)).map(key).sort();
    expect((await run(3, false)).sort()).toEqual(expected);
    expect((await run(3, true)).sort()).toEqual(expected);
  });
});

describe('NexmarkSource splits and replay', () => {
  it('interleaves splits of 4096 events over the subtasks', () => {
    expect(nexmarkSplits(10_000, 0, 2)).toEqual([
      [0, 4096],
      [8192, 10_000],
    ]);
    expect(nexmarkSplits(10_000, 1, 2)).toEqual([[4096, 8192]]);
  });

  it('a reader restored from a snapshot position emits exactly the rest', () => {
    const src = new NexmarkSource({ events: 10_000, seed: 5 });
    const ctx = { subtaskIndex: 0, parallelism: 2, batchSize: 1000, currentProcessingTime: () => 0 };
    const all: number[] = [];
    const out = (into: number[]) => ({
      collect: (_e: NexmarkEvent, ts: number) => into.push(ts),
      emitWatermark() {},
      markIdle() {},
      markActive() {},
    });
    const reader = src.createReader(ctx);
    while (reader.pollNext(out(all)) !== 'END_OF_INPUT');
    const first: number[] = [];
    const r1 = src.createReader(ctx);
    for (let k = 0; k < 5; k++) r1.pollNext(out(first)); // 4096 + 904 events: inside the 2nd split
    const rest: number[] = [];
    const r2 = src.createReader(ctx, r1.snapshotState());
    while (r2.pollNext(out(rest)) !== 'END_OF_INPUT');
    expect(all.length).toBe(4096 + 1808);
    expect([...first, ...rest]).toEqual(all);
  });

  const read = (reader: SourceReader<NexmarkEvent, NexmarkSplit[]>, polls = Infinity) => {
    const events: string[] = [];
    const out = {
      collect: (e: NexmarkEvent, ts: number) => events.push(`${ts}:${JSON.stringify(e)}`),
      emitWatermark() {},
      markIdle() {},
      markActive() {},
    };
    for (let k = 0; k < polls && reader.pollNext(out) !== 'END_OF_INPUT'; k++);
    return events;
  };
  const ctxOf = (subtaskIndex: number, parallelism: number) => ({
    subtaskIndex,
    parallelism,
    batchSize: 1000,
    currentProcessingTime: () => 0,
  });

  it.each([false, true])(
    'rescales: splits of 2 readers dealt to 3 give every event once (pregenerate %s)',
    (pregenerate) => {
      const src = new NexmarkSource({ events: 30_000, seed: 9 }, { pregenerate });
      const all = read(src.createReader(ctxOf(0, 1)));
      const before: string[] = [];
      const splits: NexmarkSplit[] = [];
      for (let i = 0; i < 2; i++) {
        const reader = src.createReader(ctxOf(i, 2));
        before.push(...read(reader, 3 + 4 * i));
        splits.push(...structuredClone(reader.snapshotState()!));
      }
      expect(splits).toEqual([
        { subtask: 0, of: 2, next: 3000 },
        // 7 polls of subtask 1: its first chunk [4096, 8192) in 5 (the last one 96 events), then 2000 of [12288, 16384)
        { subtask: 1, of: 2, next: 12_288 + 2000 },
      ]);
      const after: string[][] = [];
      for (let i = 0; i < 3; i++)
        after.push(
          read(
            src.createReader(
              ctxOf(i, 3),
              splits.filter((_, k) => k % 3 === i),
            ),
          ),
        );
      expect(after[2]).toEqual([]); // 2 splits, 3 readers: one idle, as in Flink
      expect([...before, ...after.flat()].sort()).toEqual([...all].sort());
    },
  );

  it('a reader with several splits reads their chunks in event order (timestamps as close as a fresh reader)', () => {
    const src = new NexmarkSource({ events: 40_000, seed: 3 });
    const splits = [0, 1, 2].map((i) => ({ subtask: i, of: 3, next: i * 4096 }));
    const ts = read(src.createReader(ctxOf(0, 1), splits)).map((e) => Number(e.split(':')[0]));
    const fresh = read(src.createReader(ctxOf(0, 1))).map((e) => Number(e.split(':')[0]));
    expect(ts).toEqual(fresh);
  });

  it('restores a position stored before the source had splits, and refuses a split of another source', () => {
    const src = new NexmarkSource({ events: 10_000, seed: 5 });
    const legacy = read(src.createReader(ctxOf(0, 2), 8500));
    const fresh = read(src.createReader(ctxOf(0, 2)));
    expect(legacy).toEqual(fresh.slice(fresh.length - 1500));
    expect(() => src.createReader(ctxOf(0, 2), [{ subtask: 2, of: 2, next: 0 }])).toThrow(
      /restored split \{"subtask":2,"of":2,"next":0\} is not a \{ subtask, of, next \} share of this source's 10000 events.*new uid/,
    );
  });
});
