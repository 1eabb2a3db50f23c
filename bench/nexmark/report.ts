/** Tables and JSON rows of the Nexmark suite: figures, ratios, targets met or not. */
import { formatRate, printTable } from '../measure.ts';
import type { RunnerFigure } from './measure-runs.ts';

/** An engine figure; for workers `medianMs` is the job's processing span and `wallMs` the whole run. */
export type EngineFigure = RunnerFigure & { wallMs?: number };
export type EngineFigures = Record<string, EngineFigure>;

export interface QueryFigures {
  query: string;
  events: number;
  limit: RunnerFigure;
  peers: Record<string, RunnerFigure>;
  engine: EngineFigures;
}

/** One row of results JSON (issue 5's shape). */
export interface NexmarkResult {
  query: string;
  runtime: 'inline' | 'workers';
  parallelism: number;
  env: 'node' | 'chromium';
  eventsPerSec: number | null;
  eventsPerSecPerCore: number | null;
  limitEventsPerSec: number | null;
  bestPeer: string | null;
  bestPeerEventsPerSec: number | null;
  ratioToLimit: number | null;
  ratioToBestPeer: number | null;
  resultChecksumOk: boolean;
}

/** The stream libraries the "3x the best JS stream library" target compares with. */
const LIBRARIES = ['rxjs', '@most/core'];

/** Per-core targets of issue 5 for the inline runtime (events/s). */
export const PER_CORE_TARGET: Record<string, number> = {
  q0: 30e6,
  q1: 30e6,
  q2: 30e6,
  q5: 3e6,
  q7: 3e6,
  q8: 2e6,
};

export function bestLibrary(f: QueryFigures): [string, number] | null {
  let best: [string, number] | null = null;
  for (const name of LIBRARIES) {
    const r = f.peers[name]?.eventsPerSec;
    if (r != null && (!best || r > best[1])) best = [name, r];
  }
  return best;
}

const rate = (r: number | null | undefined, error?: string) =>
  error ? error : r == null ? 'result differs' : formatRate(r);
const ratio = (a: number | null | undefined, b: number | null | undefined, digits = 2) =>
  a == null || b == null ? '–' : `${(a / b).toFixed(digits)}x`;

export function buildResults(figures: QueryFigures[], env: 'node' | 'chromium'): NexmarkResult[] {
  const out: NexmarkResult[] = [];
  for (const f of figures) {
    const best = bestLibrary(f);
    for (const [mode, e] of Object.entries(f.engine)) {
      const parallelism = mode === 'workers p2' ? 2 : 1;
      const r = e.eventsPerSec;
      out.push({
        query: f.query,
        runtime: mode === 'inline' ? 'inline' : 'workers',
        parallelism,
        env,
        eventsPerSec: r,
        eventsPerSecPerCore: r == null ? null : r / parallelism,
        limitEventsPerSec: f.limit.eventsPerSec,
        bestPeer: best?.[0] ?? null,
        bestPeerEventsPerSec: best?.[1] ?? null,
        ratioToLimit: r == null || !f.limit.eventsPerSec ? null : r / f.limit.eventsPerSec,
        ratioToBestPeer: r == null || !best ? null : r / best[1],
        resultChecksumOk: e.ok,
      });
    }
  }
  return out;
}

/** Prints the engine table (with targets) and the peers table. */
export function printNexmark(figures: QueryFigures[], env: string): void {
  printTable(
    figures.map((f) => {
      const inline = f.engine.inline?.eventsPerSec ?? null;
      const w1 = f.engine['workers p1']?.eventsPerSec ?? null;
      const w2 = f.engine['workers p2']?.eventsPerSec ?? null;
      const best = bestLibrary(f);
      const target = PER_CORE_TARGET[f.query];
      const targets: string[] = [];
      if (target)
        targets.push(`${formatRate(target)}/core ${inline != null && inline >= target ? 'met' : 'not met'}`);
      if (best) targets.push(`3x lib ${inline != null && inline >= 3 * best[1] ? 'met' : 'not met'}`);
      if ((f.query === 'q1' || f.query === 'q5') && w1 != null)
        targets.push(`p2 1.6x ${w2 != null && w2 >= 1.6 * w1 ? 'met' : 'not met'}`);
      return {
        query: f.query,
        'inline (per core)': rate(inline, f.engine.inline?.error),
        'workers p1': f.engine['workers p1'] ? rate(w1, f.engine['workers p1'].error) : '–',
        'workers p2': f.engine['workers p2'] ? rate(w2, f.engine['workers p2'].error) : '–',
        'p2/p1': ratio(w2, w1),
        // What the worker runtime costs over inline on one core: batches crossing channels, codec, scheduling.
        'transport share':
          w1 != null && inline != null ? `${Math.max(0, (1 - w1 / inline) * 100).toFixed(0)}%` : '–',
        limit: rate(f.limit.eventsPerSec),
        '/limit':
          inline != null && f.limit.eventsPerSec
            ? `${((inline / f.limit.eventsPerSec) * 100).toFixed(1)}%`
            : '–',
        'best lib': best ? `${best[0]} ${formatRate(best[1])}` : '–',
        '/best lib': ratio(inline, best?.[1]),
        targets: targets.join(', '),
      };
    }),
  );
  console.log(
    `\nPeers on the same events (${env}; each figure only when its count + checksum equal the limit's)\n`,
  );
  const names = [...new Set(figures.flatMap((f) => Object.keys(f.peers)))];
  printTable(
    figures.map((f) => ({
      query: f.query,
      'typed-array limit': rate(f.limit.eventsPerSec),
      ...Object.fromEntries(names.map((n) => [n, f.peers[n] ? rate(f.peers[n].eventsPerSec) : '–'])),
      'engine inline': rate(f.engine.inline?.eventsPerSec),
      rows: f.limit.checksum.count,
    })),
  );
}
