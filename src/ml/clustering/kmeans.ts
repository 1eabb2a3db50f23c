import { Estimator } from '../pipeline/estimator.ts';
import { Model } from '../pipeline/model.ts';
import { appenderFor, type RowAppender } from '../pipeline/row-appender.ts';
import { readRowFeatures } from '../pipeline/row-features.ts';
import { toFeatureMatrix, type MlData, type Row } from '../pipeline/data.ts';
import type { HasFeatureCols, HasPredictionCol, HasReservedCols } from '../pipeline/params.ts';
import { assertFinite } from '../tf/tensors.ts';
import { kMeansPlusPlus, lloyd } from './kmeans-core.ts';
import { TrainingRun, type FitOptions } from '../pipeline/fit-options.ts';
import { ensureBackend } from '../tf/choose-backend.ts';

/** Parameters of {@link KMeans} (Alink's names). */
export interface KMeansParams extends HasFeatureCols, HasPredictionCol, HasReservedCols {
  k: number;
  maxIter?: number;
  epsilon?: number;
  /** Seed of the k-means++ initialisation. Default 0. */
  randomSeed?: number;
  /** Column for the distance to the assigned center (optional). */
  predictionDistanceCol?: string;
}

/** The centers of a fitted k-means model (row-major k × featureCols). */
export interface KMeansModelData {
  featureCols: string[];
  centers: number[][];
  /** Weight of each center (points seen; decayed by StreamingKMeans). */
  weights: number[];
}

/**
 * K-means with k-means++ initialisation (seeded) and Lloyd iterations as tfjs ops.
 *
 * @example
 * ```ts
 * const model = await new KMeans({ featureCols: ['x', 'y'], k: 3, randomSeed: 7 }).fit(rows);
 * model.predictRow({ x: 1, y: 2 }).prediction; // 0..2
 * ```
 */
export class KMeans extends Estimator<KMeansParams, KMeansModel> {
  async fit(data: MlData, options: FitOptions = {}): Promise<KMeansModel> {
    const p = this.params;
    const who = 'KMeans.fit';
    await ensureBackend();
    const x = toFeatureMatrix(data, p.featureCols, who);
    assertFinite(x, p.featureCols, who);
    if (!Number.isInteger(p.k) || p.k < 1)
      throw new Error(`${who}: k must be a positive integer, got ${p.k}`);
    if (p.k > x.rows)
      throw new Error(`${who}: k = ${p.k} is larger than the number of rows (${x.rows}); lower k`);
    const init = kMeansPlusPlus(x, p.k, p.randomSeed ?? 0);
    const maxIter = p.maxIter ?? 50;
    const run = new TrainingRun(who, x.rows, maxIter, options);
    const r = await lloyd(x, init, p.k, { maxIter, epsilon: p.epsilon ?? 1e-4, run });
    const weights = new Array<number>(p.k).fill(0);
    for (const a of r.assignments) weights[a]++;
    const centers = Array.from({ length: p.k }, (_, c) =>
      Array.from(r.centers.subarray(c * x.cols, (c + 1) * x.cols)),
    );
    return new KMeansModel(p, { featureCols: [...p.featureCols], centers, weights });
  }
}

/**
 * A fitted k-means model: prediction = index of the nearest center (plain float64 per row).
 *
 * @example
 * ```ts
 * model.nearest([1, 2]); // { cluster: 0, distance: 0.3 }
 * ```
 */
export class KMeansModel extends Model<KMeansParams> {
  readonly kind = 'KMeansModel';
  private out: RowAppender | undefined;
  constructor(
    params: KMeansParams,
    readonly data: KMeansModelData,
  ) {
    super(params);
  }
  /** The nearest center of a feature vector. @example model.nearest([0, 1]).cluster */
  nearest(x: ArrayLike<number>): { cluster: number; distance: number } {
    let best = 0;
    let bestD = Infinity;
    this.data.centers.forEach((c, i) => {
      let s = 0;
      for (let j = 0; j < c.length; j++) s += (x[j] - c[j]) ** 2;
      if (s < bestD) {
        bestD = s;
        best = i;
      }
    });
    return { cluster: best, distance: Math.sqrt(bestD) };
  }
  predictRow(row: Row): Row {
    const x = readRowFeatures(row, this.data.featureCols, this.data.centers[0].length, 'KMeansModel');
    const { cluster, distance } = this.nearest(x);
    const second = this.params.predictionDistanceCol ? distance : undefined;
    this.out ??= appenderFor(this.params, this.params.predictionDistanceCol);
    return this.out.append(row, cluster, second);
  }
  protected modelData(): KMeansModelData {
    return this.data;
  }
}

Model.register('KMeansModel', (j) => new KMeansModel(j.params as KMeansParams, j.data as KMeansModelData));
