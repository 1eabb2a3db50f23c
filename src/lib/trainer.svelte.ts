import {
  DEFAULT_TRAIN_OPTIONS,
  TrainerClient,
  WorkerError,
  type EpochReport,
  type TrainOptions,
  type TrainResult,
  type WebGpuProbe,
} from '../client/index.ts';
import { alerts } from './alerts.svelte.ts';
import { brokenWorker } from './debug-hooks.ts';

/** The Models page's state (runes); kept while the user moves between pages. */
class Trainer {
  options = $state<TrainOptions>({ ...DEFAULT_TRAIN_OPTIONS });
  probe = $state<WebGpuProbe | null>(null);
  epochs = $state<EpochReport[]>([]);
  result = $state<TrainResult | null>(null);
  error = $state<string | null>(null);
  training = $state(false);
  private client: TrainerClient | null = null;

  private get worker(): TrainerClient {
    this.client ??= new TrainerClient({ broken: brokenWorker() === 'trainer' });
    return this.client;
  }

  /** Asks the worker which WebGPU adapter it sees (once). */
  async loadProbe(): Promise<void> {
    if (this.probe) return;
    try {
      this.probe = await this.worker.probeWebGpu();
    } catch (error) {
      this.report(error);
    }
  }

  async train(): Promise<void> {
    this.training = true;
    this.error = null;
    this.result = null;
    this.epochs = [];
    try {
      this.result = await this.worker.train($state.snapshot(this.options), (report) => {
        this.epochs = [...this.epochs, report];
      });
      this.probe = this.result.webgpu;
    } catch (error) {
      this.report(error);
    } finally {
      this.training = false;
    }
  }

  private report(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.error = message;
    if (error instanceof WorkerError) alerts.show({ id: 'trainer', kind: 'error', title: 'Worker', message });
  }
}

export const trainer = new Trainer();
