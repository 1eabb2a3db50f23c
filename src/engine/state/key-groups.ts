/**
 * Key groups, exactly as Flink assigns them (MathUtils.murmurHash, KeyGroupRangeAssignment), so a key
 * lands in the same key group and subtask here as in a Flink job with the same max parallelism.
 * Keys hash with Java's hashCode semantics: see {@link keyHashCode}.
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

/**
 * Flink's MathUtils.murmurHash: one MurmurHash3 round over an int, made non-negative.
 *
 * @example murmurHash(0) // reference value in tests/unit/engine/state/key-groups.test.ts
 */
export function murmurHash(code: number): number {
  code = Math.imul(code, 0xcc9e2d51);
  code = (code << 15) | (code >>> 17);
  code = Math.imul(code, 0x1b873593);
  code = (code << 13) | (code >>> 19);
  code = (Math.imul(code, 5) + 0xe6546b64) | 0;
  code ^= 4;
  code ^= code >>> 16;
  code = Math.imul(code, 0x85ebca6b);
  code ^= code >>> 13;
  code = Math.imul(code, 0xc2b2ae35);
  code ^= code >>> 16;
  return code >= 0 ? code : code !== -2147483648 ? -code : 0;
}

/**
 * The key group of a key: murmurHash(keyHashCode(key)) % maxParallelism (Flink's assignToKeyGroup).
 *
 * @example assignToKeyGroup('a', 128)
 */
export function assignToKeyGroup(key: unknown, maxParallelism: number): number {
  return murmurHash(keyHashCode(key)) % maxParallelism;
}

/** Inclusive range of key groups owned by one subtask (Flink's KeyGroupRange). */
export interface KeyGroupRange {
  start: number;
  end: number;
}

function checkParallelism(maxParallelism: number, parallelism: number): void {
  if (!(Number.isInteger(parallelism) && parallelism > 0 && parallelism <= maxParallelism)) {
    throw new RangeError(
      `Parallelism ${parallelism} must be an integer between 1 and the max parallelism ${maxParallelism}; ` +
        'raise the max parallelism (number of key groups) or lower the parallelism',
    );
  }
}

/**
 * The subtask that owns a key group: keyGroup · parallelism / maxParallelism, floored.
 *
 * @example computeOperatorIndexForKeyGroup(128, 2, 64) // 1
 */
export function computeOperatorIndexForKeyGroup(
  maxParallelism: number,
  parallelism: number,
  keyGroup: number,
): number {
  return Math.floor((keyGroup * parallelism) / maxParallelism);
}

/**
 * The key groups a subtask owns, as Flink's KeyGroupRangeAssignment.computeKeyGroupRangeForOperatorIndex.
 *
 * @example computeKeyGroupRangeForOperatorIndex(128, 3, 1) // { start: 43, end: 85 }
 */
export function computeKeyGroupRangeForOperatorIndex(
  maxParallelism: number,
  parallelism: number,
  operatorIndex: number,
): KeyGroupRange {
  checkParallelism(maxParallelism, parallelism);
  return {
    start: Math.floor((operatorIndex * maxParallelism + parallelism - 1) / parallelism),
    end: Math.floor(((operatorIndex + 1) * maxParallelism - 1) / parallelism),
  };
}

/**
 * The subtask a key is routed to (Flink's assignKeyToParallelOperator).
 *
 * @example assignKeyToParallelOperator('a', 128, 4)
 */
export function assignKeyToParallelOperator(
  key: unknown,
  maxParallelism: number,
  parallelism: number,
): number {
  return computeOperatorIndexForKeyGroup(maxParallelism, parallelism, assignToKeyGroup(key, maxParallelism));
}
