/** Node worker_thread entry of bench/transport.ts: consumes each run it is handed (transport-consumer.ts). */
import { parentPort } from 'node:worker_threads';
import { consume, type RunRequest } from './transport-consumer.ts';

parentPort!.on('message', (request: RunRequest) => consume(request, (r) => parentPort!.postMessage(r)));
