import * as tf from '@tensorflow/tfjs';
import { Estimator } from '../pipeline/estimator.ts';
import { Model } from '../pipeline/model.ts';
import { appenderFor, type RowAppender } from '../pipeline/row-appender.ts';
import {
  sameKind,
  toFeatureMatrix,
  toLabels,
  toRows,
  type FeatureMatrix,
  type MlData,
  type Row,
} from '../pipeline/data.ts';
import type {
  HasFeatureCols,
  HasLabelCol,
  HasPredictionCol,
  HasPredictionDetailCol,
  HasReservedCols,
} from '../pipeline/params.ts';
import { assertFinite, columnStats, designTensor, type ColumnStats } from '../tf/tensors.ts';
import { nanLossError } from '../linear/optimizer.ts';
import { mulberry32 } from '../data/mulberry32.ts';
import { TrainingRun, type FitOptions } from '../pipeline/fit-options.ts';
import { ensureBackend } from '../tf/choose-backend.ts';

/** Parameters of {@link MultilayerPerceptronClassifier} (Alink's names). */
export interface MultilayerPerceptronParams
  extends HasFeatureCols, HasLabelCol, HasPredictionCol, HasPredictionDetailCol, HasReservedCols {
  /** Hidden layer sizes (Alink's `layers` also lists input and output; here only the hidden ones). */
  layers: number[];
  maxIter?: number;
  blockSize?: number;
  learningRate?: number;
  seed?: number;
  onEpoch?: (epoch: number, loss: number) => void;
}

/** Serialisable MLP weights plus standardization and labels. */
export interface MlpModelData {
  featureCols: string[];
  labels: unknown[];
  mean: number[];
  std: number[];
  /** tfjs model.json topology and weight specs, with the weights as base64. */
  modelTopology: object;
  weightSpecs: tf.io.WeightsManifestEntry[];
  weightData: string;
}

const toBase64 = (buf: ArrayBuffer): string => {
  let s = '';
  const bytes = new Uint8Array(buf);
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
  return btoa(s);
};
const fromBase64 = (s: string): ArrayBuffer => Uint8Array.from(atob(s), (c) => c.charCodeAt(0)).buffer;

/**
 * Multilayer perceptron classifier (tf.layers: dense relu layers + softmax, Adam, cross-entropy) on
 * standardized features. Training losses that turn NaN stop it with a message suggesting scaling.
 *
 * @example
 * ```ts
 * const model = await new MultilayerPerceptronClassifier({ featureCols: ['a', 'b'], labelCol: 'y', layers: [16] }).fit(rows);
 * ```
 */
export class MultilayerPerceptronClassifier extends Estimator<
  MultilayerPerceptronParams,
  MultilayerPerceptronModel
> {
  async fit(data: MlData, options: FitOptions = {}): Promise<MultilayerPerceptronModel> {
    const p = this.params;
    const who = 'MultilayerPerceptronClassifier.fit';
    await ensureBackend();
    const x = toFeatureMatrix(data, p.featureCols, who);
    assertFinite(x, p.featureCols, who);
    const raw = toLabels(data, p.labelCol, who);
    const labels = [...new Set(raw)].sort((a, b) => String(a).localeCompare(String(b)));
    if (labels.length < 2)
      throw new Error(
        `${who}: label column "${p.labelCol}" has a single class; a classifier needs two or more`,
      );
    const stats = columnStats(x);
    const net = buildNet(x.cols, p.layers, labels.length, p.seed ?? 0);
    const optimizer = tf.train.adam(p.learningRate ?? 0.01);
    net.compile({ optimizer, loss: 'categoricalCrossentropy' });
    const xs = designTensor(x, stats, false);
    const index = new Map(labels.map((l, i) => [l, i]));
    const ys = tf.tidy(() =>
      tf.oneHot(
        tf.tensor1d(
          raw.map((l) => index.get(l)!),
          'int32',
        ),
        labels.length,
      ),
    );
    try {
      const epochs = p.maxIter ?? 20;
      const run = new TrainingRun(who, x.rows, epochs, options);
      const shuffle = mulberry32(p.seed ?? 0);
      for (let epoch = 0; epoch < epochs; epoch++) {
        const loss = await trainEpoch(net, xs, ys as tf.Tensor2D, p.blockSize ?? 64, shuffle);
        if (!Number.isFinite(loss)) throw nanLossError(who, epoch + 1);
        p.onEpoch?.(epoch + 1, loss);
        run.evaluated();
        await run.step(epoch + 1, loss);
      }
      let saved: tf.io.ModelArtifacts | null = null;
      await net.save(
        tf.io.withSaveHandler(
          async (a) => (
            (saved = a),
            { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } }
          ),
        ),
      );
      const art = saved as unknown as tf.io.ModelArtifacts;
      return new MultilayerPerceptronModel(
        p,
        {
          featureCols: [...p.featureCols],
          labels,
          mean: Array.from(stats.mean),
          std: Array.from(stats.std),
          modelTopology: art.modelTopology as object,
          weightSpecs: art.weightSpecs!,
          weightData: toBase64(art.weightData as ArrayBuffer),
        },
        net,
      );
    } catch (error) {
      net.dispose(); // a cancelled or diverged fit leaves no tensors behind
      throw error;
    } finally {
      tf.dispose([xs, ys]);
      optimizer.dispose(); // its moment estimates are only needed while training
    }
  }
}

/**
 * One epoch of mini-batch training: the rows are shuffled by a seeded permutation (so the same seed gives
 * the same model; layers.fit's own shuffle uses Math.random), then fitted in order. Returns the epoch's loss.
 */
async function trainEpoch(
  net: tf.LayersModel,
  xs: tf.Tensor2D,
  ys: tf.Tensor2D,
  batchSize: number,
  rnd: () => number,
): Promise<number> {
  const n = xs.shape[0];
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const [xe, ye] = tf.tidy(() => {
    const perm = tf.tensor1d(order, 'int32');
    return [tf.gather(xs, perm), tf.gather(ys, perm)];
  });
  try {
    const h = await net.fit(xe, ye, { epochs: 1, batchSize, shuffle: false, verbose: 0 });
    return h.history.loss[0] as number;
  } finally {
    tf.dispose([xe, ye]);
  }
}

function buildNet(inputs: number, hidden: number[], classes: number, seed: number): tf.LayersModel {
  const net = tf.sequential();
  hidden.forEach((units, i) =>
    net.add(
      tf.layers.dense({
        units,
        activation: 'relu',
        kernelInitializer: tf.initializers.glorotUniform({ seed: seed + i }),
        ...(i === 0 ? { inputShape: [inputs] } : {}),
      }),
    ),
  );
  net.add(
    tf.layers.dense({
      units: classes,
      activation: 'softmax',
      kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 99 }),
      ...(hidden.length === 0 ? { inputShape: [inputs] } : {}),
    }),
  );
  return net;
}

/**
 * A fitted MLP; `predictRow` runs the network on one row, `transform` on all rows in one batch.
 *
 * @example
 * ```ts
 * (await model.transform(rows))[0].prediction;
 * ```
 */
export class MultilayerPerceptronModel extends Model<MultilayerPerceptronParams> {
  readonly kind = 'MultilayerPerceptronModel';
  private out: RowAppender | undefined;
  private readonly stats: ColumnStats;
  constructor(
    params: MultilayerPerceptronParams,
    readonly data: MlpModelData,
    private net?: tf.LayersModel,
  ) {
    super({ ...params, onEpoch: undefined });
    this.stats = { mean: Float64Array.from(data.mean), std: Float64Array.from(data.std) };
  }
  /** The tfjs network (loaded from the stored weights on first use). @example await model.network() */
  async network(): Promise<tf.LayersModel> {
    this.net ??= await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: this.data.modelTopology,
        weightSpecs: this.data.weightSpecs,
        weightData: fromBase64(this.data.weightData),
      }),
    );
    return this.net;
  }
  override dispose(): void {
    this.net?.dispose();
    this.net = undefined;
  }
  /** Class probabilities of rows (one batch). @example await model.probabilities(rows) */
  async probabilities(rows: Row[]): Promise<Float32Array> {
    const net = await this.network();
    const x = this.features(rows);
    const input = designTensor(x, this.stats, false);
    const out = net.predict(input) as tf.Tensor;
    const probs = (await out.data()) as Float32Array;
    tf.dispose([input, out]);
    return probs;
  }
  override async transform<D extends MlData>(data: D): Promise<D> {
    await ensureBackend(); // a model loaded from a file may predict before anything trained here
    const rows = toRows(data);
    const probs = await this.probabilities(rows);
    const k = this.data.labels.length;
    const out = rows.map((row, i) => this.rowOutput(row, probs.subarray(i * k, (i + 1) * k)));
    return (Array.isArray(data) ? out : sameKind(data, out)) as D;
  }
  /** The rows' features, checked against the training width. */
  private features(rows: Row[]): FeatureMatrix {
    const x = toFeatureMatrix(rows, this.data.featureCols, 'MultilayerPerceptronModel');
    if (x.cols !== this.data.mean.length)
      throw new Error(
        `MultilayerPerceptronModel: the row has ${x.cols} features in (${this.data.featureCols.join(', ')}) but the model was trained on ${this.data.mean.length}; give vectors of the training width`,
      );
    return x;
  }
  private rowOutput(row: Row, probs: ArrayLike<number>): Row {
    let best = 0;
    for (let c = 1; c < probs.length; c++) if (probs[c] > probs[best]) best = c;
    const second = this.params.predictionDetailCol
      ? Object.fromEntries(this.data.labels.map((l, c) => [String(l), probs[c]]))
      : undefined;
    this.out ??= appenderFor(this.params, this.params.predictionDetailCol);
    return this.out.append(row, this.data.labels[best], second);
  }
  predictRow(row: Row): Row {
    if (!this.net)
      throw new Error(
        'MultilayerPerceptronModel.predictRow: call await model.network() once first (loads the weights)',
      );
    const x = this.features([row]);
    const probs = tf.tidy(() =>
      (this.net!.predict(designTensor(x, this.stats, false)) as tf.Tensor).dataSync(),
    );
    return this.rowOutput(row, probs);
  }
  protected modelData(): MlpModelData {
    return this.data;
  }
}

Model.register(
  'MultilayerPerceptronModel',
  (j) => new MultilayerPerceptronModel(j.params as MultilayerPerceptronParams, j.data as MlpModelData),
);
