/**
 * Data-plane benchmark between two worker_threads (run: npx tsx bench/transport.ts): this thread
 * produces (bench/transport-producer.ts, which lists the modes), a worker_thread consumes
 * (bench/transport-consumer.ts). bench/transport-browser.ts runs the same between two Web Workers
 * in Chromium. Figures are records/s and MB/s (of encoded bytes) measured in this one run.
 */
import { Worker } from 'node:worker_threads';
import { DEFAULT_CREDITS } from '../src/engine/net/credit-reader.ts';
import { printTable } from './measure.ts';
import type { ConsumerResult, RunRequest } from './transport-consumer.ts';
import { transportSuite } from './transport-producer.ts';

const RUN_MS = Number(process.env.RUN_MS ?? 250);

// Start the consumer through the same bootstrap the runtime uses (TypeScript in a worker_thread).
const worker = new Worker(new URL('../workers/node-bootstrap.mjs', import.meta.url), {
  workerData: { entry: new URL('./transport-worker.ts', import.meta.url).href },
});
const startConsumer = (request: RunRequest) => {
  const result = new Promise<ConsumerResult>((resolve) => worker.once('message', resolve));
  worker.postMessage(request, [request.port as any]);
  return result;
};

const { rows, summary } = await transportSuite(startConsumer, RUN_MS, true);
console.log(
  `Data plane between two worker_threads, ${RUN_MS} ms per cell, 4 credits per channel (data plane: ${DEFAULT_CREDITS})\n`,
);
printTable(rows);
console.log('\nRatios (same run)\n');
printTable(summary);
await worker.terminate();
