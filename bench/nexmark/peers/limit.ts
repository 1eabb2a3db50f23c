/**
 * The limit: each query as a hand-written loop over the typed-array columns of the whole stream
 * (no records, no framework). It is also the reference answer every other runner must match.
 */
import {
  FIRST_AUCTION_ID,
  FIRST_PERSON_ID,
  NAMES,
  US_CITIES,
  US_STATES,
  type NexmarkColumns,
} from '../../../src/engine/index.ts';
import { mixInt, type Checksum } from '../checksum.ts';

// A local alias: under tsx every call through an imported binding goes through a getter.
const mix = mixInt;
const TWO_32 = 4294967296;
const H0 = 0x12345678;
const W10 = 10_000;

/** FNV-1a of each dictionary string, by code: mixString(h, s) = mix(h, fnv(s)), so the loop hashes codes. */
const fnv = (s: string) => {
  let x = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) x = Math.imul(x ^ s.charCodeAt(i), 0x01000193);
  return x >>> 0;
};
const nameFnv = NAMES.map(fnv);
const cityFnv = US_CITIES.map(fnv);
const stateFnv = US_STATES.map(fnv);

function q0(c: NexmarkColumns): Checksum {
  const { n, auction, bidder, price, dateTime } = c.bids;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const h = mix(mix(mix(mix(H0, auction[i]), bidder[i]), price[i]), dateTime[i]) >>> 0;
    sum = (sum + h) % TWO_32;
  }
  return { count: n, sum };
}

function q1(c: NexmarkColumns): Checksum {
  const { n, auction, bidder, price, dateTime } = c.bids;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const p = Math.round(0.908 * price[i] * 1000);
    const h = mix(mix(mix(mix(H0, auction[i]), bidder[i]), p), dateTime[i]) >>> 0;
    sum = (sum + h) % TWO_32;
  }
  return { count: n, sum };
}

function q2(c: NexmarkColumns): Checksum {
  const { n, auction, price } = c.bids;
  let sum = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (auction[i] % 123 !== 0) continue;
    count++;
    sum = (sum + (mix(mix(H0, auction[i]), price[i]) >>> 0)) % TWO_32;
  }
  return { count, sum };
}

function q3(c: NexmarkColumns): Checksum {
  const p = c.persons;
  const a = c.auctions;
  // Person ids are FIRST_PERSON_ID + row; a seller beyond the last person never registered.
  const ok = new Uint8Array(US_STATES.length);
  for (const s of ['OR', 'ID', 'CA']) ok[US_STATES.indexOf(s)] = 1;
  let sum = 0;
  let count = 0;
  for (let i = 0; i < a.n; i++) {
    if (a.category[i] !== 10) continue;
    const row = a.seller[i] - (p.n > 0 ? p.id[0] : FIRST_PERSON_ID);
    if (row < 0 || row >= p.n || !ok[p.state[row]]) continue;
    let h = mix(H0, nameFnv[p.name[row]]);
    h = mix(mix(mix(h, cityFnv[p.city[row]]), stateFnv[p.state[row]]), a.id[i]) >>> 0;
    count++;
    sum = (sum + h) % TWO_32;
  }
  return { count, sum };
}

function q4(c: NexmarkColumns): Checksum {
  const a = c.auctions;
  const b = c.bids;
  const first = a.n > 0 ? a.id[0] : FIRST_AUCTION_ID;
  const max = new Float64Array(a.n).fill(-1);
  for (let i = 0; i < b.n; i++) {
    const row = b.auction[i] - first;
    if (row < 0 || row >= a.n) continue;
    const t = b.dateTime[i];
    if (t >= a.dateTime[row] && t <= a.expires[row] && b.price[i] > max[row]) max[row] = b.price[i];
  }
  const sums = new Float64Array(32);
  const counts = new Float64Array(32);
  for (let r = 0; r < a.n; r++) {
    if (max[r] < 0) continue;
    sums[a.category[r]] += max[r];
    counts[a.category[r]]++;
  }
  let sum = 0;
  let count = 0;
  for (let k = 0; k < 32; k++) {
    if (counts[k] === 0) continue;
    count++;
    sum = (sum + (mix(mix(H0, k), Math.trunc(sums[k] / counts[k])) >>> 0)) % TWO_32;
  }
  return { count, sum };
}

function q5(c: NexmarkColumns): Checksum {
  const { n, auction, dateTime } = c.bids;
  // Counts per (2 s slide, auction); a 10 s window is 5 consecutive slides.
  const perSlide = new Map<number, Map<number, number>>();
  for (let i = 0; i < n; i++) {
    const s = Math.floor(dateTime[i] / 2000);
    let m = perSlide.get(s);
    if (!m) perSlide.set(s, (m = new Map()));
    m.set(auction[i], (m.get(auction[i]) ?? 0) + 1);
  }
  const slides = [...perSlide.keys()];
  const lo = Math.min(...slides);
  const hi = Math.max(...slides);
  let sum = 0;
  let count = 0;
  const window = new Map<number, number>();
  for (let first = lo - 4; first <= hi; first++) {
    window.clear();
    for (let s = first; s < first + 5; s++) {
      const m = perSlide.get(s);
      if (m) for (const [k, v] of m) window.set(k, (window.get(k) ?? 0) + v);
    }
    let max = 0;
    for (const v of window.values()) if (v > max) max = v;
    for (const [k, v] of window)
      if (v >= max) {
        count++;
        sum = (sum + (mix(mix(H0, k), v) >>> 0)) % TWO_32;
      }
  }
  return { count, sum };
}

function q7(c: NexmarkColumns): Checksum {
  const { n, auction, bidder, price, dateTime } = c.bids;
  let last = 0;
  for (let i = 0; i < n; i++) if (dateTime[i] > last) last = dateTime[i];
  const max = new Float64Array(Math.floor(last / W10) + 2).fill(-1);
  for (let i = 0; i < n; i++) {
    const w = Math.floor(dateTime[i] / W10);
    if (price[i] > max[w]) max[w] = price[i];
  }
  let sum = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const t = dateTime[i];
    const w = Math.floor(t / W10);
    // Own window, and the window before when the bid sits exactly on its end (BETWEEN is inclusive).
    let hits = price[i] === max[w] ? 1 : 0;
    if (t % W10 === 0 && w > 0 && price[i] === max[w - 1]) hits++;
    if (hits === 0) continue;
    const h = mix(mix(mix(mix(H0, auction[i]), price[i]), bidder[i]), t) >>> 0;
    count += hits;
    sum = (sum + hits * h) % TWO_32;
  }
  return { count, sum };
}

function q8(c: NexmarkColumns): Checksum {
  const sellers = new Set<number>();
  const a = c.auctions;
  for (let i = 0; i < a.n; i++) sellers.add(Math.floor(a.dateTime[i] / W10) * 16_777_216 + a.seller[i]);
  const p = c.persons;
  let sum = 0;
  let count = 0;
  for (let i = 0; i < p.n; i++) {
    const w = Math.floor(p.dateTime[i] / W10);
    if (!sellers.has(w * 16_777_216 + p.id[i])) continue;
    count++;
    sum = (sum + (mix(mix(mix(H0, p.id[i]), nameFnv[p.name[i]]), w * W10) >>> 0)) % TWO_32;
  }
  return { count, sum };
}

function q11(c: NexmarkColumns): Checksum {
  const { n, bidder, dateTime } = c.bids;
  // Counting sort of the timestamps by bidder, then sort each bidder's run and cut sessions.
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    if (bidder[i] < lo) lo = bidder[i];
    if (bidder[i] > hi) hi = bidder[i];
  }
  const offsets = new Int32Array(hi - lo + 2);
  for (let i = 0; i < n; i++) offsets[bidder[i] - lo + 1]++;
  for (let k = 1; k < offsets.length; k++) offsets[k] += offsets[k - 1];
  const fill = offsets.slice();
  const times = new Float64Array(n);
  for (let i = 0; i < n; i++) times[fill[bidder[i] - lo]++] = dateTime[i];
  let sum = 0;
  let count = 0;
  for (let k = 0; k + 1 < offsets.length; k++) {
    const run = times.subarray(offsets[k], offsets[k + 1]);
    if (run.length === 0) continue;
    run.sort();
    let first = 0;
    for (let i = 1; i <= run.length; i++) {
      if (i < run.length && run[i] < run[i - 1] + W10) continue;
      const h = mix(mix(mix(mix(H0, k + lo), i - first), run[first]), run[i - 1] + W10) >>> 0;
      count++;
      sum = (sum + h) % TWO_32;
      first = i;
    }
  }
  return { count, sum };
}

function q18(c: NexmarkColumns): Checksum {
  const { n, auction, bidder, dateTime } = c.bids;
  const last = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const k = bidder[i] * 16_777_216 + auction[i];
    const prev = last.get(k);
    if (prev === undefined || dateTime[i] > prev) last.set(k, dateTime[i]);
  }
  let sum = 0;
  for (const [k, t] of last) {
    const b = Math.floor(k / 16_777_216);
    sum = (sum + (mix(mix(mix(H0, k - b * 16_777_216), b), t) >>> 0)) % TWO_32;
  }
  return { count: last.size, sum };
}

function q19(c: NexmarkColumns): Checksum {
  const { n, auction, price } = c.bids;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    if (auction[i] < lo) lo = auction[i];
    if (auction[i] > hi) hi = auction[i];
  }
  const slots = hi - lo + 1;
  const top = new Float64Array(slots * 10);
  const size = new Uint8Array(slots);
  for (let i = 0; i < n; i++) {
    const s = auction[i] - lo;
    const base = s * 10;
    const p = price[i];
    const len = size[s];
    if (len === 10 && p <= top[base + 9]) continue;
    let j = len === 10 ? 9 : len;
    while (j > 0 && top[base + j - 1] < p) {
      top[base + j] = top[base + j - 1];
      j--;
    }
    top[base + j] = p;
    if (len < 10) size[s] = len + 1;
  }
  let sum = 0;
  let count = 0;
  for (let s = 0; s < slots; s++)
    for (let r = 0; r < size[s]; r++) {
      count++;
      sum = (sum + (mix(mix(mix(H0, s + lo), r + 1), top[s * 10 + r]) >>> 0)) % TWO_32;
    }
  return { count, sum };
}

/** The limit runner of each query. */
export const limitQueries: Record<string, (c: NexmarkColumns) => Checksum> = {
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
