// Web Worker producing the data-plane benchmark's runs (bench/transport-producer.ts) to a consumer
// worker it starts itself, so that both ends are workers, as a job's subtasks are.
import type { ConsumerResult, RunRequest } from '../transport-consumer.ts';
import { transportSuite } from '../transport-producer.ts';

self.onmessage = async (e: MessageEvent<{ runMs: number }>) => {
  const consumer = new Worker(new URL('./transport-consumer-worker.ts', import.meta.url), {
    type: 'module',
    name: 'transport-consumer',
  });
  const startConsumer = (request: RunRequest) => {
    const result = new Promise<ConsumerResult>((resolve, reject) => {
      consumer.onmessage = (m) => resolve(m.data);
      consumer.onerror = (err) => reject(new Error(`transport consumer worker failed: ${err.message}`));
    });
    consumer.postMessage(request, [request.port]);
    return result;
  };
  try {
    self.postMessage({ ok: await transportSuite(startConsumer, e.data.runMs, self.crossOriginIsolated) });
  } catch (error) {
    self.postMessage({ error: String((error as Error).stack ?? error) });
  } finally {
    consumer.terminate();
  }
};
