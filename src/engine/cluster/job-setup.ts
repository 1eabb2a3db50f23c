import { RestartBackoff } from '../checkpoint/restart/restart-backoff.ts';
import type {
  CheckpointStorage,
  CompletedCheckpoint,
  Savepoint,
} from '../checkpoint/storage/checkpoint-storage.ts';
import type { CheckpointStats } from '../checkpoint/coordinator/checkpoint-stats.ts';
import { JobCheckpoints } from './job-checkpoints.ts';
import type { RestartDecider } from './job-execution.ts';
import type { LoadedJob } from './job-loader.ts';
import { assignRestoreState } from './restore-state.ts';

/** The run options that concern checkpoints and restarts. */
export interface CheckpointRunOptions {
  readonly restoreFrom?: Savepoint | CompletedCheckpoint | 'latest';
  readonly allowNonRestoredState?: boolean;
  readonly checkpointStorage?: CheckpointStorage;
  readonly onCheckpoint?: (history: CheckpointStats[]) => void;
}

const isSavepoint = (x: Savepoint | CompletedCheckpoint): x is Savepoint =>
  (x as Savepoint).format === 'rivulet-savepoint';

/**
 * A job's checkpointing and restart strategy in the worker runtime, from what its module configured
 * (env.enableCheckpointing, getCheckpointConfig, setRestartStrategy) and the run options: where it
 * restores from (a savepoint, a checkpoint, or 'latest' of its jobId) and where checkpoints go.
 *
 * @example const { checkpoints, restart } = await jobCheckpointing(plan, 'job-1', { restoreFrom: 'latest' });
 */
export async function jobCheckpointing(
  plan: LoadedJob,
  jobId: string,
  options: CheckpointRunOptions,
): Promise<{ checkpoints: JobCheckpoints | null; restart: RestartDecider }> {
  const exec = plan.executionOptions;
  const backoff = new RestartBackoff(exec.restartStrategy ?? { kind: 'no-restart' });
  const restart: RestartDecider = (_failures, error) => {
    const r = backoff.onFailure(Date.now());
    if (!r.restart) backoff.suppressed(error); // the job fails with it: says which strategy gave up
    return r.restart ? r.delayMs : null;
  };
  const cp = exec.checkpointing;
  if (!cp) {
    if (options.restoreFrom !== undefined) {
      throw new Error(
        `Job ${plan.jobName}: restoring from a checkpoint or savepoint needs checkpointing; call env.enableCheckpointing(intervalMs) in the job module`,
      );
    }
    return { checkpoints: null, restart };
  }
  const storage = options.checkpointStorage ?? cp.storage;
  let resumeFrom: CompletedCheckpoint | null = null;
  let savepoint: Savepoint | null = null;
  const from = options.restoreFrom;
  // Ids go on after what the storage holds for this jobId, so a new run never overwrites its chunks.
  const stored = await storage.latest(jobId);
  if (from === 'latest') resumeFrom = stored;
  else if (from && isSavepoint(from)) savepoint = from;
  else if (from) resumeFrom = from;
  const assign = assignRestoreState(storage, options.allowNonRestoredState ?? false);
  // Fail here, not in every attempt, when the state does not fit the job (unknown uid, max parallelism).
  const first = resumeFrom ?? savepoint;
  if (first) await assign(first, plan.executionGraph);
  const checkpoints = new JobCheckpoints({
    jobId,
    jobName: plan.jobName,
    storage,
    config: cp.config,
    graph: plan.executionGraph,
    assign,
    savepoint,
    resumeFrom,
    lastCheckpointId: stored?.checkpointId ?? 0,
    onStats: options.onCheckpoint && ((h) => options.onCheckpoint!(h.map((s) => ({ ...s })))),
  });
  return { checkpoints, restart };
}
