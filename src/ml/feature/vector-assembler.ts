/**
 * VectorAssembler: concatenates numeric and vector columns into one number[] column.
 */
import { Model } from '../pipeline/model.ts';
import { outputRow, toNumber, type Row } from '../pipeline/data.ts';
import {
  requireParam,
  type HasOutputCol,
  type HasReservedCols,
  type HasSelectedCols,
} from '../pipeline/params.ts';

/** VectorAssembler options; outputCol defaults to 'vec'. */
export interface VectorAssemblerParams extends HasSelectedCols, HasOutputCol, HasReservedCols {}

/**
 * A transformer (no fit): numbers are appended as is, number arrays are flattened in.
 *
 * @example new VectorAssembler({ selectedCols: ['a', 'v'] }).predictRow({ a: 1, v: [2, 3] }).vec // [1, 2, 3]
 */
export class VectorAssembler extends Model<VectorAssemblerParams> {
  readonly kind = 'VectorAssembler';

  constructor(params: VectorAssemblerParams) {
    super(params);
    requireParam(params, 'selectedCols', 'VectorAssembler');
  }

  predictRow(row: Row): Row {
    const vec: number[] = [];
    for (const c of this.params.selectedCols) {
      const v = row[c];
      if (Array.isArray(v) || ArrayBuffer.isView(v)) {
        const a = v as ArrayLike<unknown>;
        for (let i = 0; i < a.length; i++) vec.push(toNumber(a[i], `${c}[${i}]`, -1, 'VectorAssembler'));
      } else {
        if (!(c in row))
          throw new Error(`VectorAssembler: column '${c}' not found in the row; check selectedCols.`);
        vec.push(toNumber(v, c, -1, 'VectorAssembler'));
      }
    }
    return outputRow(row, { [this.params.outputCol ?? 'vec']: vec }, this.params.reservedCols);
  }

  protected modelData(): unknown {
    return null;
  }
}

Model.register('VectorAssembler', (j) => new VectorAssembler(j.params as VectorAssemblerParams));
