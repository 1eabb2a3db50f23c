/** Timing of one runner: warm-up, then the median of `runs`; the checksum must match the reference. */
import { measure } from '../measure.ts';
import { sameChecksum, type Checksum } from './checksum.ts';

export interface RunnerFigure {
  /** Events per second (all events of the stream over the median run), or null when the result differs. */
  eventsPerSec: number | null;
  medianMs: number;
  checksum: Checksum;
  ok: boolean;
}

export async function timeRunner(
  events: number,
  reference: Checksum | null,
  fn: () => Checksum | Promise<Checksum>,
  opts: { warmup: number; runs: number },
): Promise<RunnerFigure> {
  const m = await measure(fn, opts);
  const ok = reference === null || sameChecksum(m.result, reference);
  return {
    eventsPerSec: ok ? (events / m.medianMs) * 1000 : null,
    medianMs: m.medianMs,
    checksum: m.result,
    ok,
  };
}
