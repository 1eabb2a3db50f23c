/**
 * JobManager worker: coordinates a run of the fixed job. It holds one data-plane port per
 * TaskManager and runs the source; the page controls it through Comlink.
 */
import type { FromTaskManager, JobManagerApi } from '../src/client/protocol.ts';
import { JobRun } from './support/JobRun.ts';
import { serveWorker } from './support/worker-runtime.ts';

let ports: MessagePort[] = [];
let current: JobRun | null = null;
let nextRunId = 1;

const api: JobManagerApi = {
  connect(dataPorts) {
    ports = dataPorts;
    ports.forEach((port) => {
      port.onmessage = (event: MessageEvent<FromTaskManager>) => current?.receive(event.data);
    });
  },
  start(settings, from, onEvent) {
    if (ports.length === 0) throw new Error('jobmanager: no TaskManagers connected; call connect() first');
    if (current && !current.isOver)
      throw new Error(`jobmanager: run ${current.runId} is still running; stop it first`);
    const run = new JobRun(nextRunId++, settings, from, ports, onEvent);
    current = run;
    void run.run().finally(() => {
      if (current === run) current = null;
    });
    return run.runId;
  },
  stop() {
    current?.stop();
  },
};

serveWorker('jobmanager', api);
