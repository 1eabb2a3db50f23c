/**
 * Per-event random draws. The reference seeds `new Random(eventId)` for every event, so any event
 * can be made without the ones before it; here event `n` of seed `s` starts a small PRNG
 * (mulberry32) from a hash of `(s, n)`, which keeps that property: parallel readers, replay from
 * any position.
 */
export class EventRandom {
  // State in a typed array: an int32 class field outside the small-integer range is boxed on every write.
  private readonly s = new Int32Array(1);

  /** Restarts the sequence for event `n` of stream `seed` (`salt` gives an independent sequence). */
  reset(seed: number, n: number, salt = 0): this {
    // Split n into 32-bit halves so streams over 2^32 events stay distinct.
    const hi = Math.floor(n / 4294967296);
    let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ (n >>> 0);
    h = Math.imul(h ^ (h >>> 16), 0x7feb352d) ^ Math.imul(hi + salt, 0x27d4eb2f);
    h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
    this.s[0] = h ^ (h >>> 16);
    return this;
  }

  /**
   * A number in [0, 1) (32 random bits).
   *
   * @example
   * new EventRandom().reset(1, 7).nextDouble(); // same value every time
   */
  nextDouble(): number {
    let t = (this.s[0] = (this.s[0] + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). @example r.nextInt(10) */
  nextInt(n: number): number {
    return Math.floor(this.nextDouble() * n);
  }

  /** 32 random bits as an unsigned integer. @example r.nextUint32() */
  nextUint32(): number {
    return Math.floor(this.nextDouble() * 4294967296);
  }
}

/**
 * The reference's price: `round(10^(6u) * 100)` cents for u uniform in [0, 1), i.e. 1 cent to
 * 1 000 000.00 on a log scale.
 *
 * @example
 * nextPrice(new EventRandom().reset(0, 4)); // an integer in [100, 100_000_000]
 */
export function nextPrice(random: EventRandom): number {
  // exp(x ln 10) = 10^x; Math.exp is the cheaper call in V8.
  return Math.round(Math.exp(random.nextDouble() * 6 * Math.LN10) * 100);
}
