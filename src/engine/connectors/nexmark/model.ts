/**
 * Nexmark records (the reference's Person, Auction, Bid) and the dictionaries their strings come
 * from. Columns hold small integer codes; these tables turn a code back into its string.
 */

/** A new person registers (every 50th event). */
export interface Person {
  readonly type: 'person';
  readonly id: number;
  readonly name: string;
  readonly emailAddress: string;
  readonly creditCard: string;
  readonly city: string;
  readonly state: string;
  readonly dateTime: number;
  readonly extra: string;
}

/** A new auction opens (3 of every 50 events). */
export interface Auction {
  readonly type: 'auction';
  readonly id: number;
  readonly itemName: string;
  readonly description: string;
  readonly initialBid: number;
  readonly reserve: number;
  readonly dateTime: number;
  readonly expires: number;
  readonly seller: number;
  readonly category: number;
  readonly extra: string;
}

/** A bid on an auction (46 of every 50 events). */
export interface Bid {
  readonly type: 'bid';
  readonly auction: number;
  readonly bidder: number;
  readonly price: number;
  readonly channel: string;
  readonly url: string;
  readonly dateTime: number;
  readonly extra: string;
}

/** One Nexmark event; `type` tells which. */
export type NexmarkEvent = Person | Auction | Bid;

/** The reference's first and last names; a name code is `first * LAST_NAMES.length + last`. */
export const FIRST_NAMES = [
  'Peter',
  'Paul',
  'Luke',
  'John',
  'Saul',
  'Vicky',
  'Kate',
  'Julie',
  'Sarah',
  'Deiter',
  'Walter',
];
export const LAST_NAMES = [
  'Shultz',
  'Abrams',
  'Spencer',
  'White',
  'Bartels',
  'Walton',
  'Smith',
  'Jones',
  'Noris',
];
export const US_STATES = ['AZ', 'CA', 'ID', 'OR', 'WA', 'WY'];
export const US_CITIES = [
  'Phoenix',
  'Los Angeles',
  'San Francisco',
  'Boise',
  'Portland',
  'Bend',
  'Redmond',
  'Seattle',
  'Kent',
  'Cheyenne',
];
/** Half the bids come through one of these channels (the reference's HOT_CHANNELS). */
export const HOT_CHANNELS = ['Google', 'Facebook', 'Baidu', 'Apple'];
/** The other half through `channel-<k>`, k < CHANNELS_NUMBER; channel code = 4 + k. */
export const CHANNELS_NUMBER = 10_000;
/** Random strings (emails, cards, item names) come from pools of this size, chosen by a random code. */
export const STRING_POOL = 4096;

/** Names of all codes: `NAMES[code]`. */
export const NAMES: readonly string[] = FIRST_NAMES.flatMap((f) => LAST_NAMES.map((l) => `${f} ${l}`));

const lower = (seed: number, length: number): string => {
  let s = '';
  let x = seed | 0;
  for (let i = 0; i < length; i++) {
    x = Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + 0x297a2d39;
    s += String.fromCharCode(97 + ((x >>> 8) % 26));
  }
  return s;
};

const pool = (make: (i: number) => string): (() => readonly string[]) => {
  let cache: string[] | null = null;
  return () => (cache ??= Array.from({ length: STRING_POOL }, (_, i) => make(i)));
};
const emails = pool((i) => `${lower(i * 2 + 1, 7)}@${lower(i * 2 + 2, 5)}.com`);
const cards = pool((i) =>
  Array.from({ length: 4 }, (_, g) =>
    String((Math.imul(i * 4 + g + 1, 0x9e3779b1) >>> 0) % 10000).padStart(4, '0'),
  ).join(' '),
);
const items = pool((i) => lower(i + 0x1000, 20));
const descriptions = pool((i) => lower(i + 0x2000, 100));

/** Email of a code in [0, STRING_POOL). @example emailOf(0) // 'xxxxxxx@xxxxx.com' */
export const emailOf = (code: number): string => emails()[code];
/** Credit card number ('dddd dddd dddd dddd') of a code. @example creditCardOf(1) */
export const creditCardOf = (code: number): string => cards()[code];
/** Item name (20 letters) of a code. @example itemNameOf(2) */
export const itemNameOf = (code: number): string => items()[code];
/** Item description (100 letters) of a code. @example descriptionOf(3) */
export const descriptionOf = (code: number): string => descriptions()[code];

let channelNames: string[] | null = null;
let channelUrls: string[] | null = null;
const buildChannels = () => {
  channelNames = [...HOT_CHANNELS];
  channelUrls = HOT_CHANNELS.map((c) => `https://www.nexmark.com/${c.toLowerCase()}/item.htm?query=1`);
  for (let k = 0; k < CHANNELS_NUMBER; k++) {
    channelNames.push(`channel-${k}`);
    // As the reference: 9 in 10 channel urls carry a channel_id parameter.
    const id = k % 10 > 0 ? `&channel_id=${(Math.imul(k + 1, 0x5bd1e995) >>> 1) % 1_000_000_000}` : '';
    channelUrls.push(
      `https://www.nexmark.com/${lower(k * 3, 5)}/${lower(k * 3 + 1, 5)}/${lower(k * 3 + 2, 5)}/item.htm?query=1${id}`,
    );
  }
};
/** Channel name of a channel code. @example channelOf(0) // 'Google' */
export function channelOf(code: number): string {
  if (!channelNames) buildChannels();
  return channelNames![code];
}
/** Url of a channel code. @example urlOf(5) */
export function urlOf(code: number): string {
  if (!channelUrls) buildChannels();
  return channelUrls![code];
}
