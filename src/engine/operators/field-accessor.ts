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
  if (v !== null && typeof v === 'object') return Object.assign(Object.create(Object.getPrototypeOf(v)), v);
  return v;
};

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
    const path = field.split('.');
    const get = (r: any): any => {
      let v = r;
      for (const p of path) {
        if (v === null || typeof v !== 'object' || !(p in v)) {
          throw new TypeError(`${where}('${field}'): the record has no field "${field}"`);
        }
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
