const count = new Intl.NumberFormat('en');
const rate = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
const DAY_MS = 86_400_000;

/** A count with thousands separators. @example formatCount(12345) // '12,345' */
export function formatCount(n: number): string {
  return count.format(n);
}

/** Records per second, rounded. @example formatRate(1234.6) // '1,235/s' */
export function formatRate(perSec: number): string {
  return `${rate.format(perSec)}/s`;
}

/** A ratio (0..1) as a whole percentage. @example formatPercent(0.123) // '12%' */
export function formatPercent(ratio: number): string {
  return `${Math.round(ratio * 100)}%`;
}

/**
 * An input watermark as time: event times of a day or less (as in the examples) as hh:mm:ss.mmm,
 * later ones as an ISO date-time (UTC); the runtime's sentinels in words.
 *
 * @example formatWatermark(12_000) // '00:00:12.000'
 */
export function formatWatermark(ms: number): string {
  if (Number.isNaN(ms)) return '— (source)';
  if (ms === -Infinity) return 'none yet';
  if (ms === Infinity) return 'end of input';
  const iso = new Date(ms).toISOString();
  return ms >= 0 && ms < DAY_MS ? iso.slice(11, 23) : iso.replace('T', ' ').replace('Z', '');
}
