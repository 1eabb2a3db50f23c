import { formatDateTime } from '../date-format.ts';

/**
 * Bytes in B / KiB / MiB / GiB with at most one decimal.
 *
 * @example
 * formatBytes(1536); // '1.5 KiB'
 */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${v} B` : `${v.toFixed(1)} ${units[u]}`;
}

/**
 * A duration in ms, or seconds from 1 s on.
 *
 * @example
 * formatDuration(1250); // '1.25 s'
 */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

/**
 * A record timestamp: a date and time from the year 2000 on, else raw ms (seeded event times
 * start at 0).
 *
 * @example
 * formatTimestamp(1500); // '1500 ms'
 */
export function formatTimestamp(ms: number): string {
  return ms >= 946_684_800_000 ? formatDateTime(ms) : `${ms} ms`;
}
