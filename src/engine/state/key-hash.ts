/**
 * Java hashCode semantics for JS keys, so keys hash as Flink would hash the matching Java values
 * (Integer, Long, Double, String, Boolean, Tuple). Used by key-groups.ts.
 */

const f64 = new Float64Array(1);
const i32 = new Int32Array(f64.buffer);
// Index of the low and high 32-bit words of a float64 on this platform.
const LO = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;
const HI = 1 - LO;
const TWO_32 = 4294967296;

/** Java's String.hashCode over UTF-16 code units. @example stringHashCode('a') // 97 */
export function stringHashCode(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

/**
 * Java's hashCode of a JS number: an int32 integer hashes as Integer (itself), another safe integer
 * as Long, anything else as Double (NaN canonical, as Double.doubleToLongBits).
 *
 * @example numberHashCode(42) // 42;  numberHashCode(1.5) // Double.hashCode(1.5) = 1073217536
 */
export function numberHashCode(n: number): number {
  if ((n | 0) === n) return n | 0;
  if (Number.isSafeInteger(n)) {
    const hi = Math.floor(n / TWO_32);
    return ((n - hi * TWO_32) | 0) ^ (hi | 0); // Long.hashCode: (int)(v ^ (v >>> 32))
  }
  if (n !== n) return 0x7ff80000; // canonical NaN bits 0x7ff8000000000000
  f64[0] = n;
  return i32[LO] ^ i32[HI];
}

function bigintHashCode(b: bigint): number {
  const v = BigInt.asIntN(64, b);
  return Number(BigInt.asIntN(32, v)) ^ Number(BigInt.asIntN(32, v >> 32n));
}

function isPlainObject(o: object): boolean {
  const proto = Object.getPrototypeOf(o);
  return proto === Object.prototype || proto === null;
}

function badKey(key: unknown, why: string): Error {
  let shown: string;
  try {
    shown = typeof key === 'function' ? 'a function' : String(key);
  } catch {
    shown = typeof key;
  }
  return new TypeError(
    `Invalid key ${shown.slice(0, 60)}: ${why}. Keys must be primitives (string, number, boolean, bigint), ` +
      'arrays of them (tuples) or plain objects; return such a value from the keyBy(...) key selector',
  );
}

/**
 * A stable string form of an array or plain object key: JSON with object fields sorted by name
 * (NaN and ±Infinity written as such), so structurally equal keys get the same form.
 *
 * @example stableKeyString({ b: 1, a: ['x', 2] }) // '{"a":["x",2],"b":1}'
 */
export function stableKeyString(key: unknown): string {
  switch (typeof key) {
    case 'string':
      return JSON.stringify(key);
    case 'number':
      return String(key);
    case 'boolean':
      return key ? 'true' : 'false';
    case 'bigint':
      return `${key}n`;
    case 'object': {
      if (key === null) return 'null';
      if (Array.isArray(key)) {
        let s = '[';
        for (let i = 0; i < key.length; i++) s += (i ? ',' : '') + stableKeyString(key[i]);
        return s + ']';
      }
      if (!isPlainObject(key))
        throw badKey(key, `a ${key.constructor?.name ?? 'class'} instance is not a plain object`);
      const names = Object.keys(key).sort();
      let s = '{';
      for (let i = 0; i < names.length; i++) {
        s +=
          (i ? ',' : '') +
          JSON.stringify(names[i]) +
          ':' +
          stableKeyString((key as Record<string, unknown>)[names[i]]);
      }
      return s + '}';
    }
    default:
      throw badKey(
        key,
        `a ${typeof key} cannot be a key${key === undefined ? ' (use null if a field is missing)' : ''}`,
      );
  }
}

/**
 * The Java hashCode Flink would use for this key: int → the int, string → String.hashCode,
 * boolean → Boolean.hashCode (1231/1237), other numbers → Long/Double.hashCode, bigint → Long.hashCode,
 * arrays → Flink's Tuple hashCode (h = hash(f0); h = 31·h + hash(fi); null fields hash to 0),
 * plain objects → String.hashCode of {@link stableKeyString}.
 *
 * @example keyHashCode('a') // 97;  keyHashCode(['a', 1]) // 31 * 97 + 1 = 3008
 */
export function keyHashCode(key: unknown): number {
  switch (typeof key) {
    case 'number':
      return numberHashCode(key);
    case 'string':
      return stringHashCode(key);
    case 'boolean':
      return key ? 1231 : 1237;
    case 'bigint':
      return bigintHashCode(key);
    case 'object':
      if (key === null) throw badKey(key, 'Flink does not allow null keys');
      if (Array.isArray(key)) {
        let h = 0;
        for (let i = 0; i < key.length; i++) {
          const e = key[i];
          h = (Math.imul(31, h) + (e === null ? 0 : keyHashCode(e))) | 0;
        }
        return h;
      }
      return stringHashCode(stableKeyString(key));
    default:
      throw badKey(
        key,
        `a ${typeof key} cannot be a key${key === undefined ? ' (use null if a field is missing)' : ''}`,
      );
  }
}
