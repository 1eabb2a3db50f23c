/**
 * Nexmark events as columns: one dense table per kind (typed arrays per field, strings as codes
 * into the dictionaries of model.ts). Event `n`'s kind follows from `n mod 50`, so the three
 * tables together still give the stream's order (see `forEachEvent`).
 */

/** People of a range of events. */
export interface PersonColumns {
  n: number;
  id: Int32Array;
  dateTime: Float64Array;
  /** Index into NAMES. */
  name: Uint8Array;
  email: Uint16Array;
  creditCard: Uint16Array;
  city: Uint8Array;
  state: Uint8Array;
}

/** Auctions of a range of events. */
export interface AuctionColumns {
  n: number;
  id: Int32Array;
  dateTime: Float64Array;
  expires: Float64Array;
  seller: Int32Array;
  category: Int32Array;
  initialBid: Int32Array;
  reserve: Int32Array;
  /** Codes of itemName and description. */
  item: Uint16Array;
}

/** Bids of a range of events. */
export interface BidColumns {
  n: number;
  auction: Int32Array;
  bidder: Int32Array;
  /** Cents, 100 … 100 000 000. */
  price: Int32Array;
  /** Channel code: 0–3 the hot channels, 4 + k `channel-k`. */
  channel: Int32Array;
  dateTime: Float64Array;
}

/** The events `[from, to)` of a Nexmark stream as three column tables. */
export interface NexmarkColumns {
  from: number;
  to: number;
  persons: PersonColumns;
  auctions: AuctionColumns;
  bids: BidColumns;
}

/**
 * Empty tables sized for `persons`, `auctions` and `bids` rows.
 *
 * @example
 * allocateColumns(0, 50, 1, 3, 46).bids.price.length; // 46
 */
export function allocateColumns(
  from: number,
  to: number,
  persons: number,
  auctions: number,
  bids: number,
): NexmarkColumns {
  return {
    from,
    to,
    persons: {
      n: persons,
      id: new Int32Array(persons),
      dateTime: new Float64Array(persons),
      name: new Uint8Array(persons),
      email: new Uint16Array(persons),
      creditCard: new Uint16Array(persons),
      city: new Uint8Array(persons),
      state: new Uint8Array(persons),
    },
    auctions: {
      n: auctions,
      id: new Int32Array(auctions),
      dateTime: new Float64Array(auctions),
      expires: new Float64Array(auctions),
      seller: new Int32Array(auctions),
      category: new Int32Array(auctions),
      initialBid: new Int32Array(auctions),
      reserve: new Int32Array(auctions),
      item: new Uint16Array(auctions),
    },
    bids: {
      n: bids,
      auction: new Int32Array(bids),
      bidder: new Int32Array(bids),
      price: new Int32Array(bids),
      channel: new Int32Array(bids),
      dateTime: new Float64Array(bids),
    },
  };
}
