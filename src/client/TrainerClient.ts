import * as Comlink from 'comlink';
import type {
  EpochReport,
  ModelComparison,
  SaveModelInfo,
  TrainerApi,
  TrainOptions,
  TrainResult,
  WebGpuProbe,
} from './protocol.ts';
import type {
  ModelJson,
  RegistryEntry,
  RegistrySummary,
  TrainEvaluation,
  TrainRequest,
} from '../ml/index.ts';
import { WorkerHandle, type WorkerHandleOptions } from './WorkerHandle.ts';
import { modelParamChanges } from './saved-model.ts';
import { createWorker } from './worker-factories.ts';

/** The default training run of the Models page: Softmax on Iris, 30% held out, backend chosen. */
export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  backend: 'auto',
  dataset: { kind: 'iris' },
  algorithm: 'Softmax',
  params: { maxIter: 100 },
  testFraction: 0.3,
  seed: 1,
};

export interface TrainerClientOptions {
  /** Test hook: start the trainer from a missing file. */
  broken?: boolean;
  timeouts?: WorkerHandleOptions;
  /** Time limit of one training run. Default 600 s. */
  trainTimeoutMs?: number;
}

/**
 * The page's handle on the trainer worker (started on first use): training with progress and cancel,
 * evaluation, and the model registry kept in IndexedDB by the worker.
 *
 * @example
 * ```ts
 * const trainer = new TrainerClient();
 * const result = await trainer.train(DEFAULT_TRAIN_OPTIONS, ({ iteration, loss }) => log(iteration, loss));
 * await trainer.saveModel('iris', result.model, { metrics: result.evaluation.metrics, fingerprint: result.fingerprint });
 * ```
 */
export class TrainerClient {
  private handle: WorkerHandle<TrainerApi> | null = null;

  constructor(private readonly options: TrainerClientOptions = {}) {}

  private worker(): WorkerHandle<TrainerApi> {
    if (!this.handle || this.handle.error) {
      this.handle = new WorkerHandle<TrainerApi>(
        'trainer',
        createWorker('trainer', this.options.broken),
        this.options.timeouts,
      );
    }
    return this.handle;
  }

  /** What WebGPU adapter the worker sees (or why there is none). @example (await t.probeWebGpu()).software */
  probeWebGpu(): Promise<WebGpuProbe> {
    return this.worker().call('probeWebGpu', (api) => api.probeWebGpu());
  }

  /**
   * Trains; rejects with the worker's error if training fails (an AbortError after `cancel`) or the worker dies.
   * @example await trainer.train({ ...DEFAULT_TRAIN_OPTIONS, algorithm: 'KMeans' }, console.log)
   */
  train(options: TrainOptions, onProgress: (report: EpochReport) => void): Promise<TrainResult> {
    return this.worker().call(
      'train',
      (api) => api.train(options, Comlink.proxy(onProgress)),
      this.options.trainTimeoutMs ?? 600_000,
    );
  }

  /** Cancels the running training; resolves false when none runs. @example await trainer.cancel() */
  cancel(): Promise<boolean> {
    return this.worker().call('cancel', (api) => api.cancel());
  }

  /** Predicts and measures a model on the held-out rows of a request. @example await t.evaluate(entry.model, req) */
  evaluate(model: ModelJson, request: TrainRequest): Promise<TrainEvaluation> {
    return this.worker().call('evaluate', (api) => api.evaluate(model, request), 120_000);
  }

  /** Saves a new version of `name`. @example await t.saveModel('iris', r.model, { metrics, fingerprint }) */
  saveModel(name: string, model: ModelJson, info: SaveModelInfo): Promise<RegistrySummary> {
    return this.worker().call('saveModel', (api) => api.saveModel(name, model, info));
  }

  /** Saved versions, oldest first. @example await t.listModels() */
  listModels(name?: string): Promise<RegistrySummary[]> {
    return this.worker().call('listModels', (api) => api.listModels(name));
  }

  /** One saved version with its model. @example (await t.loadModel('iris', 2)).model */
  loadModel(name: string, version: number): Promise<RegistryEntry> {
    return this.worker().call('loadModel', (api) => api.loadModel(name, version));
  }

  /**
   * Two versions side by side; `changedParams` names parameters of the models (not the training
   * request the page keeps beside them). @example (await t.compareModels('iris', 1, 2)).changedParams
   */
  async compareModels(name: string, a: number, b: number): Promise<ModelComparison> {
    return modelParamChanges(
      await this.worker().call('compareModels', (api) => api.compareModels(name, a, b)),
    );
  }

  /** Deletes one version (or all versions of a name). @example await t.deleteModel('iris', 1) */
  deleteModel(name: string, version?: number): Promise<void> {
    return this.worker().call('deleteModel', (api) => api.deleteModel(name, version));
  }

  /** The text of an export file. @example const text = await t.exportModel('iris', 1) */
  exportModel(name: string, version: number): Promise<string> {
    return this.worker().call('exportModel', (api) => api.exportModel(name, version));
  }

  /** Imports an export file as a new version; rejects malformed or foreign files. @example await t.importModel(text) */
  importModel(text: string, asName?: string): Promise<RegistrySummary> {
    return this.worker().call('importModel', (api) => api.importModel(text, asName));
  }

  /** Terminates the worker. @example trainer.dispose() */
  dispose(): void {
    this.handle?.terminate();
    this.handle = null;
  }
}
