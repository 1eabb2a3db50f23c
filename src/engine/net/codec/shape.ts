/**
 * The inferred shape of the records of one batch. Leaves become columns (numbers → Float64Array,
 * strings → dictionary codes, booleans → bytes); `any` leaves fall back to the tagged row encoding.
 * Shapes are batch-local: inferred from the first record, widened to `any` where a later record differs.
 */
export type Shape =
  | { kind: 'num' }
  | { kind: 'str' }
  | { kind: 'bool' }
  | { kind: 'null' }
  | { kind: 'undef' }
  | { kind: 'any' }
  | { kind: 'tuple'; items: Shape[] }
  | { kind: 'obj'; keys: string[]; fields: Shape[] };

/** Beyond these, values go to the row encoding: deep or wide shapes would cost more than they save. */
const MAX_DEPTH = 4;
const MAX_WIDTH = 64;

/** True for `{}` literals and `Object.create(null)` objects; false for class instances, Maps, Dates… */
export const isPlainObject = (v: object): boolean => {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/**
 * The shape of one value.
 *
 * @example
 * inferShape(['a', 1]); // { kind: 'tuple', items: [{ kind: 'str' }, { kind: 'num' }] }
 */
export function inferShape(v: unknown, depth = 0): Shape {
  switch (typeof v) {
    case 'number':
      return { kind: 'num' };
    case 'string':
      return { kind: 'str' };
    case 'boolean':
      return { kind: 'bool' };
    case 'undefined':
      return { kind: 'undef' };
    case 'object':
      if (v === null) return { kind: 'null' };
      if (depth >= MAX_DEPTH) return { kind: 'any' };
      if (Array.isArray(v)) {
        if (v.length > MAX_WIDTH) return { kind: 'any' };
        const items: Shape[] = [];
        // Index loop (not map) so holes become `undefined` leaves, as the row encoding does.
        for (let i = 0; i < v.length; i++) items.push(inferShape(v[i], depth + 1));
        return { kind: 'tuple', items };
      }
      if (isPlainObject(v)) {
        const keys = Object.keys(v);
        if (keys.length > MAX_WIDTH) return { kind: 'any' };
        const o = v as Record<string, unknown>;
        return { kind: 'obj', keys, fields: keys.map((k) => inferShape(o[k], depth + 1)) };
      }
      return { kind: 'any' };
    default:
      return { kind: 'any' };
  }
}

/** Builds a fast predicate for "v has exactly this shape" (no allocation on the hot path). */
export function buildChecker(shape: Shape): (v: any) => boolean {
  switch (shape.kind) {
    case 'num':
      return (v) => typeof v === 'number';
    case 'str':
      return (v) => typeof v === 'string';
    case 'bool':
      return (v) => typeof v === 'boolean';
    case 'null':
      return (v) => v === null;
    case 'undef':
      return (v) => v === undefined;
    case 'any':
      return () => true;
    case 'tuple': {
      const n = shape.items.length;
      const checks = shape.items.map(buildChecker);
      return (v) => {
        if (!Array.isArray(v) || v.length !== n) return false;
        for (let i = 0; i < n; i++) if (!checks[i](v[i])) return false;
        return true;
      };
    }
    case 'obj': {
      const { keys } = shape;
      const n = keys.length;
      const checks = shape.fields.map(buildChecker);
      return (v) => {
        if (typeof v !== 'object' || v === null || Array.isArray(v) || !isPlainObject(v)) return false;
        const actual = Object.keys(v);
        if (actual.length !== n) return false;
        // Same keys in the same order, so decoding rebuilds objects that print identically.
        for (let i = 0; i < n; i++) if (actual[i] !== keys[i] || !checks[i](v[keys[i]])) return false;
        return true;
      };
    }
  }
}

/** Widens `shape` in place so that `v` fits it: mismatching sub-shapes become `any`. */
export function widen(shape: Shape, v: any): Shape {
  if (buildChecker(shape)(v)) return shape;
  if (shape.kind === 'tuple' && Array.isArray(v) && v.length === shape.items.length) {
    shape.items = shape.items.map((s, i) => widen(s, v[i]));
    return shape;
  }
  if (shape.kind === 'obj' && typeof v === 'object' && v !== null && !Array.isArray(v) && isPlainObject(v)) {
    const actual = Object.keys(v);
    if (actual.length === shape.keys.length && actual.every((k, i) => k === shape.keys[i])) {
      shape.fields = shape.fields.map((s, i) => widen(s, v[shape.keys[i]]));
      return shape;
    }
  }
  return { kind: 'any' };
}

/** Infers one shape that every record of the batch fits. */
export function inferBatchShape(values: readonly unknown[], count: number): Shape {
  if (count === 0) return { kind: 'any' };
  let shape = inferShape(values[0]);
  let fits = buildChecker(shape);
  for (let i = 1; i < count; i++) {
    if (fits(values[i])) continue;
    shape = widen(shape, values[i]);
    fits = buildChecker(shape);
  }
  return shape;
}

/** A compact, JSON-serialisable form of a shape: 'n','s','b','z','u','a', ['t',…items], ['o',keys,…fields]. */
export type ShapeCode = string | [string, ...unknown[]];

export function shapeToCode(shape: Shape): ShapeCode {
  switch (shape.kind) {
    case 'tuple':
      return ['t', ...shape.items.map(shapeToCode)];
    case 'obj':
      return ['o', shape.keys, ...shape.fields.map(shapeToCode)];
    default:
      return LEAF_CODE[shape.kind];
  }
}

const LEAF_CODE = { num: 'n', str: 's', bool: 'b', null: 'z', undef: 'u', any: 'a' } as const;
const LEAF_KIND: Record<string, Shape> = {
  n: { kind: 'num' },
  s: { kind: 'str' },
  b: { kind: 'bool' },
  z: { kind: 'null' },
  u: { kind: 'undef' },
  a: { kind: 'any' },
};

export function codeToShape(code: ShapeCode): Shape {
  if (typeof code === 'string') {
    const leaf = LEAF_KIND[code];
    if (!leaf) throw new Error(`Corrupt batch: unknown shape code '${code}'`);
    return leaf;
  }
  const [tag, ...rest] = code;
  if (tag === 't') return { kind: 'tuple', items: (rest as ShapeCode[]).map(codeToShape) };
  const [keys, ...fields] = rest as [string[], ...ShapeCode[]];
  return { kind: 'obj', keys, fields: fields.map(codeToShape) };
}
