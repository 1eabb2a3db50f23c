import type { DataStream, Output, TwoInputStreamOperator, OperatorContext } from '../../engine/index.ts';
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

/**
 * The operator: input 1 = rows, input 2 = model versions (broadcast). Rows that arrive before the first
 * model are buffered, never dropped, and scored by that first model with their own timestamps; watermarks
 * are held back meanwhile so the buffered rows are not late. A new version replaces the old one between
 * two records.
 */
class ModelStreamPredictOperator implements TwoInputStreamOperator<Row, ModelVersion, Row> {
  private output!: Output<Row>;
  private model: Model | null = null;
  private version: number | string = -1;
  private pending: { row: Row; timestamp: number }[] = [];
  /** The newest watermark held back while rows wait for the first model. */
  private heldWatermark: number | null = null;
  constructor(private readonly versionCol: string) {}
  setup(_context: OperatorContext, output: Output<Row>): void {
    this.output = output;
  }
  open(): void {}
  processElement1(row: Row, timestamp: number): void {
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
    this.model = value.model instanceof Model ? value.model : Model.fromJSON(value.model);
    this.version = value.modelVersion;
    const waiting = this.pending;
    this.pending = [];
    for (const w of waiting) this.processElement1(w.row, w.timestamp);
    if (this.heldWatermark !== null) {
      this.output.emitWatermark(this.heldWatermark);
      this.heldWatermark = null;
    }
  }
  processWatermark(watermark: number): void {
    if (this.pending.length > 0) this.heldWatermark = watermark;
    else this.output.emitWatermark(watermark);
  }
  endInput(): void {
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
