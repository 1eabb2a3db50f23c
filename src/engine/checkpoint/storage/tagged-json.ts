/**
 * A JSON encoding that keeps what structured clone keeps and JSON drops: Map, Set, Date, RegExp,
 * ArrayBuffer and typed arrays (bytes as base64, little-endian as in every browser), bigint,
 * undefined, NaN, ±Infinity and -0. Such values become `{ "$t": tag, "v": ... }`; a plain object
 * that itself has a `$t` key is escaped as `{ "$t": "object", "v": [[key, value], ...] }`, so any
 * document round-trips. Cycles are refused (JSON cannot express them); a value shared by two
 * parents is written twice.
 */
import { TYPED_ARRAYS, type TypedArrayClass } from '../../net/codec/typed-arrays.ts';

/** The typed array classes by name (the tag a savepoint file writes). */
const TYPED: Record<string, TypedArrayClass> = Object.fromEntries(TYPED_ARRAYS.map((C) => [C.name, C]));

/** A JSON value (what `encodeTagged` returns and `decodeTagged` takes). */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const tag = (t: string, v?: Json): Json => (v === undefined ? { $t: t } : { $t: t, v });

/**
 * Encodes a structured-clone-able value as tagged JSON; `path` names where a bad value sits.
 *
 * @example
 * JSON.stringify(encodeTagged(new Map([[1n, -0]]))); // '{"$t":"Map","v":[[{"$t":"bigint","v":"1"},{"$t":"number","v":"-0"}]]}'
 */
export function encodeTagged(value: unknown, path = 'value', active = new Set<object>()): Json {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0)
        ? value
        : tag('number', String(Object.is(value, -0) ? '-0' : value));
    case 'bigint':
      return tag('bigint', value.toString());
    case 'undefined':
      return tag('undefined');
    case 'object':
      break;
    default:
      throw new TypeError(
        `Savepoint export: ${path} is a ${typeof value}, which cannot be saved; keep only data in state`,
      );
  }
  if (value === null) return null;
  if (active.has(value)) {
    throw new TypeError(`Savepoint export: ${path} refers back to itself (a cycle); JSON cannot hold it`);
  }
  active.add(value);
  try {
    return encodeObject(value, path, active);
  } finally {
    active.delete(value);
  }
}

function encodeObject(value: object, path: string, active: Set<object>): Json {
  const enc = (v: unknown, p: string) => encodeTagged(v, p, active);
  if (Array.isArray(value)) return Array.from(value, (v, i) => enc(v, `${path}[${i}]`));
  if (value instanceof Map)
    return tag(
      'Map',
      [...value].map(([k, v], i) => [enc(k, `${path}<key ${i}>`), enc(v, `${path}<value ${i}>`)]),
    );
  if (value instanceof Set)
    return tag(
      'Set',
      [...value].map((v, i) => enc(v, `${path}<item ${i}>`)),
    );
  if (value instanceof Date) return tag('Date', encodeTagged(value.getTime()));
  if (value instanceof RegExp) return tag('RegExp', [value.source, value.flags]);
  if (value instanceof ArrayBuffer) return tag('ArrayBuffer', toBase64(new Uint8Array(value)));
  if (ArrayBuffer.isView(value)) {
    const name = value.constructor.name;
    if (!(name in TYPED))
      throw new TypeError(`Savepoint export: ${path} is a ${name}; use a typed array or ArrayBuffer`);
    return tag(name, toBase64(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)));
  }
  const entries = Object.keys(value).map(
    (k) => [k, enc((value as Record<string, unknown>)[k], `${path}.${k}`)] as const,
  );
  if (Object.hasOwn(value, '$t'))
    return tag(
      'object',
      entries.map(([k, v]) => [k, v]),
    );
  return Object.fromEntries(entries) as Json;
}

/**
 * Decodes tagged JSON back to the value; throws naming the path of anything malformed.
 *
 * @example
 * decodeTagged({ $t: 'Set', v: [1, 2] }); // Set {1, 2}
 */
export function decodeTagged(json: unknown, path = 'value'): unknown {
  if (json === null || typeof json === 'string' || typeof json === 'boolean') return json;
  if (typeof json === 'number') return json;
  if (Array.isArray(json)) return json.map((v, i) => decodeTagged(v, `${path}[${i}]`));
  if (typeof json !== 'object') throw bad(path, `a ${typeof json}`);
  const o = json as Record<string, unknown>;
  if (!Object.hasOwn(o, '$t')) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(o)) out[k] = decodeTagged(o[k], `${path}.${k}`);
    return out;
  }
  return decodeTag(String(o.$t), o.v, path);
}

function decodeTag(t: string, v: unknown, path: string): unknown {
  const pairs = (what: string) => {
    if (!Array.isArray(v) || !v.every((p) => Array.isArray(p) && p.length === 2))
      throw bad(path, `a ${what} without [key, value] pairs`);
    return v as [unknown, unknown][];
  };
  switch (t) {
    case 'undefined':
      return undefined;
    case 'number': {
      const n =
        v === '-0'
          ? -0
          : v === 'NaN'
            ? NaN
            : v === 'Infinity'
              ? Infinity
              : v === '-Infinity'
                ? -Infinity
                : null;
      if (n === null) throw bad(path, `the number '${String(v)}'`);
      return n;
    }
    case 'bigint':
      if (typeof v !== 'string' || !/^-?\d+$/.test(v)) throw bad(path, `the bigint '${String(v)}'`);
      return BigInt(v);
    case 'Map':
      return new Map(
        pairs('Map').map(([k, x], i) => [
          decodeTagged(k, `${path}<key ${i}>`),
          decodeTagged(x, `${path}<value ${i}>`),
        ]),
      );
    case 'Set':
      if (!Array.isArray(v)) throw bad(path, 'a Set without items');
      return new Set(v.map((x, i) => decodeTagged(x, `${path}<item ${i}>`)));
    case 'Date':
      return new Date(decodeTagged(v, path) as number);
    case 'RegExp':
      if (!Array.isArray(v) || typeof v[0] !== 'string' || typeof v[1] !== 'string')
        throw bad(path, 'a RegExp');
      return new RegExp(v[0], v[1]);
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, x] of pairs('escaped object')) out[String(k)] = decodeTagged(x, `${path}.${String(k)}`);
      return out;
    }
    case 'ArrayBuffer':
      return fromBase64(v, path).buffer;
    default: {
      if (!(t in TYPED)) throw bad(path, `the unknown tag '${t}'`);
      const Ctor = TYPED[t];
      const bytes = fromBase64(v, path);
      if (bytes.byteLength % Ctor.BYTES_PER_ELEMENT !== 0)
        throw bad(path, `a ${t} of ${bytes.byteLength} bytes`);
      return new Ctor(bytes.buffer, 0, bytes.byteLength / Ctor.BYTES_PER_ELEMENT);
    }
  }
}

const bad = (path: string, what: string) => new TypeError(`${path} holds ${what}`);

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(v: unknown, path: string): Uint8Array<ArrayBuffer> {
  if (typeof v !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(v))
    throw bad(path, 'bytes that are not base64');
  let s: string;
  try {
    s = atob(v);
  } catch {
    throw bad(path, 'bytes that are not base64');
  }
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}
