import {
  latestCheckpoint,
  type CheckpointStats,
  type Savepoint,
  type RunningJob,
} from '../../client/index.ts';

/** localStorage key of the job the Job page last started (survives a reload). */
export const REMEMBERED_JOB_KEY = 'rivulet.job-page.running-job';

/** What the page remembers of a started job, to offer resuming it after a reload. */
export interface RememberedJob {
  readonly jobId: string;
  readonly code: string;
  readonly parallelism: number;
  readonly startedAt: number;
}

/** A remembered job with a completed checkpoint in IndexedDB: it can resume from there. */
export interface ResumableJob extends RememberedJob {
  readonly checkpointId: number;
  readonly checkpointTimestamp: number;
}

/** How a run starts: fresh, from the latest checkpoint of its job id, or from a savepoint. */
export interface RunFrom {
  jobId?: string;
  restoreFrom?: Savepoint | 'latest';
  allowNonRestoredState?: boolean;
}

/**
 * A new job id: unique per run, so checkpoints of different runs never mix in IndexedDB.
 *
 * @example
 * newJobId(); // 'job-lq2x1c-4f7a'
 */
export const newJobId = (): string =>
  `job-${Date.now().toString(36)}-${Math.floor(Math.random() * 0xffff)
    .toString(16)
    .padStart(4, '0')}`;

/**
 * The checkpoint side of the Job page: the running job's id and controls, its checkpoint history
 * (live from onCheckpoint), and the remembered job that can be resumed after a reload.
 *
 * @example
 * checkpointRun.begin({ jobId, code, parallelism, startedAt: Date.now() });
 * await checkpointRun.findResumable(); // checkpointRun.resumable?.checkpointId
 */
export class CheckpointRun {
  /** The running job's id (null when none runs). */
  jobId = $state<string | null>(null);
  /** Controls of the running job (workers runtime; null before it started and after it ended). */
  job = $state.raw<RunningJob | null>(null);
  /** Checkpoint history of the latest run, oldest first. */
  history = $state.raw<CheckpointStats[]>([]);
  /** What the latest run was restored from (shown above the history). */
  restoredFrom = $state<string | null>(null);
  /** A job of an earlier page load that can resume from its latest checkpoint. */
  resumable = $state.raw<ResumableJob | null>(null);

  /** Remembers a starting job (in localStorage) and clears the last run's history. */
  begin(job: RememberedJob, restoredFrom: string | null): void {
    this.jobId = job.jobId;
    this.job = null;
    this.history = [];
    this.restoredFrom = restoredFrom;
    this.resumable = null;
    storage()?.setItem(REMEMBERED_JOB_KEY, JSON.stringify(job));
  }

  /** The run ended: a finished job deleted its checkpoints, so there is nothing left to resume. */
  end(finished: boolean): void {
    this.job = null;
    this.jobId = null;
    if (finished) this.forget();
  }

  /** Forgets the remembered job (its checkpoints stay in IndexedDB; the Data page lists them). */
  forget(): void {
    this.resumable = null;
    storage()?.removeItem(REMEMBERED_JOB_KEY);
  }

  /** Looks for the remembered job's latest completed checkpoint; sets `resumable` if there is one. */
  async findResumable(): Promise<ResumableJob | null> {
    const remembered = readRemembered();
    if (!remembered || this.jobId) return null;
    const latest = await latestCheckpoint(remembered.jobId);
    if (!latest || this.jobId) return null;
    this.resumable = {
      ...remembered,
      checkpointId: latest.checkpointId,
      checkpointTimestamp: latest.completedTimestamp,
    };
    return this.resumable;
  }
}

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // storage disabled (privacy settings): nothing is remembered
  }
}

function readRemembered(): RememberedJob | null {
  const text = storage()?.getItem(REMEMBERED_JOB_KEY);
  if (!text) return null;
  try {
    const v = JSON.parse(text) as Partial<RememberedJob>;
    if (typeof v.jobId === 'string' && typeof v.code === 'string' && typeof v.parallelism === 'number')
      return v as RememberedJob;
  } catch {
    // A value another version wrote: fall through and drop it.
  }
  console.warn(`Job page: ignoring an unreadable ${REMEMBERED_JOB_KEY} entry in localStorage`);
  storage()?.removeItem(REMEMBERED_JOB_KEY);
  return null;
}

/** The Job page's checkpoint state (kept while navigating between pages). @example checkpointRun.history.length */
export const checkpointRun = new CheckpointRun();
