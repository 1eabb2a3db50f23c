/**
 * Imputer: fills missing values (null, undefined, NaN) per column.
 */
import { Estimator } from '../pipeline/estimator.ts';
import { Model } from '../pipeline/model.ts';
import { getColumn, outputRow, requireRows, toNumber, type MlData, type Row } from '../pipeline/data.ts';
import {
  resolveOutputCols,
  type HasOutputCols,
  type HasReservedCols,
  type HasSelectedCols,
} from '../pipeline/params.ts';
import { isMissing } from './column-stats.ts';

/** Imputer options: strategy 'mean' (default), 'median', 'most_frequent' or 'value' (with fillValue). */
export interface ImputerParams extends HasSelectedCols, HasOutputCols, HasReservedCols {
  strategy?: 'mean' | 'median' | 'most_frequent' | 'value';
  fillValue?: unknown;
}

function fillFor(vals: unknown[], col: string, strategy: string): unknown {
  const present: unknown[] = vals.filter((v) => !isMissing(v));
  if (present.length === 0) {
    throw new Error(`Imputer.fit: column '${col}' has no values; use strategy 'value' with a fillValue.`);
  }
  if (strategy === 'most_frequent') {
    // the most frequent value; ties go to the smallest (as scikit-learn)
    const counts = new Map<unknown, number>();
    for (const v of present) counts.set(v, (counts.get(v) ?? 0) + 1);
    let best: unknown;
    let bestN = 0;
    for (const [v, n] of counts) {
      if (n > bestN || (n === bestN && (v as number | string) < (best as number | string))) {
        best = v;
        bestN = n;
      }
    }
    return best;
  }
  const xs = vals
    .map((v, r) => (isMissing(v) ? NaN : toNumber(v, col, r, 'Imputer.fit')))
    .filter((v) => !Number.isNaN(v))
    .sort((a, b) => a - b);
  if (strategy === 'mean') return xs.reduce((s, v) => s + v, 0) / xs.length;
  const h = xs.length >> 1;
  return xs.length % 2 ? xs[h] : (xs[h - 1] + xs[h]) / 2;
}

/**
 * Learns one fill value per selected column: mean or median of the present values, their most frequent
 * value (numbers or strings), or the given fillValue.
 *
 * @example await new Imputer({ selectedCols: ['x'], strategy: 'median' }).fit([{ x: 1 }, { x: null }, { x: 5 }])
 */
export class Imputer extends Estimator<ImputerParams, ImputerModel> {
  async fit(data: MlData): Promise<ImputerModel> {
    const strategy = this.params.strategy ?? 'mean';
    if (!['mean', 'median', 'most_frequent', 'value'].includes(strategy)) {
      throw new Error(`Imputer: unknown strategy '${strategy}'; use mean, median, most_frequent or value.`);
    }
    if (strategy === 'value' && isMissing(this.params.fillValue)) {
      throw new Error("Imputer: strategy 'value' needs a fillValue ({ strategy: 'value', fillValue: 0 }).");
    }
    resolveOutputCols(this.params, 'Imputer');
    requireRows(data, 'Imputer.fit');
    const fills = this.params.selectedCols.map((c) =>
      strategy === 'value' ? this.params.fillValue : fillFor(getColumn(data, c, 'Imputer.fit'), c, strategy),
    );
    return new ImputerModel(this.params, { fills });
  }
}

/** The fitted Imputer. @example (await imputer.fit(rows)).predictRow({ x: null }) */
export class ImputerModel extends Model<ImputerParams> {
  readonly kind = 'ImputerModel';
  private readonly out: string[];

  constructor(
    params: ImputerParams,
    readonly stats: { fills: unknown[] },
  ) {
    super(params);
    this.out = resolveOutputCols(params, 'Imputer');
  }

  predictRow(row: Row): Row {
    const vals: Row = {};
    this.params.selectedCols.forEach((c, j) => {
      vals[this.out[j]] = isMissing(row[c]) ? this.stats.fills[j] : row[c];
    });
    return outputRow(row, vals, this.params.reservedCols);
  }

  protected modelData(): unknown {
    return this.stats;
  }
}

Model.register(
  'ImputerModel',
  (j) => new ImputerModel(j.params as ImputerParams, j.data as ImputerModel['stats']),
);
