/**
 * The expected rows of a keyed running count over the records 0..n-1 keyed by `i mod keys`: (k, 1),
 * (k, 2), … (k, n_k) per key, whatever the arrival order, as sorted "k,c" strings. A record lost or
 * counted twice changes them, which is what the failover tests look for.
 * @example expect(rows.map((r) => r.join(',')).sort()).toEqual(runningCountRows(10_000, 7));
 */
export function runningCountRows(n: number, keys: number): string[] {
  const out: string[] = [];
  for (let k = 0; k < keys; k++) {
    const nk = Math.floor(n / keys) + (k < n % keys ? 1 : 0);
    for (let c = 1; c <= nk; c++) out.push(`${k},${c}`);
  }
  return out.sort();
}

/**
 * A coordinator configuration for driving checkpoints by hand: nothing fires on its own (interval
 * and timeout far away), one at a time, one retained. `extra` overrides fields.
 * @example new CheckpointCoordinator({ …, config: manualCoordinatorConfig({ tolerableFailures: 2 }) });
 */
export const manualCoordinatorConfig = <E extends object>(extra?: E) => ({
  intervalMs: 1e9,
  mode: 'EXACTLY_ONCE' as const,
  timeoutMs: 1e9,
  minPauseMs: 0,
  maxConcurrent: 1,
  retained: 1,
  ...extra,
});

/**
 * A gated test source's `isAvailable()`: resolves once `gated()` turns false (polled every 1 ms,
 * since the gate opens from outside the source: a savepoint, a checkpoint completing).
 * @example isAvailable: () => whenOpen(gated),
 */
export const whenOpen = (gated: () => boolean): Promise<void> =>
  gated()
    ? new Promise<void>((resolve) => {
        const wait = setInterval(() => {
          if (!gated()) resolve(void clearInterval(wait));
        }, 1);
      })
    : Promise.resolve();
