import { expect, it } from 'vitest';
import { estimateBytes } from '../../../../../src/engine/checkpoint/storage/estimate-bytes.ts';

// Expected values are hand computations with the rules in estimate-bytes.ts: frame 8, string
// 2 per code unit, number 8, boolean/null/undefined 1, bigint 8 per 64-bit word, buffers byteLength.
it('estimates primitives', () => {
  expect(estimateBytes('abc')).toBe(6);
  expect(estimateBytes(1.5)).toBe(8);
  expect(estimateBytes(true)).toBe(1);
  expect(estimateBytes(null)).toBe(1);
  expect(estimateBytes(2n ** 64n)).toBe(16); // 65 bits → two words
  expect(estimateBytes(-1n)).toBe(8);
});

it('estimates containers and counts a shared or cyclic object once', () => {
  expect(estimateBytes({ a: 1 })).toBe(8 + 2 + 8);
  expect(estimateBytes([1, 'xy'])).toBe(8 + 8 + 4);
  expect(estimateBytes(new Map([['k', 2]]))).toBe(8 + 2 + 8);
  expect(estimateBytes(new Set([1, 2]))).toBe(8 + 16);
  expect(estimateBytes(new Float64Array(4))).toBe(8 + 32);
  expect(estimateBytes(new Date(0))).toBe(8);
  const shared = { v: 1 }; // 8 + 2 + 8 = 18
  expect(estimateBytes([shared, shared])).toBe(8 + 18);
  const cyclic: { self?: unknown } = {};
  cyclic.self = cyclic;
  expect(estimateBytes(cyclic)).toBe(8 + 8);
});

it('rejects values structured clone cannot store', () => {
  expect(() => estimateBytes({ f: () => 1 })).toThrow(/function cannot be stored/);
});
