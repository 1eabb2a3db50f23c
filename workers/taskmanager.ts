/**
 * TaskManager worker: holds task slots, each running one parallel subtask of the job. The
 * JobManager sends batches over a MessageChannel port per subtask; the page controls the worker
 * through Comlink.
 */
import type { TaskManagerApi } from '../src/client/protocol.ts';
import { TaskSubtask } from './support/TaskSubtask.ts';
import { serveWorker } from './support/worker-runtime.ts';

const slots: TaskSubtask[] = [];

const api: TaskManagerApi = {
  connect(port, subtask) {
    slots.push(new TaskSubtask(port, subtask));
  },
};

serveWorker('taskmanager', api);
