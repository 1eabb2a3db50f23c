/**
 * The Nexmark benchmark's event generator (persons, auctions, bids), seeded and columnar, and a
 * parallel Source over it. Faithful to the reference generator's defaults (nexmark/nexmark,
 * Apache Beam): 1:3:46 kinds, hot auctions/bidders/sellers 2/4/4 in buckets of 100, 1000 active
 * people, 100 in-flight auctions, 10% of events up to 3 s late, 10 000 events/s of event time.
 *
 * @example
 * import { generateNexmark, NexmarkSource } from './connectors/nexmark/index.ts';
 * const cols = generateNexmark({ events: 1_000_000, seed: 1 });
 * let sum = 0;
 * for (let i = 0; i < cols.bids.n; i++) sum += cols.bids.price[i];
 */
export * from './config.ts';
export * from './columns.ts';
export * from './model.ts';
export { EventRandom, nextPrice } from './random.ts';
export { generateNexmark, eventTime } from './generator.ts';
export { bidAt, auctionAt, personAt, forEachEvent, nexmarkEvents } from './records.ts';
export {
  NexmarkSource,
  nexmarkSplits,
  cachedNexmarkShare,
  NEXMARK_SPLIT_EVENTS,
  type NexmarkSourceOptions,
  type NexmarkSplit,
} from './source.ts';
