import {
  trainRequestOf,
  withTrainRequest,
  type ModelComparison,
  type RegistrySummary,
  type TrainEvaluation,
  type TrainRequest,
} from '../../client/index.ts';
import { trainer } from '../trainer.svelte.ts';
import { defaultModelName } from './model-name.ts';

/** The request a saved model is evaluated on: its own training set-up, kept in the saved model's params. */
function requestOf(s: RegistrySummary): TrainRequest {
  return (
    trainRequestOf(s.params) ?? {
      dataset: { kind: 'iris' },
      algorithm: 'Softmax',
      testFraction: 0.3,
      seed: 1,
    }
  );
}

/** The Models page's registry state: versions in IndexedDB (kept by the trainer worker). */
class Registry {
  versions = $state<RegistrySummary[]>([]);
  /** The name for the next save while the user has not typed one: the chosen data set and algorithm. */
  readonly defaultName = $derived(
    defaultModelName(trainer.dataset, trainer.options.algorithm, trainer.csv?.name),
  );
  /** A name the user typed (null: follow `defaultName`). */
  #typedName = $state<string | null>(null);
  /** The name the next version is saved under (bound to the Name field). */
  get saveName(): string {
    return this.#typedName ?? this.defaultName;
  }
  set saveName(name: string) {
    this.#typedName = name;
  }
  error = $state<string | null>(null);
  /** The version loaded and evaluated last, with its evaluation. */
  loaded = $state<{ summary: RegistrySummary; evaluation: TrainEvaluation } | null>(null);
  comparison = $state<{ name: string; a: number; b: number; result: ModelComparison } | null>(null);
  busy = $state(false);

  private async run(what: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.error = null;
    try {
      await what();
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    } finally {
      this.busy = false;
    }
  }

  refresh(): Promise<void> {
    return this.run(async () => {
      this.versions = await trainer.client.listModels();
    });
  }

  /** Saves the last trained model as the next version of `saveName`, with its request for re-evaluation. */
  save(): Promise<void> {
    return this.run(async () => {
      const r = $state.snapshot(trainer.result); // a plain copy: proxies cannot be posted to the worker
      if (!r) throw new Error('Train a model first, then save it');
      if (!this.saveName.trim()) throw new Error('Give the model a name to save it under');
      const { backend: _b, ...request } = $state.snapshot(trainer.options) as typeof trainer.options;
      await trainer.client.saveModel(this.saveName, withTrainRequest(r.model, request), {
        metrics: r.evaluation.metrics,
        fingerprint: r.fingerprint,
      });
      this.versions = await trainer.client.listModels();
    });
  }

  /** Loads a version and evaluates it on its held-out rows (the predictions are shown). */
  load(s: RegistrySummary): Promise<void> {
    return this.run(async () => {
      const entry = await trainer.client.loadModel(s.name, s.version);
      const evaluation = await trainer.client.evaluate(entry.model, requestOf(entry));
      this.loaded = { summary: s, evaluation };
    });
  }

  compare(name: string, a: number, b: number): Promise<void> {
    return this.run(async () => {
      this.comparison = { name, a, b, result: await trainer.client.compareModels(name, a, b) };
    });
  }

  delete(s: RegistrySummary): Promise<void> {
    return this.run(async () => {
      await trainer.client.deleteModel(s.name, s.version);
      if (this.loaded?.summary.name === s.name && this.loaded.summary.version === s.version)
        this.loaded = null;
      this.versions = await trainer.client.listModels();
    });
  }

  /** Downloads one version as a JSON file. */
  export(s: RegistrySummary): Promise<void> {
    return this.run(async () => {
      const text = await trainer.client.exportModel(s.name, s.version);
      const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `${s.name}-v${s.version}.rivulet-model.json`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    });
  }

  /** Imports an export file as the next version of its name. */
  import(file: File): Promise<void> {
    return this.run(async () => {
      await trainer.client.importModel(await file.text());
      this.versions = await trainer.client.listModels();
    });
  }
}

export const registry = new Registry();
