/**
 * Independent references for the Job page's examples (src/client/examples): the same input rows,
 * copied here, and the expected results computed by plain loops following Flink's documented
 * semantics (not by the engine).
 */

type Event = [string, number];

/** Window start of `t` for windows of `size` every `slide` (Flink's TimeWindow.getWindowStartWithOffset, offset 0). */
const windowStart = (t: number, slide: number) => t - (((t % slide) + slide) % slide);

/** Tumbling 10 s event-time windows, counted per key: [key, windowStart, count]. */
export function tumblingCounts(events: Event[], size = 10_000): [string, number, number][] {
  const counts = new Map<string, number>();
  for (const [key, t] of events) {
    const k = JSON.stringify([key, windowStart(t, size)]);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return [...counts].map(([k, n]) => [...(JSON.parse(k) as [string, number]), n]);
}

export const TUMBLING_EVENTS: Event[] = [
  ['a', 1000],
  ['b', 2000],
  ['a', 3000],
  ['a', 9999],
  ['b', 10000],
  ['a', 12000],
  ['c', 15000],
  ['b', 19999],
  ['a', 20000],
  ['c', 25000],
  ['a', 29000],
  ['b', 31000],
];

export const READINGS: [string, number, number][] = [
  ['s1', 1000, 20],
  ['s2', 2000, 30],
  ['s1', 4000, 22],
  ['s1', 6000, 27],
  ['s2', 7000, 31],
  ['s2', 11000, 35],
  ['s1', 12000, 21],
  ['s2', 14000, 33],
  ['s1', 18000, 25],
  ['s2', 19000, 36],
];

/** Sliding windows (size 10 s, slide 5 s): every window containing a reading, averaged per sensor. */
export function slidingAverages(size = 10_000, slide = 5_000): [string, number, number][] {
  const acc = new Map<string, [number, number]>(); // in arrival order, as the job adds them
  for (const [sensor, t, value] of READINGS) {
    for (let start = windowStart(t, slide); start > t - size; start -= slide) {
      const k = JSON.stringify([sensor, start]);
      const [sum, n] = acc.get(k) ?? [0, 0];
      acc.set(k, [sum + value, n + 1]);
    }
  }
  return [...acc].map(([k, [sum, n]]) => [...(JSON.parse(k) as [string, number]), sum / n]);
}

export const CLICKS: Event[] = [
  ['ann', 1000],
  ['bob', 1500],
  ['ann', 3000],
  ['ann', 6500],
  ['bob', 9000],
  ['ann', 13000],
  ['bob', 13500],
  ['ann', 14000],
  ['bob', 16000],
  ['ann', 25000],
];

/** Session windows: a click within `gap` of the previous one (same user) extends the session. */
export function sessions(gap = 5_000): [string, number, number, number][] {
  const out: [string, number, number, number][] = [];
  const open = new Map<string, [number, number, number]>(); // user → [start, last, count]
  for (const [user, t] of [...CLICKS].sort((a, b) => a[1] - b[1])) {
    const s = open.get(user);
    if (s && t < s[1] + gap) open.set(user, [s[0], t, s[2] + 1]);
    else {
      if (s) out.push([user, s[0], s[1] + gap, s[2]]);
      open.set(user, [t, t, 1]);
    }
  }
  for (const [user, [start, last, n]] of open) out.push([user, start, last + gap, n]);
  return out;
}

export const HEARTBEATS: Event[] = [
  ['d1', 1000],
  ['d2', 1200],
  ['d1', 3000],
  ['d2', 4000],
  ['d2', 8500],
  ['d1', 9000],
  ['d2', 10000],
  ['d1', 11000],
  ['d1', 15500],
  ['d2', 17000],
];

/** Silence alerts: [device, lastHeartbeat, lastHeartbeat + 5 s] whenever the next one is ≥ 5 s later, or never comes. */
export function silenceAlerts(silence = 5_000): [string, number, number][] {
  const out: [string, number, number][] = [];
  const last = new Map<string, number>();
  for (const [device, t] of HEARTBEATS) {
    const prev = last.get(device);
    if (prev !== undefined && t >= prev + silence) out.push([device, prev, prev + silence]);
    last.set(device, t);
  }
  for (const [device, t] of last) out.push([device, t, t + silence]); // end of input fires the rest
  return out;
}

export const LATE_EVENTS: Event[] = [
  ['a', 1000],
  ['b', 4000],
  ['a', 8000],
  ['a', 12500],
  ['b', 6000],
  ['a', 14000],
  ['b', 9500],
  ['a', 23000],
  ['b', 15000],
  ['a', 18000],
  ['b', 26000],
  ['a', 3000],
];

/**
 * Tumbling 10 s counts with watermarks 2 s behind the newest event (emitted after each event): an
 * event whose window ended at or before the current watermark (window.maxTimestamp ≤ watermark,
 * Flink's isWindowLate with no allowed lateness) goes to the side output as ['late', key, time].
 */
export function lateDataResults(size = 10_000, bound = 2_000): unknown[] {
  let watermark = -Infinity;
  let max = -Infinity;
  const onTime: Event[] = [];
  const late: unknown[] = [];
  for (const [key, t] of LATE_EVENTS) {
    if (windowStart(t, size) + size - 1 <= watermark) late.push(['late', key, t]);
    else onTime.push([key, t]);
    max = Math.max(max, t);
    watermark = max - bound - 1;
  }
  return [...tumblingCounts(onTime, size), ...late];
}
