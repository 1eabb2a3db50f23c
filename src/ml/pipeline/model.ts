/**
 * Models (and parameter-free transformers): batch `transform`, streaming `transformStream`, JSON round trip
 * through a registry of model kinds.
 */
import type { DataStream } from '../../engine/index.ts';
import { isTable, sameKind, toRows, type MlData, type Row } from './data.ts';

/** The current model file format version; files of any other version are rejected on load. */
export const MODEL_FORMAT_VERSION = 1;

/**
 * A model as JSON: `kind` names the registered class, `params` its options, `data` its fitted state.
 *
 * @example const json = model.toJSON(); const again = Model.fromJSON(JSON.parse(JSON.stringify(json)));
 */
export interface ModelJson {
  format: 'rivulet-model';
  version: number;
  kind: string;
  params: unknown;
  data: unknown;
}

/** Builds a model of one kind back from its JSON. @example (json) => new StandardScalerModel(json.params, json.data) */
export type ModelLoader = (json: ModelJson) => Model;

const registry = new Map<string, ModelLoader>();

/**
 * A fitted model or a parameter-free transformer. Subclasses implement `predictRow` (synchronous, used by
 * `transformStream` and by the default `transform`) and `modelData`; they may override `transform` to batch.
 *
 * @example
 * const model = await new StandardScaler({ selectedCols: ['x'] }).fit(rows);
 * const out = await model.transform(rows);              // same kind as given
 * const live = model.transformStream(env.fromCollection(rows));
 */
export abstract class Model<P extends object = object> {
  /** The registered kind, e.g. 'StandardScalerModel'. */
  abstract readonly kind: string;
  /** The options the model was built with (frozen). */
  readonly params: Readonly<P>;

  constructor(params: P) {
    this.params = Object.freeze({ ...params });
  }

  /** Applies the model to one row and returns the output row (reserved columns plus outputs). */
  abstract predictRow(row: Row): Row;

  /** The fitted state as plain JSON-safe data (numbers, strings, arrays, objects). */
  protected abstract modelData(): unknown;

  /** Applies the model to a batch; returns rows for rows and a table for a table. @example await m.transform(t) */
  async transform<D extends MlData>(data: D): Promise<D> {
    const rows = toRows(data);
    const out = new Array<Row>(rows.length);
    for (let i = 0; i < rows.length; i++) out[i] = this.predictRow(rows[i]);
    return isTable(data) ? sameKind(data, out) : (out as D);
  }

  /** Applies the model to every record of a stream as a map operator. @example model.transformStream(stream) */
  transformStream(stream: DataStream<Row>): DataStream<Row> {
    return stream.map((row: Row) => this.predictRow(row)).name(`${this.kind}.transformStream`);
  }

  /**
   * Releases the tensors a model holds (network models); a no-op for models kept as plain numbers.
   * A disposed network reloads its weights from the model data on next use.
   *
   * @example const out = await model.transform(rows); model.dispose();
   */
  dispose(): void {}

  /** The model as JSON (see `Model.fromJSON`). @example localStorage.m = JSON.stringify(model.toJSON()) */
  toJSON(): ModelJson {
    return {
      format: 'rivulet-model',
      version: MODEL_FORMAT_VERSION,
      kind: this.kind,
      params: this.params,
      data: this.modelData(),
    };
  }

  /** Registers the loader of a model kind (call once at module load). @example Model.register('XModel', load) */
  static register(kind: string, loader: ModelLoader): void {
    const existing = registry.get(kind);
    if (existing && existing !== loader)
      throw new Error(`Model.register: kind '${kind}' is already registered.`);
    registry.set(kind, loader);
  }

  /** The registered kinds. @example Model.kinds().includes('PipelineModel') */
  static kinds(): string[] {
    return [...registry.keys()].sort();
  }

  /**
   * Loads a model from its JSON (an object or a JSON string), rejecting malformed files, other format versions
   * and unknown kinds.
   *
   * @example const model = Model.fromJSON(await file.text());
   */
  static fromJSON(json: ModelJson | string): Model {
    let j: unknown = json;
    if (typeof json === 'string') {
      try {
        j = JSON.parse(json);
      } catch (e) {
        throw new Error(`Model.fromJSON: the text is not JSON (${(e as Error).message}).`, { cause: e });
      }
    }
    if (typeof j !== 'object' || j === null || (j as ModelJson).format !== 'rivulet-model') {
      throw new Error("Model.fromJSON: not a Rivulet model file (expected format: 'rivulet-model').");
    }
    const m = j as ModelJson;
    if (m.version !== MODEL_FORMAT_VERSION) {
      throw new Error(
        `Model.fromJSON: model file version ${String(m.version)} is not supported (this build reads ` +
          `version ${MODEL_FORMAT_VERSION}); re-export the model with this version.`,
      );
    }
    const loader = registry.get(m.kind);
    if (!loader) {
      throw new Error(
        `Model.fromJSON: unknown model kind '${String(m.kind)}'; known kinds: ${Model.kinds().join(', ')}. ` +
          `Import the module that defines it (src/ml/index.ts registers all).`,
      );
    }
    return loader(m);
  }
}
