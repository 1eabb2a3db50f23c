/**
 * The Workbench's event-time progress: "Events up to the watermark" comes from the window
 * operator's watermark in the metrics (pushed every 500 ms), fired windows from the live preview
 * (every 200 ms). A fired window means the watermark passed its end, so the progress shown is never
 * behind the events already counted in fired windows.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_JOB_SETTINGS } from '../../../src/client/job-settings.ts';
import { emptySnapshot, eventsUpTo, upsertWindows } from '../../../src/client/snapshot.ts';

// 2000 events/s of event time, 1 s windows: 2000 events per window, over 2 keys.
const settings = { ...DEFAULT_JOB_SETTINGS, keys: 2 };
const t0 = settings.startTime;

describe('Workbench snapshot progress', () => {
  it('counts the events up to a watermark (event i at startTime + floor(i·1000 / eventsPerSecond))', () => {
    expect(eventsUpTo(settings, -Infinity)).toBe(0);
    expect(eventsUpTo(settings, t0)).toBe(2); // events 0 and 1 have time t0
    expect(eventsUpTo(settings, t0 + 999)).toBe(2000);
    expect(eventsUpTo(settings, t0 + 1e9)).toBe(settings.events);
  });

  it('fired windows move the watermark and the events up to it to the end of the latest window', () => {
    // The metrics last reported a watermark in the first window...
    let s = { ...emptySnapshot(settings, 'job-1', 'running'), watermark: t0 + 499, processed: 1000 };
    // ...then both windows [t0, t0+1000) and [t0+1000, t0+2000) fired for both keys: 4000 events.
    s = upsertWindows(s, [
      [0, t0, 1004],
      [1, t0, 996],
      [0, t0 + 1000, 990],
      [1, t0 + 1000, 1010],
    ]);
    expect(s.totals.reduce((a, b) => a + b, 0)).toBe(4000);
    expect(s.watermark).toBe(t0 + 1999);
    expect(s.processed).toBe(4000);

    // A replayed earlier window (after a restore) does not move progress back.
    s = upsertWindows(s, [[0, t0, 1004]]);
    expect(s.watermark).toBe(t0 + 1999);
    expect(s.processed).toBe(4000);
  });

  it('a watermark the metrics reported beyond the fired windows stays', () => {
    let s = { ...emptySnapshot(settings, 'job-1', 'running'), watermark: t0 + 5000, processed: 10_002 };
    s = upsertWindows(s, [[0, t0, 1004]]);
    expect(s.watermark).toBe(t0 + 5000);
    expect(s.processed).toBe(10_002);
  });
});
