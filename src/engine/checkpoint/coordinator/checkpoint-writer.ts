import type {
  CheckpointStorage,
  CompletedCheckpoint,
  OperatorCheckpointMeta,
  Savepoint,
  StateChunkRef,
} from '../storage/checkpoint-storage.ts';
import type { KeyGroupChunk, TaskSnapshotAck } from '../task/task-snapshot.ts';

/** What the writer needs to know about the checkpoint it stores. */
export interface CheckpointWriteRequest {
  readonly jobId: string;
  readonly jobName: string;
  readonly checkpointId: number;
  readonly triggerTimestamp: number;
  readonly acks: readonly Omit<TaskSnapshotAck, 'ready'>[];
  /** The latest completed checkpoint: incremental snapshots refer to its chunks for unchanged groups. */
  readonly base: CompletedCheckpoint | null;
}

const isEmptyChunk = (c: KeyGroupChunk): boolean =>
  Object.keys(c.entries).length === 0 && Object.keys(c.timers).length === 0;

/**
 * Writes a checkpoint's chunks (one per operator uid and part) and returns its metadata, not yet
 * committed. Changed key groups get new chunks; with incremental acks the other groups of the
 * subtask's range refer to the base checkpoint's chunks; empty groups get no chunk.
 *
 * @example const meta = await writeCheckpointChunks(storage, request); await storage.commit(meta, retained);
 */
export async function writeCheckpointChunks(
  storage: CheckpointStorage,
  req: CheckpointWriteRequest,
  now: number,
): Promise<CompletedCheckpoint> {
  const operators: Record<
    string,
    { parallelism: number; maxParallelism: number; chunks: Record<string, StateChunkRef> }
  > = {};
  const writes: Promise<void>[] = [];
  let bytesWritten = 0;
  let incremental = false;
  let alignmentMs = 0;
  const write = (uid: string, part: string, data: unknown): void => {
    writes.push(
      storage.writeChunk(req.jobId, req.checkpointId, uid, part, data).then((ref) => {
        operators[uid].chunks[part] = ref;
        bytesWritten += ref.bytes;
      }),
    );
  };
  for (const ack of req.acks) {
    alignmentMs = Math.max(alignmentMs, ack.alignmentMs);
    for (const [uid, op] of Object.entries(ack.operators)) {
      const meta = (operators[uid] ??= {
        parallelism: op.parallelism,
        maxParallelism: op.maxParallelism,
        chunks: {},
      });
      for (const [g, chunk] of Object.entries(op.keyGroups ?? {})) {
        if (!isEmptyChunk(chunk)) write(uid, `kg:${g}`, chunk);
      }
      if (op.changedOnly) {
        incremental = true;
        const base = req.base?.operators[uid];
        if (base === undefined || base.maxParallelism !== op.maxParallelism) {
          throw new Error(
            `Checkpoint ${req.checkpointId}: operator "${uid}" sent an incremental snapshot but checkpoint ` +
              `${req.base?.checkpointId ?? '(none)'} has no matching state to build on`,
          );
        }
        const range = op.keyGroupRange!;
        for (let g = range.start; g <= range.end; g++) {
          const ref = base.chunks[`kg:${g}`];
          if (ref !== undefined && op.keyGroups?.[g] === undefined) meta.chunks[`kg:${g}`] = ref;
        }
      }
      if (op.operatorState && Object.keys(op.operatorState).length > 0)
        write(uid, `op:${op.subtaskIndex}`, op.operatorState);
    }
  }
  await Promise.all(writes);
  let totalBytes = 0;
  for (const op of Object.values(operators))
    for (const ref of Object.values(op.chunks)) totalBytes += ref.bytes;
  return {
    jobId: req.jobId,
    jobName: req.jobName,
    checkpointId: req.checkpointId,
    triggerTimestamp: req.triggerTimestamp,
    completedTimestamp: now,
    alignmentMs,
    bytesWritten,
    totalBytes,
    incremental,
    operators: operators as Record<string, OperatorCheckpointMeta>,
  };
}

/**
 * The self-contained savepoint of a checkpoint whose chunks were just written (`meta`, not yet
 * committed): each part from the acks when they hold it, else read from the chunk the checkpoint
 * refers to (a key group an incremental ack left unchanged, e.g. in the last snapshot of a task that
 * finished, which the JobManager sends again for it). Copies: the storage owns what it was given.
 *
 * @example const savepoint = await savepointOfCheckpoint('v1', 'job', meta, acks, storage, Date.now());
 */
export async function savepointOfCheckpoint(
  name: string,
  jobName: string,
  meta: CompletedCheckpoint,
  acks: readonly Omit<TaskSnapshotAck, 'ready'>[],
  storage: CheckpointStorage,
  createdTimestamp: number,
): Promise<Savepoint> {
  const inAcks = new Map<string, unknown>();
  for (const ack of acks) {
    for (const [uid, op] of Object.entries(ack.operators)) {
      for (const [g, chunk] of Object.entries(op.keyGroups ?? {})) inAcks.set(`${uid}\u0000kg:${g}`, chunk);
      if (op.operatorState) inAcks.set(`${uid}\u0000op:${op.subtaskIndex}`, op.operatorState);
    }
  }
  const operators: Record<
    string,
    { parallelism: number; maxParallelism: number; parts: Record<string, unknown> }
  > = {};
  const reads: Promise<void>[] = [];
  for (const [uid, op] of Object.entries(meta.operators)) {
    const parts: Record<string, unknown> = {};
    operators[uid] = { parallelism: op.parallelism, maxParallelism: op.maxParallelism, parts };
    for (const [part, ref] of Object.entries(op.chunks)) {
      const own = ref.checkpointId === meta.checkpointId ? inAcks.get(`${uid}\u0000${part}`) : undefined;
      if (own !== undefined) parts[part] = structuredClone(own);
      else
        reads.push(storage.readChunk(meta.jobId, uid, part, ref).then((data) => void (parts[part] = data)));
    }
  }
  await Promise.all(reads);
  return { format: 'rivulet-savepoint', version: 1, name, jobName, createdTimestamp, operators };
}
