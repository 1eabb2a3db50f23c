import { describe, expect, it } from 'vitest';
import {
  LinearRegressionModel,
  LogisticRegressionModel,
  RowAppender,
  type Row,
} from '../../../../src/ml/index.ts';

/** The reference: the plain spread copy the appender replaces. */
const spread = (row: Row, out: Row, reserved?: string[]): Row =>
  reserved ? { ...Object.fromEntries(reserved.map((c) => [c, row[c]])), ...out } : { ...row, ...out };

describe('RowAppender', () => {
  it('keeps every input column in order and appends the outputs', () => {
    const a = new RowAppender(['prediction', 'detail']);
    const row = { id: 7, x: 1.5, name: 'a' };
    const out = a.append(row, 0.25, { yes: 0.25 });
    expect(out).toEqual({ id: 7, x: 1.5, name: 'a', prediction: 0.25, detail: { yes: 0.25 } });
    expect(Object.keys(out)).toEqual(['id', 'x', 'name', 'prediction', 'detail']);
    expect(out).not.toBe(row);
    expect(row).toEqual({ id: 7, x: 1.5, name: 'a' }); // input untouched
  });

  it('gives the spread copy’s result when rows change shape (missing, extra, undefined, replaced columns)', () => {
    const a = new RowAppender(['prediction']);
    const rows: Row[] = [
      { x: 1, y: 2 },
      { x: 3, y: 4 },
      { x: 5 }, // missing y
      { x: 6, y: 7, z: 8 }, // extra z
      { x: undefined, y: 1 }, // present but undefined
      { y: 1, z: 2 }, // same count as the first shape, other keys
      { x: 1, y: 2, prediction: 'old' }, // an output column in the input is replaced
      { x: 9, y: 10 },
    ];
    rows.forEach((row, i) => expect(a.append(row, i)).toEqual(spread(row, { prediction: i })));
  });

  it('keeps only reservedCols when given', () => {
    const a = new RowAppender(['p'], ['id', 'missing']);
    const row = { id: 1, x: 2 };
    expect(a.append(row, 3)).toEqual(spread(row, { p: 3 }, ['id', 'missing']));
  });

  it('rejects a wrong number of output columns', () => {
    expect(() => new RowAppender([])).toThrow(/one or two output columns, got 0/);
  });
});

describe('linear models keep all columns in streaming prediction', () => {
  const featureCols = ['a', 'b'];
  it('LinearRegressionModel and LogisticRegressionModel output = input + outputs', () => {
    const lin = new LinearRegressionModel(
      { featureCols, labelCol: 'y' },
      { featureCols, coefficients: [2, -1], intercept: 0.5 },
    );
    const row = { id: 'r1', a: 3, b: 4, y: 1 };
    // 0.5 + 2·3 − 1·4 = 2.5
    expect(lin.predictRow(row)).toEqual({ ...row, prediction: 2.5 });
    const log = new LogisticRegressionModel(
      { featureCols, labelCol: 'y', predictionDetailCol: 'detail' },
      { featureCols, coefficients: [1, 0], intercept: 0, labels: ['no', 'yes'] },
    );
    const p = 1 / (1 + Math.exp(-3)); // σ(1·3 + 0·4)
    expect(log.predictRow(row)).toEqual({ ...row, prediction: 'yes', detail: { no: 1 - p, yes: p } });
  });
});
