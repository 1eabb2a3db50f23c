import type { JobSettings } from './protocol.ts';

/** Fired windows as columns, sorted by `(windowStart, key)`. */
export interface WindowCounts {
  keys: Int32Array;
  windowStarts: Float64Array;
  counts: Float64Array;
}

/**
 * `interrupted`: the page was closed or reloaded while the job ran; Continue resumes it from its
 * latest checkpoint.
 */
export type JobStatus = 'idle' | 'running' | 'finished' | 'stopped' | 'failed' | 'interrupted';

/** Everything the page knows about the latest run; this is what is persisted. */
export interface JobSnapshot {
  settings: JobSettings;
  status: JobStatus;
  /** The engine job id: its checkpoints are stored under it, so Continue can resume it. */
  jobId: string;
  /** Events up to the watermark (event-time progress; all of them once the job finished). */
  processed: number;
  /**
   * Event-time progress: the lowest watermark of the window operator's subtasks, or the end of the
   * latest fired window when that is later (fired windows arrive before the next metrics); -Infinity
   * before the first.
   */
  watermark: number;
  /** Id of the job's latest completed checkpoint (ids go on across its runs); 0 before the first. */
  lastCheckpoint: number;
  /** The checkpoint the latest run (a Continue) resumed from; 0 for a run from the start. */
  restoredCheckpoint: number;
  /** Fired windows seen so far (the live preview), then the job's result once it finished. */
  windows: WindowCounts;
  /** Count per key over `windows`. */
  totals: number[];
  error?: string;
  updatedAt: number;
}

/**
 * A snapshot before the first result.
 *
 * @example
 * ```ts
 * const snapshot = emptySnapshot(DEFAULT_JOB_SETTINGS, 'workbench-1', 'running');
 * ```
 */
export function emptySnapshot(settings: JobSettings, jobId: string, status: JobStatus = 'idle'): JobSnapshot {
  return {
    settings,
    status,
    jobId,
    processed: 0,
    watermark: -Infinity,
    lastCheckpoint: 0,
    restoredCheckpoint: 0,
    windows: windowCounts([]),
    totals: new Array<number>(settings.keys).fill(0),
    updatedAt: Date.now(),
  };
}

/** Rows `[key, windowStart, count]` as sorted columns (one row per window and key: the last wins). */
function windowCounts(rows: Iterable<readonly [number, number, number]>): WindowCounts {
  const unique = new Map<string, readonly [number, number, number]>();
  for (const row of rows) unique.set(`${row[1]}|${row[0]}`, row);
  const sorted = [...unique.values()].sort((a, b) => a[1] - b[1] || a[0] - b[0]);
  return {
    keys: Int32Array.from(sorted, (r) => r[0]),
    windowStarts: Float64Array.from(sorted, (r) => r[1]),
    counts: Float64Array.from(sorted, (r) => r[2]),
  };
}

/**
 * Events whose timestamp is at most `watermark`: event i has time startTime + floor(i·1000 / eventsPerSecond).
 *
 * @example
 * ```ts
 * eventsUpTo(DEFAULT_JOB_SETTINGS, DEFAULT_JOB_SETTINGS.startTime + 999); // 2000 (at 2000 events/s)
 * ```
 */
export function eventsUpTo(settings: JobSettings, watermark: number): number {
  if (!(watermark >= settings.startTime)) return 0;
  const n = Math.ceil(((watermark - settings.startTime + 1) * settings.eventsPerSecond) / 1000);
  return Math.min(settings.events, n);
}

function* rowsOf(windows: WindowCounts): Generator<[number, number, number]> {
  for (let i = 0; i < windows.keys.length; i++)
    yield [windows.keys[i], windows.windowStarts[i], windows.counts[i]];
}

function withWindows(snapshot: JobSnapshot, windows: WindowCounts): JobSnapshot {
  const totals = new Array<number>(snapshot.settings.keys).fill(0);
  for (let i = 0; i < windows.keys.length; i++) {
    const key = windows.keys[i];
    if (!(key >= 0 && key < totals.length))
      throw new RangeError(`Workbench: a result row has key ${key}, outside [0, ${totals.length})`);
    totals[key] += windows.counts[i];
  }
  return { ...snapshot, windows, totals, updatedAt: Date.now() };
}

/**
 * The snapshot with live rows `[key, windowStart, count]` upserted by (window, key): the live
 * preview is at-least-once (a resumed job fires again the windows after its checkpoint, with the
 * same counts), so a row seen twice replaces itself instead of counting twice. A fired window means
 * the watermark passed its end, so the watermark and `processed` move up to it at least (the metrics
 * that report the watermark come less often than fired windows).
 *
 * @example
 * ```ts
 * snapshot = upsertWindows(snapshot, [[0, 1000, 42]]);
 * ```
 */
export function upsertWindows(
  snapshot: JobSnapshot,
  rows: readonly (readonly [number, number, number])[],
): JobSnapshot {
  if (rows.length === 0) return snapshot;
  const next = withWindows(snapshot, windowCounts([...rowsOf(snapshot.windows), ...rows]));
  const lastEnd = rows.reduce((end, r) => Math.max(end, r[1] + next.settings.windowMs - 1), -Infinity);
  if (!(lastEnd > next.watermark)) return next;
  return { ...next, watermark: lastEnd, processed: eventsUpTo(next.settings, lastEnd) };
}

/**
 * The snapshot with the job's final result (every fired window exactly once) replacing the preview.
 *
 * @example
 * ```ts
 * snapshot = withResult(snapshot, await runJob(url, options));
 * ```
 */
export function withResult(
  snapshot: JobSnapshot,
  rows: readonly (readonly [number, number, number])[],
): JobSnapshot {
  return withWindows(snapshot, windowCounts(rows));
}
