import Papa from 'papaparse';

/** A column's type, inferred from its values (or written in the header as `name:type`). */
export type CsvColumnType = 'number' | 'boolean' | 'string';

/** A column of a parsed CSV file. */
export interface CsvColumn {
  readonly name: string;
  readonly type: CsvColumnType;
}

/** A row that could not be read, with its 1-based line in the file. */
export interface CsvRowError {
  readonly line: number;
  readonly message: string;
}

/** The outcome of {@link parseCsv}: typed rows, or the bad rows (then nothing should be imported). */
export interface CsvParseResult {
  readonly columns: CsvColumn[];
  readonly rows: Record<string, string | number | boolean | null>[];
  readonly errors: CsvRowError[];
}

const TYPES: readonly CsvColumnType[] = ['number', 'boolean', 'string'];
const isNumber = (v: string) => v.trim() !== '' && Number.isFinite(Number(v));
const isBoolean = (v: string) => /^(true|false)$/i.test(v.trim());

/** The type most of a column's non-empty values have (numbers, then booleans, else strings). */
function inferType(values: string[]): CsvColumnType {
  const filled = values.filter((v) => v.trim() !== '');
  if (filled.length === 0) return 'string';
  const numbers = filled.filter(isNumber).length;
  const booleans = filled.filter(isBoolean).length;
  // Ties go to the narrower type: in `1, x` the `x` is more likely the mistake.
  if (numbers * 2 >= filled.length) return 'number';
  if (booleans * 2 >= filled.length) return 'boolean';
  return 'string';
}

/** A header cell `name` or `name:type`. */
function headerColumn(cell: string): { name: string; declared?: CsvColumnType } {
  const m = /^(.*):(number|boolean|string)$/.exec(cell.trim());
  return m ? { name: m[1].trim(), declared: m[2] as CsvColumnType } : { name: cell.trim() };
}

/**
 * Parses CSV text with a header row into typed rows. A column's type comes from `types` (by column
 * name), else from the header (`amount:number`), else it is the type most of its values have (a tie
 * picks number, then boolean); a value that does not fit its
 * column's type, a row with too few or too many fields, or a quoting error is reported with its
 * 1-based line in the file. Empty values become null. Nothing is dropped silently: callers import
 * the rows only when `errors` is empty.
 *
 * @example
 * const { rows, errors } = parseCsv('user,amount\na,5\nb,x\n');
 * // errors: [{ line: 3, message: 'column "amount" (number): "x" is not a number' }]
 */
export function parseCsv(text: string, types: Readonly<Record<string, CsvColumnType>> = {}): CsvParseResult {
  const src = text.replace(/^\uFEFF/, '');
  // Blank records are dropped below, not by papaparse: its record numbers then match lineOf.
  const parsed = Papa.parse<string[]>(src);
  const errors: CsvRowError[] = [];
  // Papaparse numbers records, not lines (a quoted field may span lines): record → its first line.
  const lineOf: number[] = [1];
  {
    let line = 1;
    let quoted = false;
    for (let i = 0; i < src.length; i++) {
      const ch = src[i];
      if (ch === '"') quoted = !quoted;
      else if (ch === '\n' || (ch === '\r' && src[i + 1] !== '\n')) {
        line++;
        if (!quoted) lineOf.push(line);
      }
    }
  }
  // Records with no content (empty or whitespace-only lines, bare delimiters) are skipped.
  const filled = parsed.data
    .map((fields, i) => ({ fields, line: lineOf[i] ?? i + 1 }))
    .filter((r) => r.fields.some((f) => f.trim() !== ''));
  const [headerRecord, ...bodyRecords] = filled;
  const header = headerRecord?.fields;
  const records = bodyRecords.map((r) => r.fields);
  if (!header)
    return {
      columns: [],
      rows: [],
      errors: [{ line: 1, message: 'the file is empty (a header row is needed)' }],
    };
  const heads = header.map(headerColumn);
  const seen = new Set<string>();
  heads.forEach((h, i) => {
    if (h.name === '')
      errors.push({ line: headerRecord.line, message: `header column ${i + 1} has no name` });
    else if (seen.has(h.name))
      errors.push({ line: headerRecord.line, message: `header column "${h.name}" appears twice` });
    seen.add(h.name);
  });
  const columns = heads.map((h, c) => ({
    name: h.name,
    type: types[h.name] ?? h.declared ?? inferType(records.map((r) => r[c] ?? '')),
  }));
  for (const e of parsed.errors)
    if (e.row !== undefined && e.code !== 'TooFewFields' && e.code !== 'TooManyFields')
      errors.push({ line: lineOf[e.row] ?? e.row + 1, message: e.message });
  const rows: CsvParseResult['rows'] = [];
  records.forEach((record, r) => {
    const line = bodyRecords[r].line;
    if (record.length !== columns.length) {
      errors.push({ line, message: `has ${record.length} fields, the header has ${columns.length}` });
      return;
    }
    const row: CsvParseResult['rows'][number] = {};
    for (const [c, col] of columns.entries()) {
      const raw = record[c];
      if (raw.trim() === '') row[col.name] = null;
      else if (col.type === 'number' && !isNumber(raw))
        errors.push({
          line,
          message: `column "${col.name}" (number): ${JSON.stringify(raw)} is not a number`,
        });
      else if (col.type === 'boolean' && !isBoolean(raw))
        errors.push({
          line,
          message: `column "${col.name}" (boolean): ${JSON.stringify(raw)} is not true or false`,
        });
      else
        row[col.name] =
          col.type === 'number' ? Number(raw) : col.type === 'boolean' ? /^true$/i.test(raw.trim()) : raw;
    }
    rows.push(row);
  });
  errors.sort((a, b) => a.line - b.line);
  return { columns, rows, errors };
}

/** Column types a header may declare. @example CSV_COLUMN_TYPES.includes('number') */
export const CSV_COLUMN_TYPES = TYPES;
