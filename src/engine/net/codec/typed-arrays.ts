/**
 * The typed array classes a record or a savepoint may carry. The index is the row codec's wire code
 * for the class, so the order only ever grows at the end.
 */
export const TYPED_ARRAYS = [
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
] as const;

/** One of {@link TYPED_ARRAYS}. */
export type TypedArrayClass = (typeof TYPED_ARRAYS)[number];
