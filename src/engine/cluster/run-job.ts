import { InlineExecutor } from '../runtime/inline-executor.ts';
import { buildJob } from './job-loader.ts';
import {
  DEFAULT_RPC_TIMEOUT_MS,
  JobManager,
  type JobClient,
  type JobManagerOptions,
  type SubmitOptions,
} from './job-manager.ts';
import type { SubtaskMetrics } from './protocol.ts';
import type { WorkerFactory } from './worker-handle.ts';
import { SessionWorkers } from './worker-source.ts';

/** Options of {@link runJob} and {@link submitJob}. */
export interface RunJobOptions extends Pick<
  SubmitOptions,
  'jobId' | 'restoreFrom' | 'allowNonRestoredState' | 'checkpointStorage' | 'onCheckpoint'
> {
  /** Default parallelism of the job's operators (default 1). */
  parallelism?: number;
  /** 'inline': one thread; 'workers': TaskManager workers (Web Workers / worker_threads). Default 'inline'. */
  runtime?: 'inline' | 'workers';
  /** Number of TaskManager workers (workers runtime). Default cores - 1, at least 1. */
  workers?: number;
  /** Starts a TaskManager worker. Default in Node: worker_threads; in browsers it must be given. */
  spawnWorker?: WorkerFactory;
  /**
   * Node's default workers only: heap limit of each TaskManager in MB (as Flink's TaskManager
   * memory). A worker reaching it fails the job with a message naming memory. Default: V8's.
   */
  workerHeapMb?: number;
  /** Metrics of every subtask, pushed at least every 500 ms (workers runtime). */
  onMetrics?: (metrics: SubtaskMetrics[]) => void;
  /** Tuning of the worker runtime (timeouts, heartbeats, credits, max workers). */
  cluster?: Omit<JobManagerOptions, 'spawnWorker'>;
}

const isNode = (): boolean =>
  typeof process !== 'undefined' &&
  typeof (process as { versions?: { node?: string } }).versions?.node === 'string';

/** Kept out of static imports so browser bundles never pull in node:worker_threads. */
const NODE_HOST = '../node/node-worker.ts';

/**
 * Starts a job module and returns its client (result, cancel, metrics).
 *
 * @example
 * const job = await submitJob('jobs/clicks.ts', { parallelism: 2, runtime: 'workers' });
 * setTimeout(() => job.cancel(), 10_000);
 */
export async function submitJob(moduleUrl: string | URL, options: RunJobOptions = {}): Promise<JobClient> {
  const node = isNode() ? await import(/* @vite-ignore */ NODE_HOST) : null;
  const url = await moduleHref(moduleUrl, node);
  const parallelism = options.parallelism ?? 1;
  const { jobId, restoreFrom, allowNonRestoredState } = options;
  if ((options.runtime ?? 'inline') === 'inline') {
    const { env, jobName, resultCollectId } = await buildJob(url, parallelism, new InlineExecutor());
    if (options.checkpointStorage) env.getCheckpointConfig().setCheckpointStorage(options.checkpointStorage);
    env.setRunOptions({ jobId, restoreFrom, allowNonRestoredState });
    const results: unknown[] = [];
    const handle = env.executeWithCollect(jobName, (id, value) => {
      if (id === resultCollectId) results.push(value);
    });
    return {
      jobId: handle.jobId,
      numWorkers: 0,
      result: handle.result.then(() => results),
      cancel: () => handle.cancel(),
      metrics: () => [],
      checkpoints: () => [...(handle.getCheckpointHistory?.() ?? [])],
      triggerSavepoint: (name) =>
        handle.triggerSavepoint
          ? handle.triggerSavepoint(name)
          : Promise.reject(new Error(`triggerSavepoint("${name}"): the job does not checkpoint`)),
      triggerCheckpoint: () => Promise.reject(new Error('triggerCheckpoint(): only in the workers runtime')),
      status: () => ({
        attemptNumber: 0,
        workersStarted: 0,
        workersReused: 0,
        restoredCheckpointId: 0,
        recoveriesMs: [],
      }),
    };
  }
  const jm = new JobManager({
    ...(node ? { cores: node.nodeCores() } : {}),
    ...options.cluster,
    spawnWorker: defaultSpawn(options, node),
  });
  return submitTo(jm, url, options);
}

type NodeHost = typeof import('../node/node-worker.ts');

/** The module's URL; in Node a plain path becomes a file URL. */
async function moduleHref(moduleUrl: string | URL, node: NodeHost | null): Promise<string> {
  const url = typeof moduleUrl === 'string' ? moduleUrl : moduleUrl.href;
  return node ? node.toModuleUrl(url) : url;
}

function defaultSpawn(
  { spawnWorker: given, workerHeapMb }: Pick<RunJobOptions, 'spawnWorker' | 'workerHeapMb'>,
  node: NodeHost | null,
): WorkerFactory {
  if (workerHeapMb !== undefined && (given || !node)) {
    throw new Error(
      given
        ? 'workerHeapMb limits the default Node workers only: with spawnWorker, set the limit where you start them'
        : "workerHeapMb: browsers do not let a page limit a Web Worker's heap; leave it out",
    );
  }
  if (given) return given;
  if (!node) {
    throw new Error(
      "runJob(…, { runtime: 'workers' }) in a browser needs spawnWorker, e.g. " +
        "() => browserWorkerHandle(new Worker(new URL('./taskmanager.ts', import.meta.url), { type: 'module' }))",
    );
  }
  return node.nodeTaskManagerFactory(undefined, { heapMb: workerHeapMb });
}

function submitTo(jm: JobManager, url: string, options: RunJobOptions): Promise<JobClient> {
  return jm.submit(url, {
    parallelism: options.parallelism ?? 1,
    workers: options.workers,
    onMetrics: options.onMetrics,
    jobId: options.jobId,
    restoreFrom: options.restoreFrom,
    allowNonRestoredState: options.allowNonRestoredState,
    checkpointStorage: options.checkpointStorage,
    onCheckpoint: options.onCheckpoint,
  });
}

/** Options of a job on a {@link SessionCluster} (its runtime is always the session's workers). */
export type SessionJobOptions = Omit<RunJobOptions, 'runtime' | 'spawnWorker' | 'cluster' | 'workerHeapMb'>;

/**
 * TaskManager workers kept between jobs, as a Flink session cluster: jobs run one after another (or
 * side by side, each on its own workers) without starting workers or loading the engine again, and
 * later jobs run on code the JIT has already optimized. Jobs take idle workers and start more when
 * none is idle; `close()` stops them all.
 */
export interface SessionCluster {
  submitJob(moduleUrl: string | URL, options?: SessionJobOptions): Promise<JobClient>;
  runJob<T = unknown>(moduleUrl: string | URL, options?: SessionJobOptions): Promise<T[]>;
  /** Workers started over the session's life (replacements of dead ones included). */
  readonly workersStarted: number;
  /** Workers waiting for a job. */
  readonly idleWorkers: number;
  /** Cancels the jobs still running, then stops every worker. */
  close(): Promise<void>;
}

/**
 * Starts a session cluster (workers start with its first job).
 *
 * @example
 * const session = await startSessionCluster();
 * const a = await session.runJob('jobs/clicks.ts', { parallelism: 2 });
 * const b = await session.runJob('jobs/clicks.ts', { parallelism: 2 }); // same two workers, warm
 * await session.close();
 */
export async function startSessionCluster(
  options: Pick<RunJobOptions, 'spawnWorker' | 'workerHeapMb'> & {
    cluster?: Omit<JobManagerOptions, 'spawnWorker' | 'workerSource'>;
  } = {},
): Promise<SessionCluster> {
  const node = isNode() ? await import(/* @vite-ignore */ NODE_HOST) : null;
  const spawnWorker = defaultSpawn(options, node);
  const workers = new SessionWorkers(spawnWorker, options.cluster?.rpcTimeoutMs ?? DEFAULT_RPC_TIMEOUT_MS);
  const jm = new JobManager({
    ...(node ? { cores: node.nodeCores() } : {}),
    ...options.cluster,
    spawnWorker,
    workerSource: workers,
  });
  const running = new Set<JobClient>();
  let closed = false;
  const submitJob = async (moduleUrl: string | URL, o: SessionJobOptions = {}) => {
    if (closed) throw new Error('submitJob: this session cluster is closed; start a new one');
    const client = await submitTo(jm, await moduleHref(moduleUrl, node), o);
    running.add(client);
    const done = () => running.delete(client);
    client.result.then(done, done);
    return client;
  };
  return {
    submitJob,
    async runJob<T>(moduleUrl: string | URL, o?: SessionJobOptions) {
      const client = await submitJob(moduleUrl, o);
      return (await client.result) as T[];
    },
    get workersStarted() {
      return workers.started;
    },
    get idleWorkers() {
      return workers.idleCount;
    },
    async close() {
      closed = true;
      // Running jobs are cancelled first, so they end as cancelled instead of losing their workers.
      await Promise.allSettled([...running].map((c) => c.cancel()));
      await workers.close();
    },
  };
}

/**
 * Runs a job module and resolves to the records of the DataStream its default export returned
 * ([] if it returned none), so the same module gives comparable results under every runtime.
 *
 * @example
 * // job.ts: export default (env) => env.fromElements(1, 2, 3).map((x) => x * 2);
 * const doubled = await runJob(new URL('./job.ts', import.meta.url), { parallelism: 2, runtime: 'workers' });
 */
export async function runJob<T = unknown>(
  moduleUrl: string | URL,
  options: RunJobOptions = {},
): Promise<T[]> {
  const job = await submitJob(moduleUrl, options);
  return (await job.result) as T[];
}
