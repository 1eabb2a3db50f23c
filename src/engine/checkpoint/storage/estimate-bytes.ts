/**
 * Size estimate of a structured-clone-able value, the one measure both checkpoint stores report
 * (IndexedDB exposes no per-record size). It walks what structured clone would copy: strings count
 * 2 bytes per UTF-16 code unit (the engines' in-memory width), numbers and Dates 8, booleans /
 * null / undefined 1, bigints 8 per 64-bit word, ArrayBuffers and typed arrays their byteLength,
 * and every object / array / Map / Set entry its keys and values plus 8 bytes of framing. A value
 * reached twice (shared or cyclic) counts once, as structured clone stores it once. It is an
 * estimate of the stored size, meant for comparing checkpoints (full vs incremental), not a quota.
 */

const FRAME = 8;

/**
 * Estimated stored size of `value` in bytes; see the module comment for the rules.
 *
 * @example
 * estimateBytes({ a: 1 }); // 8 (frame) + 2 ('a') + 8 (number) = 18
 */
export function estimateBytes(value: unknown): number {
  const seen = new Set<object>();
  let total = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    switch (typeof v) {
      case 'string':
        total += 2 * v.length;
        continue;
      case 'number':
        total += 8;
        continue;
      case 'bigint':
        total += 8 * Math.max(1, Math.ceil(bigintBits(v) / 64));
        continue;
      case 'boolean':
      case 'undefined':
        total += 1;
        continue;
      case 'object':
        break;
      default:
        throw new TypeError(
          `estimateBytes: a ${typeof v} cannot be stored in a checkpoint (structured clone rejects ` +
            'functions and symbols); keep only data in state',
        );
    }
    if (v === null) {
      total += 1;
      continue;
    }
    if (seen.has(v)) continue;
    seen.add(v);
    if (ArrayBuffer.isView(v) || v instanceof ArrayBuffer) {
      total += FRAME + v.byteLength;
    } else if (v instanceof Date) {
      total += FRAME;
    } else if (v instanceof Map) {
      total += FRAME;
      for (const [k, x] of v) stack.push(k, x);
    } else if (v instanceof Set) {
      total += FRAME;
      for (const x of v) stack.push(x);
    } else if (Array.isArray(v)) {
      total += FRAME;
      // Fast path for the columnar chunks (arrays of numbers / strings): no stack traffic.
      for (let i = 0; i < v.length; i++) {
        const x: unknown = v[i];
        if (typeof x === 'number') total += 8;
        else if (typeof x === 'string') total += 2 * x.length;
        else if (x === null || x === undefined || typeof x === 'boolean') total += 1;
        else stack.push(x);
      }
    } else {
      total += FRAME;
      for (const k of Object.keys(v)) {
        total += 2 * k.length;
        stack.push((v as Record<string, unknown>)[k]);
      }
    }
  }
  return total;
}

function bigintBits(v: bigint): number {
  return (v < 0n ? -v : v).toString(2).length;
}
