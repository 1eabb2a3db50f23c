import { describe, expect, it } from 'vitest';
import { readParallelism } from '../../../src/lib/parallelism.ts';

describe('readParallelism', () => {
  it('takes a whole number from 1 to the maximum', () => {
    expect(readParallelism(1)).toEqual({ ok: true, value: 1 });
    expect(readParallelism(4)).toEqual({ ok: true, value: 4 });
    expect(readParallelism('3')).toEqual({ ok: true, value: 3 });
  });

  it('an empty field names the field and what to enter, not "null"', () => {
    // Svelte binds an empty number field as null; a text field gives ''.
    for (const empty of [null, undefined, '', '  ']) {
      expect(readParallelism(empty)).toEqual({
        ok: false,
        error: 'Parallelism: enter a whole number from 1 to 4.',
      });
    }
  });

  it('another value names the field, the range and the value', () => {
    expect(readParallelism(0)).toEqual({
      ok: false,
      error: 'Parallelism: enter a whole number from 1 to 4 (not 0).',
    });
    expect(readParallelism(2.5, 'Run at parallelism')).toEqual({
      ok: false,
      error: 'Run at parallelism: enter a whole number from 1 to 4 (not 2.5).',
    });
    expect(readParallelism(9, 'Parallelism', 8)).toEqual({
      ok: false,
      error: expect.stringContaining('1 to 8'),
    });
  });
});
