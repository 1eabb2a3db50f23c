import { columnNames, toRows, type MlData } from '../pipeline/data.ts';

/**
 * A training-data fingerprint: row count, column names and a 32-bit FNV-1a hash of the rows as JSON.
 *
 * @example
 * ```ts
 * dataFingerprint([{ a: 1 }]); // 'rows=1;cols=a;fnv1a=…'
 * ```
 */
export function dataFingerprint(data: MlData): string {
  const rows = toRows(data);
  let h = 0x811c9dc5;
  for (const row of rows) {
    const text = JSON.stringify(row);
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
  }
  return `rows=${rows.length};cols=${columnNames(data).join(',')};fnv1a=${h.toString(16).padStart(8, '0')}`;
}
