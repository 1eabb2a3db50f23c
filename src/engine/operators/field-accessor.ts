/**
 * Reads and writes one field of a record for keyed aggregations (sum/min/max/minBy/maxBy), as
 * Flink's FieldAccessor: a tuple index (arrays; index 0 of a primitive is the value itself), a field
 * name with optional dots for nesting ("user.age"), or an accessor object. Writes copy the record
 * (arrays, plain objects, class instances keep their prototype) so emitted records never change later.
 *
 * @example const f = fieldAccessor<[string, number]>(1, 'sum'); f.set(['a', 1], 5) // ['a', 5]
 */
export interface FieldAccessor<T, F = any> {
  get(record: T): F;
  set(record: T, value: F): T;
}

/** How aggregations name a field: tuple index, field name (dots for nesting) or an accessor. */
export type FieldExpression<T> = number | string | FieldAccessor<T>;

const shallowCopy = <X>(v: X): X => {
  if (Array.isArray(v)) return v.slice() as X;
  if (v !== null && typeof v === 'object') {
    const proto = Object.getPrototypeOf(v);
    return proto === Object.prototype ? { ...v } : Object.assign(Object.create(proto), v);
  }
  return v;
};

const IDENTIFIER_UNSAFE = /^(?:__proto__|\d+)$/;

/**
 * A setter "copy the record, replace `field`" for plain objects. Aggregations call it per record,
 * so it compiles (where eval is allowed) a clone for the record's shape — several times faster than
 * spreading — and checks the shape on every call (same key count, all keys present), recompiling
 * when records change shape. Other records take the generic copy.
 */
function plainObjectSetter(field: string): (r: any, value: any) => any {
  let compiled: ((r: any, v: any) => any) | null = null;
  let canCompile = true;
  const generic = (r: any, value: any): any => {
    const c = shallowCopy(r);
    c[field] = value;
    return c;
  };
  const compile = (r: any): ((r: any, v: any) => any) | null => {
    const keys = Object.keys(r);
    if (!keys.includes(field) || keys.some((k) => IDENTIFIER_UNSAFE.test(k))) return null;
    const q = JSON.stringify;
    const present = keys.map((k) => `(r[${q(k)}] !== undefined || ${q(k)} in r)`).join(' && ');
    const props = keys.map((k) => `${q(k)}: ${k === field ? 'v' : `r[${q(k)}]`}`).join(', ');
    try {
      return new Function(
        'r',
        'v',
        `let n = 0; for (const k in r) n++; if (n !== ${keys.length} || !(${present})) return undefined; return { ${props} };`,
      ) as (r: any, v: any) => any;
    } catch {
      canCompile = false; // eval forbidden (CSP): stay generic
      return null;
    }
  };
  return (r, value) => {
    if (Object.getPrototypeOf(r) !== Object.prototype) return generic(r, value);
    if (compiled !== null) {
      const c = compiled(r, value);
      if (c !== undefined) return c;
    }
    if (canCompile) compiled = compile(r);
    return generic(r, value);
  };
}

/** Builds the accessor for `field`, validating it at graph-building time (`where` names the call). */
export function fieldAccessor<T>(field: FieldExpression<T>, where: string): FieldAccessor<T> {
  if (typeof field === 'number') {
    if (!Number.isInteger(field) || field < 0) {
      throw new RangeError(`${where}(${field}): a tuple position must be an integer >= 0`);
    }
    return {
      get: (r: any) => {
        if (Array.isArray(r)) return r[field];
        if (field === 0 && (r === null || typeof r !== 'object')) return r;
        throw new TypeError(
          `${where}(${field}): the record is not a tuple (array); use a field name instead`,
        );
      },
      set: (r: any, value) => {
        if (!Array.isArray(r)) return value;
        const c = r.slice();
        c[field] = value;
        return c as T;
      },
    };
  }
  if (typeof field === 'string') {
    if (!field) throw new TypeError(`${where}(''): the field name is empty`);
    const noField = (): TypeError =>
      new TypeError(`${where}('${field}'): the record has no field "${field}"`);
    if (!field.includes('.')) {
      // The common case, kept monomorphic and allocation-light: one property read, one object clone.
      return {
        get: (r: any) => {
          if (r === null || typeof r !== 'object') throw noField();
          const v = r[field];
          if (v === undefined && !(field in r)) throw noField();
          return v;
        },
        set: plainObjectSetter(field),
      };
    }
    const path = field.split('.');
    const get = (r: any): any => {
      let v = r;
      for (const p of path) {
        if (v === null || typeof v !== 'object' || !(p in v)) throw noField();
        v = v[p];
      }
      return v;
    };
    const setAt = (r: any, i: number, value: any): any => {
      const c = shallowCopy(r);
      c[path[i]] = i === path.length - 1 ? value : setAt(r[path[i]], i + 1, value);
      return c;
    };
    return { get, set: (r, value) => setAt(r, 0, value) };
  }
  if (field && typeof field.get === 'function' && typeof field.set === 'function') return field;
  throw new TypeError(`${where}: expected a tuple position, a field name or an accessor { get, set }`);
}
