// Browser TaskManager entry for the Chromium test: what workers/taskmanager.ts must contain.
import type { Endpoint } from 'comlink';
import { exposeTaskManager } from '../../../../../src/engine/cluster/task-manager.ts';

exposeTaskManager(self as unknown as Endpoint);
