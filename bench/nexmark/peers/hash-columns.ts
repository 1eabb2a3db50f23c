import { addRow, rowHash, type Checksum } from '../checksum.ts';

/** The checksum of a result given as columns (numbers, bigints or strings), row by row. */
export function checksumColumns(columns: ArrayLike<unknown>[], rows: number): Checksum {
  const c = { count: 0, sum: 0 };
  const fields: (number | string)[] = new Array(columns.length);
  for (let r = 0; r < rows; r++) {
    for (let k = 0; k < columns.length; k++) {
      const v = columns[k][r];
      fields[k] = typeof v === 'string' ? v : Number(v);
    }
    addRow(c, rowHash(fields));
  }
  return c;
}
