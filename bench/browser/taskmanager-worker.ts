// TaskManager Web Worker entry of the Chromium benchmark.
import type { Endpoint } from 'comlink';
import { exposeTaskManager } from '../../src/engine/cluster/task-manager.ts';

exposeTaskManager(self as unknown as Endpoint);
