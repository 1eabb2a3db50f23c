// Browser TaskManager entry for the Chromium test: what workers/engine-taskmanager.ts contains.
import type { Endpoint } from 'comlink';
import { exposeTaskManager } from '../../../../../src/engine/cluster/task-manager.ts';

exposeTaskManager(self as unknown as Endpoint);
