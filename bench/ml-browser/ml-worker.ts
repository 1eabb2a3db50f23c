/**
 * Worker of the Chromium ML benchmark: trains LogisticRegression (L-BFGS) and the MLP on one tfjs backend
 * (cpu, wasm, webgl via OffscreenCanvas, webgpu) and measures samples/s and held-out AUC.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { LogisticRegression } from '../../src/ml/linear/logistic-regression.ts';
import { MultilayerPerceptronClassifier } from '../../src/ml/classification/multilayer-perceptron.ts';
import { auc } from '../../src/ml/evaluation/binary.ts';
import type { TrainProgress } from '../../src/ml/pipeline/fit-options.ts';
import { linearScores, logisticSet } from '../ml-sgd.ts';

setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimd,
});
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);

/** One backend's run. */
export interface BenchRequest {
  backend: 'cpu' | 'wasm' | 'webgl' | 'webgpu';
  rows: number;
  cols: number;
  lrIter: number;
  mlpEpochs: number;
}

/** What one backend measured (adapter: the WebGPU adapter's description, flagged software or not). */
export interface BackendBench {
  backend: string;
  adapter: string;
  lr: { samplesPerSec: number; auc: number };
  mlp: { samplesPerSec: number; auc: number };
}

async function adapterText(): Promise<string> {
  const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<any> } }).gpu;
  const a = gpu ? await gpu.requestAdapter() : null;
  if (!a) return 'no WebGPU adapter';
  const text = [a.info?.vendor, a.info?.architecture, a.info?.description].filter(Boolean).join(' / ');
  const software = a.isFallbackAdapter || /swiftshader/i.test(text);
  return `${text || 'unnamed'}${software ? ' (software: SwiftShader)' : ' (hardware)'}`;
}

async function bench(r: BenchRequest): Promise<BackendBench> {
  if (!(await tf.setBackend(r.backend))) throw new Error(`${r.backend}: the backend failed to initialise`);
  await tf.ready();
  const set = logisticSet(r.rows, r.cols, 1);
  const test = logisticSet(Math.max(2000, r.rows / 5), r.cols, 2);
  const featureCols = Array.from({ length: r.cols }, (_, j) => `f${j}`);
  let last: TrainProgress | undefined;
  const lr = await new LogisticRegression({
    featureCols,
    labelCol: 'label',
    maxIter: r.lrIter,
    epsilon: 0,
  }).fit(set.rows, { onProgress: (p) => void (last = p) });
  const lrAuc = auc(test.y, linearScores(test.x, r.cols, lr.data.coefficients, lr.data.intercept));
  const t = performance.now();
  const mlp = await new MultilayerPerceptronClassifier({
    featureCols,
    labelCol: 'label',
    layers: [64, 32],
    maxIter: r.mlpEpochs,
    blockSize: 256,
  }).fit(set.rows);
  const mlpRate = (r.rows * r.mlpEpochs) / ((performance.now() - t) / 1000);
  const probs = await mlp.probabilities(test.rows);
  mlp.dispose();
  return {
    backend: tf.getBackend(),
    adapter: await adapterText(),
    lr: { samplesPerSec: last!.samplesPerSec, auc: lrAuc },
    mlp: {
      samplesPerSec: mlpRate,
      auc: auc(
        test.y,
        Array.from(test.y, (_, i) => probs[2 * i + 1]),
      ),
    },
  };
}

self.onmessage = (e: MessageEvent<BenchRequest>) => {
  bench(e.data).then(
    (result) => self.postMessage(result),
    (error: unknown) => self.postMessage({ error: error instanceof Error ? error.message : String(error) }),
  );
};
