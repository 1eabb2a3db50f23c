/**
 * PCA: projects centred features onto the top-k eigenvectors of their covariance matrix.
 */
import { Estimator } from '../pipeline/estimator.ts';
import { Model } from '../pipeline/model.ts';
import { outputRow, toFeatureMatrix, type MlData, type Row } from '../pipeline/data.ts';
import {
  requireParam,
  type HasOutputCol,
  type HasReservedCols,
  type HasSelectedCols,
} from '../pipeline/params.ts';
import { symmetricEigen } from './jacobi-eigen.ts';

/** PCA options: k components (required); outputCol (default 'pca') receives a number[] of length k. */
export interface PcaParams extends HasSelectedCols, HasOutputCol, HasReservedCols {
  k: number;
}

/**
 * Fits the sample covariance (n − 1) of the selected columns and keeps its top-k eigenvectors (Jacobi, float64;
 * each component's largest entry is positive).
 *
 * @example const m = await new PCA({ selectedCols: ['x', 'y'], k: 1 }).fit(rows); m.stats.explainedVariance
 */
export class PCA extends Estimator<PcaParams, PcaModel> {
  async fit(data: MlData): Promise<PcaModel> {
    const cols = requireParam(this.params, 'selectedCols', 'PCA');
    const { rows: n, cols: d, values } = toFeatureMatrix(data, cols, 'PCA.fit');
    const k = this.params.k;
    if (!Number.isInteger(k) || k < 1 || k > d)
      throw new Error(`PCA: k must be an integer in 1..${d}, got ${k}.`);
    if (n < 2) throw new Error('PCA.fit: needs at least 2 rows to estimate a covariance.');
    const mean = new Array<number>(d).fill(0);
    for (let r = 0; r < n; r++) for (let j = 0; j < d; j++) mean[j] += values[r * d + j] / n;
    const cov = new Float64Array(d * d);
    for (let r = 0; r < n; r++) {
      for (let i = 0; i < d; i++) {
        const xi = values[r * d + i] - mean[i];
        for (let j = i; j < d; j++) cov[i * d + j] += (xi * (values[r * d + j] - mean[j])) / (n - 1);
      }
    }
    for (let i = 0; i < d; i++) for (let j = 0; j < i; j++) cov[i * d + j] = cov[j * d + i];
    const eig = symmetricEigen(cov, d);
    return new PcaModel(this.params, {
      mean,
      components: eig.vectors.slice(0, k),
      explainedVariance: eig.values.slice(0, k),
    });
  }
}

/** The fitted PCA. @example (await pca.fit(rows)).predictRow({ x: 1, y: 2 }).pca */
export class PcaModel extends Model<PcaParams> {
  readonly kind = 'PcaModel';

  constructor(
    params: PcaParams,
    readonly stats: { mean: number[]; components: number[][]; explainedVariance: number[] },
  ) {
    super(params);
  }

  predictRow(row: Row): Row {
    const x = toFeatureMatrix([row], this.params.selectedCols, 'PcaModel').values;
    if (x.length !== this.stats.mean.length) {
      throw new Error(
        `PcaModel: the row has ${x.length} features, the model was fitted on ${this.stats.mean.length}.`,
      );
    }
    const out = this.stats.components.map((c) =>
      c.reduce((s, w, j) => s + w * (x[j] - this.stats.mean[j]), 0),
    );
    return outputRow(row, { [this.params.outputCol ?? 'pca']: out }, this.params.reservedCols);
  }

  protected modelData(): unknown {
    return this.stats;
  }
}

Model.register('PcaModel', (j) => new PcaModel(j.params as PcaParams, j.data as PcaModel['stats']));
