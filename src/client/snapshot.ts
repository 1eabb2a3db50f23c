import type { JobSettings, ResultUpdate } from './protocol.ts';
import { emptyWindowCounts, type WindowCounts } from '../jobs/tumbling-count.ts';

/**
 * `interrupted`: the page was closed or reloaded while the job ran; it can continue from
 * `resumeOffset`.
 */
export type JobStatus = 'idle' | 'running' | 'finished' | 'stopped' | 'failed' | 'interrupted';

/** Everything the page knows about the latest run; this is what is persisted. */
export interface JobSnapshot {
  settings: JobSettings;
  status: JobStatus;
  /** Events processed by every subtask. */
  processed: number;
  /** Source offset to continue from (exactly once for fired windows). */
  resumeOffset: number;
  watermark: number;
  /** Every fired window, sorted by (windowStart, key). */
  windows: WindowCounts;
  /** Count per key over the fired windows. */
  totals: number[];
  error?: string;
  updatedAt: number;
}

/** A snapshot before the first result. */
export function emptySnapshot(settings: JobSettings, status: JobStatus = 'idle'): JobSnapshot {
  return {
    settings,
    status,
    processed: 0,
    resumeOffset: 0,
    watermark: -Infinity,
    windows: emptyWindowCounts(),
    totals: new Array<number>(settings.keys).fill(0),
    updatedAt: Date.now(),
  };
}

function concat<A extends Float64Array | Int32Array>(a: A, b: A): A {
  const out = new (a.constructor as new (n: number) => A)(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/**
 * The snapshot after one result update. Windows fire in event-time order and each exactly once,
 * so appending keeps `windows` sorted.
 */
export function applyUpdate(snapshot: JobSnapshot, update: ResultUpdate): JobSnapshot {
  const { windows } = update;
  const totals = snapshot.totals.slice();
  for (let i = 0; i < windows.keys.length; i++) totals[windows.keys[i]] += windows.counts[i];
  return {
    ...snapshot,
    processed: update.processed,
    resumeOffset: update.resumeOffset,
    watermark: update.watermark,
    windows: {
      keys: concat(snapshot.windows.keys, windows.keys),
      windowStarts: concat(snapshot.windows.windowStarts, windows.windowStarts),
      counts: concat(snapshot.windows.counts, windows.counts),
    },
    totals,
    updatedAt: Date.now(),
  };
}
