import { describe, expect, it } from 'vitest';
import { aggregator, type AggregationType } from '../../../../src/engine/operators/aggregators.ts';
import { TumblingEventTimeWindows } from '../../../../src/engine/windows/assigners/tumbling-event-time-windows.ts';
import type { TimeWindow } from '../../../../src/engine/windows/time-window.ts';
import { windowHarness } from './fixtures.ts';

type Reading = [string, number, string]; // [sensor, value, note]

/** ts 0, 4, 8 → window [0,10); ts 12 → [10,20). */
const readings: [Reading, number][] = [
  [['s', 3, 'first'], 0],
  [['s', 1, 'second'], 4],
  [['s', 5, 'third'], 8],
  [['s', 1, 'fourth'], 12],
];

/** Runs WindowedStream.sum/min/max/minBy/maxBy's reduce (the keyed rolling aggregator) per window. */
function perWindow(type: AggregationType, first = true): Reading[] {
  const h = windowHarness<Reading, TimeWindow, Reading>({ assigner: TumblingEventTimeWindows.of(10) }, (b) =>
    b.reduce(aggregator<Reading>(type, 1, first)),
  );
  for (const [r, ts] of readings) h.processElement(r, ts);
  h.finish();
  return h.values();
}

describe('per-window field aggregations (Flink’s SumAggregator / ComparableAggregator, per window)', () => {
  it('sum/min/max replace the field in the window’s first element', () => {
    // [0,10): values 3, 1, 5 → sum 9 / min 1 / max 5, other fields from 'first'; [10,20): just 'fourth'.
    expect(perWindow('SUM')).toEqual([
      ['s', 9, 'first'],
      ['s', 1, 'fourth'],
    ]);
    expect(perWindow('MIN')[0]).toEqual(['s', 1, 'first']);
    expect(perWindow('MAX')[0]).toEqual(['s', 5, 'first']);
  });

  it('minBy/maxBy return the whole extreme element of each window', () => {
    expect(perWindow('MIN_BY')).toEqual([
      ['s', 1, 'second'],
      ['s', 1, 'fourth'],
    ]);
    expect(perWindow('MAX_BY')[0]).toEqual(['s', 5, 'third']);
  });
});
