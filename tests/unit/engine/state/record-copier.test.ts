import { afterEach, describe, expect, it } from 'vitest';
import { setCodegenEnabled } from '../../../../src/engine/net/codec/codegen.ts';
import { copyRecord } from '../../../../src/engine/state/copy-record.ts';
import { RecordCopier } from '../../../../src/engine/state/record-copier.ts';

class Point {
  constructor(
    public x: number,
    public y: number,
  ) {}
  norm(): number {
    return Math.hypot(this.x, this.y);
  }
}

/** Records of many kinds, several of each shape, nested values that must be copied too. */
function records(): unknown[] {
  const out: unknown[] = [1, 'a', null, undefined, true, 10n];
  for (let i = 0; i < 5; i++) {
    out.push(
      {
        type: 'bid',
        auction: i,
        price: i * 1.5,
        url: `u${i}`,
        extra: null,
        tags: [`t${i}`],
        at: new Date(i),
      },
      { type: 'person', id: i, name: { first: 'A', last: `B${i}` }, missing: undefined },
      { 2: 'two', 1: 'one', b: i, a: [i, { deep: i }] },
      [i, { k: i }],
      new Point(i, i + 1),
      new Map([[i, { v: i }]]),
      Object.assign(Object.create(null), { n: i }),
      JSON.parse(`{"__proto__": {"polluted": ${i}}, "x": ${i}}`),
    );
  }
  // More shapes than the copier compiles: the rest take the generic walk.
  for (let s = 0; s < 12; s++) out.push({ [`k${s}`]: s, shared: { s } });
  out.push({});
  return out;
}

/** Equal to the original, shares no object with it, keeps prototypes and own keys in order. */
function expectCopy(copy: unknown, original: unknown): void {
  expect(copy).toEqual(original);
  if (original === null || typeof original !== 'object') {
    expect(copy).toBe(original);
    return;
  }
  expect(copy).not.toBe(original);
  expect(Object.getPrototypeOf(copy)).toBe(Object.getPrototypeOf(original));
  expect(Reflect.ownKeys(copy as object)).toEqual(Reflect.ownKeys(original));
  for (const k of Object.keys(original)) {
    expectCopy((copy as Record<string, unknown>)[k], (original as Record<string, unknown>)[k]);
  }
}

describe('RecordCopier', () => {
  afterEach(() => setCodegenEnabled(true));

  for (const codegen of [true, false]) {
    it(`copies every kind of record as copyRecord does (compiled shapes ${codegen ? 'on' : 'off'})`, () => {
      setCodegenEnabled(codegen);
      const copier = new RecordCopier();
      for (const r of records()) {
        const copy = copier.copy(r);
        expectCopy(copy, r);
        expectCopy(copy, copyRecord(r));
      }
      // A class instance keeps its methods.
      expect(copier.copy(new Point(3, 4)).norm()).toBe(5);
    });
  }

  it('a record of a known shape with an extra, missing or reordered key is copied whole', () => {
    const copier = new RecordCopier();
    copier.copy({ a: 1, b: 2 });
    for (const r of [{ a: 1, b: 2, c: 3 }, { a: 1 }, { b: 2, a: 1 }, { a: 1, c: 2 }])
      expectCopy(copier.copy(r), r);
  });

  it('changing a copy leaves the original as it was', () => {
    const copier = new RecordCopier();
    const original = { id: 1, tags: ['x'], pos: { x: 1 } };
    const copy = copier.copy(original);
    copy.id = 2;
    copy.tags.push('y');
    copy.pos.x = 9;
    expect(original).toEqual({ id: 1, tags: ['x'], pos: { x: 1 } });
  });

  it('an enumerable property added to Object.prototype is not copied as the record’s own', () => {
    const copier = new RecordCopier();
    (Object.prototype as Record<string, unknown>).injected = 1;
    try {
      const copy = copier.copy({ a: 1 });
      expect(Object.keys(copy)).toEqual(['a']);
    } finally {
      delete (Object.prototype as Record<string, unknown>).injected;
    }
  });
});
