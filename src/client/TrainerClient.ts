import * as Comlink from 'comlink';
import type { EpochReport, TrainerApi, TrainOptions, TrainResult, WebGpuProbe } from './protocol.ts';
import { WorkerHandle, type WorkerHandleOptions } from './WorkerHandle.ts';
import { createWorker } from './worker-factories.ts';

/** The default training run of the Models page. */
export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  backend: 'auto',
  epochs: 12,
  learningRate: 0.5,
  samples: 2048,
  seed: 7,
};

export interface TrainerClientOptions {
  /** Test hook: start the trainer from a missing file. */
  broken?: boolean;
  timeouts?: WorkerHandleOptions;
  /** Time limit of one training run. Default 180 s. */
  trainTimeoutMs?: number;
}

/**
 * The page's handle on the trainer worker (started on first use).
 *
 * @example
 * ```ts
 * const trainer = new TrainerClient();
 * const result = await trainer.train(DEFAULT_TRAIN_OPTIONS, ({ epoch, loss }) => log(epoch, loss));
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

  /** What WebGPU adapter the worker sees (or why there is none). */
  probeWebGpu(): Promise<WebGpuProbe> {
    return this.worker().call('probeWebGpu', (api) => api.probeWebGpu());
  }

  /** Trains the model; rejects with the worker's error if training fails or the worker dies. */
  train(options: TrainOptions, onEpoch: (report: EpochReport) => void): Promise<TrainResult> {
    return this.worker().call(
      'train',
      (api) => api.train(options, Comlink.proxy(onEpoch)),
      this.options.trainTimeoutMs ?? 180_000,
    );
  }

  /** Terminates the worker. */
  dispose(): void {
    this.handle?.terminate();
    this.handle = null;
  }
}
