/**
 * Trainer worker: fits a tiny tfjs model (logistic regression on seeded data) on the fastest
 * backend the browser really has, and reports backend, WebGPU adapter, loss per epoch and time.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
// The wasm binaries are served by the site itself (nothing is fetched from a CDN).
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type {
  TrainerApi,
  TrainerBackend,
  TrainOptions,
  TrainResult,
  WebGpuProbe,
} from '../src/client/protocol.ts';
import { backendOrder, describeAdapter, type AdapterInfoLike } from './support/backend-choice.ts';
import { makeLogisticData } from './support/logistic-data.ts';
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

function checkOptions(options: TrainOptions): void {
  const { epochs, learningRate, samples } = options;
  if (!Number.isInteger(epochs) || epochs < 1 || epochs > 1000)
    throw new RangeError(`epochs must be an integer in 1..1000, got ${epochs}`);
  if (!(learningRate > 0 && learningRate <= 100))
    throw new RangeError(`learning rate must be in (0, 100], got ${learningRate}`);
  if (!Number.isInteger(samples) || samples < 16 || samples > 1_000_000)
    throw new RangeError(`samples must be an integer in 16..1000000, got ${samples}`);
}

const api: TrainerApi = {
  probeWebGpu() {
    probed ??= probe();
    return probed;
  },

  async train(options, onEpoch) {
    checkOptions(options);
    const webgpu = await api.probeWebGpu();
    const skipped: string[] = [];
    let backend: TrainerBackend | null = null;
    for (const candidate of backendOrder(webgpu, options.backend)) {
      const problem = await useBackend(candidate, webgpu);
      if (problem === null) {
        backend = candidate;
        break;
      }
      skipped.push(problem);
    }
    if (!backend) throw new Error(`No tfjs backend could start: ${skipped.join('; ')}`);

    const tensorsBefore = tf.memory().numTensors;
    const data = makeLogisticData(options.samples, options.seed);
    const xs = tf.tensor2d(data.x, [data.samples, data.features]);
    const ys = tf.tensor2d(data.y, [data.samples, 1]);
    const model = tf.sequential({
      layers: [
        tf.layers.dense({
          units: 1,
          inputShape: [data.features],
          activation: 'sigmoid',
          kernelInitializer: 'zeros', // deterministic start: the same losses on every run
          biasInitializer: 'zeros',
        }),
      ],
    });
    const optimizer = tf.train.sgd(options.learningRate);
    model.compile({ optimizer, loss: 'binaryCrossentropy' });
    const losses: number[] = [];
    let badLoss: string | null = null;
    const started = performance.now();
    let outcome: Omit<TrainResult, 'leakedTensors'>;
    try {
      await model.fit(xs, ys, {
        epochs: options.epochs,
        batchSize: 256,
        shuffle: false,
        callbacks: {
          onEpochEnd: async (epoch, logs) => {
            const loss = Number(logs?.loss);
            if (!Number.isFinite(loss)) {
              badLoss = `the loss became ${loss} in epoch ${epoch + 1}; lower the learning rate`;
              model.stopTraining = true;
              return;
            }
            losses.push(loss);
            await onEpoch({ epoch: epoch + 1, loss });
          },
        },
      });
      if (badLoss) throw new Error(`Training failed on ${backend}: ${badLoss}`);
      const timeMs = performance.now() - started;
      const correct = tf.tidy(() =>
        (model.predict(xs) as tf.Tensor).greater(0.5).cast('float32').equal(ys).sum(),
      );
      const accuracy = (await correct.data())[0] / data.samples; // data(), not dataSync(): webgpu
      correct.dispose();
      outcome = { backend, webgpu, skipped, losses, accuracy, timeMs };
    } finally {
      xs.dispose();
      ys.dispose();
      model.dispose();
      optimizer.dispose();
    }
    return { ...outcome, leakedTensors: tf.memory().numTensors - tensorsBefore };
  },
};

serveWorker('trainer', api);
