/**
 * StandardScaler: (x − mean) / std per column.
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

/** StandardScaler options; withMean and withStd default to true (Alink's defaults). */
export interface StandardScalerParams extends HasSelectedCols, HasOutputCols, HasReservedCols {
  withMean?: boolean;
  withStd?: boolean;
}

/**
 * Learns each column's mean and SAMPLE standard deviation (n − 1 denominator, as Alink and Spark do;
 * scikit-learn's StandardScaler uses the population std). A constant column keeps std 1 (it is only centred).
 *
 * @example const m = await new StandardScaler({ selectedCols: ['x'] }).fit([{ x: 1 }, { x: 3 }]); // mean 2, std √2
 */
export class StandardScaler extends Estimator<StandardScalerParams, StandardScalerModel> {
  async fit(data: MlData): Promise<StandardScalerModel> {
    const cols = this.params.selectedCols;
    resolveOutputCols(this.params, 'StandardScaler');
    const means: number[] = [];
    const stds: number[] = [];
    for (const c of cols) {
      const x = numericColumn(data, c, 'StandardScaler.fit');
      let m = 0;
      for (const v of x) m += v;
      m /= x.length;
      let ss = 0;
      for (const v of x) ss += (v - m) ** 2;
      const sd = x.length > 1 ? Math.sqrt(ss / (x.length - 1)) : 0;
      means.push(m);
      stds.push(sd > 0 ? sd : 1);
    }
    return new StandardScalerModel(this.params, { means, stds });
  }
}

/** The fitted StandardScaler. @example (await scaler.fit(rows)).transform(rows) */
export class StandardScalerModel extends Model<StandardScalerParams> {
  readonly kind = 'StandardScalerModel';
  private readonly out: string[];

  constructor(
    params: StandardScalerParams,
    readonly stats: { means: number[]; stds: number[] },
  ) {
    super(params);
    this.out = resolveOutputCols(params, 'StandardScaler');
  }

  predictRow(row: Row): Row {
    const { withMean = true, withStd = true, selectedCols } = this.params;
    const vals: Row = {};
    selectedCols.forEach((c, j) => {
      let v = cellNumber(row[c], c, 'StandardScalerModel');
      if (withMean) v -= this.stats.means[j];
      if (withStd) v /= this.stats.stds[j];
      vals[this.out[j]] = v;
    });
    return outputRow(row, vals, this.params.reservedCols);
  }

  protected modelData(): unknown {
    return this.stats;
  }
}

Model.register('StandardScalerModel', (j) => {
  return new StandardScalerModel(j.params as StandardScalerParams, j.data as StandardScalerModel['stats']);
});
