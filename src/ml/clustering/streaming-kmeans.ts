import type { DataStream, OneInputStreamOperator, OperatorContext, Output } from '../../engine/index.ts';
import type { Row } from '../pipeline/data.ts';
import type { ModelVersion } from '../stream/predict-with-model-stream.ts';
import { KMeansModel, type KMeansModelData } from './kmeans.ts';

/** Options of {@link streamingKMeans} (Alink's StreamingKMeansStreamOp / Spark's StreamingKMeans). */
export interface StreamingKMeansParams {
  /** The starting model (from batch KMeans); its featureCols and weights are used. */
  initialModel: KMeansModel;
  /** Records per update (mini-batch). Default 1000. */
  batchSize?: number;
  /** Forgetting: weight of the past per time unit (1 = remember all). Ignored when halfLife is set. */
  decayFactor?: number;
  /** Time units after which past data counts half. */
  halfLife?: number;
  /** 'batches' (default): decay once per batch; 'points': once per record. */
  timeUnit?: 'batches' | 'points';
}

/**
 * One decayed k-means update (Spark's rule): per center, n' = n·discount + m and the center moves to the
 * weighted mean of its old position (weight n·discount) and the batch points assigned to it (weight m).
 * When the smallest weight falls below 1e-8 × the largest, that dying cluster is split off the largest.
 *
 * @example
 * ```ts
 * const next = streamingKMeansUpdate(model.data, [[1, 2], [3, 4]], 0.5);
 * ```
 */
export function streamingKMeansUpdate(
  data: KMeansModelData,
  batch: number[][],
  discount: number,
): KMeansModelData {
  const k = data.centers.length;
  const dim = data.featureCols.length;
  const sums = Array.from({ length: k }, () => new Float64Array(dim));
  const counts = new Float64Array(k);
  for (const x of batch) {
    let best = 0;
    let bestD = Infinity;
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let j = 0; j < dim; j++) s += (x[j] - data.centers[c][j]) ** 2;
      if (s < bestD) {
        bestD = s;
        best = c;
      }
    }
    counts[best]++;
    for (let j = 0; j < dim; j++) sums[best][j] += x[j];
  }
  const weights = data.weights.map((w, c) => w * discount + counts[c]);
  const centers = data.centers.map((center, c) => {
    if (counts[c] === 0) return [...center];
    const old = data.weights[c] * discount;
    return center.map((v, j) => (v * old + sums[c][j]) / (old + counts[c]));
  });
  // Spark: a dying smallest cluster (weight < 1e-8 × the largest) takes half the largest one's weight and
  // a copy of its center, the two nudged apart by ±1e-14·max(|x|, 1) so the next batches separate them.
  let largest = 0;
  let smallest = 0;
  for (let c = 1; c < k; c++) {
    if (weights[c] > weights[largest]) largest = c;
    if (weights[c] < weights[smallest]) smallest = c;
  }
  if (weights[smallest] < 1e-8 * weights[largest]) {
    const half = (weights[largest] + weights[smallest]) / 2;
    weights[largest] = half;
    weights[smallest] = half;
    const source = centers[largest];
    const nudge = source.map((v) => 1e-14 * Math.max(Math.abs(v), 1));
    centers[largest] = source.map((v, j) => v + nudge[j]);
    centers[smallest] = source.map((v, j) => v - nudge[j]);
  }
  return { featureCols: [...data.featureCols], centers, weights };
}

class StreamingKMeansOperator implements OneInputStreamOperator<Row, ModelVersion> {
  private output!: Output<ModelVersion>;
  private data: KMeansModelData;
  private batch: number[][] = [];
  private version = 0;
  private readonly decay: number;
  constructor(private readonly p: StreamingKMeansParams) {
    this.data = p.initialModel.data;
    this.decay = p.halfLife !== undefined ? Math.exp(Math.log(0.5) / p.halfLife) : (p.decayFactor ?? 1);
    if (!(this.decay > 0 && this.decay <= 1))
      throw new Error(
        `StreamingKMeans: decayFactor must be in (0, 1] and halfLife > 0 (got decay ${this.decay})`,
      );
  }
  setup(_c: OperatorContext, output: Output<ModelVersion>): void {
    this.output = output;
  }
  open(): void {}
  processElement(row: Row, timestamp: number): void {
    this.batch.push(
      this.data.featureCols.map((c) => {
        const v = row[c];
        if (typeof v !== 'number' || !Number.isFinite(v))
          throw new Error(`StreamingKMeans: feature column "${c}" is not a finite number in a streamed row`);
        return v;
      }),
    );
    if (this.batch.length >= (this.p.batchSize ?? 1000)) this.flush(timestamp);
  }
  private flush(timestamp: number): void {
    const discount = this.p.timeUnit === 'points' ? this.decay ** this.batch.length : this.decay;
    this.data = streamingKMeansUpdate(this.data, this.batch, discount);
    this.batch = [];
    const model = new KMeansModel(this.p.initialModel.params, this.data);
    this.output.collect({ modelVersion: ++this.version, model }, timestamp);
  }
  processWatermark(watermark: number): void {
    this.output.emitWatermark(watermark);
  }
  endInput(): void {
    if (this.batch.length > 0) this.flush(Date.now());
  }
  close(): void {}
}

/**
 * Streaming k-means: updates the centers per mini-batch with decay and emits each model version
 * (feed them to predictWithModelStream). Runs as one non-parallel learner.
 *
 * @example
 * ```ts
 * const models = streamingKMeans(points, { initialModel, batchSize: 500, halfLife: 5 });
 * ```
 */
export function streamingKMeans(
  data: DataStream<Row>,
  params: StreamingKMeansParams,
): DataStream<ModelVersion> {
  if (!params.initialModel)
    throw new Error('streamingKMeans: set initialModel (fit a KMeans on a first sample)');
  return data.transform('StreamingKMeans', () => new StreamingKMeansOperator(params)).forceNonParallel();
}
