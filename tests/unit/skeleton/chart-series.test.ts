import { describe, expect, it } from 'vitest';
import { chartSeries } from '../../../src/lib/chart-series.ts';

const windows = {
  // windows 0, 1000, 2000; key 1 has no events in window 1000
  windowStarts: Float64Array.of(0, 0, 1000, 2000, 2000),
  keys: Int32Array.of(0, 1, 0, 0, 1),
  counts: Float64Array.of(5, 6, 7, 8, 9),
};

describe('chartSeries', () => {
  it('draws one line per key', () => {
    expect(chartSeries(windows, 2, 10)).toEqual({
      series: [
        {
          name: 'key 0',
          data: [
            [0, 5],
            [1000, 7],
            [2000, 8],
          ],
        },
        {
          name: 'key 1',
          data: [
            [0, 6],
            [2000, 9],
          ],
        },
      ],
      points: 5,
    });
  });

  it('keeps only the last maxWindows windows', () => {
    expect(chartSeries(windows, 2, 2)).toEqual({
      series: [
        {
          name: 'key 0',
          data: [
            [1000, 7],
            [2000, 8],
          ],
        },
        { name: 'key 1', data: [[2000, 9]] },
      ],
      points: 3,
    });
    expect(chartSeries(windows, 2, 0).points).toBe(0);
  });
});
