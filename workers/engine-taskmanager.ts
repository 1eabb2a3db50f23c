/**
 * TaskManager worker of the engine's worker runtime (issue 4): runs the subtasks the JobManager
 * worker (workers/engine-jobmanager.ts) deploys to it.
 */
import type { Endpoint } from 'comlink';
import { exposeTaskManager } from '../src/engine/index.ts';
import './engine-global.ts';

exposeTaskManager(self as unknown as Endpoint);
