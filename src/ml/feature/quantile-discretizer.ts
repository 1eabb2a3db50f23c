/**
 * QuantileDiscretizer: learns quantile split points and buckets numbers by them.
 */
import { Estimator } from '../pipeline/estimator.ts';
import { Model } from '../pipeline/model.ts';
import { type MlData, type Row } from '../pipeline/data.ts';
import {
  resolveOutputCols,
  type HasOutputCols,
  type HasReservedCols,
  type HasSelectedCols,
} from '../pipeline/params.ts';
import { Bucketizer } from './bucketizer.ts';
import { numericColumn } from './column-stats.ts';

/** QuantileDiscretizer options; numBuckets defaults to 2. */
export interface QuantileDiscretizerParams extends HasSelectedCols, HasOutputCols, HasReservedCols {
  numBuckets?: number;
}

/**
 * For i = 1..numBuckets−1 the cut is the sorted value at index ceil(i·n/numBuckets) − 1 (the lower i/numBuckets
 * quantile: numpy's method 'inverted_cdf'; scikit-learn's KBinsDiscretizer interpolates linearly instead);
 * duplicate cuts are merged, so constant columns give fewer buckets. Splits are
 * [−∞, cuts…, +∞] with buckets [s[i], s[i+1]) — a value equal to a cut goes to the upper bucket.
 *
 * @example await new QuantileDiscretizer({ selectedCols: ['x'], numBuckets: 2 }).fit([{ x: 1 }, { x: 2 }, { x: 3 }, { x: 4 }])
 */
export class QuantileDiscretizer extends Estimator<QuantileDiscretizerParams, QuantileDiscretizerModel> {
  async fit(data: MlData): Promise<QuantileDiscretizerModel> {
    const k = this.params.numBuckets ?? 2;
    if (!Number.isInteger(k) || k < 2)
      throw new Error(`QuantileDiscretizer: numBuckets must be an integer >= 2.`);
    resolveOutputCols(this.params, 'QuantileDiscretizer');
    const splitsArray = this.params.selectedCols.map((c) => {
      const x = numericColumn(data, c, 'QuantileDiscretizer.fit').sort(); // typed arrays sort numerically
      const cuts: number[] = [];
      for (let i = 1; i < k; i++) {
        const v = x[Math.max(0, Math.ceil((i * x.length) / k) - 1)];
        if (cuts.length === 0 || v > cuts[cuts.length - 1]) cuts.push(v);
      }
      return [-Infinity, ...cuts, Infinity];
    });
    return new QuantileDiscretizerModel(this.params, { splitsArray });
  }
}

/** The fitted QuantileDiscretizer (a Bucketizer with the learned splits). @example model.stats.splitsArray */
export class QuantileDiscretizerModel extends Model<QuantileDiscretizerParams> {
  readonly kind = 'QuantileDiscretizerModel';
  private readonly bucketizer: Bucketizer;

  constructor(
    params: QuantileDiscretizerParams,
    readonly stats: { splitsArray: number[][] },
  ) {
    super(params);
    this.bucketizer = new Bucketizer({ ...params, splitsArray: stats.splitsArray });
  }

  predictRow(row: Row): Row {
    return this.bucketizer.predictRow(row);
  }

  protected modelData(): unknown {
    // JSON has no Infinity: store the interior cuts only
    return { cuts: this.stats.splitsArray.map((s) => s.slice(1, -1)) };
  }
}

Model.register('QuantileDiscretizerModel', (j) => {
  const cuts = (j.data as { cuts: number[][] }).cuts;
  const splitsArray = cuts.map((c) => [-Infinity, ...c, Infinity]);
  return new QuantileDiscretizerModel(j.params as QuantileDiscretizerParams, { splitsArray });
});
