/**
 * Flink's field aggregations (SumAggregator, ComparableAggregator) as reduce functions, used by
 * WindowedStream.sum/min/max/minBy/maxBy:
 * - `sum(f)`: the first element with field f replaced by the sum;
 * - `min(f)` / `max(f)`: the first element with field f replaced by the minimum / maximum;
 * - `minBy(f)` / `maxBy(f)`: the element with the smallest / largest f (the first one on ties).
 * A field is a property name, a tuple index, or (for records that are plain numbers) omitted or 0.
 * minBy/maxBy also take an accessor function, since they only compare. Inputs are never mutated.
 */

/** Names the aggregated field: property name, tuple index, or an accessor (minBy/maxBy only). */
export type FieldExpression<T> = string | number | ((value: T) => unknown);

type Reduce<T> = (a: T, b: T) => T;

function readerOf<T>(field: FieldExpression<T> | undefined, where: string): (v: T) => unknown {
  if (typeof field === 'function') return field;
  if (field === undefined) return (v) => v;
  if (typeof field !== 'string' && !(Number.isInteger(field) && field >= 0)) {
    throw new TypeError(
      `${where}: the field must be a property name or a tuple index >= 0, got ${String(field)}`,
    );
  }
  return (v) => {
    if (typeof v !== 'object' || v === null) {
      if (field === 0) return v; // Flink: position 0 of an atomic type is the value itself
      throw new TypeError(`${where}: the record ${String(v)} has no field ${String(field)}`);
    }
    if (!(field in (v as object))) {
      throw new TypeError(`${where}: the record has no field ${JSON.stringify(field)}`);
    }
    return (v as Record<string | number, unknown>)[field];
  };
}

/** A copy of `value` with `field` set (arrays and objects, keeping the prototype), or `x` for atomic records. */
function withField<T>(value: T, field: string | number | undefined, x: unknown): T {
  if (typeof value !== 'object' || value === null) return x as T;
  if (Array.isArray(value)) {
    const copy = value.slice();
    copy[field as number] = x;
    return copy as T;
  }
  const copy = Object.assign(Object.create(Object.getPrototypeOf(value)), value);
  copy[field as string] = x;
  return copy as T;
}

function compare(a: unknown, b: unknown, where: string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === typeof b && (typeof a === 'string' || typeof a === 'bigint' || typeof a === 'boolean')) {
    return a! < b! ? -1 : a! > b! ? 1 : 0;
  }
  throw new TypeError(
    `${where}: cannot compare ${typeof a} with ${typeof b}; the field must hold numbers or strings`,
  );
}

/**
 * Sum of a numeric field. @example keyed.window(w).reduce(sumOf('amount'))
 */
export function sumOf<T>(
  field: string | number | undefined,
  where = `sum(${String(field ?? '')})`,
): Reduce<T> {
  if (typeof field === 'function') {
    throw new TypeError(
      `${where}: needs a field name or index so the result can carry the sum; use aggregate(...) instead`,
    );
  }
  const read = readerOf<T>(field, where);
  return (a, b) => {
    const x = read(a);
    const y = read(b);
    if (typeof x !== 'number' || typeof y !== 'number') {
      throw new TypeError(`${where}: the field must hold numbers, got ${typeof x} and ${typeof y}`);
    }
    return withField(a, field, x + y);
  };
}

/**
 * min/max of a field, other fields from the first element; minBy/maxBy: the extreme element itself.
 * @example keyed.window(w).reduce(extremeOf('temp', 'max', false))
 */
export function extremeOf<T>(
  field: FieldExpression<T> | undefined,
  kind: 'min' | 'max',
  by: boolean,
): Reduce<T> {
  const where = `${kind}${by ? 'By' : ''}(${typeof field === 'function' ? 'fn' : String(field ?? '')})`;
  if (!by && typeof field === 'function') {
    throw new TypeError(
      `${where}: needs a field name or index so the result can carry the ${kind}; use ${kind}By(fn)`,
    );
  }
  const read = readerOf<T>(field, where);
  const sign = kind === 'min' ? 1 : -1;
  return (a, b) => {
    const x = read(a);
    const y = read(b);
    const c = sign * compare(x, y, where);
    // c < 0: a is more extreme; ties keep the first element (Flink's minBy/maxBy default first = true).
    if (by) return c <= 0 ? a : b;
    return c <= 0 ? a : withField(a, field as string | number | undefined, y);
  };
}
