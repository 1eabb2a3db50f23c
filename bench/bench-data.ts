/**
 * The benchmark's input: N events (key, value, ts) from a seeded generator, held as columns so that
 * every contender reads the same data and generation cost is outside every measurement.
 */
import { mulberry32 } from '../src/ml/data/mulberry32.ts';

export interface EventColumns {
  n: number;
  keys: Int32Array;
  values: Float64Array;
  timestamps: Float64Array;
}

/** Events with `numKeys` keys, integer values 0..99 and ascending timestamps at `eventsPerSecond`. */
export function generateEvents(
  n: number,
  numKeys: number,
  seed = 42,
  eventsPerSecond = 100_000,
): EventColumns {
  const rnd = mulberry32(seed);
  const keys = new Int32Array(n);
  const values = new Float64Array(n);
  const timestamps = new Float64Array(n);
  const step = 1000 / eventsPerSecond;
  for (let i = 0; i < n; i++) {
    keys[i] = (rnd() * numKeys) | 0;
    values[i] = (rnd() * 100) | 0;
    timestamps[i] = Math.floor(i * step);
  }
  return { n, keys, values, timestamps };
}

/** The record type all object-based contenders see. */
export interface BenchEvent {
  key: number;
  value: number;
  ts: number;
}
