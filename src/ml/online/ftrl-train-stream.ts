import type {
  CheckpointedFunction,
  DataStream,
  FunctionInitializationContext,
  OneInputStreamOperator,
  OperatorContext,
  OperatorListState,
  Output,
} from '../../engine/index.ts';
import type { Row } from '../pipeline/data.ts';
import { LogisticRegressionModel, type LogisticRegressionParams } from '../linear/logistic-regression.ts';
import type { ModelVersion } from '../stream/predict-with-model-stream.ts';
import { FtrlLearner, type FtrlLearnerState, type FtrlParams } from './ftrl-learner.ts';

/** Options of {@link ftrlTrainStream} (Alink's FtrlTrainStreamOp). */
export interface FtrlTrainParams extends FtrlParams {
  featureCols: string[];
  labelCol: string;
  /** [negative, positive] label values; default [0, 1]. */
  labels?: [unknown, unknown];
  /** Emit a model snapshot every this many seconds (processing time). Default 10. */
  timeInterval?: number;
  /** Also emit one every this many records (deterministic, for tests and replays). */
  recordInterval?: number;
  /** Start from this fitted model (its coefficients and labels). */
  initialModel?: LogisticRegressionModel;
  predictionCol?: string;
  predictionDetailCol?: string;
}

/** What a checkpoint keeps of the trainer: the learner's accumulators and the two counters. */
interface FtrlTrainState {
  learner: FtrlLearnerState;
  version: number;
  sinceEmit: number;
}

/**
 * With checkpointing its state (learner accumulators, model version, records since the last
 * emitted model) is one-entry list state, so a restore continues exactly where the checkpoint was.
 */
class FtrlTrainOperator implements OneInputStreamOperator<Row, ModelVersion>, CheckpointedFunction {
  private output!: Output<ModelVersion>;
  private learner!: FtrlLearner;
  private state: OperatorListState<FtrlTrainState> | null = null;
  private restored: FtrlTrainState | undefined;
  private labels: [unknown, unknown];
  private version = 0;
  private lastEmit = 0;
  private sinceEmit = 0;
  private readonly x: Float64Array;
  constructor(private readonly p: FtrlTrainParams) {
    this.labels = p.labels ?? ((p.initialModel?.data.labels as [unknown, unknown]) || [0, 1]);
    this.x = new Float64Array(p.featureCols.length);
  }
  setup(_c: OperatorContext, output: Output<ModelVersion>): void {
    this.output = output;
  }
  initializeState(context: FunctionInitializationContext): void {
    this.state = context.getOperatorStateStore().getListState<FtrlTrainState>('ftrl-train');
    this.restored = this.state.get()[0]; // applied in open(), which builds the learner
  }
  snapshotState(): void {
    const s: FtrlTrainState = {
      learner: this.learner.state(),
      version: this.version,
      sinceEmit: this.sinceEmit,
    };
    this.state!.update([s]);
  }
  private restore(s: FtrlTrainState): void {
    this.learner.restore(s.learner);
    this.version = s.version;
    this.sinceEmit = s.sinceEmit;
  }
  open(): void {
    this.learner = new FtrlLearner(this.p.featureCols.length, this.p, this.p.initialModel?.data);
    if (this.restored) this.restore(this.restored);
    this.lastEmit = Date.now();
  }
  processElement(row: Row, timestamp: number): void {
    const cols = this.p.featureCols;
    for (let j = 0; j < cols.length; j++) {
      const v = row[cols[j]];
      if (typeof v !== 'number' || !Number.isFinite(v))
        throw new Error(
          `FtrlTrainStreamOp: feature column "${cols[j]}" is not a finite number in record ${this.learner.count}`,
        );
      this.x[j] = v;
    }
    const label = row[this.p.labelCol];
    if (label !== this.labels[0] && label !== this.labels[1])
      throw new Error(
        `FtrlTrainStreamOp: label column "${this.p.labelCol}" value ${String(label)} is neither of labels ${JSON.stringify(this.labels)}; set labels`,
      );
    this.learner.update(this.x, label === this.labels[1] ? 1 : 0);
    this.sinceEmit++;
    const byCount = this.p.recordInterval !== undefined && this.sinceEmit >= this.p.recordInterval;
    if (byCount || Date.now() - this.lastEmit >= (this.p.timeInterval ?? 10) * 1000) this.emit(timestamp);
  }
  private emit(timestamp: number): void {
    const params: LogisticRegressionParams = {
      featureCols: [...this.p.featureCols],
      labelCol: this.p.labelCol,
      predictionCol: this.p.predictionCol,
      predictionDetailCol: this.p.predictionDetailCol,
    };
    const model = new LogisticRegressionModel(
      params,
      this.learner.modelData(this.p.featureCols, this.labels),
    );
    this.output.collect({ modelVersion: ++this.version, model }, timestamp);
    this.lastEmit = Date.now();
    this.sinceEmit = 0;
  }
  processWatermark(watermark: number): void {
    this.output.emitWatermark(watermark);
  }
  endInput(): void {
    if (this.sinceEmit > 0) this.emit(Date.now());
  }
  close(): void {}
}

/**
 * Trains FTRL-Proximal logistic regression on a stream (one learner, non-parallel) and emits model
 * snapshots every `timeInterval` seconds / `recordInterval` records and at the end of a bounded input:
 * feed them to {@link predictWithModelStream}.
 *
 * @example
 * ```ts
 * const models = ftrlTrainStream(rows, { featureCols: ['a', 'b'], labelCol: 'y', alpha: 0.1, timeInterval: 5 });
 * const scored = predictWithModelStream(rows, models);
 * ```
 */
export function ftrlTrainStream(data: DataStream<Row>, params: FtrlTrainParams): DataStream<ModelVersion> {
  if (!params.featureCols?.length)
    throw new Error('ftrlTrainStream: set featureCols (the numeric feature columns)');
  if (!params.labelCol) throw new Error('ftrlTrainStream: set labelCol');
  return data.transform('FtrlTrainStreamOp', () => new FtrlTrainOperator(params)).forceNonParallel();
}
