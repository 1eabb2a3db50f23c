import { buildJob, type JobPlan } from '../engine/index.ts';
import { publishEngine } from './job-module.ts';

/**
 * The JobGraph of a job module at `parallelism`, as Flink's getExecutionPlan JSON: vertices (name,
 * parallelism, chained operators) and edges (partitioning). The module is imported and built in this
 * thread, with the collect sink of a returned DataStream, exactly as every runtime builds it, so the
 * vertex ids match the `vertex` of the metrics that runJob's `onMetrics` reports.
 *
 * @example
 * ```ts
 * const url = jobModuleUrlFromSource(code);
 * const plan = await getJobPlan(url, 2);
 * plan.edges.map((e) => e.partitioning); // ['HASH', 'FORWARD']
 * ```
 */
export async function getJobPlan(moduleUrl: string | URL, parallelism: number): Promise<JobPlan> {
  return (await describeJob(moduleUrl, parallelism)).plan;
}

/** What a page knows of a job module before it runs: its JobGraph and its checkpoint setting. */
export interface JobDescription {
  readonly plan: JobPlan;
  /** Whether the module calls `env.enableCheckpointing(ms)` (savepoints need it). */
  readonly checkpointing: boolean;
}

/**
 * {@link getJobPlan}, with whether the job enables checkpointing, from the same build.
 *
 * @example
 * const { plan, checkpointing } = await describeJob(url, 2); // checkpointing: false without enableCheckpointing
 */
export async function describeJob(moduleUrl: string | URL, parallelism: number): Promise<JobDescription> {
  if (!(Number.isInteger(parallelism) && parallelism >= 1))
    throw new RangeError(`getJobPlan: parallelism must be a whole number ≥ 1, got ${parallelism}`);
  publishEngine();
  const url = typeof moduleUrl === 'string' ? moduleUrl : moduleUrl.href;
  const { env, jobName } = await buildJob(url, parallelism, null);
  return {
    plan: env.getJobPlan(jobName),
    checkpointing: env.getCheckpointConfig().isCheckpointingEnabled(),
  };
}
