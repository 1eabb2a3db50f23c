import type { RetentionPolicy } from './log-topic.ts';

/**
 * Records are stored in segments (one per partition per append, at most SEGMENT_RECORDS long), as
 * Kafka stores log segments: one stored object per segment keeps appends and reads cheap. These
 * pure functions are shared by the memory and IndexedDB topics so both follow one rule set.
 */

/** Most records in one segment. */
export const SEGMENT_RECORDS = 4096;

/** A stored run of consecutive offsets of one partition. */
export interface Segment<T> {
  readonly partition: number;
  readonly baseOffset: number;
  readonly count: number;
  /** Newest timestamp in the segment (age retention). */
  readonly maxTimestamp: number;
  readonly timestamps: Float64Array;
  readonly values: T[];
}

/**
 * Cuts routed records into segments starting at each partition's end offset; advances `ends`.
 *
 * @example
 * buildSegments(['a', 'b'], [0, 0], [5, 6], [10]); // one segment of partition 0 at offset 10; ends = [12]
 */
export function buildSegments<T>(
  values: readonly T[],
  partitionOf: readonly number[],
  timestamps: readonly number[],
  ends: number[],
): Segment<T>[] {
  const byPartition = new Map<number, number[]>();
  partitionOf.forEach((p, i) => {
    let list = byPartition.get(p);
    if (!list) byPartition.set(p, (list = []));
    list.push(i);
  });
  const segments: Segment<T>[] = [];
  for (const [partition, indices] of [...byPartition].sort((a, b) => a[0] - b[0])) {
    for (let s = 0; s < indices.length; s += SEGMENT_RECORDS) {
      const slice = indices.slice(s, s + SEGMENT_RECORDS);
      const ts = Float64Array.from(slice, (i) => timestamps[i]);
      segments.push({
        partition,
        baseOffset: ends[partition],
        count: slice.length,
        maxTimestamp: ts.reduce((m, t) => Math.max(m, t), -Infinity),
        timestamps: ts,
        values: slice.map((i) => values[i]),
      });
      ends[partition] += slice.length;
    }
  }
  return segments;
}

/**
 * The new start offset of a partition under `policy`: count retention keeps the last
 * `maxRecords`; age retention drops the leading segments whose newest record is older than
 * `now - maxAgeMs` (stopping at the first younger one, as Kafka does).
 *
 * @example
 * retainedStart({ maxRecords: 10 }, 0, 25, [], 0); // 15
 */
export function retainedStart(
  policy: RetentionPolicy,
  start: number,
  end: number,
  segmentsInOrder: readonly Pick<Segment<unknown>, 'baseOffset' | 'count' | 'maxTimestamp'>[],
  now: number,
): number {
  let next = start;
  if (policy.maxRecords !== undefined) next = Math.max(next, end - policy.maxRecords);
  if (policy.maxAgeMs !== undefined) {
    for (const seg of segmentsInOrder) {
      if (seg.maxTimestamp >= now - policy.maxAgeMs) break;
      next = Math.max(next, seg.baseOffset + seg.count);
    }
  }
  return next;
}

/**
 * The records of `segment` with offset >= from (and >= start), at most `max`, as log records.
 *
 * @example
 * recordsOf(segment, 12, 0, 100);
 */
export function recordsOf<T>(segment: Segment<T>, from: number, max: number) {
  const out: { partition: number; offset: number; timestamp: number; value: T }[] = [];
  const first = Math.max(0, from - segment.baseOffset);
  for (let i = first; i < segment.count && out.length < max; i++) {
    out.push({
      partition: segment.partition,
      offset: segment.baseOffset + i,
      timestamp: segment.timestamps[i],
      value: segment.values[i],
    });
  }
  return out;
}

/**
 * Timestamps of appended values: from `timestamp` (checked finite) or `now` for all.
 *
 * @example
 * stampValues([{ t: 5 }], (v) => v.t, 0); // [5]
 */
export function stampValues<T>(
  values: readonly T[],
  timestamp: ((v: T) => number) | undefined,
  now: number,
): number[] {
  if (!timestamp) return values.map(() => now);
  return values.map((v, i) => {
    const t = timestamp(v);
    if (typeof t !== 'number' || !Number.isFinite(t)) {
      throw new TypeError(
        `Log append: the timestamp of record ${i} is ${String(t)}; it must be a finite number (ms)`,
      );
    }
    return t;
  });
}
