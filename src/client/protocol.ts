/**
 * Every message that crosses a thread boundary, in one place.
 *
 * - Lifecycle messages: raw `postMessage` from a worker to the page (ready, heartbeat, fatal).
 *   They carry no `id`, so Comlink's own listener ignores them.
 * - Control APIs: the Comlink-exposed interface of each worker (the trainer's; the stream engine's
 *   JobManager and TaskManagers keep theirs in src/engine/cluster/protocol.ts).
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

/** The kinds of worker a WorkerHandle supervises (today the page starts only the trainer this way). */
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

/**
 * Settings of the Workbench's job, the tumbling-count job module (validated by `parseJobSettings`;
 * the page passes them to the module in its URL).
 */
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
  /** Parallelism of the job's operators (TaskManager workers: at most this many). */
  parallelism: number;
}

// ---- Control APIs (Comlink) ----

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
