/**
 * The fixed job of the walking skeleton: count events per key per tumbling event-time window,
 * split across parallel subtasks by key. Pure logic only (no workers, no DOM), so the workers
 * and a unit test run exactly the same code. The real engine replaces this job later.
 *
 * @example
 * ```ts
 * const counts = runTumblingCountInline({ count: 10_000, keys: 4, seed: 1 }, { windowMs: 1000 });
 * const totals = totalsByKey(counts, 4);
 * ```
 */
import {
  firstIndexAtOrAfter,
  generateEvents,
  type SeededEventsOptions,
} from '../engine/connectors/seeded-events.ts';
import { assignKeyToParallelOperator } from '../engine/state/key-groups.ts';

/** Counts of fired windows as columns, sorted by `(windowStart, key)`. */
export interface WindowCounts {
  keys: Int32Array;
  windowStarts: Float64Array;
  counts: Float64Array;
}

/** Number of key groups, the unit of key partitioning (Flink's default max parallelism is 128). */
export const MAX_PARALLELISM = 128;

/**
 * Subtask that owns `key`: key → key group → subtask by range, exactly as Flink's
 * KeyGroupRangeAssignment does (the engine's implementation).
 *
 * @example
 * ```ts
 * subtaskOf(3, 2); // 0 or 1, always the same for key 3
 * ```
 */
export function subtaskOf(key: number, parallelism: number): number {
  return assignKeyToParallelOperator(key, MAX_PARALLELISM, parallelism);
}

/** A batch of keyed events routed to one subtask. */
export interface KeyedBatch {
  keys: Int32Array;
  timestamps: Float64Array;
}

/**
 * Splits one batch into `parallelism` batches by key (order within each part is kept).
 *
 * @example
 * ```ts
 * const [toFirst, toSecond] = partitionBatch(keys, timestamps, 2);
 * ```
 */
export function partitionBatch(
  keys: Int32Array,
  timestamps: Float64Array,
  parallelism: number,
): KeyedBatch[] {
  const target = new Int32Array(keys.length);
  const sizes = new Int32Array(parallelism);
  for (let i = 0; i < keys.length; i++) sizes[(target[i] = subtaskOf(keys[i], parallelism))]++;
  const parts = Array.from(sizes, (n) => ({ keys: new Int32Array(n), timestamps: new Float64Array(n) }));
  const fill = new Int32Array(parallelism);
  for (let i = 0; i < keys.length; i++) {
    const p = target[i];
    const j = fill[p]++;
    parts[p].keys[j] = keys[i];
    parts[p].timestamps[j] = timestamps[i];
  }
  return parts;
}

/**
 * Start of the tumbling window (aligned to epoch 0) that holds `timestamp`.
 *
 * @example
 * ```ts
 * windowStartOf(2500, 1000); // 2000
 * ```
 */
export function windowStartOf(timestamp: number, windowMs: number): number {
  return timestamp - (((timestamp % windowMs) + windowMs) % windowMs);
}

/** Keyed state of one subtask: open windows, window start → (key → count). */
export interface CountState {
  windowMs: number;
  open: Map<number, Map<number, number>>;
}

/** Empty state for windows of `windowMs` milliseconds. */
export function createCountState(windowMs: number): CountState {
  if (!(windowMs > 0 && Number.isFinite(windowMs))) {
    throw new RangeError(`tumbling count: windowMs must be a number > 0, got ${windowMs}`);
  }
  return { windowMs, open: new Map() };
}

/** Adds one batch of events to the open windows. */
export function accumulate(state: CountState, keys: Int32Array, timestamps: Float64Array): void {
  for (let i = 0; i < keys.length; i++) {
    const start = windowStartOf(timestamps[i], state.windowMs);
    let byKey = state.open.get(start);
    if (!byKey) state.open.set(start, (byKey = new Map()));
    byKey.set(keys[i], (byKey.get(keys[i]) ?? 0) + 1);
  }
}

/**
 * Removes and returns the windows whose last millisecond is `<= watermark` (all windows when
 * `watermark` is `Infinity`, the end of a bounded input), sorted by `(windowStart, key)`.
 */
export function fireWindows(state: CountState, watermark: number): WindowCounts {
  const rows: [number, number, number][] = [];
  for (const [start, byKey] of state.open) {
    if (start + state.windowMs - 1 > watermark) continue;
    for (const [key, count] of byKey) rows.push([start, key, count]);
    state.open.delete(start);
  }
  return fromRows(rows);
}

function fromRows(rows: [start: number, key: number, count: number][]): WindowCounts {
  rows.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return {
    windowStarts: Float64Array.from(rows, (r) => r[0]),
    keys: Int32Array.from(rows, (r) => r[1]),
    counts: Float64Array.from(rows, (r) => r[2]),
  };
}

/** An empty result. */
export function emptyWindowCounts(): WindowCounts {
  return { keys: new Int32Array(0), windowStarts: new Float64Array(0), counts: new Float64Array(0) };
}

/**
 * Merges results of several subtasks (or several firings) into one sorted result; counts of the
 * same `(windowStart, key)` are added.
 */
export function mergeWindowCounts(parts: readonly WindowCounts[]): WindowCounts {
  const sums = new Map<string, [number, number, number]>();
  for (const part of parts) {
    for (let i = 0; i < part.keys.length; i++) {
      const id = `${part.windowStarts[i]}:${part.keys[i]}`;
      const row = sums.get(id);
      if (row) row[2] += part.counts[i];
      else sums.set(id, [part.windowStarts[i], part.keys[i], part.counts[i]]);
    }
  }
  return fromRows([...sums.values()]);
}

/** Total count per key over all windows; keys outside `[0, keyCount)` are an error. */
export function totalsByKey(counts: WindowCounts, keyCount: number): number[] {
  const totals = new Array<number>(keyCount).fill(0);
  for (let i = 0; i < counts.keys.length; i++) {
    const key = counts.keys[i];
    if (key < 0 || key >= keyCount)
      throw new RangeError(`tumbling count: key ${key} outside [0, ${keyCount})`);
    totals[key] += counts.counts[i];
  }
  return totals;
}

/**
 * The source offset to restart from after the windows up to the one holding `lastTimestamp`
 * (exclusive) have fired: the first event of the still-open window. Replaying from there into
 * empty state gives each window exactly once.
 */
export function resumeOffsetAfter(
  source: SeededEventsOptions,
  lastTimestamp: number,
  windowMs: number,
): number {
  return firstIndexAtOrAfter(source, windowStartOf(lastTimestamp, windowMs));
}

/** The fields of the job settings that describe its source. */
export interface SourceSettings {
  events: number;
  keys: number;
  seed: number;
  startTime: number;
  eventsPerSecond: number;
}

/**
 * The seeded generator's options for a job's settings.
 *
 * @example
 * ```ts
 * const events = generateEvents(sourceOf(settings));
 * ```
 */
export function sourceOf(settings: SourceSettings): SeededEventsOptions {
  const { events, keys, seed, startTime, eventsPerSecond } = settings;
  return { count: events, keys, seed, startTime, eventsPerSecond };
}

/** Settings of one run of the job besides the source. */
export interface TumblingCountOptions {
  windowMs: number;
  parallelism?: number;
  batchSize?: number;
  /** First event to read (a resume offset); default 0. */
  from?: number;
}

/**
 * Runs the whole job in one thread, the way the workers do it: batches from the source,
 * watermark = last timestamp − 1 after each batch, partition by key, accumulate, fire, merge.
 */
export function runTumblingCountInline(
  source: SeededEventsOptions,
  options: TumblingCountOptions,
): WindowCounts {
  const { windowMs, parallelism = 2, batchSize = 4096, from = 0 } = options;
  const states = Array.from({ length: parallelism }, () => createCountState(windowMs));
  const fired: WindowCounts[] = [];
  for (let offset = from; offset < source.count; offset += batchSize) {
    const batch = generateEvents(source, offset, offset + batchSize);
    const watermark = batch.timestamps[batch.timestamps.length - 1] - 1;
    partitionBatch(batch.keys, batch.timestamps, parallelism).forEach((part, p) => {
      accumulate(states[p], part.keys, part.timestamps);
      fired.push(fireWindows(states[p], watermark));
    });
  }
  for (const state of states) fired.push(fireWindows(state, Infinity));
  return mergeWindowCounts(fired);
}
