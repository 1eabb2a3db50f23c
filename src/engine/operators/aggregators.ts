import { fieldAccessor, type FieldExpression } from './field-accessor.ts';

/** The rolling aggregations of keyed streams (Flink's AggregationType). */
export type AggregationType = 'SUM' | 'MIN' | 'MAX' | 'MIN_BY' | 'MAX_BY';

const compare = (a: any, b: any, where: string): number => {
  if (
    typeof a !== typeof b ||
    (typeof a !== 'number' && typeof a !== 'string' && typeof a !== 'bigint' && !(a instanceof Date))
  ) {
    throw new TypeError(
      `${where}: cannot compare ${String(a)} with ${String(b)}; the field must hold numbers, strings, bigints or dates`,
    );
  }
  const x = a instanceof Date ? a.getTime() : a;
  const y = b instanceof Date ? b.getTime() : b;
  return x < y ? -1 : x > y ? 1 : 0;
};

const add = (a: any, b: any, where: string): any => {
  if (typeof a === 'number' && typeof b === 'number') return a + b;
  if (typeof a === 'bigint' && typeof b === 'bigint') return a + b;
  throw new TypeError(`${where}: cannot add ${String(a)} and ${String(b)}; sum needs a numeric field`);
};

/**
 * The reduce function of a rolling aggregation, with Flink's exact semantics (SumAggregator,
 * ComparableAggregator): sum/min/max keep the other fields of the key's first record and replace
 * only the aggregated field; minBy/maxBy return a whole record, the first (or, with first=false, the
 * last) one on ties.
 *
 * @example aggregator<[string, number]>('MIN_BY', 1, true)(['a', 3], ['b', 3]) // ['a', 3]
 */
export function aggregator<T>(
  type: AggregationType,
  field: FieldExpression<T> | ((v: T) => any),
  first = true,
): (a: T, b: T) => T {
  const where = type === 'MIN_BY' ? 'minBy' : type === 'MAX_BY' ? 'maxBy' : type.toLowerCase();
  if (typeof field === 'function') {
    if (type !== 'MIN_BY' && type !== 'MAX_BY') {
      throw new TypeError(
        `${where}(fn): a function can only read the field; pass a field name, a tuple position or { get, set }`,
      );
    }
    field = { get: field, set: () => undefined as never };
  }
  const acc = fieldAccessor(field, where);
  switch (type) {
    case 'SUM':
      return (a, b) => acc.set(a, add(acc.get(a), acc.get(b), where));
    case 'MIN':
    case 'MAX': {
      const sign = type === 'MIN' ? -1 : 1;
      // Flink: isExtremal(o1, o2) is 1 only if o1 is strictly better; otherwise o2 is written into value1.
      return (a, b) => {
        const o1 = acc.get(a);
        const o2 = acc.get(b);
        return compare(o1, o2, where) * sign > 0 ? a : acc.set(a, o2);
      };
    }
    default: {
      const sign = type === 'MIN_BY' ? -1 : 1;
      return (a, b) => {
        const c = compare(acc.get(a), acc.get(b), where) * sign;
        if (c === 0) return first ? a : b;
        return c > 0 ? a : b;
      };
    }
  }
}
