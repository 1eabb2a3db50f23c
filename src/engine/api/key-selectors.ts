import type { KeySelector } from './functions/functions.ts';

/** What keyBy accepts: a KeySelector, a field name (dots for nesting) or a tuple position. */
export type KeySpec<T, K> = KeySelector<T, K> | string | number;

/**
 * Turns a keyBy argument into a plain key function, validating it at graph-building time.
 *
 * @example toKeySelector<[string, number], string>(0)(['a', 1]) // 'a'
 */
export function toKeySelector<T, K>(key: KeySpec<T, K>, where = 'keyBy'): (value: T) => K {
  if (typeof key === 'function') return key;
  if (typeof key === 'number') {
    if (!Number.isInteger(key) || key < 0)
      throw new RangeError(`${where}(${key}): a tuple position must be an integer >= 0`);
    return (v: any) => {
      if (!Array.isArray(v)) {
        throw new TypeError(
          `${where}(${key}): the record is not a tuple (array); key by a field name or a function instead`,
        );
      }
      return v[key];
    };
  }
  if (typeof key === 'string') {
    if (!key) throw new TypeError(`${where}(''): the field name is empty`);
    const path = key.split('.');
    return (v: any) => {
      let x = v;
      for (const p of path) {
        if (x === null || typeof x !== 'object' || !(p in x)) {
          throw new TypeError(
            `${where}('${key}'): the record has no field "${key}"; key by a function instead`,
          );
        }
        x = x[p];
      }
      return x;
    };
  }
  if (key !== null && typeof key === 'object' && typeof key.getKey === 'function')
    return (v) => key.getKey(v);
  throw new TypeError(
    `${where}: expected a key selector function (e.g. keyBy((e) => e.user)), a field name or a tuple position, got ${key === null ? 'null' : typeof key}`,
  );
}

/** Checks a parallelism argument: an integer >= 1. */
export function checkParallelism(n: number, where: string): void {
  if (!(Number.isInteger(n) && n >= 1)) {
    throw new RangeError(`${where}: the parallelism must be an integer >= 1, got ${n}`);
  }
}
