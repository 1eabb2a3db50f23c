import { setOwn } from '../net/codec/row-codec.ts';

/**
 * A deep copy of a record, for state that user functions may mutate in place: Flink hands them a
 * deserialized copy and serializes every emitted record, so what was emitted never changes later.
 * Arrays, plain objects and class instances (their prototype kept), Date, Map, Set and typed arrays
 * are copied; primitives and functions are returned as they are.
 *
 * @example const a = { n: 1 }; const b = copyRecord(a); b.n++; a.n === 1
 */
export function copyRecord<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(copyRecord) as T;
  const proto = Object.getPrototypeOf(value);
  if (proto === Object.prototype) {
    const copy: Record<string, unknown> = {};
    // setOwn: an own '__proto__' key (JSON.parse makes them) stays a key, not the copy's prototype.
    for (const k of Object.keys(value)) setOwn(copy, k, copyRecord((value as Record<string, unknown>)[k]));
    return copy as T;
  }
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [k, copyRecord(v)])) as T;
  if (value instanceof Set) return new Set([...value].map(copyRecord)) as T;
  if (ArrayBuffer.isView(value)) return structuredClone(value);
  const copy = Object.create(proto) as Record<string, unknown>;
  for (const k of Object.keys(value)) setOwn(copy, k, copyRecord((value as Record<string, unknown>)[k]));
  return copy as T;
}
