/** Timing helpers shared by the benchmarks: warm-up, then the median of repeated runs. */
export interface Measured<T> {
  medianMs: number;
  runsMs: number[];
  result: T;
}

export async function measure<T>(
  fn: () => T | Promise<T>,
  opts: { warmup: number; runs: number },
): Promise<Measured<T>> {
  let result!: T;
  for (let i = 0; i < opts.warmup; i++) result = await fn();
  const runsMs: number[] = [];
  for (let i = 0; i < opts.runs; i++) {
    const t0 = performance.now();
    result = await fn();
    runsMs.push(performance.now() - t0);
  }
  const sorted = [...runsMs].sort((a, b) => a - b);
  return { medianMs: sorted[Math.floor(sorted.length / 2)], runsMs, result };
}

export const perSecond = (count: number, ms: number): number => (count / ms) * 1000;

export function formatRate(perSec: number): string {
  if (perSec >= 1e6) return `${(perSec / 1e6).toFixed(2)}M/s`;
  if (perSec >= 1e3) return `${(perSec / 1e3).toFixed(1)}K/s`;
  return `${perSec.toFixed(0)}/s`;
}

/** Prints rows as an aligned text table. */
export function printTable(rows: Record<string, string | number>[]): void {
  if (rows.length === 0) return;
  const cols = Object.keys(rows[0]);
  const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  const line = (cells: string[]) => cells.map((s, i) => s.padEnd(width[i])).join('  ');
  console.log(line(cols));
  console.log(line(width.map((w) => '-'.repeat(w))));
  for (const r of rows) console.log(line(cols.map((c) => String(r[c]))));
}
