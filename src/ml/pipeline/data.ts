/**
 * The data an ML stage accepts: plain row objects or an arquero table, and the helpers every stage uses to read
 * feature matrices and labels out of either and to append output columns, returning the kind it was given.
 */
import { ColumnTable, from, table } from 'arquero';

/** One record: column name → value. @example const row: Row = { x: 1, label: 'a' }; */
export type Row = Record<string, unknown>;

/** The batch table type of the ML API (arquero's column table). @example const t: Table = aq.from(rows); */
export type Table = ColumnTable;

/** What `fit` and `transform` accept: an array of rows or an arquero table. @example await model.transform(rows) */
export type MlData = Row[] | Table;

/** A dense row-major float64 matrix: `values[r * cols + c]`. @example m.values[2 * m.cols + 1] */
export interface FeatureMatrix {
  rows: number;
  cols: number;
  values: Float64Array;
}

/** True when `data` is an arquero table. @example if (isTable(data)) data.numRows(); */
export function isTable(data: MlData): data is Table {
  return data instanceof ColumnTable;
}

/** The number of rows. @example numRows([{ a: 1 }]) // 1 */
export function numRows(data: MlData): number {
  return isTable(data) ? data.numRows() : data.length;
}

/** Column names: a table's columns, or the keys of the first row. @example columnNames([{ a: 1, b: 2 }]) // ['a','b'] */
export function columnNames(data: MlData): string[] {
  if (isTable(data)) return data.columnNames();
  return data.length === 0 ? [] : Object.keys(data[0]);
}

/** The data as row objects (a table is materialised; rows are returned as given). @example toRows(t)[0].x */
export function toRows(data: MlData): Row[] {
  return isTable(data) ? (data.objects() as Row[]) : data;
}

/**
 * One column's values, failing with the column's name and the available columns when it is missing.
 *
 * @example getColumn(rows, 'x', 'StandardScaler.fit') // [1, 2, 3]
 */
export function getColumn(data: MlData, col: string, where: string): unknown[] {
  if (isTable(data)) {
    if (!data.columnNames().includes(col)) throw missingColumn(data, col, where);
    return Array.from(data.array(col) as ArrayLike<unknown>);
  }
  const out = new Array<unknown>(data.length);
  for (let i = 0; i < data.length; i++) {
    const row = data[i];
    if (!(col in row)) throw missingColumn(data, col, where, i);
    out[i] = row[col];
  }
  return out;
}

function missingColumn(data: MlData, col: string, where: string, row?: number): Error {
  const have = columnNames(data).join(', ') || '(none)';
  const at = row === undefined ? '' : ` (first missing in row ${row})`;
  return new Error(
    `${where}: column '${col}' not found${at}; available columns: ${have}. Check the column name in the parameters.`,
  );
}

/** Fails with a clear message when the data has no rows. @example requireRows(data, 'KMeans.fit') */
export function requireRows(data: MlData, where: string): void {
  if (numRows(data) === 0) throw new Error(`${where}: the data is empty (0 rows); give at least one row.`);
}

function describe(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return `'${v}' (string)`;
  return `${String(v)} (${typeof v})`;
}

/** Fails unless `v` is a finite number, naming the column and row. @example toNumber(v, 'x', 3, 'fit') */
export function toNumber(v: unknown, col: string, row: number, where: string): number {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  throw new Error(
    `${where}: column '${col}' row ${row} holds ${describe(v)}, not a finite number. ` +
      `Clean the data or put an Imputer (for missing values) or a StringIndexer (for strings) before this stage.`,
  );
}

/**
 * Reads numeric feature columns into a dense row-major float64 matrix. A column whose cells are number arrays
 * (a VectorAssembler output) expands to its width. Missing, NaN or non-numeric values fail with a message that
 * names the column and the first bad row.
 *
 * @example const { rows, cols, values } = toFeatureMatrix(data, ['x', 'y'], 'LogisticRegression.fit');
 */
export function toFeatureMatrix(data: MlData, featureCols: readonly string[], where: string): FeatureMatrix {
  if (featureCols.length === 0) throw new Error(`${where}: featureCols is empty; name at least one column.`);
  requireRows(data, where);
  const n = numRows(data);
  const columns = featureCols.map((c) => getColumn(data, c, where));
  const widths = columns.map((vals) => {
    const first = vals[0];
    return Array.isArray(first) || ArrayBuffer.isView(first) ? (first as ArrayLike<number>).length : -1;
  });
  const cols = widths.reduce((s, w) => s + (w < 0 ? 1 : w), 0);
  const values = new Float64Array(n * cols);
  for (let r = 0; r < n; r++) {
    let k = r * cols;
    for (let j = 0; j < columns.length; j++) {
      const v = columns[j][r];
      const w = widths[j];
      if (w < 0) {
        values[k++] = toNumber(v, featureCols[j], r, where);
        continue;
      }
      if (!(Array.isArray(v) || ArrayBuffer.isView(v)) || (v as ArrayLike<number>).length !== w) {
        throw new Error(
          `${where}: column '${featureCols[j]}' row ${r} should hold a vector of length ${w} (as row 0 does), ` +
            `got ${describe(v)}. Make every vector the same length.`,
        );
      }
      const vec = v as ArrayLike<unknown>;
      for (let i = 0; i < w; i++) values[k++] = toNumber(vec[i], `${featureCols[j]}[${i}]`, r, where);
    }
  }
  return { rows: n, cols, values };
}

/**
 * The label column's values, failing on a missing column or missing (null/undefined/NaN) labels.
 *
 * @example const y = toLabels(data, 'label', 'LogisticRegression.fit'); // ['yes', 'no', ...]
 */
export function toLabels(data: MlData, labelCol: string, where: string): unknown[] {
  requireRows(data, where);
  const labels = getColumn(data, labelCol, where);
  for (let r = 0; r < labels.length; r++) {
    const v = labels[r];
    if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) {
      throw new Error(
        `${where}: label column '${labelCol}' row ${r} is ${describe(v)}; drop rows without a label first.`,
      );
    }
  }
  return labels;
}

/**
 * Appends (or replaces) output columns, keeping `reservedCols` of the input (all input columns when omitted),
 * and returns the same kind of data it was given.
 *
 * @example withColumns(rows, { pred: [1, 0] }, ['id']) // [{ id: 1, pred: 1 }, { id: 2, pred: 0 }]
 */
export function withColumns<D extends MlData>(
  data: D,
  newCols: Record<string, ArrayLike<unknown>>,
  reservedCols?: readonly string[],
): D {
  const n = numRows(data);
  for (const [name, vals] of Object.entries(newCols)) {
    if (vals.length !== n) {
      throw new Error(`withColumns: output column '${name}' has ${vals.length} values for ${n} rows.`);
    }
  }
  if (reservedCols) for (const c of reservedCols) getColumn(data, c, 'reservedCols');
  if (isTable(data)) {
    const kept = reservedCols ? data.select(...reservedCols) : data;
    const base = kept.reify();
    const cols: Record<string, unknown[]> = {};
    for (const name of base.columnNames()) if (!(name in newCols)) cols[name] = base.array(name) as unknown[];
    for (const [name, vals] of Object.entries(newCols)) cols[name] = Array.from(vals);
    return table(cols) as D;
  }
  const rows = data as Row[];
  const out = new Array<Row>(n);
  for (let i = 0; i < n; i++) {
    const src = rows[i];
    const o: Row = {};
    if (reservedCols) for (const c of reservedCols) o[c] = src[c];
    else Object.assign(o, src);
    for (const name in newCols) o[name] = newCols[name][i];
    out[i] = o;
  }
  return out as D;
}

/**
 * Builds the output row of `predictRow`: the reserved columns of `row` (all when omitted) plus `values`.
 *
 * @example outputRow({ id: 1, x: 2 }, { pred: 1 }, ['id']) // { id: 1, pred: 1 }
 */
export function outputRow(row: Row, values: Row, reservedCols?: readonly string[]): Row {
  const o: Row = {};
  if (reservedCols) for (const c of reservedCols) o[c] = row[c];
  else Object.assign(o, row);
  return Object.assign(o, values);
}

/** Same kind as `like` built from rows (a table from rows when `like` is a table). @example sameKind(t, rows) */
export function sameKind<D extends MlData>(like: D, rows: Row[]): D {
  return (isTable(like) ? from(rows) : rows) as D;
}
