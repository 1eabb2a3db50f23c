import type { Shape } from './shape.ts';

/** 'RVB1': guards against decoding something that is not a batch. */
export const MAGIC = 0x31425652;
/** Header: 16 int32 words (a multiple of 8 bytes, so the Float64 section after it is aligned). */
export const HEADER_WORDS = 16;
export const HEADER_BYTES = HEADER_WORDS * 4;

/** Header word positions. */
export const H = {
  magic: 0,
  count: 1,
  f64Cols: 2, // timestamps + number columns
  i32Cols: 3, // string code columns
  u8Cols: 4, // boolean columns
  strCount: 5, // distinct strings, the shape code included as the last one
  strOffsets: 6, // byte offset of the string offsets (strCount + 1 int32)
  units: 7, // byte offset of the UTF-16 code units
  unitCount: 8,
  rows: 9, // byte offset of the row-encoded bytes
  rowBytes: 10,
  total: 11,
  keyGroups: 12, // 1: an Int32 key-group column follows the string code columns
} as const;

/** Numbers of columns per storage kind, in depth-first leaf order. */
export interface ColumnCounts {
  f64: number;
  i32: number;
  u8: number;
}

export function countColumns(shape: Shape, into: ColumnCounts = { f64: 0, i32: 0, u8: 0 }): ColumnCounts {
  switch (shape.kind) {
    case 'num':
      into.f64++;
      break;
    case 'str':
      into.i32++;
      break;
    case 'bool':
      into.u8++;
      break;
    case 'tuple':
      for (const s of shape.items) countColumns(s, into);
      break;
    case 'obj':
      for (const s of shape.fields) countColumns(s, into);
      break;
  }
  return into;
}

export const align = (n: number, to: number): number => Math.ceil(n / to) * to;

/** Byte offsets of the fixed-size sections for `count` records (`keyGroups`: with a key-group column). */
export function fixedLayout(count: number, cols: ColumnCounts, keyGroups = false) {
  const f64 = HEADER_BYTES;
  const i32 = f64 + (cols.f64 + 1) * count * 8;
  const kg = i32 + cols.i32 * count * 4;
  const u8 = kg + (keyGroups ? count * 4 : 0);
  const end = u8 + cols.u8 * count;
  return { f64, i32, kg, u8, end };
}
