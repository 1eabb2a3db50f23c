/**
 * Nexmark generator settings and the id/time arithmetic of the reference generator
 * (nexmark/nexmark `GeneratorConfig`, `NexmarkConfiguration`; Beam's `sdks/java/testing/nexmark`):
 * event n is a person, an auction or a bid by `n mod 50` (1:3:46), ids grow with n, and the
 * event time of n is `baseTime + floor(n * interEventDelayUs / 1000)`.
 */

/** Options of the Nexmark generator; every field has the reference's default. */
export interface NexmarkConfig {
  /** Events in the (bounded) stream. Default 10 000 000. */
  events?: number;
  /** Seed of the per-event random draws; the same seed gives the same events. Default 0. */
  seed?: number;
  /** Event time of event 0, epoch ms. Default 0. */
  baseTime?: number;
  /** Events per second of event time (the reference's firstEventRate). Default 10 000. */
  firstEventRate?: number;
  /** 1 in `hotAuctionRatio` bids go to a random in-flight auction, the rest to the hot one. Default 2. */
  hotAuctionRatio?: number;
  /** Same for the bidder of a bid (the hot bidder of the current bucket of 100 people). Default 4. */
  hotBiddersRatio?: number;
  /** Same for the seller of an auction. Default 4. */
  hotSellersRatio?: number;
  /** Random people are drawn from the last `numActivePeople` people. Default 1000. */
  numActivePeople?: number;
  /** Random auctions are drawn from the last `numInFlightAuctions` auctions. Default 100. */
  numInFlightAuctions?: number;
  /** Share of events that arrive late (their event time lies behind the stream). Default 0.1. */
  probDelayedEvent?: number;
  /** A late event's event time lies 1 ms to this many seconds behind. Default 3. */
  occasionalDelaySec?: number;
}

/** A config with every default filled in and checked. */
export type ResolvedNexmarkConfig = Required<NexmarkConfig>;

export const PERSON_PROPORTION = 1;
export const AUCTION_PROPORTION = 3;
export const BID_PROPORTION = 46;
export const TOTAL_PROPORTION = PERSON_PROPORTION + AUCTION_PROPORTION + BID_PROPORTION;
export const FIRST_PERSON_ID = 1000;
export const FIRST_AUCTION_ID = 1000;
export const FIRST_CATEGORY_ID = 10;
export const NUM_CATEGORIES = 5;
/** Hot auctions, bidders and sellers are the first of each bucket of this many. */
export const HOT_BUCKET = 100;
/** Random people/auctions may be this many ahead of the last one generated (the reference's leads). */
export const PERSON_ID_LEAD = 10;
export const AUCTION_ID_LEAD = 10;

const DEFAULTS: ResolvedNexmarkConfig = {
  events: 10_000_000,
  seed: 0,
  baseTime: 0,
  firstEventRate: 10_000,
  hotAuctionRatio: 2,
  hotBiddersRatio: 4,
  hotSellersRatio: 4,
  numActivePeople: 1000,
  numInFlightAuctions: 100,
  probDelayedEvent: 0.1,
  occasionalDelaySec: 3,
};

/**
 * Fills in the defaults and checks every option; throws a RangeError naming the bad one.
 *
 * @example
 * resolveNexmarkConfig({ events: 1000 }).hotAuctionRatio; // 2
 */
export function resolveNexmarkConfig(config: NexmarkConfig = {}): ResolvedNexmarkConfig {
  const c = { ...DEFAULTS, ...config };
  const int = (name: keyof NexmarkConfig, min: number) => {
    const v = c[name];
    if (!Number.isSafeInteger(v) || v < min)
      throw new RangeError(`Nexmark config: "${name}" must be an integer >= ${min}, got ${String(v)}`);
  };
  int('events', 0);
  int('seed', -(2 ** 31));
  int('hotAuctionRatio', 1);
  int('hotBiddersRatio', 1);
  int('hotSellersRatio', 1);
  int('numActivePeople', 1);
  int('numInFlightAuctions', 1);
  int('occasionalDelaySec', 0);
  if (!Number.isFinite(c.baseTime))
    throw new RangeError(`Nexmark config: "baseTime" must be finite, got ${c.baseTime}`);
  if (!(c.firstEventRate > 0) || !Number.isFinite(c.firstEventRate))
    throw new RangeError(`Nexmark config: "firstEventRate" must be > 0 events/s, got ${c.firstEventRate}`);
  if (!(c.probDelayedEvent >= 0 && c.probDelayedEvent <= 1))
    throw new RangeError(`Nexmark config: "probDelayedEvent" must be in [0, 1], got ${c.probDelayedEvent}`);
  return c;
}

/**
 * Nominal event time of event `n` (before any delay).
 *
 * @example
 * nominalTimestamp(resolveNexmarkConfig(), 25_000); // 2500 (10 000 events/s)
 */
export function nominalTimestamp(c: ResolvedNexmarkConfig, n: number): number {
  return c.baseTime + Math.floor((n * 1000) / c.firstEventRate);
}

/**
 * Base-0 id of the last person generated at or before event `n` (the reference's lastBase0PersonId).
 *
 * @example
 * lastBase0PersonId(120); // 2 (events 0, 50, 100 were people)
 */
export function lastBase0PersonId(n: number): number {
  const epoch = Math.floor(n / TOTAL_PROPORTION);
  let offset = n % TOTAL_PROPORTION;
  if (offset >= PERSON_PROPORTION) offset = PERSON_PROPORTION - 1;
  return epoch * PERSON_PROPORTION + offset;
}

/**
 * Base-0 id of the last auction generated at or before event `n` (-1 before the first auction).
 *
 * @example
 * lastBase0AuctionId(3); // 2 (events 1, 2, 3 were auctions)
 */
export function lastBase0AuctionId(n: number): number {
  let epoch = Math.floor(n / TOTAL_PROPORTION);
  let offset = n % TOTAL_PROPORTION;
  if (offset < PERSON_PROPORTION) {
    epoch--;
    offset = AUCTION_PROPORTION - 1;
  } else if (offset >= PERSON_PROPORTION + AUCTION_PROPORTION) {
    offset = AUCTION_PROPORTION - 1;
  } else {
    offset -= PERSON_PROPORTION;
  }
  return epoch * AUCTION_PROPORTION + offset;
}

/** Event kinds, as the reference's event_type column (0 person, 1 auction, 2 bid). */
export const PERSON = 0;
export const AUCTION = 1;
export const BID = 2;

/**
 * Kind of event `n`: PERSON, AUCTION or BID.
 *
 * @example
 * eventKind(0) === PERSON && eventKind(1) === AUCTION && eventKind(4) === BID; // true
 */
export function eventKind(n: number): number {
  const r = n % TOTAL_PROPORTION;
  return r < PERSON_PROPORTION ? PERSON : r < PERSON_PROPORTION + AUCTION_PROPORTION ? AUCTION : BID;
}

/**
 * How many events of `kind` lie in `[from, to)`.
 *
 * @example
 * countKind(BID, 0, 100); // 92
 */
export function countKind(kind: number, from: number, to: number): number {
  const lo =
    kind === PERSON ? 0 : kind === AUCTION ? PERSON_PROPORTION : PERSON_PROPORTION + AUCTION_PROPORTION;
  const hi =
    kind === PERSON ? PERSON_PROPORTION : kind === AUCTION ? lo + AUCTION_PROPORTION : TOTAL_PROPORTION;
  const upTo = (x: number) =>
    Math.floor(x / TOTAL_PROPORTION) * (hi - lo) +
    Math.min(hi - lo, Math.max(0, (x % TOTAL_PROPORTION) - lo));
  return upTo(to) - upTo(from);
}
