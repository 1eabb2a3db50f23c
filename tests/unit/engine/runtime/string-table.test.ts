import { describe, expect, it } from 'vitest';
import { BatchDecoder } from '../../../../src/engine/net/codec/batch-decoder.ts';
import { BatchEncoder } from '../../../../src/engine/net/codec/batch-encoder.ts';
import { shortHash, StringTable } from '../../../../src/engine/net/codec/string-table.ts';

// What a dictionary must do, whatever its lookup structure: the same string gets the same code,
// codes are dense in first-seen order, and `strings[code]` is the string.
const expectDictionary = (table: StringTable, inputs: string[]) => {
  const codes = inputs.map((s) => table.code(s));
  const firstSeen = [...new Set(inputs)];
  expect(table.strings).toEqual(firstSeen);
  expect(codes).toEqual(inputs.map((s) => firstSeen.indexOf(s)));
  expect(table.chars).toBe(firstSeen.reduce((n, s) => n + s.length, 0));
  // A second lookup of every string finds the same code (also for strings added before a rehash).
  expect(inputs.map((s) => table.code(s))).toEqual(codes);
  expect(table.size).toBe(firstSeen.length);
};

describe('StringTable', () => {
  it('codes short, empty, long and unicode strings in first-seen order', () => {
    const inputs = ['k1', '', 'k2', 'k1', 'x'.repeat(40), '', 'ü€😀', 'x'.repeat(40), 'k2', '\ud800'];
    expectDictionary(new StringTable(), inputs);
  });

  it('keeps codes while it grows past its slots (thousands of distinct strings in one batch)', () => {
    const inputs = Array.from({ length: 20_000 }, (_, i) => `id-${(i * 7919) % 6000}`);
    expectDictionary(new StringTable(16), inputs);
  });

  it('handles short strings whose hashes fall into one slot (past the probe limit, into the Map)', () => {
    // 12 distinct strings with the same home slot in a 1024-slot table, each twice, interleaved.
    const bySlot = new Map<number, string[]>();
    let same: string[] = [];
    for (let i = 0; same.length < 12; i++) {
      const s = `s${i}`;
      const slot = shortHash(s, s.length) >>> 22;
      const group = bySlot.get(slot) ?? [];
      group.push(s);
      bySlot.set(slot, group);
      if (group.length === 12) same = group;
    }
    expectDictionary(new StringTable(1024), [...same, ...same.reverse(), 'other']);
  });

  it('starts each batch empty after clear(), with codes from 0 again', () => {
    const table = new StringTable(8);
    expectDictionary(table, ['a', 'b', 'c', 'd', 'e', 'a']);
    table.clear();
    expect(table.size).toBe(0);
    expect(table.chars).toBe(0);
    expectDictionary(table, ['e', 'a', 'z']);
  });

  it('round-trips batches of colliding, long and growing key sets through the codec', () => {
    const enc = new BatchEncoder('test');
    const dec = new BatchDecoder();
    const batches = [
      Array.from({ length: 1024 }, (_, i) => ({
        key: `ab${String(i % 500).padStart(3, '0')}c${i % 3}dd`,
        n: i,
      })),
      Array.from({ length: 3000 }, (_, i) => [`https://example.com/items/${i}/details`, `u${i}`]),
      Array.from({ length: 64 }, (_, i) => ({ key: `k${i % 5}`, n: i })),
    ];
    for (const values of batches) {
      const out = dec.decode(enc.encode(values, new Float64Array(values.length)));
      expect(out.values).toEqual(values);
    }
  });
});
