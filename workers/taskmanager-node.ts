/**
 * TaskManager worker entry for Node worker_threads (started through workers/node-bootstrap.mjs).
 * All logic lives in the engine; this only connects it to the thread's parent port.
 */
import { getHeapStatistics } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { exposeTaskManager } from '../src/engine/cluster/task-manager.ts';

if (!parentPort) throw new Error('workers/taskmanager-node.ts must run in a worker_thread');
exposeTaskManager(nodeEndpoint(parentPort), () => {
  const heap = getHeapStatistics(); // this thread's isolate
  return { usedBytes: heap.used_heap_size, limitBytes: heap.heap_size_limit };
});
