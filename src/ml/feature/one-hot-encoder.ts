/**
 * OneHotEncoder: each selected column becomes a 0/1 vector (number[]) column.
 */
import { Estimator } from '../pipeline/estimator.ts';
import { Model } from '../pipeline/model.ts';
import { getColumn, outputRow, requireRows, type MlData, type Row } from '../pipeline/data.ts';
import {
  requireParam,
  type HasOutputCols,
  type HasReservedCols,
  type HasSelectedCols,
} from '../pipeline/params.ts';
import { isMissing } from './column-stats.ts';

/**
 * OneHotEncoder options. dropLast (default true, as Alink) drops the last category's slot; handleInvalid
 * 'error' (default) or 'keep' (one extra slot for unseen/missing values). outputCols default to `<col>_onehot`.
 */
export interface OneHotEncoderParams extends HasSelectedCols, HasOutputCols, HasReservedCols {
  dropLast?: boolean;
  handleInvalid?: 'error' | 'keep';
}

/**
 * Learns the categories of each column (as strings, sorted ascending; numbers numerically).
 *
 * @example const m = await new OneHotEncoder({ selectedCols: ['c'], dropLast: false }).fit([{ c: 'a' }, { c: 'b' }]);
 * m.predictRow({ c: 'b' }) // { c: 'b', c_onehot: [0, 1] }
 */
export class OneHotEncoder extends Estimator<OneHotEncoderParams, OneHotEncoderModel> {
  async fit(data: MlData): Promise<OneHotEncoderModel> {
    const cols = requireParam(this.params, 'selectedCols', 'OneHotEncoder');
    requireRows(data, 'OneHotEncoder.fit');
    const categories = cols.map((c) => {
      const vals = getColumn(data, c, 'OneHotEncoder.fit').filter((v) => !isMissing(v));
      const numeric = vals.every((v) => typeof v === 'number');
      const uniq = [...new Set(vals.map(String))];
      return numeric ? uniq.sort((a, b) => Number(a) - Number(b)) : uniq.sort();
    });
    return new OneHotEncoderModel(this.params, { categories });
  }
}

/** The fitted OneHotEncoder; `stats.categories[j]` lists column j's categories in slot order. */
export class OneHotEncoderModel extends Model<OneHotEncoderParams> {
  readonly kind = 'OneHotEncoderModel';
  private readonly index: Map<string, number>[];
  private readonly out: string[];

  constructor(
    params: OneHotEncoderParams,
    readonly stats: { categories: string[][] },
  ) {
    super(params);
    this.index = stats.categories.map((cats) => new Map(cats.map((c, i) => [c, i])));
    this.out = params.outputCols ?? params.selectedCols.map((c) => `${c}_onehot`);
    if (this.out.length !== params.selectedCols.length) {
      throw new Error('OneHotEncoder: give one outputCols name per selectedCols entry.');
    }
  }

  /** The vector width of column j. @example model.width(0) */
  width(j: number): number {
    const { dropLast = true, handleInvalid = 'error' } = this.params;
    return this.stats.categories[j].length - (dropLast ? 1 : 0) + (handleInvalid === 'keep' ? 1 : 0);
  }

  predictRow(row: Row): Row {
    const { dropLast = true, handleInvalid = 'error' } = this.params;
    const vals: Row = {};
    this.params.selectedCols.forEach((c, j) => {
      const vec = new Array<number>(this.width(j)).fill(0);
      const v = row[c];
      const i = isMissing(v) ? undefined : this.index[j].get(String(v));
      const k = this.stats.categories[j].length;
      if (i === undefined) {
        if (handleInvalid === 'error') {
          throw new Error(
            `OneHotEncoderModel: column '${c}' value ${String(v)} was not seen in fit; set handleInvalid: 'keep'.`,
          );
        }
        vec[vec.length - 1] = 1;
      } else if (!(dropLast && i === k - 1)) {
        vec[i] = 1;
      }
      vals[this.out[j]] = vec;
    });
    return outputRow(row, vals, this.params.reservedCols);
  }

  protected modelData(): unknown {
    return this.stats;
  }
}

Model.register('OneHotEncoderModel', (j) => {
  return new OneHotEncoderModel(j.params as OneHotEncoderParams, j.data as OneHotEncoderModel['stats']);
});
