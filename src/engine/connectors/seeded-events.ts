/**
 * A seeded, deterministic generator of `(key, value, timestamp)` events in columnar form.
 *
 * Event `i` is a pure function of the options and `i`: its key and value come from the
 * mulberry32 PRNG at positions `2i` and `2i + 1` (mulberry32's n-th output only depends on
 * `seed + n * 0x6D2B79F5`, so any slice can be generated without replaying the ones before it),
 * and its timestamp is `startTime + floor(i * 1000 / eventsPerSecond)`, so timestamps never
 * decrease. Pure TypeScript: no DOM, nothing from outside src/engine.
 *
 * @example
 * ```ts
 * const opts = { count: 10_000, keys: 4, seed: 42, startTime: 0, eventsPerSecond: 1000 };
 * const { keys, values, timestamps } = generateEvents(opts, 0, 4096);
 * ```
 */

/** Options of a seeded event stream. */
export interface SeededEventsOptions {
  /** Number of events in the (bounded) stream. */
  count: number;
  /** Keys are integers in `[0, keys)`. */
  keys: number;
  /** PRNG seed; the same seed gives the same events. */
  seed: number;
  /** Event time of the first event, in epoch milliseconds. Default 0. */
  startTime?: number;
  /** Events per second of event time. Default 1000. */
  eventsPerSecond?: number;
}

/** A slice of events as columns: `keys[i]`, `values[i]`, `timestamps[i]` describe one event. */
export interface EventColumns {
  keys: Int32Array;
  values: Float64Array;
  timestamps: Float64Array;
}

const GOLDEN = 0x6d2b79f5;
const TWO_POW_32 = 4294967296;

/**
 * The `n`-th (0-based) output of a mulberry32 generator seeded with `seed`, in `[0, 1)`.
 *
 * @example
 * ```ts
 * mulberry32At(42, 0) === mulberry32(42)(); // true
 * ```
 */
export function mulberry32At(seed: number, n: number): number {
  let t = (seed + Math.imul(n + 1, GOLDEN)) | 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / TWO_POW_32;
}

/**
 * A mulberry32 PRNG: each call returns the next number in `[0, 1)`.
 *
 * @example
 * ```ts
 * const random = mulberry32(7);
 * const x = random();
 * ```
 */
export function mulberry32(seed: number): () => number {
  let n = 0;
  return () => mulberry32At(seed, n++);
}

/** Checks the options and fills in defaults; throws a message naming the bad option. */
export function resolveSeededEventsOptions(options: SeededEventsOptions): Required<SeededEventsOptions> {
  const resolved = { startTime: 0, eventsPerSecond: 1000, ...options };
  const check = (ok: boolean, name: string, rule: string) => {
    if (!ok)
      throw new RangeError(
        `seeded events: option "${name}" ${rule}, got ${String(resolved[name as keyof typeof resolved])}`,
      );
  };
  check(Number.isSafeInteger(resolved.count) && resolved.count >= 0, 'count', 'must be an integer ≥ 0');
  check(Number.isSafeInteger(resolved.keys) && resolved.keys >= 1, 'keys', 'must be an integer ≥ 1');
  check(Number.isSafeInteger(resolved.seed), 'seed', 'must be an integer');
  check(Number.isFinite(resolved.startTime), 'startTime', 'must be a finite number');
  check(
    Number.isFinite(resolved.eventsPerSecond) && resolved.eventsPerSecond > 0,
    'eventsPerSecond',
    'must be a number > 0',
  );
  return resolved;
}

/**
 * Event time of event `index`: `startTime + floor(index * 1000 / eventsPerSecond)`.
 *
 * @example
 * ```ts
 * eventTimestamp({ count: 10, keys: 1, seed: 1, eventsPerSecond: 4 }, 3); // 750
 * ```
 */
export function eventTimestamp(options: SeededEventsOptions, index: number): number {
  const { startTime, eventsPerSecond } = resolveSeededEventsOptions(options);
  return startTime + Math.floor((index * 1000) / eventsPerSecond);
}

/**
 * The smallest event index whose timestamp is `>= time` (`count` when there is none).
 * Used to rewind the source to the start of a window.
 *
 * @example
 * ```ts
 * firstIndexAtOrAfter({ count: 10, keys: 1, seed: 1, eventsPerSecond: 4 }, 500); // 2
 * ```
 */
export function firstIndexAtOrAfter(options: SeededEventsOptions, time: number): number {
  const o = resolveSeededEventsOptions(options);
  const delta = time - o.startTime;
  if (delta <= 0) return 0;
  // Estimate, then correct for floating-point rounding with the exact timestamp formula.
  let i = Math.max(0, Math.ceil((delta * o.eventsPerSecond) / 1000));
  while (i > 0 && eventTimestamp(o, i - 1) >= time) i--;
  while (eventTimestamp(o, i) < time) i++;
  return Math.min(i, o.count);
}

/**
 * Generates events `[from, to)` of the stream (clamped to `[0, count)`) as columns.
 *
 * @example
 * ```ts
 * const all = generateEvents({ count: 100, keys: 3, seed: 9 });
 * const tail = generateEvents({ count: 100, keys: 3, seed: 9 }, 50); // equals all[50..100)
 * ```
 */
export function generateEvents(options: SeededEventsOptions, from = 0, to = options.count): EventColumns {
  const o = resolveSeededEventsOptions(options);
  const start = Math.max(0, Math.min(from, o.count));
  const end = Math.max(start, Math.min(to, o.count));
  const n = end - start;
  const keys = new Int32Array(n);
  const values = new Float64Array(n);
  const timestamps = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const i = start + j;
    keys[j] = Math.floor(mulberry32At(o.seed, 2 * i) * o.keys);
    values[j] = Math.round(mulberry32At(o.seed, 2 * i + 1) * 10_000) / 100;
    timestamps[j] = o.startTime + Math.floor((i * 1000) / o.eventsPerSecond);
  }
  return { keys, values, timestamps };
}
