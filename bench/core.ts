import { generateEvents } from './bench-data.ts';
import { enginePipelines } from './engine-pipelines.ts';
import { formatRate, measure, perSecond, printTable } from './measure.ts';
import { plainLoops } from './plain-loops.ts';
import { rxjsPipelines } from './rxjs-pipelines.ts';

export interface CoreResult {
  pipeline: string;
  events: number;
  engineEventsPerSec: number;
  plainLoopEventsPerSec: number;
  rxjsEventsPerSec: number;
  ratioToPlainLoop: number;
  ratioToRxjs: number;
  checksumsAgree: boolean;
}

const PIPELINES = ['mapFilter', 'keyBySum', 'keyByWindowCount'] as const;

/**
 * Issue 3's benchmark: the inline runtime vs a hand-written loop (the limit) vs RxJS on the same
 * seeded events (10M records, 10k keys by default), median of `runs` after warm-up, one process.
 */
export async function runCoreBench(opts: {
  events: number;
  runs: number;
  warmup: number;
}): Promise<CoreResult[]> {
  const d = generateEvents(opts.events, 10_000);
  const results: CoreResult[] = [];
  for (const p of PIPELINES) {
    const plain = await measure(() => plainLoops[p](d), opts);
    const rx = await measure(() => rxjsPipelines[p](d), {
      ...opts,
      runs: Math.max(1, Math.min(opts.runs, 3)),
    });
    const eng = await measure(() => enginePipelines[p](d), opts);
    const e = perSecond(d.n, eng.medianMs);
    const l = perSecond(d.n, plain.medianMs);
    const r = perSecond(d.n, rx.medianMs);
    results.push({
      pipeline: p,
      events: d.n,
      engineEventsPerSec: e,
      plainLoopEventsPerSec: l,
      rxjsEventsPerSec: r,
      ratioToPlainLoop: e / l,
      ratioToRxjs: e / r,
      checksumsAgree: eng.result === plain.result && rx.result === plain.result,
    });
  }
  printTable(
    results.map((r) => ({
      pipeline: r.pipeline,
      engine: formatRate(r.engineEventsPerSec),
      'plain loop': formatRate(r.plainLoopEventsPerSec),
      rxjs: formatRate(r.rxjsEventsPerSec),
      'engine/loop': `${(r.ratioToPlainLoop * 100).toFixed(1)}%`,
      'engine/rxjs': `${r.ratioToRxjs.toFixed(2)}x`,
      checksums: r.checksumsAgree ? 'agree' : 'DIFFER',
    })),
  );
  return results;
}
