/** Timing of one runner: warm-up, then the median of `runs`; the checksum must match the reference. */
import { sameChecksum, type Checksum } from './checksum.ts';

export interface RunnerFigure {
  /** Events per second (all events of the stream over the median run), or null when the result differs. */
  eventsPerSec: number | null;
  medianMs: number;
  checksum: Checksum;
  ok: boolean;
  /** Why there is no figure other than a differing result (e.g. the run did not end). */
  error?: string;
}

const SLOW_MS = 1500;
const WARM_MS = 200;

export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function timeRunner(
  events: number,
  reference: Checksum | null,
  fn: () => Checksum | Promise<Checksum>,
  opts: { warmup: number; runs: number },
  /** Time a run by what it reports (the engine jobs' processing span) instead of the wall clock. */
  span?: (result: Checksum) => number,
): Promise<RunnerFigure & { wallMs: number }> {
  // Warm up for at least `warmup` runs and WARM_MS (short runners need several runs before V8
  // optimizes them); a runner whose first run takes over SLOW_MS gets 3 timed runs, not `runs`.
  let runs = opts.runs;
  if (opts.warmup > 0) {
    const t0 = performance.now();
    await fn();
    const first = performance.now() - t0;
    if (first > SLOW_MS && runs > 3) runs = 3;
    for (let i = 1; i < 20 && (i < opts.warmup || performance.now() - t0 < WARM_MS); i++) await fn();
  }
  const walls: number[] = [];
  const times: number[] = [];
  let result!: Checksum;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    result = await fn();
    walls.push(performance.now() - t0);
    times.push(span ? span(result) : walls[i]);
  }
  const ok = reference === null || sameChecksum(result, reference);
  const medianMs = median(times);
  return {
    eventsPerSec: ok ? (events / medianMs) * 1000 : null,
    medianMs,
    wallMs: median(walls),
    checksum: result,
    ok,
  };
}
