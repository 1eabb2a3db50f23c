/**
 * Dates and times as every page shows them (savepoints, checkpoints, topics, saved models, the
 * Workbench's latest run): ISO 8601 order (year-month-day, 24-hour clock), unambiguous and the same
 * in every browser locale ('sv-SE' formats dates that way).
 */
const DATE_TIME = new Intl.DateTimeFormat('sv-SE', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});
const CLOCK = new Intl.DateTimeFormat('sv-SE', {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/**
 * A date and time for stored things (savepoints, checkpoints, topics, saved models), in local time.
 *
 * @example
 * formatDateTime(Date.UTC(2026, 10, 21, 3, 25, 7)); // '2026-11-21 03:25:07' in UTC
 */
export function formatDateTime(ms: number): string {
  return DATE_TIME.format(ms);
}

/**
 * The time of day of {@link formatDateTime}, for live histories (the day is dropped: they are short-lived).
 *
 * @example
 * formatClock(Date.UTC(2026, 10, 21, 14, 3, 27)); // '14:03:27' in UTC
 */
export function formatClock(ms: number): string {
  return CLOCK.format(ms);
}
