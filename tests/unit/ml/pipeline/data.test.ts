import { describe, expect, it } from 'vitest';
import { from } from 'arquero';
import {
  columnNames,
  isTable,
  outputRow,
  toFeatureMatrix,
  toLabels,
  withColumns,
  type Row,
} from '../../../../src/ml/index.ts';

const rows: Row[] = [
  { id: 1, x: 1, y: 10, v: [1, 2], label: 'a' },
  { id: 2, x: 2, y: 20, v: [3, 4], label: 'b' },
];

describe('toFeatureMatrix', () => {
  it('reads numeric and vector columns row-major from rows and tables', () => {
    for (const data of [rows, from(rows)]) {
      const m = toFeatureMatrix(data, ['x', 'v', 'y'], 'test');
      expect(m.rows).toBe(2);
      expect(m.cols).toBe(4);
      expect(Array.from(m.values)).toEqual([1, 1, 2, 10, 2, 3, 4, 20]);
    }
  });
  it('names the column and first bad row for non-numeric and missing values', () => {
    const bad: Row[] = [{ x: 1 }, { x: 2 }, { x: 'abc' }];
    expect(() => toFeatureMatrix(bad, ['x'], 'LR.fit')).toThrow(
      /LR.fit: column 'x' row 2 holds 'abc' \(string\)/,
    );
    const nul: Row[] = [{ x: 1 }, { x: null }];
    expect(() => toFeatureMatrix(from(nul), ['x'], 'fit')).toThrow(/column 'x' row 1 holds null/);
    expect(() => toFeatureMatrix([{ x: 1 }, { x: NaN }], ['x'], 'fit')).toThrow(/row 1 holds NaN/);
  });
  it('names a missing column and lists the available ones', () => {
    expect(() => toFeatureMatrix(rows, ['z'], 'fit')).toThrow(
      /column 'z' not found.*available columns: id, x, y, v, label/,
    );
    expect(() => toFeatureMatrix(from(rows), ['z'], 'fit')).toThrow(/column 'z' not found/);
  });
  it('rejects empty data and ragged vectors', () => {
    expect(() => toFeatureMatrix([], ['x'], 'fit')).toThrow(/empty \(0 rows\)/);
    expect(() => toFeatureMatrix([{ v: [1, 2] }, { v: [1] }], ['v'], 'fit')).toThrow(/'v' row 1 .*length 2/);
  });
});

describe('toLabels / withColumns / outputRow', () => {
  it('reads labels and rejects missing ones', () => {
    expect(toLabels(from(rows), 'label', 'fit')).toEqual(['a', 'b']);
    expect(() => toLabels([{ l: 1 }, { l: undefined }], 'l', 'fit')).toThrow(
      /label column 'l' row 1 is undefined/,
    );
  });
  it('appends columns and returns the same kind', () => {
    const r = withColumns(rows, { p: [0, 1] }, ['id']);
    expect(r).toEqual([
      { id: 1, p: 0 },
      { id: 2, p: 1 },
    ]);
    const t = withColumns(from(rows), { p: [0, 1], x: [5, 6] });
    expect(isTable(t)).toBe(true);
    expect(columnNames(t)).toEqual(['id', 'y', 'v', 'label', 'p', 'x']);
    expect(t.array('x')).toEqual([5, 6]);
    expect(() => withColumns(rows, { p: [1] })).toThrow(/'p' has 1 values for 2 rows/);
    expect(outputRow({ id: 1, x: 2 }, { p: 3 }, ['id'])).toEqual({ id: 1, p: 3 });
  });
});
