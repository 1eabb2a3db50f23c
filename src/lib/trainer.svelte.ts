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

/** The data sets the page offers. */
export type DatasetChoice = 'iris' | 'synthetic-binary' | 'synthetic-regression' | 'csv';

/** The Models page's training state (runes); kept while the user moves between pages. */
class Trainer {
  options = $state<TrainOptions>(structuredClone(DEFAULT_TRAIN_OPTIONS));
  /** Rows of the synthetic sets. */
  samples = $state(5000);
  /** A CSV file chosen by the user (its text is sent to the worker, which parses it). */
  csv = $state<{ name: string; text: string } | null>(null);
  /** The CSV's label column ('' = its last column). */
  csvLabel = $state('');
  probe = $state<WebGpuProbe | null>(null);
  progress = $state<EpochReport[]>([]);
  result = $state<TrainResult | null>(null);
  error = $state<string | null>(null);
  /** True when the last run ended by Cancel. */
  cancelled = $state(false);
  training = $state(false);
  private worker: TrainerClient | null = null;

  /** The one trainer worker of the page (the registry state uses it too). */
  get client(): TrainerClient {
    this.worker ??= new TrainerClient({ broken: brokenWorker() === 'trainer' });
    return this.worker;
  }

  get dataset(): DatasetChoice {
    return this.options.dataset.kind as DatasetChoice;
  }
  set dataset(kind: DatasetChoice) {
    this.options.dataset =
      kind === 'iris'
        ? { kind }
        : kind === 'csv'
          ? { kind, text: '', name: '' }
          : { kind, samples: this.samples, seed: 7 };
  }

  /** Asks the worker which WebGPU adapter it sees (once). */
  async loadProbe(): Promise<void> {
    if (this.probe) return;
    try {
      this.probe = await this.client.probeWebGpu();
    } catch (error) {
      this.report(error);
    }
  }

  /** Trains with the current options; progress arrives per iteration. */
  async train(): Promise<void> {
    this.training = true;
    this.cancelled = false;
    this.error = null;
    this.result = null;
    this.progress = [];
    const options = $state.snapshot(this.options) as TrainOptions;
    const d = options.dataset;
    if (d.kind === 'synthetic-binary' || d.kind === 'synthetic-regression')
      options.dataset = { ...d, samples: this.samples };
    try {
      if (d.kind === 'csv') {
        if (!this.csv) throw new Error('Choose a CSV file first (a header row, then one row per sample)');
        options.dataset = { kind: 'csv', ...this.csv, labelCol: this.csvLabel.trim() || undefined };
        this.options.dataset = options.dataset; // saved with the model, so a loaded version re-evaluates
      }
      this.result = await this.client.train(options, (report) => {
        this.progress.push(report);
      });
      this.probe = this.result.webgpu;
    } catch (error) {
      if (error instanceof Error && error.name === 'AbortError') {
        this.cancelled = true;
        this.error = error.message;
      } else this.report(error);
    } finally {
      this.training = false;
    }
  }

  /** Stops the running training between two iterations. */
  async cancel(): Promise<void> {
    try {
      await this.client.cancel();
    } catch (error) {
      this.report(error);
    }
  }

  report(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.error = message;
    if (error instanceof WorkerError) alerts.show({ id: 'trainer', kind: 'error', title: 'Worker', message });
  }
}

export const trainer = new Trainer();
