import { DataStream } from '../api/data-stream.ts';
import { StreamExecutionEnvironment, type EnvironmentOptions } from '../api/stream-execution-environment.ts';
import { createExecutionGraph, type ExecutionGraph, type ExecutionVertex } from '../graph/execution-graph.ts';
import type { JobGraph } from '../graph/job-graph.ts';
import { jobPlan } from '../graph/plan.ts';
import { OneInputTransformation } from '../graph/transformations.ts';
import type { ChannelWriter } from '../runtime/stream-event.ts';
import type { ExecutionOptions, JobHandle, PipelineExecutor } from '../runtime/job-handle.ts';
import { CollectSinkOperator } from '../operators/sink-operators.ts';
import { StreamTaskCore, type TaskCoreHooks, type TaskCoreSettings } from './stream-task-core.ts';
import type { TaskCore } from './task-core.ts';

/**
 * A job module: its default export builds the pipeline on the environment it is given and may
 * return the DataStream whose records are the job's result.
 *
 * @example
 * // word-count.ts
 * export default (env: StreamExecutionEnvironment) => env.fromElements('a b', 'b').flatMap(split).keyBy((w) => w).sum(1);
 */
export type JobModule = {
  default: (
    env: StreamExecutionEnvironment,
  ) => DataStream<unknown> | void | Promise<DataStream<unknown> | void>;
};

/** What both the JobManager and every TaskManager derive from a job module. */
export interface LoadedJob {
  readonly jobName: string;
  readonly jobGraph: JobGraph;
  readonly executionGraph: ExecutionGraph;
  /** JSON of the plan; equal in every worker that built the same graph. */
  readonly fingerprint: string;
  /** The collect sink of the stream the module returned, or null. */
  readonly resultCollectId: number | null;
  /** What the module configured: checkpointing (config, storage), restart strategy, run options. */
  readonly executionOptions: ExecutionOptions;
  /** A TaskCore for one subtask, sending through `outputs` (per out-edge, per channel). */
  createTaskCore(
    vertex: ExecutionVertex,
    outputs: ChannelWriter[][],
    hooks: TaskCoreHooks,
    settings?: TaskCoreSettings,
  ): TaskCore;
}

/** Refuses execute() inside a job module: the runtime runs the module's pipeline, in every worker. */
const refuseExecute = (moduleUrl: string): PipelineExecutor => ({
  execute(): JobHandle {
    throw new Error(
      `Job module ${moduleUrl} called execute()/executeAndCollect() while being loaded. A job module only ` +
        'builds the pipeline: return the DataStream whose records you want (or nothing) from its default ' +
        'export, and runJob() runs it.',
    );
  },
});

/** A job module's pipeline, built on `env` (its sinks registered there). */
export interface BuiltJob {
  readonly env: StreamExecutionEnvironment;
  readonly jobName: string;
  readonly resultCollectId: number | null;
}

/**
 * Imports a job module (a URL: file:, blob:, http:) and builds its pipeline on a new environment
 * with `parallelism`; the collect sink of a returned DataStream is added as executeAndCollect does.
 * Import and build errors surface unchanged (their stack names the module's line). `executor` runs
 * the job later; calling execute() while the module is loading is refused with an explanation.
 *
 * @example const { env, jobName } = await buildJob(url, 2, new InlineExecutor());
 */
export async function buildJob(
  moduleUrl: string,
  parallelism: number,
  executor: PipelineExecutor | null,
  options: Omit<EnvironmentOptions, 'parallelism' | 'executor'> = {},
): Promise<BuiltJob> {
  const mod = (await import(/* @vite-ignore */ moduleUrl)) as Partial<JobModule>;
  if (typeof mod.default !== 'function') {
    throw new TypeError(
      `Job module ${moduleUrl} has no default export function; write: export default (env) => { ... }`,
    );
  }
  let loading = true;
  const refuse = refuseExecute(moduleUrl);
  const env = StreamExecutionEnvironment.getExecutionEnvironment({
    ...options,
    parallelism,
    executor: { execute: (g, o) => (loading || !executor ? refuse : executor).execute(g, o) },
  });
  const returned = await mod.default(env);
  loading = false;
  let resultCollectId: number | null = null;
  if (returned instanceof DataStream) {
    // The same sink executeAndCollect() adds: parallelism 1, records delivered by the runtime.
    const collectId = (resultCollectId = env.nextCollectId());
    const t = new OneInputTransformation(
      env,
      'Sink: Collect',
      returned.getTransformation(),
      () => new CollectSinkOperator(collectId),
    );
    t.nonParallel = true;
    env.addOperator(t);
  } else if (returned !== undefined) {
    throw new TypeError(
      `Job module ${moduleUrl}: the default export returned ${Object.prototype.toString.call(returned)}; ` +
        'return a DataStream (its records become the result) or nothing',
    );
  }
  const jobName =
    moduleUrl
      .split(/[/\\]/)
      .pop()
      ?.replace(/\.[cm]?[jt]s$/, '') || 'job';
  return { env, jobName, resultCollectId };
}

/**
 * Builds a job module's plan for the worker runtime (JobManager and every TaskManager call this).
 *
 * @example const plan = await loadJobPlan(new URL('./job.ts', import.meta.url).href, 2);
 */
export async function loadJobPlan(moduleUrl: string, parallelism: number): Promise<LoadedJob> {
  const { env, jobName, resultCollectId } = await buildJob(moduleUrl, parallelism, null);
  const jobGraph = env.getJobGraph(jobName);
  const executionGraph = createExecutionGraph(jobGraph);
  return {
    jobName,
    jobGraph,
    executionGraph,
    fingerprint: JSON.stringify(jobPlan(jobGraph)),
    resultCollectId,
    executionOptions: env.executionOptions(undefined),
    createTaskCore: (vertex, outputs, hooks, settings) =>
      new StreamTaskCore(vertex, outputs, jobGraph.config, hooks, settings),
  };
}
