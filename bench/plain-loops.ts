import type { EventColumns } from './bench-data.ts';

/**
 * Hand-written loops for the three pipelines: the practical limit an engine is measured against.
 * Each returns a checksum that the engine's and RxJS's results must equal.
 */
export const plainLoops = {
  /** map(v => v * 2) then filter(v => v % 3 !== 0); checksum = count * 1e6 + sum mod 1e6. */
  mapFilter(d: EventColumns): number {
    let count = 0;
    let sum = 0;
    for (let i = 0; i < d.n; i++) {
      const v = d.values[i] * 2;
      if (v % 3 !== 0) {
        count++;
        sum += v;
      }
    }
    return count * 1e6 + (sum % 1e6);
  },
  /** keyBy(key).sum(value): rolling sum per key; checksum = sum of the final per-key totals. */
  keyBySum(d: EventColumns): number {
    const totals = new Map<number, number>();
    for (let i = 0; i < d.n; i++) {
      const k = d.keys[i];
      totals.set(k, (totals.get(k) ?? 0) + d.values[i]);
    }
    let s = 0;
    for (const v of totals.values()) s += v;
    return s;
  },
  /** keyBy(key) + 10 s tumbling event-time count (timestamps ascending); checksum = Σ count × (windowEnd mod 1e5). */
  keyByWindowCount(d: EventColumns, windowMs = 10_000): number {
    let counts = new Map<number, number>();
    let windowStart = d.n ? d.timestamps[0] - (d.timestamps[0] % windowMs) : 0;
    let checksum = 0;
    const flush = () => {
      const end = windowStart + windowMs;
      for (const c of counts.values()) checksum += c * (end % 1e5);
      counts = new Map();
    };
    for (let i = 0; i < d.n; i++) {
      const ts = d.timestamps[i];
      if (ts >= windowStart + windowMs) {
        flush();
        windowStart = ts - (ts % windowMs);
      }
      const k = d.keys[i];
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    flush();
    return checksum;
  },
};
