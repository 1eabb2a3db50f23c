/**
 * Per-column helpers shared by the fitted feature transformers.
 */
import { getColumn, requireRows, toNumber, type MlData } from '../pipeline/data.ts';

/** True for the values an Imputer fills: null, undefined and NaN. @example isMissing(NaN) // true */
export function isMissing(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));
}

/**
 * The finite numbers of a column, failing on missing/non-numeric values with the row and column.
 *
 * @example numericColumn(rows, 'x', 'StandardScaler.fit') // Float64Array [1, 2, 3]
 */
export function numericColumn(data: MlData, col: string, where: string): Float64Array {
  requireRows(data, where);
  const vals = getColumn(data, col, where);
  const out = new Float64Array(vals.length);
  for (let i = 0; i < vals.length; i++) out[i] = toNumber(vals[i], col, i, where);
  return out;
}

/** The numeric value of a cell at prediction time (row index unknown in a stream: reported as -1). */
export function cellNumber(v: unknown, col: string, where: string): number {
  return toNumber(v, col, -1, where);
}
