// The page of the Chromium test: a JobManager worker with nested TaskManager workers, driven from here.
import * as Comlink from 'comlink';
import type { JobManagerApi } from '../../../../../src/engine/cluster/job-manager-endpoint.ts';

const jm = Comlink.wrap<JobManagerApi>(
  new Worker(new URL('./jobmanager-worker.ts', import.meta.url), { type: 'module' }),
);

/** Runs a job module across `parallelism` TaskManager workers; resolves to results or the error message. */
async function runInWorkers(
  moduleUrl: string,
  parallelism: number,
): Promise<{ results?: unknown[]; error?: string }> {
  try {
    const { jobId } = await jm.submit(moduleUrl, { parallelism, workers: parallelism });
    return { results: await jm.result(jobId) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

Object.assign(window, { runInWorkers });
