// Page of the Chromium ML benchmark: runs one backend's training in a Web Worker (as the trainer does).
import type { BackendBench, BenchRequest } from './ml-worker.ts';

function benchBackend(request: BenchRequest): Promise<BackendBench> {
  const worker = new Worker(new URL('./ml-worker.ts', import.meta.url), { type: 'module' });
  return new Promise<BackendBench>((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<BackendBench | { error: string }>) => {
      worker.terminate();
      if ('error' in e.data) reject(new Error(e.data.error));
      else resolve(e.data);
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(`the bench worker failed: ${e.message}`));
    };
    worker.postMessage(request);
  });
}

Object.assign(window, { benchBackend });
