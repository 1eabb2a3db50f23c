import { AUCTION, BID, eventKind } from './config.ts';
import type { NexmarkColumns } from './columns.ts';
import {
  NAMES,
  US_CITIES,
  US_STATES,
  channelOf,
  creditCardOf,
  descriptionOf,
  emailOf,
  itemNameOf,
  urlOf,
  type Auction,
  type Bid,
  type NexmarkEvent,
  type Person,
} from './model.ts';

/**
 * Bid `i` of the columns as a record.
 *
 * @example
 * const bid = bidAt(generateNexmark({ events: 100 }), 0);
 */
export function bidAt(c: NexmarkColumns, i: number): Bid {
  const b = c.bids;
  const ch = b.channel[i];
  return {
    type: 'bid',
    auction: b.auction[i],
    bidder: b.bidder[i],
    price: b.price[i],
    channel: channelOf(ch),
    url: urlOf(ch),
    dateTime: b.dateTime[i],
    extra: '',
  };
}

/** Auction `i` of the columns as a record. @example auctionAt(cols, 0).seller */
export function auctionAt(c: NexmarkColumns, i: number): Auction {
  const a = c.auctions;
  return {
    type: 'auction',
    id: a.id[i],
    itemName: itemNameOf(a.item[i]),
    description: descriptionOf(a.item[i]),
    initialBid: a.initialBid[i],
    reserve: a.reserve[i],
    dateTime: a.dateTime[i],
    expires: a.expires[i],
    seller: a.seller[i],
    category: a.category[i],
    extra: '',
  };
}

/** Person `i` of the columns as a record. @example personAt(cols, 0).name */
export function personAt(c: NexmarkColumns, i: number): Person {
  const p = c.persons;
  return {
    type: 'person',
    id: p.id[i],
    name: NAMES[p.name[i]],
    emailAddress: emailOf(p.email[i]),
    creditCard: creditCardOf(p.creditCard[i]),
    city: US_CITIES[p.city[i]],
    state: US_STATES[p.state[i]],
    dateTime: p.dateTime[i],
    extra: '',
  };
}

/**
 * Calls `fn` with every event of the columns as a record, in stream order (event number order).
 *
 * @example
 * forEachEvent(generateNexmark({ events: 50 }), (e) => console.log(e.type));
 */
export function forEachEvent(c: NexmarkColumns, fn: (event: NexmarkEvent) => void): void {
  let pi = 0;
  let ai = 0;
  let bi = 0;
  for (let n = c.from; n < c.to; n++) {
    const kind = eventKind(n);
    fn(kind === BID ? bidAt(c, bi++) : kind === AUCTION ? auctionAt(c, ai++) : personAt(c, pi++));
  }
}

/**
 * Every event of the columns as records, in stream order (tests and small peers).
 *
 * @example
 * nexmarkEvents(generateNexmark({ events: 100 })).length; // 100
 */
export function nexmarkEvents(c: NexmarkColumns): NexmarkEvent[] {
  const out: NexmarkEvent[] = [];
  forEachEvent(c, (e) => out.push(e));
  return out;
}
