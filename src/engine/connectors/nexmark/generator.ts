import {
  AUCTION,
  AUCTION_ID_LEAD,
  BID,
  FIRST_AUCTION_ID,
  FIRST_CATEGORY_ID,
  FIRST_PERSON_ID,
  HOT_BUCKET,
  NUM_CATEGORIES,
  PERSON,
  PERSON_ID_LEAD,
  countKind,
  eventKind,
  lastBase0AuctionId,
  lastBase0PersonId,
  nominalTimestamp,
  resolveNexmarkConfig,
  type NexmarkConfig,
  type ResolvedNexmarkConfig,
} from './config.ts';
import { allocateColumns, type NexmarkColumns } from './columns.ts';
import { EventRandom, nextPrice } from './random.ts';
import {
  CHANNELS_NUMBER,
  FIRST_NAMES,
  HOT_CHANNELS,
  LAST_NAMES,
  STRING_POOL,
  US_CITIES,
  US_STATES,
} from './model.ts';

// Local copies: under some loaders (tsx) every use of an imported binding is a getter call,
// which costs more than the arithmetic in this loop.
const lastAuction = lastBase0AuctionId;
const lastPerson = lastBase0PersonId;
const kindOf = eventKind;
const nominal = nominalTimestamp;
const price = nextPrice;
const [HOT, P_LEAD, A_LEAD, FIRST_P, FIRST_A, FIRST_CAT, N_CAT] = [
  HOT_BUCKET,
  PERSON_ID_LEAD,
  AUCTION_ID_LEAD,
  FIRST_PERSON_ID,
  FIRST_AUCTION_ID,
  FIRST_CATEGORY_ID,
  NUM_CATEGORIES,
];
const [K_BID, K_AUCTION, N_HOT_CHANNELS, N_CHANNELS, POOL] = [
  BID,
  AUCTION,
  HOT_CHANNELS.length,
  CHANNELS_NUMBER,
  STRING_POOL,
];
const [N_FIRST, N_LAST, N_CITIES, N_STATES] = [
  FIRST_NAMES.length,
  LAST_NAMES.length,
  US_CITIES.length,
  US_STATES.length,
];

/** Salt of the draw that decides whether (and how far) an event is late; keeps its fields unchanged. */
const DELAY_SALT = 0x5eed;

/** A random person among the active ones plus a few ahead (the reference's nextBase0PersonId). */
function nextBase0PersonId(c: ResolvedNexmarkConfig, n: number, r: EventRandom): number {
  const numPeople = lastPerson(n) + 1;
  const active = Math.min(numPeople, c.numActivePeople);
  return numPeople - active + r.nextInt(active + P_LEAD);
}

/** A random auction among the in-flight ones plus a few ahead (the reference's nextBase0AuctionId). */
function nextBase0AuctionId(c: ResolvedNexmarkConfig, n: number, r: EventRandom): number {
  const max = Math.max(lastAuction(n), 0);
  const min = Math.max(max - c.numInFlightAuctions, 0);
  return min + r.nextInt(max - min + 1 + A_LEAD);
}

/** Event time of event n: nominal, or up to occasionalDelaySec behind for the late share. */
export function eventTime(c: ResolvedNexmarkConfig, n: number, r: EventRandom): number {
  const t = nominal(c, n);
  if (c.probDelayedEvent === 0 || c.occasionalDelaySec === 0) return t;
  r.reset(c.seed, n, DELAY_SALT);
  if (r.nextDouble() >= c.probDelayedEvent) return t;
  // Never before the stream starts.
  return Math.max(c.baseTime, t - 1 - r.nextInt(c.occasionalDelaySec * 1000));
}

/**
 * Generates events `[from, to)` (clamped to the configured event count) as columns. Each event is
 * a pure function of the config and its number, so any slice equals the same slice of a full run.
 *
 * @example
 * const cols = generateNexmark({ events: 1000, seed: 7 });
 * cols.bids.n; // 920
 */
export function generateNexmark(config: NexmarkConfig = {}, from = 0, to?: number): NexmarkColumns {
  const c = resolveNexmarkConfig(config);
  const start = Math.max(0, Math.min(from, c.events));
  const end = Math.max(start, Math.min(to ?? c.events, c.events));
  const cols = allocateColumns(
    start,
    end,
    countKind(PERSON, start, end),
    countKind(AUCTION, start, end),
    countKind(BID, start, end),
  );
  const { persons: p, auctions: a, bids: b } = cols;
  const r = new EventRandom();
  const d = new EventRandom();
  // Events until numInFlightAuctions more auctions exist: the mean auction length spans them.
  const auctionHorizonEvents = Math.floor((c.numInFlightAuctions * 50) / 3);
  let pi = 0;
  let ai = 0;
  let bi = 0;
  for (let n = start; n < end; n++) {
    const ts = eventTime(c, n, d);
    r.reset(c.seed, n);
    const kind = kindOf(n);
    if (kind === K_BID) {
      const auction =
        r.nextInt(c.hotAuctionRatio) > 0
          ? Math.floor(lastAuction(n) / HOT) * HOT
          : nextBase0AuctionId(c, n, r);
      // The hot bidder is the 2nd person of the bucket, so hot bidders and hot sellers differ.
      const bidder =
        r.nextInt(c.hotBiddersRatio) > 0
          ? Math.floor(lastPerson(n) / HOT) * HOT + 1
          : nextBase0PersonId(c, n, r);
      b.auction[bi] = auction + FIRST_A;
      b.bidder[bi] = bidder + FIRST_P;
      b.price[bi] = price(r);
      b.channel[bi] = r.nextInt(2) > 0 ? r.nextInt(N_HOT_CHANNELS) : N_HOT_CHANNELS + r.nextInt(N_CHANNELS);
      b.dateTime[bi++] = ts;
    } else if (kind === K_AUCTION) {
      const seller =
        r.nextInt(c.hotSellersRatio) > 0 ? Math.floor(lastPerson(n) / HOT) * HOT : nextBase0PersonId(c, n, r);
      a.id[ai] = lastAuction(n) + FIRST_A;
      a.seller[ai] = seller + FIRST_P;
      a.category[ai] = FIRST_CAT + r.nextInt(N_CAT);
      const initialBid = price(r);
      a.initialBid[ai] = initialBid;
      a.reserve[ai] = initialBid + price(r);
      // Length with a mean of the time until numInFlightAuctions more auctions (as the reference).
      const horizonMs = nominal(c, n + auctionHorizonEvents) - nominal(c, n);
      a.expires[ai] = ts + 1 + r.nextInt(Math.max(horizonMs * 2, 1));
      a.item[ai] = r.nextInt(POOL);
      a.dateTime[ai++] = ts;
    } else {
      p.id[pi] = lastPerson(n) + FIRST_P;
      p.name[pi] = r.nextInt(N_FIRST) * N_LAST + r.nextInt(N_LAST);
      p.email[pi] = r.nextInt(POOL);
      p.creditCard[pi] = r.nextInt(POOL);
      p.city[pi] = r.nextInt(N_CITIES);
      p.state[pi] = r.nextInt(N_STATES);
      p.dateTime[pi++] = ts;
    }
  }
  return cols;
}
