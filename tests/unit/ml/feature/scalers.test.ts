// Expected values are hand-computed in the comments.
import { describe, expect, it } from 'vitest';
import { from } from 'arquero';
import {
  MaxAbsScaler,
  MinMaxScaler,
  Model,
  StandardScaler,
  toRows,
  type MlData,
  type Row,
} from '../../../../src/ml/index.ts';

const rows: Row[] = [
  { id: 1, x: 1, y: -4 },
  { id: 2, x: 2, y: 2 },
  { id: 3, x: 6, y: 2 },
];
const kinds: [string, MlData][] = [
  ['rows', rows],
  ['table', from(rows)],
];

describe.each(kinds)('scalers on %s', (_, data) => {
  it('StandardScaler uses the sample std (n − 1)', async () => {
    // x: mean 3, deviations −2,−1,3 → SS 14, sample var 7; y: mean 0, SS 24, var 12
    const m = await new StandardScaler({ selectedCols: ['x', 'y'] }).fit(data);
    expect(m.stats).toEqual({ means: [3, 0], stds: [Math.sqrt(7), Math.sqrt(12)] });
    const out = toRows(await m.transform(data));
    expect(out.map((r) => r.x)).toEqual([-2 / Math.sqrt(7), -1 / Math.sqrt(7), 3 / Math.sqrt(7)]);
    expect(out[0]).toEqual({ id: 1, x: -2 / Math.sqrt(7), y: -4 / Math.sqrt(12) });
    const centred = new StandardScaler({
      selectedCols: ['x'],
      withStd: false,
      outputCols: ['xc'],
      reservedCols: ['id'],
    });
    expect(toRows(await (await centred.fit(data)).transform(data))).toEqual([
      { id: 1, xc: -2 },
      { id: 2, xc: -1 },
      { id: 3, xc: 3 },
    ]);
  });
  it('MinMaxScaler maps to [min, max]', async () => {
    // x range [1, 6]: 2 ↦ 1/5; y range [−4, 2] to [−1, 1]: 2 ↦ 1, −4 ↦ −1
    const m = await new MinMaxScaler({ selectedCols: ['x'] }).fit(data);
    expect(toRows(await m.transform(data)).map((r) => r.x)).toEqual([0, 0.2, 1]);
    const m2 = await new MinMaxScaler({ selectedCols: ['y'], min: -1, max: 1 }).fit(data);
    expect(toRows(await m2.transform(data)).map((r) => r.y)).toEqual([-1, 1, 1]);
  });
  it('MaxAbsScaler divides by max |x|', async () => {
    // y: max |y| = 4 → −1, 0.5, 0.5
    const m = await new MaxAbsScaler({ selectedCols: ['y'] }).fit(data);
    expect(toRows(await m.transform(data)).map((r) => r.y)).toEqual([-1, 0.5, 0.5]);
  });
});

describe('scaler errors and persistence', () => {
  it('names the column and row of a bad value, and a missing column', async () => {
    await expect(new StandardScaler({ selectedCols: ['x'] }).fit([{ x: 1 }, { x: 'a' }])).rejects.toThrow(
      /StandardScaler.fit: column 'x' row 1 holds 'a'/,
    );
    await expect(new MinMaxScaler({ selectedCols: ['z'] }).fit(rows)).rejects.toThrow(/column 'z' not found/);
    await expect(new MaxAbsScaler({ selectedCols: ['x'] }).fit([])).rejects.toThrow(/empty/);
    await expect(new MinMaxScaler({ selectedCols: ['x'], min: 1, max: 0 }).fit(rows)).rejects.toThrow(/min/);
  });
  it('round-trips through JSON', async () => {
    const m = await new StandardScaler({ selectedCols: ['x'] }).fit(rows);
    const again = Model.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
    expect(again.predictRow({ x: 10 })).toEqual(m.predictRow({ x: 10 }));
  });
});
