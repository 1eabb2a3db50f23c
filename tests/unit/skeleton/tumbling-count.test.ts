import { describe, expect, it } from 'vitest';
import { generateEvents, type SeededEventsOptions } from '../../../src/engine/connectors/seeded-events.ts';
import {
  mergeWindowCounts,
  partitionBatch,
  resumeOffsetAfter,
  runTumblingCountInline,
  subtaskOf,
  totalsByKey,
  windowStartOf,
  type WindowCounts,
} from '../../../src/jobs/tumbling-count.ts';

/** The plain loop the job must agree with: one pass, one map, no batches, no partitions. */
function plainLoop(source: SeededEventsOptions, windowMs: number, from = 0): Map<string, number> {
  const { keys, timestamps } = generateEvents(source, from);
  const counts = new Map<string, number>();
  for (let i = 0; i < keys.length; i++) {
    const start = Math.floor(timestamps[i] / windowMs) * windowMs;
    const id = `${start}:${keys[i]}`;
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

function asMap(result: WindowCounts): Map<string, number> {
  const map = new Map<string, number>();
  for (let i = 0; i < result.keys.length; i++)
    map.set(`${result.windowStarts[i]}:${result.keys[i]}`, result.counts[i]);
  return map;
}

const source = { count: 30_000, keys: 8, seed: 42, startTime: Date.UTC(2025, 0, 1), eventsPerSecond: 2000 };

describe('the fixed tumbling-count job', () => {
  it('equals a plain loop over the same seeded events', () => {
    const result = runTumblingCountInline(source, { windowMs: 1000 });
    expect(asMap(result)).toEqual(plainLoop(source, 1000));
  });

  it('equals the plain loop for other windows, batch sizes and parallelism', () => {
    for (const [windowMs, batchSize, parallelism, eventsPerSecond] of [
      [250, 100, 2, 1000],
      [5000, 4096, 3, 777],
      [1, 1000, 4, 10_000],
      [60_000, 64, 1, 50],
    ]) {
      const s = { ...source, count: 7000, eventsPerSecond };
      const result = runTumblingCountInline(s, { windowMs, batchSize, parallelism });
      expect(asMap(result), `window ${windowMs}, batch ${batchSize}, parallelism ${parallelism}`).toEqual(
        plainLoop(s, windowMs),
      );
    }
  });

  it('returns windows sorted by (window start, key) with totals summing to the event count', () => {
    const result = runTumblingCountInline(source, { windowMs: 1000 });
    for (let i = 1; i < result.keys.length; i++) {
      const before =
        result.windowStarts[i - 1] - result.windowStarts[i] || result.keys[i - 1] - result.keys[i];
      expect(before).toBeLessThan(0);
    }
    const totals = totalsByKey(result, source.keys);
    expect(totals.reduce((a, b) => a + b, 0)).toBe(source.count);
    const { keys } = generateEvents(source);
    expect(totals).toEqual(Array.from({ length: 8 }, (_, k) => keys.filter((key) => key === k).length));
  });

  it('continues exactly once from a resume offset', () => {
    // Stop after the batch that ends at event 12_288: windows ending at or before its last
    // timestamp have fired; a restart reads from the first event of the still-open window.
    const windowMs = 1000;
    const lastTimestamp = generateEvents(source, 12_287, 12_288).timestamps[0];
    const from = resumeOffsetAfter(source, lastTimestamp, windowMs);
    expect(from).toBeLessThanOrEqual(12_287);
    expect(generateEvents(source, from, from + 1).timestamps[0]).toBe(windowStartOf(lastTimestamp, windowMs));
    const full = runTumblingCountInline(source, { windowMs });
    const firedBefore: WindowCounts = {
      keys: full.keys.filter((_, i) => full.windowStarts[i] + windowMs <= lastTimestamp),
      windowStarts: full.windowStarts.filter((s) => s + windowMs <= lastTimestamp),
      counts: full.counts.filter((_, i) => full.windowStarts[i] + windowMs <= lastTimestamp),
    };
    const rest = runTumblingCountInline(source, { windowMs, from });
    expect(asMap(mergeWindowCounts([firedBefore, rest]))).toEqual(asMap(full));
  });
});

describe('partitionBatch', () => {
  it('keeps every event, in order, on the subtask that owns its key', () => {
    const { keys, timestamps } = generateEvents(source, 0, 5000);
    const parts = partitionBatch(keys, timestamps, 3);
    expect(parts.reduce((n, p) => n + p.keys.length, 0)).toBe(5000);
    parts.forEach((part, p) => {
      expect(part.keys.every((k) => subtaskOf(k, 3) === p)).toBe(true);
      const expected = timestamps.filter((_, i) => subtaskOf(keys[i], 3) === p);
      expect(part.timestamps).toEqual(expected);
    });
  });

  it('routes keys as Flink does with max parallelism 128', () => {
    // Flink: murmurHash(Integer.hashCode(k)) % 128 → key group → floor(group * 2 / 128).
    // Keys 0..15 at parallelism 2 (checked against the engine's Flink-exact key groups):
    expect(Array.from({ length: 16 }, (_, k) => subtaskOf(k, 2)).join('')).toBe('1111010100110001');
  });
});

describe('mergeWindowCounts', () => {
  it('adds counts of the same window and key and sorts', () => {
    const a: WindowCounts = {
      keys: Int32Array.of(1, 0),
      windowStarts: Float64Array.of(1000, 0),
      counts: Float64Array.of(2, 5),
    };
    const b: WindowCounts = {
      keys: Int32Array.of(1),
      windowStarts: Float64Array.of(1000),
      counts: Float64Array.of(3),
    };
    const merged = mergeWindowCounts([a, b]);
    expect(Array.from(merged.windowStarts)).toEqual([0, 1000]);
    expect(Array.from(merged.keys)).toEqual([0, 1]);
    expect(Array.from(merged.counts)).toEqual([5, 5]);
  });
});

describe('windowStartOf', () => {
  it('aligns windows to epoch 0, also for negative timestamps', () => {
    expect(windowStartOf(2500, 1000)).toBe(2000);
    expect(windowStartOf(2000, 1000)).toBe(2000);
    expect(windowStartOf(-1, 1000)).toBe(-1000);
  });
});
