/**
 * Pipelines of estimators and transformers (Alink's Pipeline / PipelineModel).
 */
import type { MlData, Row } from './data.ts';
import { Estimator } from './estimator.ts';
import { Model, type ModelJson } from './model.ts';
import type { FitOptions } from './fit-options.ts';

/** A pipeline stage: an estimator (fitted in `Pipeline.fit`) or a model / transformer (used as is). */
export type PipelineStage = Estimator<any, Model> | Model;

/**
 * A fitted pipeline: applies its models in order.
 *
 * @example const out = await pipelineModel.transform(rows);
 */
export class PipelineModel extends Model<Record<string, never>> {
  readonly kind = 'PipelineModel';
  /** The fitted stages, in order. */
  readonly stages: readonly Model[];

  constructor(stages: readonly Model[]) {
    super({});
    this.stages = Object.freeze([...stages]);
  }

  override dispose(): void {
    for (const s of this.stages) s.dispose();
  }

  override async transform<D extends MlData>(data: D): Promise<D> {
    let cur = data;
    for (const s of this.stages) cur = await s.transform(cur);
    return cur;
  }

  predictRow(row: Row): Row {
    let cur = row;
    for (const s of this.stages) cur = s.predictRow(cur);
    return cur;
  }

  protected modelData(): ModelJson[] {
    return this.stages.map((s) => s.toJSON());
  }
}

Model.register('PipelineModel', (json) => {
  if (!Array.isArray(json.data))
    throw new Error('PipelineModel.fromJSON: data should be an array of stages.');
  return new PipelineModel((json.data as ModelJson[]).map((s) => Model.fromJSON(s)));
});

/**
 * A sequence of stages. `fit` fits each estimator on the output of the stages before it and returns a
 * PipelineModel of the fitted models and the given transformers.
 *
 * @example
 * const pipeline = new Pipeline([new StandardScaler({ selectedCols: ['x'] }), new LogisticRegression({ ... })]);
 * const model = await pipeline.fit(train);
 * const scored = await model.transform(test);
 */
export class Pipeline {
  readonly stages: readonly PipelineStage[];

  constructor(stages: readonly PipelineStage[]) {
    stages.forEach((s, i) => {
      if (!(s instanceof Estimator) && !(s instanceof Model)) {
        throw new Error(`Pipeline: stage ${i} is neither an Estimator nor a Model; create it with new.`);
      }
    });
    this.stages = Object.freeze([...stages]);
  }

  /** Fits the estimators in order. @example const model = await pipeline.fit(rows); */
  async fit(data: MlData, options: FitOptions = {}): Promise<PipelineModel> {
    const models: Model[] = [];
    let cur = data;
    for (let i = 0; i < this.stages.length; i++) {
      const s = this.stages[i];
      const m = s instanceof Estimator ? await s.fit(cur, options) : s;
      models.push(m);
      if (i < this.stages.length - 1) cur = await m.transform(cur);
    }
    return new PipelineModel(models);
  }
}
