// Starts a TypeScript worker under Node 20, which cannot load .ts workers by itself: register tsx's
// ESM loader in this worker thread, then import the real entry (a file URL in workerData.entry).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
