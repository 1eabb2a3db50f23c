import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchDecoder } from '../../../../src/engine/net/codec/batch-decoder.ts';
import { BatchEncoder } from '../../../../src/engine/net/codec/batch-encoder.ts';
import { setCodegenEnabled } from '../../../../src/engine/net/codec/codegen.ts';
import { registerRecordType } from '../../../../src/engine/net/codec/record-types.ts';
import { inferBatchShape, shapeToCode } from '../../../../src/engine/net/codec/shape.ts';

// The codec must return exactly what went in: Object.is per leaf (so NaN and -0 count), same key order,
// same array lengths. Expected values are the inputs themselves.
const roundTrip = (values: unknown[], ts?: number[]) => {
  const timestamps = new Float64Array(ts ?? values.map((_, i) => i * 10));
  const buf = new BatchEncoder('test').encode(values, timestamps);
  expect(buf).toBeInstanceOf(ArrayBuffer);
  const out = new BatchDecoder().decode(buf);
  return { out, timestamps };
};

const same = (a: unknown, b: unknown): boolean => {
  if (typeof a !== 'object' || a === null) return Object.is(a, b);
  if (typeof b !== 'object' || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (a instanceof Date) return Object.is(a.getTime(), (b as Date).getTime());
  if (ArrayBuffer.isView(a))
    return String(a) === String(b) && a.byteLength === (b as ArrayBufferView).byteLength;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length || ka.some((k, i) => k !== kb[i])) return false;
  return ka.every((k) => same((a as any)[k], (b as any)[k]));
};

const expectExact = (values: unknown[]) => {
  const { out, timestamps } = roundTrip(values);
  expect(out.count).toBe(values.length);
  expect(out.values.length).toBe(values.length);
  values.forEach((v, i) => expect(same(out.values[i], v), `record ${i}: ${String(v)}`).toBe(true));
  expect(Array.from(out.timestamps)).toEqual(Array.from(timestamps));
};

afterAll(() => setCodegenEnabled(true));

// Both paths must agree: compiled per-shape loops, and the closure walkers used where eval is forbidden (CSP).
describe.each([
  ['compiled loops', true],
  ['closure walkers', false],
])('batch codec (%s)', (_name, codegen) => {
  beforeAll(() => setCodegenEnabled(codegen));
  it('round-trips numbers exactly, including NaN, -0, ±Infinity and extremes', () => {
    expectExact([
      0,
      -0,
      NaN,
      Infinity,
      -Infinity,
      1.5,
      -(2 ** 53),
      Number.MAX_VALUE,
      Number.MIN_VALUE,
      2 ** 31,
    ]);
  });

  it('round-trips strings exactly: empty, unicode, astral, lone surrogates', () => {
    expectExact(['', 'a', 'é', '日本語', '😀x', '\ud800', 'a\udc00b', 'a', '', 'x'.repeat(20_000)]);
  });

  it('keeps timestamps, NO_TIMESTAMP (NaN) included', () => {
    const { out } = roundTrip([1, 2, 3], [NaN, -5, 1e15]);
    expect(Array.from(out.timestamps)).toEqual([NaN, -5, 1e15]);
  });

  it('round-trips tuples and objects column-wise, booleans, null and undefined', () => {
    const values = [
      ['a', 1, true, null, undefined, { x: -0 }],
      ['b', NaN, false, null, undefined, { x: 2 }],
    ];
    expect(shapeToCode(inferBatchShape(values, 2))).toEqual([
      't',
      's',
      'n',
      'b',
      'z',
      'u',
      ['o', ['x'], 'n'],
    ]);
    expectExact(values);
  });

  it('keeps undefined distinct from null and from a missing key', () => {
    expectExact([{ a: undefined }, { a: null }, {}, [undefined], [null], []]);
  });

  it('widens mismatching parts to the row encoding and still round-trips', () => {
    const values = [
      { k: 'a', v: 1, tags: ['x'] },
      { k: 'b', v: null, tags: ['y', 'z'] },
      { k: 'c', v: 3, tags: [], extra: true },
      { v: 4, k: 'd', tags: [] }, // same keys, other order: the order is kept
    ];
    expectExact(values);
    const { out } = roundTrip(values);
    expect(Object.keys(out.values[3] as object)).toEqual(['v', 'k', 'tags']);
  });

  it('round-trips irregular nested values, Dates, BigInts and typed arrays', () => {
    expectExact([
      [1, [2, [3, [4, [5, [6]]]]]],
      { a: { b: { c: { d: { e: 'deep' } } } } },
      new Date(1_700_000_000_000),
      new Date(NaN),
      12345678901234567890n,
      -1n,
      new Float64Array([1.5, NaN, -0]),
      new Int32Array([1, -2]),
      new Uint8Array([255]),
      'mixed',
      7,
      { __proto__: 1 } as unknown,
    ]);
  });

  it("keeps an own '__proto__' key as data", () => {
    const v = JSON.parse('{"__proto__": {"x": 1}, "y": 2}');
    const { out } = roundTrip([v, v]);
    expect(Object.keys(out.values[0] as object)).toEqual(['__proto__', 'y']);
    expect(Object.getPrototypeOf(out.values[1])).toBe(Object.prototype);
  });

  it("checks every record's prototype, also when the previous batch's loop encodes it", () => {
    const enc = new BatchEncoder('protos');
    const dec = new BatchDecoder();
    const send = (values: unknown[]) =>
      dec.decode(enc.encode(values, new Float64Array(values.length))).values;
    expect(send([{ a: 1 }, { a: 2 }])).toEqual([{ a: 1 }, { a: 2 }]);
    // A null prototype fits (and comes back as a plain object, as documented).
    const bare = send([{ a: 3 }, Object.assign(Object.create(null), { a: 4 })]);
    expect(bare).toEqual([{ a: 3 }, { a: 4 }]);
    expect(Object.getPrototypeOf(bare[1])).toBe(Object.prototype);
    const withProto = (proto: object | null) => Object.create(proto, { a: { value: 8, enumerable: true } });
    expect(() =>
      send([
        { a: 5 },
        new (class P {
          a = 6;
        })(),
      ]),
    ).toThrow('record #1: record is a P instance');
    expect(() => send([{ a: 7 }, withProto({ inherited: 1 })])).toThrow(
      'record #1: record is a Object instance',
    );
    expect(() => send([{ a: 7 }, withProto(Object.create(null))])).toThrow(
      'record #1: record is a Object instance',
    );
    expect(send([{ a: 9 }])).toEqual([{ a: 9 }]);
  });

  it('decodes integers as the same numbers, -0 and fractions included', () => {
    const nums = [0, -0, 1, -1, 2 ** 31 - 1, -(2 ** 31), 2 ** 31, 2 ** 53, 0.5, -1.5, NaN, Infinity];
    expectExact(nums);
    expectExact(nums.map((n) => ({ n })));
    expectExact(nums.map((n) => [n, 'x']));
  });

  it('turns array holes into undefined (documented)', () => {
    // eslint-disable-next-line no-sparse-arrays
    const { out } = roundTrip([[1, , 3]]);
    expect(out.values[0]).toEqual([1, undefined, 3]);
    expect(1 in (out.values[0] as unknown[])).toBe(true);
  });

  it('re-infers when a batch no longer fits the previous shape', () => {
    const enc = new BatchEncoder('shape-change');
    const dec = new BatchDecoder();
    const first = [{ a: 1 }, { a: 2 }];
    const second = [{ a: 1 }, { a: 'x' }, { b: true }];
    expect(dec.decode(enc.encode(first, new Float64Array(2))).values).toEqual(first);
    expect(dec.decode(enc.encode(second, new Float64Array(3))).values).toEqual(second);
    expect(dec.decode(enc.encode(first, new Float64Array(2))).values).toEqual(first);
  });

  it('handles an empty batch and a batch of 16K records', () => {
    expect(roundTrip([]).out.values).toEqual([]);
    const big = Array.from({ length: 16_384 }, (_, i) => ({ id: i, name: `n${i % 97}`, ok: i % 2 === 0 }));
    expectExact(big);
  });

  it('decodes many batches with one decoder and one encoder (scratch reuse)', () => {
    const enc = new BatchEncoder('reuse');
    const dec = new BatchDecoder();
    const batches = [
      [1, 2],
      ['a'],
      [[1, 'x']],
      [{ a: 1 }],
      Array.from({ length: 5000 }, (_, i) => i),
      [true],
    ];
    for (const b of batches) {
      expect(dec.decode(enc.encode(b, new Float64Array(b.length))).values).toEqual(b);
    }
  });

  it.each([
    [() => 1, 'record is a function'],
    [{ a: [1, Symbol('s')] }, 'record.a[1] is a symbol'],
    [new Map([[1, () => 2]]), 'record<entry 0>[1] is a function'],
    [
      { when: new (class Point {})() },
      'record.when is a Point instance (not registered with env.registerType)',
    ],
  ])('rejects %s naming the channel, the record and the path', (bad, what) => {
    const enc = new BatchEncoder('Map (1/2) -> Sink (2/2)');
    expect(() => enc.encode([{ ok: 1 }, bad], new Float64Array(2))).toThrow(
      `Channel 'Map (1/2) -> Sink (2/2)' cannot send record #1: ${what}`,
    );
  });

  it('round-trips Maps and Sets (keys, values and order), nested in records too', () => {
    const m = new Map<unknown, unknown>([
      ['a', 1],
      [2, { x: [1, 2] }],
      [null, new Set(['s', 3])],
    ]);
    const { out } = roundTrip([m, { tags: new Set(['x', 'y']), m }]);
    expect(out.values[0]).toBeInstanceOf(Map);
    expect([...(out.values[0] as Map<unknown, unknown>)]).toEqual([...m]);
    const second = out.values[1] as { tags: Set<string>; m: Map<unknown, unknown> };
    expect(second.tags).toBeInstanceOf(Set);
    expect([...second.tags]).toEqual(['x', 'y']);
    expect((second.m.get(null) as Set<unknown>).has(3)).toBe(true);
  });

  it('round-trips instances of registered classes as instances of the class of that name', () => {
    class Reading {
      constructor(
        public sensor = '',
        public celsius = 0,
      ) {}
      fahrenheit(): number {
        return (this.celsius * 9) / 5 + 32;
      }
    }
    const values = [new Reading('s1', 20), { plain: new Reading('s2', -40) }];
    expect(() => roundTrip(values)).toThrow('record #0: record is a Reading instance (not registered');
    registerRecordType(Reading);
    const { out } = roundTrip(values);
    const [a, b] = out.values as [Reading, { plain: Reading }];
    expect(a).toBeInstanceOf(Reading);
    expect(a).toEqual(new Reading('s1', 20));
    expect(a.fahrenheit()).toBe(68);
    expect(b.plain.fahrenheit()).toBe(-40);
    // The same job module imported again (another class object of the same name) decodes to the latest.
    class Reading2 extends Reading {}
    Object.defineProperty(Reading2, 'name', { value: 'Reading' });
    registerRecordType(Reading2);
    expect(roundTrip([new Reading('s3', 0)]).out.values[0]).toBeInstanceOf(Reading2);
    expect(() => registerRecordType((() => {}) as never)).toThrow(/expected a class/);
  });

  it('rejects cyclic values with a message instead of overflowing the stack', () => {
    const a: any = { x: 1 };
    a.self = a;
    expect(() => new BatchEncoder('c').encode([a], new Float64Array(1))).toThrow(
      /nested deeper than 64 levels/,
    );
  });

  it('rejects a buffer that is not a batch', () => {
    expect(() => new BatchDecoder().decode(new ArrayBuffer(64))).toThrow(/not a Rivulet batch/);
  });
});
