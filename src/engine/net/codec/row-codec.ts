import type { ByteReader, ByteWriter } from './byte-writer.ts';
import { recordTypeOf, recordTypePrototype } from './record-types.ts';
import { isPlainObject } from './shape.ts';
import type { StringTable } from './string-table.ts';
import { TYPED_ARRAYS } from './typed-arrays.ts';

/**
 * The tagged row encoding for values that do not fit a batch's columnar shape (irregular, nested,
 * Dates, BigInts, typed arrays, Maps, Sets, instances of registered classes). One tag byte, then the
 * payload; strings go to the batch's StringTable and travel as int32 codes.
 */
const enum Tag {
  Undefined = 0,
  Null = 1,
  False = 2,
  True = 3,
  F64 = 4,
  I32 = 5,
  Str = 6,
  Arr = 7,
  Obj = 8,
  Date = 9,
  BigInt = 10,
  Typed = 11,
  Map = 12,
  Set = 13,
  /** An instance of a registered class (record-types.ts): its class name, then its fields as Obj. */
  Instance = 14,
}

/** Guards against cyclic values, which would otherwise overflow the stack. */
export const MAX_NESTING = 64;

/** Thrown by the hot path; the batch encoder turns it into a message naming the channel and value. */
export class UnsupportedValue extends Error {}

/** Appends `v` to `w` in the tagged row encoding. */
export function writeRow(w: ByteWriter, strings: StringTable, v: unknown, depth = 0): void {
  switch (typeof v) {
    case 'number':
      // -0 must stay -0, so only non-negative-zero integers take the short form.
      if ((v | 0) === v && !(v === 0 && 1 / v < 0)) {
        w.u8(Tag.I32);
        w.i32(v);
      } else {
        w.u8(Tag.F64);
        w.f64(v);
      }
      return;
    case 'string':
      w.u8(Tag.Str);
      w.u32(strings.code(v));
      return;
    case 'boolean':
      w.u8(v ? Tag.True : Tag.False);
      return;
    case 'undefined':
      w.u8(Tag.Undefined);
      return;
    case 'bigint':
      w.u8(Tag.BigInt);
      w.u32(strings.code(v.toString()));
      return;
    case 'object': {
      if (v === null) return w.u8(Tag.Null);
      if (depth >= MAX_NESTING) throw new UnsupportedValue('nested too deep');
      if (Array.isArray(v)) {
        w.u8(Tag.Arr);
        w.u32(v.length);
        for (let i = 0; i < v.length; i++) writeRow(w, strings, v[i], depth + 1);
        return;
      }
      if (isPlainObject(v)) {
        w.u8(Tag.Obj);
        writeFields(w, strings, v as Record<string, unknown>, depth);
        return;
      }
      if (v instanceof Map) {
        w.u8(Tag.Map);
        w.u32(v.size);
        for (const [k, x] of v) {
          writeRow(w, strings, k, depth + 1);
          writeRow(w, strings, x, depth + 1);
        }
        return;
      }
      if (v instanceof Set) {
        w.u8(Tag.Set);
        w.u32(v.size);
        for (const x of v) writeRow(w, strings, x, depth + 1);
        return;
      }
      if (v instanceof Date) {
        w.u8(Tag.Date);
        w.f64(v.getTime());
        return;
      }
      if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
        const kind = TYPED_ARRAYS.findIndex((T) => v instanceof T);
        if (kind < 0) break;
        w.u8(Tag.Typed);
        w.u8(kind);
        w.u32(v.byteLength);
        w.raw(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
        return;
      }
      const type = recordTypeOf(v);
      if (type !== undefined) {
        w.u8(Tag.Instance);
        w.u32(strings.code(type));
        writeFields(w, strings, v as Record<string, unknown>, depth);
        return;
      }
      break;
    }
  }
  throw new UnsupportedValue('unsupported');
}

/** An object's own enumerable fields: their count, then name code and value each. */
function writeFields(w: ByteWriter, strings: StringTable, o: Record<string, unknown>, depth: number): void {
  const keys = Object.keys(o);
  w.u32(keys.length);
  for (const k of keys) {
    w.u32(strings.code(k));
    writeRow(w, strings, o[k], depth + 1);
  }
}

function readFields(
  r: ByteReader,
  strings: readonly string[],
  o: Record<string, unknown>,
): Record<string, unknown> {
  const n = r.u32();
  for (let i = 0; i < n; i++) setOwn(o, strings[r.u32()], readRow(r, strings));
  return o;
}

/** Reads one value written by writeRow. */
export function readRow(r: ByteReader, strings: readonly string[]): unknown {
  const tag = r.u8();
  switch (tag) {
    case Tag.Undefined:
      return undefined;
    case Tag.Null:
      return null;
    case Tag.False:
      return false;
    case Tag.True:
      return true;
    case Tag.F64:
      return r.f64();
    case Tag.I32:
      return r.i32();
    case Tag.Str:
      return strings[r.u32()];
    case Tag.Arr: {
      const n = r.u32();
      const a = new Array(n);
      for (let i = 0; i < n; i++) a[i] = readRow(r, strings);
      return a;
    }
    case Tag.Obj:
      return readFields(r, strings, {});
    case Tag.Map: {
      const n = r.u32();
      const m = new Map<unknown, unknown>();
      for (let i = 0; i < n; i++) {
        const k = readRow(r, strings);
        m.set(k, readRow(r, strings));
      }
      return m;
    }
    case Tag.Set: {
      const n = r.u32();
      const set = new Set<unknown>();
      for (let i = 0; i < n; i++) set.add(readRow(r, strings));
      return set;
    }
    case Tag.Instance: {
      const proto = recordTypePrototype(strings[r.u32()]);
      return readFields(r, strings, Object.create(proto) as Record<string, unknown>);
    }
    case Tag.Date:
      return new Date(r.f64());
    case Tag.BigInt:
      return BigInt(strings[r.u32()]);
    case Tag.Typed: {
      const T = TYPED_ARRAYS[r.u8()];
      const bytes = r.take(r.u32());
      return new T(bytes.buffer as ArrayBuffer, 0, bytes.byteLength / T.BYTES_PER_ELEMENT);
    }
    default:
      throw new Error(`Corrupt batch: unknown row tag ${tag} at byte ${r.pos - 1}`);
  }
}

/** Assigns an own property; plain assignment of '__proto__' would change the prototype instead. */
export function setOwn(o: Record<string, unknown>, k: string, v: unknown): void {
  if (k === '__proto__')
    Object.defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true });
  else o[k] = v;
}

/** Finds the first unsupported part of `v`, as a path and a type name, for error messages. */
export function findUnsupported(
  v: unknown,
  path = 'record',
  depth = 0,
): { path: string; type: string } | null {
  if (depth >= MAX_NESTING)
    return { path, type: `a value nested deeper than ${MAX_NESTING} levels (cyclic?)` };
  switch (typeof v) {
    case 'function':
      return { path, type: 'function' };
    case 'symbol':
      return { path, type: 'symbol' };
    case 'object': {
      if (v === null || v instanceof Date) return null;
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) {
          const bad = findUnsupported(v[i], `${path}[${i}]`, depth + 1);
          if (bad) return bad;
        }
        return null;
      }
      if (isPlainObject(v) || recordTypeOf(v) !== undefined) {
        for (const [k, x] of Object.entries(v)) {
          const bad = findUnsupported(x, `${path}.${k}`, depth + 1);
          if (bad) return bad;
        }
        return null;
      }
      if (v instanceof Map || v instanceof Set) {
        let i = 0;
        for (const e of v) {
          const bad = findUnsupported(e, `${path}<entry ${i++}>`, depth + 1);
          if (bad) return bad;
        }
        return null;
      }
      if (ArrayBuffer.isView(v) && TYPED_ARRAYS.some((T) => v instanceof T)) return null;
      return {
        path,
        type: `${v.constructor?.name ?? 'Object'} instance (not registered with env.registerType)`,
      };
    }
    default:
      return null;
  }
}
