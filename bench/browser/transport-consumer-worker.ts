// Web Worker consuming the data-plane benchmark's runs (bench/transport-consumer.ts).
import { consume, type RunRequest } from '../transport-consumer.ts';

self.onmessage = (e: MessageEvent<RunRequest>) => consume(e.data, (r) => self.postMessage(r));
