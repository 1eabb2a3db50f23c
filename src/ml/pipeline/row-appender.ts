/**
 * Fast output rows for streaming prediction: input columns plus a few output columns, built by a
 * generated function whose object literal has a fixed key order, so V8 creates every output object
 * with one hidden class in one allocation (a `{ ...row }` spread of a wide row is ~20x slower).
 */
import type { Row } from './data.ts';

type Build = (row: Row, a: unknown, b: unknown) => Row | null;

/** After this many input shapes the appender stops generating code and copies generically. */
const MAX_SHAPES = 16;

const lit = (s: string): string => JSON.stringify(s);

/**
 * Appends up to two output columns to rows, keeping `reservedCols` (all input columns when omitted).
 * The copy code is generated for the first row's columns and regenerated when the columns change; where
 * code generation is blocked (a CSP without 'unsafe-eval') it copies generically, with the same result.
 *
 * @example
 * const out = new RowAppender(['prediction', 'detail']);
 * out.append({ id: 1, x: 2 }, 0.7, { yes: 0.7 }); // { id: 1, x: 2, prediction: 0.7, detail: { yes: 0.7 } }
 */
export class RowAppender {
  private build: Build | null = null;
  private shapes = 0;
  private readonly outputs: readonly string[];

  constructor(
    outputCols: readonly string[],
    private readonly reservedCols?: readonly string[],
  ) {
    if (outputCols.length < 1 || outputCols.length > 2)
      throw new Error(`RowAppender: give one or two output columns, got ${outputCols.length}`);
    this.outputs = [...outputCols];
    if (reservedCols)
      this.build = this.compile(
        reservedCols.filter((c) => !this.outputs.includes(c)),
        false,
      );
  }

  /** The output row of `row` with output values `a` (and `b`). @example appender.append(row, score) */
  append(row: Row, a: unknown, b?: unknown): Row {
    const out = this.build?.(row, a, b);
    if (out) return out;
    if (!this.reservedCols && this.shapes < MAX_SHAPES) {
      this.shapes++;
      this.build = this.compile(
        Object.keys(row).filter((c) => !this.outputs.includes(c)),
        true,
      );
      const again = this.build?.(row, a, b);
      if (again) return again;
    }
    return this.generic(row, a, b);
  }

  private generic(row: Row, a: unknown, b: unknown): Row {
    const o: Row = {};
    if (this.reservedCols) for (const c of this.reservedCols) o[c] = row[c];
    else Object.assign(o, row);
    o[this.outputs[0]] = a;
    if (this.outputs.length > 1) o[this.outputs[1]] = b;
    return o;
  }

  /**
   * A copier for exactly `keys`. With `checkShape`, it returns null unless the row has exactly these columns
   * (same count, none missing), so a row of another shape is never copied wrongly.
   */
  private compile(keys: readonly string[], checkShape: boolean): Build | null {
    if (keys.includes('__proto__')) return null; // a literal key would set the prototype instead
    const loads = keys.map((k, i) =>
      checkShape
        ? `const v${i} = r[${lit(k)}]; if (v${i} === undefined && !(${lit(k)} in r)) return null;`
        : `const v${i} = r[${lit(k)}];`,
    );
    const fields = keys.map((k, i) => `${lit(k)}: v${i}`);
    fields.push(`${lit(this.outputs[0])}: a`);
    if (this.outputs.length > 1) fields.push(`${lit(this.outputs[1])}: b`);
    // the input may already hold an output column (it is replaced): count the columns other than outputs
    const count = checkShape
      ? `let n = 0; for (const k in r) if (${this.outputs.map((o) => `k !== ${lit(o)}`).join(' && ')}) n++; if (n !== ${keys.length}) return null;`
      : '';
    try {
      return new Function(
        'r',
        'a',
        'b',
        `${count}${loads.join('')}return { ${fields.join(', ')} };`,
      ) as Build;
    } catch {
      return null; // code generation blocked: the generic copy is used
    }
  }
}

/**
 * The appender of a model's outputs: `predictionCol` (default 'prediction') and an optional second column
 * (a detail or distance column), keeping `reservedCols`.
 *
 * @example this.out ??= appenderFor(this.params, this.params.predictionDetailCol);
 */
export function appenderFor(
  params: { predictionCol?: string; reservedCols?: readonly string[] },
  second?: string,
): RowAppender {
  const first = params.predictionCol ?? 'prediction';
  return new RowAppender(second ? [first, second] : [first], params.reservedCols);
}
