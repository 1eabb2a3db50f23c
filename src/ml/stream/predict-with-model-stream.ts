import type {
  CheckpointedFunction,
  DataStream,
  FunctionInitializationContext,
  OperatorContext,
  OperatorListState,
  Output,
  TwoInputStreamOperator,
} from '../../engine/index.ts';
import { Model, type ModelJson } from '../pipeline/model.ts';
import type { Row } from '../pipeline/data.ts';

/** One model version on a model stream: a fitted model (or its JSON, when it crossed a worker). */
export interface ModelVersion {
  modelVersion: number | string;
  model: Model | ModelJson;
}

/** Options of {@link predictWithModelStream}. */
export interface ModelStreamPredictOptions {
  /** Output column holding the version that produced each prediction. Default 'modelVersion'. */
  modelVersionCol?: string;
}

/** The current model in a checkpoint: its JSON (the model file format) and version. */
interface ModelState {
  modelVersion: number | string;
  model: ModelJson;
}

/**
 * The operator: input 1 = rows, input 2 = model versions (broadcast). Rows that arrive before the first
 * model are buffered, never dropped, and scored by that first model with their own timestamps; watermarks
 * are held back meanwhile so the buffered rows are not late. A new version replaces the old one between
 * two records. With checkpointing the current model is broadcast state (every subtask holds the same
 * one: subtask 0 stores it as union list state, every subtask gets it back), the waiting rows are
 * split list state and the held watermark is kept with them.
 */
class ModelStreamPredictOperator
  implements TwoInputStreamOperator<Row, ModelVersion, Row>, CheckpointedFunction
{
  private output!: Output<Row>;
  private subtaskIndex = 0;
  private model: Model | null = null;
  /** The current model's JSON for checkpoints (made on the first snapshot after a swap). */
  private modelJson: ModelJson | null = null;
  private version: number | string = -1;
  private modelState: OperatorListState<ModelState> | null = null;
  private pendingState: OperatorListState<{ row: Row; timestamp: number }> | null = null;
  private watermarkState: OperatorListState<number> | null = null;
  private pending: { row: Row; timestamp: number }[] = [];
  /** The newest watermark held back while rows wait for the first model. */
  private heldWatermark: number | null = null;
  constructor(private readonly versionCol: string) {}
  setup(context: OperatorContext, output: Output<Row>): void {
    this.output = output;
    this.subtaskIndex = context.subtaskIndex;
  }
  initializeState(context: FunctionInitializationContext): void {
    const store = context.getOperatorStateStore();
    this.modelState = store.getUnionListState<ModelState>('model-stream-predict:model');
    this.pendingState = store.getListState<{ row: Row; timestamp: number }>('model-stream-predict:pending');
    this.watermarkState = store.getListState<number>('model-stream-predict:held-watermark');
    const stored = this.modelState.get()[0];
    if (stored !== undefined) {
      this.model = Model.fromJSON(stored.model);
      this.modelJson = stored.model;
      this.version = stored.modelVersion;
    }
    this.pending = [...this.pendingState.get()];
    // after a rescale several subtasks' watermarks may come to one: the lowest is the safe one
    const held = this.watermarkState.get();
    this.heldWatermark = held.length > 0 ? Math.min(...held) : null;
  }
  snapshotState(): void {
    if (this.model && this.subtaskIndex === 0) {
      this.modelJson ??= this.model.toJSON();
      this.modelState!.update([{ modelVersion: this.version, model: this.modelJson }]);
    } else this.modelState!.update([]);
    this.pendingState!.update(this.pending);
    this.watermarkState!.update(this.heldWatermark === null ? [] : [this.heldWatermark]);
  }
  open(): void {}
  processElement1(row: Row, timestamp: number): void {
    // rows restored next to a restored model (only after a rescale) are scored before the next one
    if (this.model && this.pending.length > 0) this.flushPending();
    if (!this.model) {
      this.pending.push({ row, timestamp });
      return;
    }
    const out = this.model.predictRow(row);
    out[this.versionCol] = this.version;
    this.output.collect(out, timestamp);
  }
  processElement2(value: ModelVersion, _timestamp: number): void {
    if (!value || value.model === undefined || value.modelVersion === undefined) {
      throw new Error('predictWithModelStream: a model stream element must be { modelVersion, model }');
    }
    if (value.model instanceof Model) {
      this.model = value.model;
      this.modelJson = null;
    } else {
      this.model = Model.fromJSON(value.model);
      this.modelJson = value.model;
    }
    this.version = value.modelVersion;
    this.flushPending();
  }
  /** Scores the rows that waited for a model and releases the held watermark. */
  private flushPending(): void {
    const waiting = this.pending;
    this.pending = [];
    for (const w of waiting) this.processElement1(w.row, w.timestamp);
    if (this.heldWatermark !== null) {
      this.output.emitWatermark(this.heldWatermark);
      this.heldWatermark = null;
    }
  }
  processWatermark(watermark: number): void {
    if (this.model && this.pending.length > 0) this.flushPending();
    if (this.pending.length > 0) this.heldWatermark = watermark;
    else this.output.emitWatermark(watermark);
  }
  endInput(): void {
    if (this.model && this.pending.length > 0) this.flushPending();
    if (this.pending.length > 0) {
      throw new Error(
        `predictWithModelStream: ${this.pending.length} rows arrived but no model ever did; send at least one { modelVersion, model } on the model stream`,
      );
    }
  }
  close(): void {}
}

/**
 * Predicts every row with the latest model version from a second stream (from a retraining job, FTRL,
 * or the registry), swapping versions without stopping the job; each prediction carries `modelVersion`.
 * Rows that arrive before the first model wait for it (then scored by it, keeping their timestamps); a
 * bounded job whose rows end with no model ever sent fails.
 *
 * @example
 * ```ts
 * const scored = predictWithModelStream(rows, env.fromElements({ modelVersion: 1, model }));
 * ```
 */
export function predictWithModelStream(
  data: DataStream<Row>,
  models: DataStream<ModelVersion>,
  options: ModelStreamPredictOptions = {},
): DataStream<Row> {
  const col = options.modelVersionCol ?? 'modelVersion';
  return data
    .connect(models.broadcast())
    .transform('PredictWithModelStream', () => new ModelStreamPredictOperator(col));
}
