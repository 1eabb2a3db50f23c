import { describe, expect, it } from 'vitest';
import { TumblingEventTimeWindows } from '../../../../src/engine/windows/assigners/tumbling-event-time-windows.ts';
import { extremeOf, sumOf } from '../../../../src/engine/windows/field-aggregators.ts';
import type { TimeWindow } from '../../../../src/engine/windows/time-window.ts';
import { windowHarness } from './fixtures.ts';

type Reading = [string, number, string]; // [sensor, value, note]
const fold = <T>(f: (a: T, b: T) => T, xs: T[]) => xs.reduce(f);

const readings: Reading[] = [
  ['s', 3, 'first'],
  ['s', 1, 'second'],
  ['s', 5, 'third'],
  ['s', 1, 'fourth'],
];

describe('field aggregations (Flink’s SumAggregator / ComparableAggregator semantics)', () => {
  it('sum/min/max replace the field in the first element; minBy/maxBy return the element (first on ties)', () => {
    expect(fold(sumOf<Reading>(1), readings)).toEqual(['s', 10, 'first']);
    expect(fold(extremeOf<Reading>(1, 'min', false), readings)).toEqual(['s', 1, 'first']);
    expect(fold(extremeOf<Reading>(1, 'max', false), readings)).toEqual(['s', 5, 'first']);
    expect(fold(extremeOf<Reading>(1, 'min', true), readings)).toEqual(['s', 1, 'second']); // tie with 'fourth'
    expect(fold(extremeOf<Reading>(1, 'max', true), readings)).toEqual(['s', 5, 'third']);
    expect(
      fold(
        extremeOf<Reading>((r) => r[2], 'max', true),
        readings,
      ),
    ).toEqual(['s', 5, 'third']); // 'third' > 'second'
    expect(readings[0]).toEqual(['s', 3, 'first']); // inputs are not mutated
  });

  it('works on objects by property name and on plain numbers', () => {
    const objs = [
      { k: 'a', v: 2, n: 'x' },
      { k: 'a', v: 7, n: 'y' },
    ];
    expect(fold(sumOf<(typeof objs)[0]>('v'), objs)).toEqual({ k: 'a', v: 9, n: 'x' });
    expect(fold(sumOf<number>(undefined), [1, 2, 3])).toBe(6);
    expect(fold(extremeOf<number>(0, 'max', false), [1, 9, 3])).toBe(9);
  });

  it('names the problem for bad fields', () => {
    expect(() => fold(sumOf<Reading>(2), readings)).toThrow(
      'sum(2): the field must hold numbers, got string and string',
    );
    expect(() => fold(sumOf<{ v: number }>('w'), [{ v: 1 }, { v: 2 }])).toThrow(
      'sum(w): the record has no field "w"',
    );
    expect(() => sumOf<number>(((x: number) => x) as never)).toThrow('needs a field name or index');
    expect(() => extremeOf<number>((x) => x, 'min', false)).toThrow('use minBy(fn)');
  });

  it('run per window', () => {
    const h = windowHarness<Reading, TimeWindow, Reading>(
      { assigner: TumblingEventTimeWindows.of(10) },
      (b) => b.reduce(extremeOf<Reading>(1, 'min', true)),
    );
    readings.forEach((r, i) => h.processElement(r, i * 4)); // ts 0, 4, 8 → [0,10); ts 12 → [10,20)
    h.finish();
    expect(h.values()).toEqual([
      ['s', 1, 'second'],
      ['s', 1, 'fourth'],
    ]);
  });
});
