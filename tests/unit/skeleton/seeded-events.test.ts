import { describe, expect, it } from 'vitest';
import {
  eventTimestamp,
  firstIndexAtOrAfter,
  generateEvents,
  mulberry32,
  mulberry32At,
} from '../../../src/engine/connectors/seeded-events.ts';

/** The canonical mulberry32 (Tommy Ettinger's public-domain version), to check ours against. */
function referenceMulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const options = { count: 5000, keys: 7, seed: 1234, startTime: 1_000_000, eventsPerSecond: 300 };

describe('mulberry32', () => {
  it('matches the reference implementation, including random access', () => {
    for (const seed of [0, 42, -7, 2 ** 31 - 1]) {
      const ours = mulberry32(seed);
      const reference = referenceMulberry32(seed);
      for (let n = 0; n < 1000; n++) {
        const expected = reference();
        expect(ours()).toBe(expected);
        expect(mulberry32At(seed, n)).toBe(expected);
      }
    }
  });

  it('gives the known first value for seed 42', () => {
    // Printed by the canonical JS implementation above: mulberry32(42)() === 0.6011037519201636.
    expect(mulberry32(42)()).toBe(0.6011037519201636);
  });
});

describe('generateEvents', () => {
  it('is deterministic per seed', () => {
    const a = generateEvents(options);
    const b = generateEvents(options);
    expect(a.keys).toEqual(b.keys);
    expect(a.values).toEqual(b.values);
    expect(a.timestamps).toEqual(b.timestamps);
  });

  it('differs for another seed', () => {
    const a = generateEvents(options);
    const b = generateEvents({ ...options, seed: 1235 });
    expect(a.keys).not.toEqual(b.keys);
    expect(a.values).not.toEqual(b.values);
    expect(a.timestamps).toEqual(b.timestamps); // timestamps depend on the rate only
  });

  it('returns columns of the requested length and types', () => {
    const { keys, values, timestamps } = generateEvents(options);
    expect(keys).toBeInstanceOf(Int32Array);
    expect(values).toBeInstanceOf(Float64Array);
    expect(timestamps).toBeInstanceOf(Float64Array);
    expect([keys.length, values.length, timestamps.length]).toEqual([5000, 5000, 5000]);
  });

  it('generates any slice exactly as the same part of the whole stream', () => {
    const all = generateEvents(options);
    for (const [from, to] of [
      [0, 1],
      [17, 4096],
      [4999, 5000],
      [2500, 9999],
    ]) {
      const part = generateEvents(options, from, to);
      const end = Math.min(to, options.count);
      expect(part.keys).toEqual(all.keys.slice(from, end));
      expect(part.values).toEqual(all.values.slice(from, end));
      expect(part.timestamps).toEqual(all.timestamps.slice(from, end));
    }
  });

  it('draws keys in range, values in [0, 100], and every key appears', () => {
    const { keys, values } = generateEvents(options);
    const seen = new Set(keys);
    expect([...seen].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(values.every((v) => v >= 0 && v <= 100)).toBe(true);
  });

  it('stamps event i at startTime + floor(i * 1000 / eventsPerSecond), never decreasing', () => {
    const { timestamps } = generateEvents(options);
    // 300 events/s: event 3 is at 10 ms, event 300 at exactly one second.
    expect(timestamps[0]).toBe(1_000_000);
    expect(timestamps[3]).toBe(1_000_010);
    expect(timestamps[300]).toBe(1_001_000);
    for (let i = 1; i < timestamps.length; i++)
      expect(timestamps[i]).toBeGreaterThanOrEqual(timestamps[i - 1]);
    expect(eventTimestamp(options, 4999)).toBe(timestamps[4999]);
  });

  it('rejects bad options with a message naming the option', () => {
    expect(() => generateEvents({ ...options, keys: 0 })).toThrow(/"keys" must be an integer ≥ 1/);
    expect(() => generateEvents({ ...options, eventsPerSecond: -1 })).toThrow(/"eventsPerSecond"/);
    expect(() => generateEvents({ ...options, count: 1.5 })).toThrow(/"count"/);
  });
});

describe('firstIndexAtOrAfter', () => {
  it('agrees with a linear scan over the timestamps', () => {
    const { timestamps } = generateEvents(options);
    for (const time of [0, 1_000_000, 1_000_001, 1_000_010, 1_005_000, 1_016_663, 1_016_664, 2_000_000]) {
      let expected = timestamps.findIndex((t) => t >= time);
      if (expected < 0) expected = options.count;
      expect(firstIndexAtOrAfter(options, time)).toBe(expected);
    }
  });

  it('handles rates that are not divisors of 1000', () => {
    const odd = { count: 100_000, keys: 1, seed: 1, eventsPerSecond: 7.3 };
    const { timestamps } = generateEvents(odd);
    for (let time = 0; time < 20_000; time += 997) {
      expect(firstIndexAtOrAfter(odd, time)).toBe(timestamps.findIndex((t) => t >= time));
    }
  });
});
