import { describe, expect, it } from 'vitest';
import {
  assignKeyToParallelOperator,
  assignToKeyGroup,
  computeKeyGroupRangeForOperatorIndex,
  computeOperatorIndexForKeyGroup,
  keyHashCode,
  murmurHash,
  stableKeyString,
} from '../../../../src/engine/state/key-groups.ts';

// Reference values were produced with OpenJDK 17 (java 17.0): Java's own hashCode() of String,
// Integer, Long, Double and Boolean, and MathUtils.murmurHash / KeyGroupRangeAssignment transcribed
// from apache/flink (flink-core .../util/MathUtils.java, flink-runtime .../state/KeyGroupRangeAssignment.java):
// murmurHash(key.hashCode()) % maxParallelism, ranges ((i*max + p - 1) / p, ((i+1)*max - 1) / p).

describe('murmurHash (Flink MathUtils.murmurHash)', () => {
  it('matches Java for edge and ordinary ints', () => {
    const ref: [number, number][] = [
      [0, 593689054],
      [1, 68075478],
      [-1, 1982413648],
      [42, 1134849565],
      [97, 1455541201],
      [2147483647, 1653689534],
      [-2147483648, 1718298732],
      [123456789, 1088346449],
    ];
    for (const [code, expected] of ref) expect(murmurHash(code)).toBe(expected);
  });
});

describe('keyHashCode (Java hashCode semantics)', () => {
  it('hashes strings as String.hashCode over UTF-16 code units', () => {
    expect(keyHashCode('a')).toBe(97);
    expect(keyHashCode('hello')).toBe(99162322);
    expect(keyHashCode('user-1')).toBe(-836031825);
    expect(keyHashCode('Ünïcödé😀')).toBe(659048184);
    expect(keyHashCode('')).toBe(0);
  });

  it('hashes int32 numbers as Integer, larger integers as Long, others as Double', () => {
    expect(keyHashCode(42)).toBe(42);
    expect(keyHashCode(-7)).toBe(-7);
    expect(keyHashCode(4294967296)).toBe(1); // Long.hashCode(4294967296L)
    expect(keyHashCode(-4294967297)).toBe(1); // Long.hashCode(-4294967297L)
    expect(keyHashCode(9007199254740991)).toBe(-2097152); // Long.hashCode(2^53 - 1)
    expect(keyHashCode(1.5)).toBe(1073217536); // Double.hashCode(1.5)
    expect(keyHashCode(-0.25)).toBe(-1076887552);
    expect(keyHashCode(Number.NaN)).toBe(2146959360);
    expect(keyHashCode(Number.POSITIVE_INFINITY)).toBe(2146435072);
    expect(keyHashCode(4294967296n)).toBe(1); // bigint as Long
  });

  it('hashes booleans as Boolean.hashCode', () => {
    expect(keyHashCode(true)).toBe(1231);
    expect(keyHashCode(false)).toBe(1237);
  });

  it('hashes arrays as Flink tuples (h = hash(f0); h = 31*h + hash(fi); null -> 0)', () => {
    expect(keyHashCode(['a', 1])).toBe(3008); // Tuple2.of("a", 1).hashCode() in Java
    expect(keyHashCode(['x', null])).toBe(3720); // Tuple2.of("x", null).hashCode()
    expect(keyHashCode([])).toBe(0);
  });

  it('hashes plain objects as the String.hashCode of their sorted-field JSON', () => {
    expect(stableKeyString({ b: 1, a: ['x', 2] })).toBe('{"a":["x",2],"b":1}');
    expect(keyHashCode({ b: 1, a: 'x' })).toBe(keyHashCode('{"a":"x","b":1}'));
  });

  it('rejects keys that cannot be hashed, saying what a key may be', () => {
    expect(() => keyHashCode(undefined)).toThrow(/Keys must be primitives .*keyBy/);
    expect(() => keyHashCode(() => 1)).toThrow(/a function cannot be a key/);
    expect(() => keyHashCode(Symbol('s'))).toThrow(/a symbol cannot be a key/);
    expect(() => keyHashCode(null)).toThrow(/null keys/);
    expect(() => keyHashCode(new Map())).toThrow(/Map instance is not a plain object/);
    expect(() => keyHashCode(['a', undefined])).toThrow(/use null if a field is missing/);
  });
});

describe('assignToKeyGroup (Flink KeyGroupRangeAssignment)', () => {
  it('matches Flink for max parallelism 128 and 32768', () => {
    const ref: [unknown, number, number][] = [
      ['a', 81, 19409],
      ['b', 22, 29846],
      ['hello', 35, 31395],
      ['user-1', 121, 13945],
      ['', 94, 31198],
      [0, 94, 31198],
      [1, 86, 16342],
      [42, 29, 28189],
      [-7, 33, 15777],
      [1.5, 65, 833],
      [true, 77, 11725],
      [false, 3, 32003],
    ];
    for (const [key, kg128, kg32768] of ref) {
      expect(assignToKeyGroup(key, 128)).toBe(kg128);
      expect(assignToKeyGroup(key, 32768)).toBe(kg32768);
    }
    expect(assignToKeyGroup(['a', 1], 128)).toBe(29); // murmurHash(Tuple2.of("a", 1).hashCode()) % 128
    // Integers 0..9 at max parallelism 128, as Flink assigns Integer keys.
    expect(Array.from({ length: 10 }, (_, i) => assignToKeyGroup(i, 128))).toEqual([
      94, 86, 127, 113, 7, 126, 18, 113, 15, 51,
    ]);
  });

  it('is murmurHash(hashCode) % maxParallelism for every max parallelism, powers of two or not', () => {
    // Int32 and string keys take assignToKeyGroup's inline path; the edges of int32 and the others do not.
    const keys: unknown[] = [
      'a',
      'user-1',
      '',
      'ü€😀',
      -7,
      0,
      -0,
      42,
      2 ** 31 - 1,
      -(2 ** 31),
      2 ** 31,
      2 ** 40,
    ];
    keys.push(1.5, NaN, Infinity, true, 10n, ['a', 1], { b: 1 });
    for (let i = 0; i < 500; i++) keys.push(i * 7919 - 1_000_000, `k${i}`);
    for (const maxP of [1, 2, 100, 128, 1000, 4096, 32768]) {
      for (const key of keys) expect(assignToKeyGroup(key, maxP)).toBe(murmurHash(keyHashCode(key)) % maxP);
    }
    expect(() => assignToKeyGroup(null, 128)).toThrow(/Invalid key null: Flink does not allow null keys/);
  });

  it('computes key group ranges per subtask as Flink', () => {
    const ranges = (p: number) =>
      Array.from({ length: p }, (_, i) => computeKeyGroupRangeForOperatorIndex(128, p, i));
    expect(ranges(1)).toEqual([{ start: 0, end: 127 }]);
    expect(ranges(2)).toEqual([
      { start: 0, end: 63 },
      { start: 64, end: 127 },
    ]);
    expect(ranges(3)).toEqual([
      { start: 0, end: 42 },
      { start: 43, end: 85 },
      { start: 86, end: 127 },
    ]);
    expect(ranges(7).map((r) => [r.start, r.end])).toEqual([
      [0, 18],
      [19, 36],
      [37, 54],
      [55, 73],
      [74, 91],
      [92, 109],
      [110, 127],
    ]);
    expect(() => computeKeyGroupRangeForOperatorIndex(128, 129, 0)).toThrow(/max parallelism 128/);
  });

  it('routes key groups to the subtask whose range holds them', () => {
    const idx = [0, 42, 43, 63, 64, 85, 86, 127].map((g) => computeOperatorIndexForKeyGroup(128, 3, g));
    expect(idx).toEqual([0, 0, 1, 1, 1, 1, 2, 2]); // Java: g * 3 / 128
    expect(assignKeyToParallelOperator('a', 128, 2)).toBe(1); // key group 81 is in [64, 127]
  });
});
