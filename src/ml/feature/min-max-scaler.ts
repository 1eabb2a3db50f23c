/**
 * MinMaxScaler: rescales each column to [min, max] (default [0, 1]).
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

/** MinMaxScaler options (Alink: min 0, max 1). */
export interface MinMaxScalerParams extends HasSelectedCols, HasOutputCols, HasReservedCols {
  min?: number;
  max?: number;
}

/**
 * Learns each column's range; x ↦ (x − eMin) / (eMax − eMin) · (max − min) + min. A constant column maps to
 * (min + max) / 2, as Spark does (scikit-learn maps it to min).
 *
 * @example await new MinMaxScaler({ selectedCols: ['x'] }).fit([{ x: 2 }, { x: 6 }]) // 4 ↦ 0.5
 */
export class MinMaxScaler extends Estimator<MinMaxScalerParams, MinMaxScalerModel> {
  async fit(data: MlData): Promise<MinMaxScalerModel> {
    const { min = 0, max = 1 } = this.params;
    if (!(min < max)) throw new Error(`MinMaxScaler: min (${min}) must be below max (${max}).`);
    resolveOutputCols(this.params, 'MinMaxScaler');
    const mins: number[] = [];
    const maxs: number[] = [];
    for (const c of this.params.selectedCols) {
      const x = numericColumn(data, c, 'MinMaxScaler.fit');
      let lo = Infinity;
      let hi = -Infinity;
      for (const v of x) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      mins.push(lo);
      maxs.push(hi);
    }
    return new MinMaxScalerModel(this.params, { mins, maxs });
  }
}

/** The fitted MinMaxScaler. @example (await scaler.fit(rows)).predictRow({ x: 4 }) */
export class MinMaxScalerModel extends Model<MinMaxScalerParams> {
  readonly kind = 'MinMaxScalerModel';
  private readonly out: string[];

  constructor(
    params: MinMaxScalerParams,
    readonly stats: { mins: number[]; maxs: number[] },
  ) {
    super(params);
    this.out = resolveOutputCols(params, 'MinMaxScaler');
  }

  predictRow(row: Row): Row {
    const { min = 0, max = 1, selectedCols } = this.params;
    const vals: Row = {};
    selectedCols.forEach((c, j) => {
      const v = cellNumber(row[c], c, 'MinMaxScalerModel');
      const lo = this.stats.mins[j];
      const range = this.stats.maxs[j] - lo;
      vals[this.out[j]] = range === 0 ? (min + max) / 2 : ((v - lo) / range) * (max - min) + min;
    });
    return outputRow(row, vals, this.params.reservedCols);
  }

  protected modelData(): unknown {
    return this.stats;
  }
}

Model.register('MinMaxScalerModel', (j) => {
  return new MinMaxScalerModel(j.params as MinMaxScalerParams, j.data as MinMaxScalerModel['stats']);
});
