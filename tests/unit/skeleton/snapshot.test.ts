/**
 * The Workbench's snapshots: the live preview is at-least-once (a job resumed from a checkpoint
 * fires again the windows after it, with the same counts), so rows are upserted by (window, key);
 * the job's final result replaces the preview. Expected totals are hand sums of the rows.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_JOB_SETTINGS } from '../../../src/client/job-settings.ts';
import { emptySnapshot, upsertWindows, withResult } from '../../../src/client/snapshot.ts';

const settings = { ...DEFAULT_JOB_SETTINGS, keys: 3 };

describe('Workbench snapshots', () => {
  it('upserts live rows by (window, key), sorted by window then key, totals per key', () => {
    let s = emptySnapshot(settings, 'job-1', 'running');
    s = upsertWindows(s, [
      [2, 1000, 5],
      [0, 0, 4],
    ]);
    s = upsertWindows(s, [
      [1, 0, 7],
      [2, 1000, 5], // a replay after a restore: the same row again
    ]);
    expect([...s.windows.windowStarts]).toEqual([0, 0, 1000]);
    expect([...s.windows.keys]).toEqual([0, 1, 2]);
    expect([...s.windows.counts]).toEqual([4, 7, 5]);
    // key 0: 4; key 1: 7; key 2: 5 (counted once although it arrived twice)
    expect(s.totals).toEqual([4, 7, 5]);
    expect(s.jobId).toBe('job-1');
  });

  it('the final result replaces the preview', () => {
    const live = upsertWindows(emptySnapshot(settings, 'job-1', 'running'), [[0, 0, 4]]);
    const done = withResult(live, [
      [1, 1000, 2],
      [0, 0, 4],
      [0, 1000, 1],
    ]);
    expect([...done.windows.keys]).toEqual([0, 0, 1]);
    expect(done.totals).toEqual([5, 2, 0]);
  });

  it('a row with a key outside the settings is an error naming it', () => {
    expect(() => withResult(emptySnapshot(settings, 'job-1'), [[3, 0, 1]])).toThrow(
      'Workbench: a result row has key 3, outside [0, 3)',
    );
  });
});
