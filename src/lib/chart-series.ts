import type { WindowCounts } from '../client/index.ts';

export interface ChartSeries {
  /** One line per key: `[windowStart, count]` points. */
  series: { name: string; data: [number, number][] }[];
  /** Points drawn in all. */
  points: number;
}

/**
 * The chart's data: counts per key for the last `maxWindows` windows only, so the chart stays
 * cheap however long the job runs. `windows` must be sorted by window start (as results are).
 *
 * @example
 * ```ts
 * chartSeries(snapshot.windows, 6, 60).series[0].data; // [[start, count], ...] of key 0
 * ```
 */
export function chartSeries(windows: WindowCounts, keyCount: number, maxWindows: number): ChartSeries {
  const { keys, windowStarts, counts } = windows;
  let first = windowStarts.length;
  let distinct = 0;
  while (first > 0) {
    const isNewWindow = first === windowStarts.length || windowStarts[first - 1] !== windowStarts[first];
    if (isNewWindow && distinct++ === maxWindows) break;
    first--;
  }
  const series = Array.from({ length: keyCount }, (_, key) => ({
    name: `key ${key}`,
    data: [] as [number, number][],
  }));
  for (let i = first; i < keys.length; i++) series[keys[i]]?.data.push([windowStarts[i], counts[i]]);
  return { series, points: keys.length - first };
}
