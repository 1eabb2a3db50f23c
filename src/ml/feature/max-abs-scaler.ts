/**
 * MaxAbsScaler: divides each column by its largest absolute value (to [−1, 1]).
 */
import { Estimator } from '../pipeline/estimator.ts';
import { Model } from '../pipeline/model.ts';
import { outputRow, type MlData, type Row } from '../pipeline/data.ts';
import {
  resolveOutputCols,
  type HasOutputCols,
  type HasReservedCols,
  type HasSelectedCols,
} from '../pipeline/params.ts';
import { cellNumber, numericColumn } from './column-stats.ts';

/** MaxAbsScaler options. */
export interface MaxAbsScalerParams extends HasSelectedCols, HasOutputCols, HasReservedCols {}

/**
 * Learns max |x| per column; an all-zero column is left as is.
 *
 * @example await new MaxAbsScaler({ selectedCols: ['x'] }).fit([{ x: -4 }, { x: 2 }]) // 2 ↦ 0.5
 */
export class MaxAbsScaler extends Estimator<MaxAbsScalerParams, MaxAbsScalerModel> {
  async fit(data: MlData): Promise<MaxAbsScalerModel> {
    resolveOutputCols(this.params, 'MaxAbsScaler');
    const maxAbs = this.params.selectedCols.map((c) => {
      let m = 0;
      for (const v of numericColumn(data, c, 'MaxAbsScaler.fit')) m = Math.max(m, Math.abs(v));
      return m;
    });
    return new MaxAbsScalerModel(this.params, { maxAbs });
  }
}

/** The fitted MaxAbsScaler. @example (await scaler.fit(rows)).predictRow({ x: 2 }) */
export class MaxAbsScalerModel extends Model<MaxAbsScalerParams> {
  readonly kind = 'MaxAbsScalerModel';
  private readonly out: string[];

  constructor(
    params: MaxAbsScalerParams,
    readonly stats: { maxAbs: number[] },
  ) {
    super(params);
    this.out = resolveOutputCols(params, 'MaxAbsScaler');
  }

  predictRow(row: Row): Row {
    const vals: Row = {};
    this.params.selectedCols.forEach((c, j) => {
      const m = this.stats.maxAbs[j];
      vals[this.out[j]] = cellNumber(row[c], c, 'MaxAbsScalerModel') / (m === 0 ? 1 : m);
    });
    return outputRow(row, vals, this.params.reservedCols);
  }

  protected modelData(): unknown {
    return this.stats;
  }
}

Model.register('MaxAbsScalerModel', (j) => {
  return new MaxAbsScalerModel(j.params as MaxAbsScalerParams, j.data as MaxAbsScalerModel['stats']);
});
