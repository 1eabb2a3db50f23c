// Expected values are hand-computed in the comments.
import { describe, expect, it } from 'vitest';
import { from } from 'arquero';
import {
  Bucketizer,
  Imputer,
  Model,
  OneHotEncoder,
  Pipeline,
  QuantileDiscretizer,
  StringIndexer,
  VectorAssembler,
  isTable,
  toRows,
  trainTestSplit,
  type MlData,
  type Row,
} from '../../../../src/ml/index.ts';

const both = (rows: Row[]): [string, MlData][] => [
  ['rows', rows],
  ['table', from(rows)],
];
const col = async (m: Model, data: MlData, c: string) => toRows(await m.transform(data)).map((r) => r[c]);

describe.each(both([{ x: 1 }, { x: null }, { x: 5 }, { x: NaN }, { x: 4 }]))('Imputer on %s', (_, data) => {
  it('fills with mean, median and a value', async () => {
    // present values 1, 5, 4: mean 10/3, median 4
    expect(await col(await new Imputer({ selectedCols: ['x'] }).fit(data), data, 'x')).toEqual([
      1,
      10 / 3,
      5,
      10 / 3,
      4,
    ]);
    const med = await new Imputer({ selectedCols: ['x'], strategy: 'median' }).fit(data);
    expect(await col(med, data, 'x')).toEqual([1, 4, 5, 4, 4]);
    const val = await new Imputer({
      selectedCols: ['x'],
      strategy: 'value',
      fillValue: 0,
      outputCols: ['y'],
    }).fit(data);
    expect(await col(val, data, 'y')).toEqual([1, 0, 5, 0, 4]);
  });
});

describe('Imputer', () => {
  it('most_frequent works on strings and ties go to the smallest; median of an even count', async () => {
    const rows = [{ c: 'b' }, { c: null }, { c: 'b' }, { c: 'a' }, { c: 'a' }, { c: 'c' }];
    const m = await new Imputer({ selectedCols: ['c'], strategy: 'most_frequent' }).fit(rows);
    expect(m.stats.fills).toEqual(['a']);
    const even = await new Imputer({ selectedCols: ['x'], strategy: 'median' }).fit([
      { x: 1 },
      { x: 10 },
      { x: 2 },
      { x: 4 },
    ]);
    expect(even.stats.fills).toEqual([3]); // (2 + 4) / 2
    await expect(new Imputer({ selectedCols: ['x'] }).fit([{ x: 'a' }])).rejects.toThrow(
      /column 'x' row 0 holds 'a'/,
    );
    await expect(new Imputer({ selectedCols: ['x'], strategy: 'value' }).fit([{ x: 1 }])).rejects.toThrow(
      /fillValue/,
    );
  });
});

describe.each(both(['b', 'a', 'b', 'c', 'a', 'b'].map((c) => ({ c }))))('StringIndexer on %s', (_, data) => {
  it('orders by frequency or alphabet', async () => {
    // counts b 3, a 2, c 1
    const order = async (stringOrderType: any) =>
      (await new StringIndexer({ selectedCol: 'c', stringOrderType }).fit(data)).stats.labels;
    expect(await order('frequency_desc')).toEqual(['b', 'a', 'c']);
    expect(await order('frequency_asc')).toEqual(['c', 'a', 'b']);
    expect(await order('alphabet_asc')).toEqual(['a', 'b', 'c']);
    expect(await order('alphabet_desc')).toEqual(['c', 'b', 'a']);
    const m = await new StringIndexer({ selectedCol: 'c', outputCol: 'i' }).fit(data);
    expect(await col(m, data, 'i')).toEqual([0, 1, 0, 2, 1, 0]);
  });
  it('handles unseen values', async () => {
    const test = isTable(data) ? from([{ c: 'a' }, { c: 'z' }]) : [{ c: 'a' }, { c: 'z' }];
    const keep = await new StringIndexer({ selectedCol: 'c', handleInvalid: 'keep' }).fit(data);
    expect(await col(keep, test, 'c')).toEqual([1, 3]);
    const skip = await new StringIndexer({ selectedCol: 'c', handleInvalid: 'skip' }).fit(data);
    expect(toRows(await skip.transform(test))).toEqual([{ c: 1 }]);
    const err = await new StringIndexer({ selectedCol: 'c' }).fit(data);
    await expect(err.transform(test)).rejects.toThrow(/column 'c' value z was not seen/);
  });
});

describe.each(both([{ c: 'b' }, { c: 'a' }, { c: 'c' }]))('OneHotEncoder on %s', (_, data) => {
  it('encodes with dropLast and keep', async () => {
    // categories a, b, c; dropLast removes c's slot
    const m = await new OneHotEncoder({ selectedCols: ['c'] }).fit(data);
    expect(await col(m, data, 'c_onehot')).toEqual([
      [0, 1],
      [1, 0],
      [0, 0],
    ]);
    const k = await new OneHotEncoder({ selectedCols: ['c'], dropLast: false, handleInvalid: 'keep' }).fit(
      data,
    );
    expect(k.predictRow({ c: 'z' }).c_onehot).toEqual([0, 0, 0, 1]);
    expect(k.predictRow({ c: 'c' }).c_onehot).toEqual([0, 0, 1, 0]);
    expect(() => m.predictRow({ c: 'z' })).toThrow(/column 'c' value z was not seen/);
  });
});

describe('OneHotEncoder numeric categories', () => {
  it('sorts numbers numerically', async () => {
    const m = await new OneHotEncoder({ selectedCols: ['n'], dropLast: false }).fit([{ n: 10 }, { n: 2 }]);
    expect(m.stats.categories).toEqual([['2', '10']]);
  });
});

describe.each(both([{ a: 1, v: [2, 3], b: 4 }]))('VectorAssembler on %s', (_, data) => {
  it('concatenates numbers and vectors', async () => {
    const va = new VectorAssembler({ selectedCols: ['a', 'v', 'b'], outputCol: 'f', reservedCols: [] });
    expect(toRows(await va.transform(data))).toEqual([{ f: [1, 2, 3, 4] }]);
    expect(() => va.predictRow({ a: 'x', v: [], b: 1 })).toThrow(/column 'a' .*'x'/);
    expect(() => va.predictRow({ v: [], b: 1 })).toThrow(/column 'a' not found/);
  });
});

describe.each(both([-5, 0, 9.9, 10, 1e9].map((x) => ({ x }))))('Bucketizer on %s', (_, data) => {
  it('buckets by splits', async () => {
    const b = new Bucketizer({ selectedCols: ['x'], splitsArray: [[-Infinity, 0, 10, Infinity]] });
    expect(await col(b, data, 'x')).toEqual([0, 1, 1, 2, 2]);
    const closed = new Bucketizer({ selectedCols: ['x'], splitsArray: [[0, 10]], outputCols: ['b'] });
    expect(closed.predictRow({ x: 10 }).b).toBe(0); // the last bucket includes its upper split
    expect(() => closed.predictRow({ x: -1 })).toThrow(/outside the splits/);
    expect(() => new Bucketizer({ selectedCols: ['x'], splitsArray: [[1, 1]] })).toThrow(/increasing/);
  });
});

describe.each(both([4, 1, 3, 2, 8, 6, 5, 7].map((x) => ({ x }))))('QuantileDiscretizer on %s', (_, data) => {
  it('learns quartile cuts', async () => {
    // n 8, numBuckets 4: cuts at sorted indices ceil(8i/4) − 1 = 1, 3, 5 → 2, 4, 6
    const m = await new QuantileDiscretizer({ selectedCols: ['x'], numBuckets: 4 }).fit(data);
    expect(m.stats.splitsArray).toEqual([[-Infinity, 2, 4, 6, Infinity]]);
    expect(await col(m, data, 'x')).toEqual([2, 0, 1, 1, 3, 3, 2, 3]);
    const again = Model.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
    expect(again.predictRow({ x: 4 })).toEqual({ x: 2 });
  });
});

describe('trainTestSplit', () => {
  const rows = Array.from({ length: 10 }, (_, i) => ({ i }));
  it('is deterministic per seed, disjoint and complete, and keeps the data kind', () => {
    const a = trainTestSplit(rows, { fraction: 0.7, seed: 1 });
    const b = trainTestSplit(rows, { fraction: 0.7, seed: 1 });
    expect(a).toEqual(b);
    expect(a.train.length).toBe(7);
    expect(a.test.length).toBe(3);
    expect([...a.train, ...a.test].map((r) => r.i).sort((x, y) => x - y)).toEqual(rows.map((r) => r.i));
    const c = trainTestSplit(rows, { fraction: 0.7, seed: 2 });
    expect(c.train.map((r) => r.i)).not.toEqual(a.train.map((r) => r.i));
    const t = trainTestSplit(from(rows), { fraction: 0.7, seed: 1 });
    expect(isTable(t.train)).toBe(true);
    expect(t.train.array('i')).toEqual(a.train.map((r) => r.i));
    expect(() => trainTestSplit(rows, { fraction: 1 })).toThrow(/fraction/);
  });
});

describe('feature pipeline', () => {
  it('imputes, indexes and assembles in one Pipeline and round-trips', async () => {
    const rows = [
      { x: 1, c: 'u' },
      { x: null, c: 'v' },
      { x: 3, c: 'u' },
    ];
    const p = new Pipeline([
      new Imputer({ selectedCols: ['x'] }),
      new StringIndexer({ selectedCol: 'c' }),
      new VectorAssembler({ selectedCols: ['x', 'c'], outputCol: 'f', reservedCols: [] }),
    ]);
    const m = await p.fit(rows);
    // mean x = 2; u is the most frequent → 0
    expect(await m.transform(rows)).toEqual([{ f: [1, 0] }, { f: [2, 1] }, { f: [3, 0] }]);
    const again = Model.fromJSON(JSON.stringify(m.toJSON()));
    expect(await again.transform(rows)).toEqual(await m.transform(rows));
  });
});
