/**
 * Key groups, exactly as Flink assigns them (MathUtils.murmurHash, KeyGroupRangeAssignment), so a key
 * lands in the same key group and subtask here as in a Flink job with the same max parallelism.
 * Keys hash with Java's hashCode semantics: see {@link keyHashCode}.
 */
import { keyHashCode, stringHashCode } from './key-hash.ts';

export { keyHashCode, numberHashCode, stableKeyString, stringHashCode } from './key-hash.ts';

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
  // Int and string keys hash here: keyHashCode (every key type) is too large for TurboFan to inline
  // into the record writer, and the call cost ~5 ns per record (keyBy of int keys into 2 channels:
  // 19.0 -> 13.7 ns per record, bench/runtime-record-writer.ts).
  const code =
    typeof key === 'number' && (key | 0) === key
      ? key
      : typeof key === 'string'
        ? stringHashCode(key)
        : keyHashCode(key);
  const h = murmurHash(code);
  // h >= 0: for a power of two (Flink's default 128) the mask is the remainder, without a division
  // by a divisor unknown when compiled (keyBy into 2 channels: 21.8 -> 19.7 ns per record measured).
  const mask = maxParallelism - 1;
  return (maxParallelism & mask) === 0 ? h & mask : h % maxParallelism;
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
