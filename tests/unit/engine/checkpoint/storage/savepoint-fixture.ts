import type { Savepoint } from '../../../../../src/engine/checkpoint/storage/checkpoint-storage.ts';

/** A savepoint whose state holds every value JSON alone would lose. */
export function oddSavepoint(name = 'odd'): Savepoint {
  return {
    format: 'rivulet-savepoint',
    version: 1,
    name,
    jobName: 'keyed count',
    createdTimestamp: 1_700_000_000_000,
    operators: {
      count: {
        parallelism: 2,
        maxParallelism: 8,
        parts: {
          'kg:3': {
            counts: new Map<unknown, unknown>([
              ['a', 1],
              [7n, -0],
              [NaN, Infinity],
            ]),
            seen: new Set(['x', -Infinity]),
            when: new Date(86_400_000),
            never: new Date(NaN),
            vec: new Float64Array([1.5, NaN, -0]),
            ids: new BigInt64Array([-(2n ** 63n), 42n]),
            raw: new Uint8Array([0, 255, 128]).buffer,
            pattern: /a+b/giu,
            nothing: undefined,
            holes: [1, undefined, null],
            tricky: { $t: 'Map', v: 'not a map' },
            big: 12345678901234567890n,
          },
        },
      },
      source: { parallelism: 2, maxParallelism: 8, parts: { 'op:0': { offsets: [[0, 10]] }, 'op:1': {} } },
    },
  };
}
