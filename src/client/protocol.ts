/**
 * Every message that crosses a thread boundary, in one place.
 *
 * - Lifecycle messages: raw `postMessage` from a worker to the page (ready, heartbeat, fatal).
 *   They carry no `id`, so Comlink's own listener ignores them.
 * - Data-plane messages: JobManager ⇄ TaskManager over MessageChannel ports, in batches, with
 *   typed arrays moved by transfer (never structured clone of object arrays).
 * - Control APIs: the Comlink-exposed interface of each worker.
 *
 * This file holds types only (plus one type guard); workers import it with `import type`.
 */
import type {
  ModelJson,
  RegistryEntry,
  RegistrySummary,
  TrainEvaluation,
  TrainOutcome,
  TrainProgress,
  TrainRequest,
} from '../ml/index.ts';
import type { WindowCounts } from '../jobs/tumbling-count.ts';

/** The kinds of worker the page starts. */
export type WorkerRole = 'jobmanager' | 'taskmanager' | 'trainer';

// ---- Lifecycle: worker → page, raw postMessage on the worker's global scope ----

export type LifecycleMessage =
  | { type: 'rivulet:ready'; role: WorkerRole }
  | { type: 'rivulet:heartbeat'; at: number }
  | { type: 'rivulet:fatal'; message: string; stack?: string };

/** True for a lifecycle message (and not a Comlink reply). */
export function isLifecycleMessage(data: unknown): data is LifecycleMessage {
  return (
    typeof data === 'object' &&
    data !== null &&
    typeof (data as { type?: unknown }).type === 'string' &&
    (data as { type: string }).type.startsWith('rivulet:')
  );
}

// ---- Data plane: JobManager → TaskManager ----

export type ToTaskManager =
  /** Starts a run: fresh state for windows of `windowMs`. */
  | { type: 'open'; runId: number; windowMs: number }
  /** One batch of this subtask's records, then the watermark that follows it. */
  | {
      type: 'batch';
      runId: number;
      seq: number;
      keys: Int32Array;
      timestamps: Float64Array;
      watermark: number;
    }
  /** End of the bounded input: fire every open window. */
  | { type: 'end'; runId: number; seq: number }
  /** Drop the run's state. */
  | { type: 'cancel'; runId: number };

// ---- Data plane: TaskManager → JobManager ----

export type FromTaskManager =
  /** Acknowledges batch `seq` with the windows it fired (possibly none). */
  | ({ type: 'fired'; runId: number; seq: number; subtask: number } & WindowCounts)
  | { type: 'failed'; runId: number; subtask: number; message: string };

// ---- Job events: JobManager → page, through a Comlink callback ----

/** Results since the previous update, sent at most every ~100 ms (never one call per record). */
export interface ResultUpdate {
  type: 'results';
  /** Windows fired since the previous update. */
  windows: WindowCounts;
  /** Events emitted by the source and acknowledged by every subtask. */
  processed: number;
  /** Offset a restarted job reads from to continue exactly once. */
  resumeOffset: number;
  /** Current watermark (event time), -Infinity before the first batch. */
  watermark: number;
}

export type JobEvent =
  | ResultUpdate
  | { type: 'finished'; processed: number }
  | { type: 'stopped'; processed: number; resumeOffset: number }
  | { type: 'failed'; message: string };

/** Settings of the fixed tumbling-count job (validated by `parseJobSettings`). */
export interface JobSettings {
  job: 'tumbling-count';
  /** Number of events of the bounded source. */
  events: number;
  keys: number;
  seed: number;
  /** Event time of the first event, epoch milliseconds. */
  startTime: number;
  /** Events per second of event time. */
  eventsPerSecond: number;
  /** Tumbling window size, milliseconds of event time. */
  windowMs: number;
  /** Wall-clock pacing, events per second; 0 = as fast as possible. */
  maxRate: number;
  /** Records per source batch. */
  batchSize: number;
}

// ---- Control APIs (Comlink) ----

export interface TaskManagerApi {
  /** Attaches the data-plane port from the JobManager; this TaskManager runs subtask `subtask`. */
  connect(port: MessagePort, subtask: number): void;
}

export interface JobManagerApi {
  /** Attaches one data-plane port per TaskManager (index = subtask). */
  connect(ports: MessagePort[]): void;
  /**
   * Starts the job from source offset `from`; resolves once started. Progress, results and the
   * end of the run arrive through `onEvent`.
   */
  start(settings: JobSettings, from: number, onEvent: (event: JobEvent) => void | Promise<void>): number;
  /** Stops the running job (if any); a `stopped` event follows. */
  stop(): void;
}

export type TrainerBackend = 'webgpu' | 'wasm' | 'webgl' | 'cpu';

/** What the trainer found out about WebGPU. */
export interface WebGpuProbe {
  /** `navigator.gpu` exists in the worker. */
  api: boolean;
  /** An adapter was returned. */
  adapter: boolean;
  /** Software adapter (fallback adapter, or SwiftShader). */
  software: boolean;
  /** Human-readable adapter description, or why there is none. */
  description: string;
}

/** Training request of the trainer worker: a `TrainRequest` (src/ml) plus the backend to run on. */
export interface TrainOptions extends TrainRequest {
  /** 'auto' picks the fastest backend the browser really has; a name forces it (or fails clearly). */
  backend: 'auto' | TrainerBackend;
}

/** One progress report (iteration, loss, samples/s) sent while a model trains. */
export type EpochReport = TrainProgress;

/** What a training run returns: the outcome (model JSON, losses, evaluation) and where it ran. */
export interface TrainResult extends TrainOutcome {
  backend: TrainerBackend;
  webgpu: WebGpuProbe;
  /** Backends tried before the chosen one, with why they were skipped. */
  skipped: string[];
  /** Tensors left allocated after training (0 = no leak). */
  leakedTensors: number;
}

/** What to save with a model in the registry. */
export interface SaveModelInfo {
  metrics: Record<string, number>;
  fingerprint: string;
}

export interface TrainerApi {
  probeWebGpu(): Promise<WebGpuProbe>;
  /** Trains; progress arrives through `onProgress` (a Comlink proxy). Rejects with an AbortError on cancel. */
  train(options: TrainOptions, onProgress: (report: EpochReport) => void): Promise<TrainResult>;
  /** Cancels the running training (checked between iterations); false when none runs. */
  cancel(): boolean;
  /** Predicts and measures a model on the held-out rows of `request` (same split as training). */
  evaluate(model: ModelJson, request: TrainRequest): Promise<TrainEvaluation>;
  /** Saves a model as the next version of `name` in the IndexedDB registry. */
  saveModel(name: string, model: ModelJson, info: SaveModelInfo): Promise<RegistrySummary>;
  /** Saved versions (of one name, or all), oldest first. */
  listModels(name?: string): Promise<RegistrySummary[]>;
  /** One saved version with its model. */
  loadModel(name: string, version: number): Promise<RegistryEntry>;
  /** Metrics side by side and the parameters that differ between two versions. */
  compareModels(name: string, a: number, b: number): Promise<ModelComparison>;
  deleteModel(name: string, version?: number): Promise<void>;
  /** The text of an export file of one version. */
  exportModel(name: string, version: number): Promise<string>;
  /** Imports an export file as the next version of its name; malformed or foreign files are rejected. */
  importModel(text: string, asName?: string): Promise<RegistrySummary>;
}

/** The result of `compareModels`. */
export interface ModelComparison {
  metrics: Record<string, [number?, number?]>;
  changedParams: string[];
}
