/** Timing of one runner: warm-up, then the median of `runs`; the checksum must match the reference. */
import { measure } from '../measure.ts';
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

export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function timeRunner(
  events: number,
  reference: Checksum | null,
  fn: () => Checksum | Promise<Checksum>,
  opts: { warmup: number; runs: number },
): Promise<RunnerFigure> {
  // A runner whose warm-up run takes over SLOW_MS gets 3 timed runs instead of `runs` (keeps the full suite short).
  let runs = opts.runs;
  if (opts.warmup > 0 && runs > 3) {
    const t0 = performance.now();
    await fn();
    if (performance.now() - t0 > SLOW_MS) runs = 3;
  }
  const m = await measure(fn, { warmup: Math.max(0, opts.warmup - 1), runs });
  const ok = reference === null || sameChecksum(m.result, reference);
  return {
    eventsPerSec: ok ? (events / m.medianMs) * 1000 : null,
    medianMs: m.medianMs,
    checksum: m.result,
    ok,
  };
}
