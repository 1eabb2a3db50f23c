/**
 * Trainer worker: runs src/ml training requests (any of the seven algorithms on Iris, a seeded synthetic
 * set or rows from the page) on the fastest tfjs backend the browser really has (or a forced one), with
 * progress through a Comlink callback and cancellation between iterations; keeps the model registry
 * (IndexedDB) and evaluates saved models.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
// The wasm binaries are served by the site itself (nothing is fetched from a CDN).
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { TrainerApi, TrainerBackend, WebGpuProbe } from '../src/client/protocol.ts';
import {
  algorithmOfKind,
  evaluateRun,
  Model,
  ModelRegistry,
  runTraining,
  splitForRun,
} from '../src/ml/index.ts';
import { backendOrder, describeAdapter, type AdapterInfoLike } from './support/backend-choice.ts';
import { serveWorker } from './support/worker-runtime.ts';

setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimd,
});
// Under cross-origin isolation tfjs would pick its threaded build, whose pthread workers cannot
// start from a Vite bundle; the single-threaded SIMD build is used instead.
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);

interface GpuAdapterLike {
  info?: AdapterInfoLike;
  isFallbackAdapter?: boolean;
}
interface GpuLike {
  requestAdapter(options?: { powerPreference?: string }): Promise<GpuAdapterLike | null>;
}

let probed: Promise<WebGpuProbe> | null = null;

async function probe(): Promise<WebGpuProbe> {
  const gpu = (navigator as unknown as { gpu?: GpuLike }).gpu;
  if (!gpu) {
    return {
      api: false,
      adapter: false,
      software: false,
      description: 'WebGPU is not available (no navigator.gpu).',
    };
  }
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) {
    return {
      api: true,
      adapter: false,
      software: false,
      description:
        'No WebGPU adapter: requestAdapter() returned null (Chromium on Linux needs --enable-unsafe-webgpu).',
    };
  }
  return describeAdapter(adapter.info ?? {}, adapter.isFallbackAdapter === true);
}

async function useBackend(name: TrainerBackend, webgpu: WebGpuProbe): Promise<string | null> {
  if (name === 'webgpu' && !webgpu.adapter) return `webgpu: ${webgpu.description}`;
  try {
    if (!(await tf.setBackend(name))) return `${name}: the backend failed to initialise`;
    await tf.ready();
    return null;
  } catch (error) {
    return `${name}: ${error instanceof Error ? error.message : String(error)}`;
  }
}

let registry: Promise<ModelRegistry> | null = null;
const models = (): Promise<ModelRegistry> => (registry ??= ModelRegistry.open());

/** The training run in progress (one at a time), so that `cancel` can stop it. */
let running: AbortController | null = null;
/** Set once a backend was chosen; before that, tfjs would pick webgpu by priority (slow in software). */
let backendChosen = false;

async function startBackend(
  requested: 'auto' | TrainerBackend,
): Promise<{ backend: TrainerBackend; webgpu: WebGpuProbe; skipped: string[] }> {
  const webgpu = await api.probeWebGpu();
  const skipped: string[] = [];
  for (const candidate of backendOrder(webgpu, requested)) {
    const problem = await useBackend(candidate, webgpu);
    if (problem === null) {
      backendChosen = true;
      return { backend: candidate, webgpu, skipped };
    }
    skipped.push(problem);
  }
  throw new Error(`No tfjs backend could start: ${skipped.join('; ')}`);
}

const api: TrainerApi = {
  probeWebGpu() {
    probed ??= probe();
    return probed;
  },

  async train(options, onProgress) {
    if (running)
      throw new Error('A model is already training in this worker; cancel it or wait for it to end');
    const controller = new AbortController();
    running = controller;
    try {
      const { backend, webgpu, skipped } = await startBackend(options.backend);
      const tensorsBefore = tf.memory().numTensors;
      const { backend: _requested, ...request } = options;
      const { model, outcome } = await runTraining(request, { signal: controller.signal, onProgress });
      model.dispose();
      return { ...outcome, backend, webgpu, skipped, leakedTensors: tf.memory().numTensors - tensorsBefore };
    } finally {
      running = null;
    }
  },

  cancel() {
    if (!running) return false;
    running.abort(new Error('cancelled from the page'));
    return true;
  },

  async evaluate(json, request) {
    if (!backendChosen) await startBackend('auto');
    const model = Model.fromJSON(json);
    try {
      const { test, featureCols, labelCol } = splitForRun(request);
      return await evaluateRun(model, algorithmOfKind(model.kind), test, featureCols, labelCol);
    } finally {
      model.dispose();
    }
  },

  async saveModel(name, json, info) {
    return (await models()).save(name.trim(), Model.fromJSON(json), info);
  },
  async listModels(name) {
    return (await models()).list(name);
  },
  async loadModel(name, version) {
    return (await models()).entry(name, version);
  },
  async compareModels(name, a, b) {
    return (await models()).compare(name, a, b);
  },
  async deleteModel(name, version) {
    await (await models()).delete(name, version);
  },
  async exportModel(name, version) {
    return (await models()).exportModel(name, version);
  },
  async importModel(text, asName) {
    return (await models()).importModel(text, asName);
  },
};

serveWorker('trainer', api);
