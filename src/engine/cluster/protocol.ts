/**
 * Every message between the JobManager and its TaskManagers, in one place (as comlink keeps its
 * protocol in one file). Control calls go through Comlink (`TaskManagerApi`, each with a timeout);
 * pushes from a TaskManager (heartbeats, metrics, results, finished/failed) go over one event port
 * per TaskManager. Records between subtasks never pass here: they use the data plane (src/engine/net).
 * Checkpoint barriers travel on the data plane too; only their trigger (at the sources), the
 * acknowledgements and the completion notices pass here, as in Flink's RPCs.
 */
import type {
  CheckpointingMode,
  TaskRestoreState,
  TaskSnapshotAck,
} from '../checkpoint/task/task-snapshot.ts';
import type { CheckpointBarrierEvent } from '../runtime/stream-event.ts';

/** One parallel subtask: vertex index in the JobGraph and subtask index. */
export interface SubtaskRef {
  readonly vertex: number;
  readonly subtask: number;
}

/** A producer's end of a channel: output channel `channel` of out-edge `output` of a subtask. */
export interface ProducerEnd extends SubtaskRef {
  readonly output: number;
  readonly channel: number;
  readonly name: string;
  readonly port: MessagePort;
}

/** A consumer's end of a channel: input channel `channel` of a subtask. */
export interface ConsumerEnd extends SubtaskRef {
  readonly channel: number;
  readonly name: string;
  readonly port: MessagePort;
}

/** A channel whose two subtasks run in the same TaskManager: wired in memory, no port. */
export interface LocalChannelPlan {
  readonly producer: SubtaskRef & { output: number; channel: number };
  readonly consumer: SubtaskRef & { channel: number };
  readonly name: string;
}

/** What one TaskManager needs to run its share of a job. Ports are transferred with it. */
export interface DeployDescriptor {
  readonly jobId: string;
  /** The job module: every worker imports it and builds the same graph (functions never cross threads). */
  readonly moduleUrl: string;
  readonly parallelism: number;
  readonly workerIndex: number;
  /** The JobManager's plan, as JSON: the TaskManager checks that it built the same graph. */
  readonly planFingerprint: string;
  readonly subtasks: SubtaskRef[];
  readonly producers: ProducerEnd[];
  readonly consumers: ConsumerEnd[];
  readonly locals: LocalChannelPlan[];
  readonly credits: number;
  readonly heartbeatIntervalMs: number;
  readonly metricsIntervalMs: number;
  /** Where the TaskManager pushes TaskManagerEvents. */
  readonly events: MessagePort;
  /** 0 on the first run, then 1, 2, … after restarts (RuntimeContext.getAttemptNumber()). */
  readonly attemptNumber: number;
  /** Set when the job checkpoints: subtasks align barriers (EXACTLY_ONCE) or not (AT_LEAST_ONCE). */
  readonly checkpointing: { readonly mode: CheckpointingMode } | null;
  /** Each subtask's share of the restored checkpoint or savepoint (absent: a fresh start). */
  readonly restoreState: SubtaskRestore[];
  /** The checkpoint restored (0: none): collected results start in this epoch. */
  readonly restoredCheckpointId: number;
}

export type { CheckpointingMode };

/** One subtask's restore state in a DeployDescriptor (its share, already redistributed by uid). */
export interface SubtaskRestore extends SubtaskRef {
  readonly state: TaskRestoreState;
}

/**
 * A subtask's snapshot for a checkpoint (Flink's AcknowledgeCheckpoint): the task's ack without its
 * `ready` promise, posted once that resolved (so it is structured-clone-able).
 */
export type SubtaskSnapshot = Omit<TaskSnapshotAck, 'ready'>;

/** The Comlink-exposed TaskManager (see exposeTaskManager). */
export interface TaskManagerApi {
  /** Imports the job, builds the graph, instantiates the listed subtasks and wires their ports. */
  deploy(descriptor: DeployDescriptor): Promise<void>;
  /** Starts the deployed subtasks (after every TaskManager is deployed, so every port has both ends). */
  start(): Promise<void>;
  /** Stops the subtasks and closes their ports; the TaskManager can then take a new deploy(). */
  cancel(): Promise<void>;
  /**
   * Injects `barrier` at every source subtask deployed here (Flink's triggerCheckpoint): each
   * snapshots its reader position and operator state and sends the barrier downstream. A source that
   * already finished declines.
   */
  triggerCheckpoint(barrier: CheckpointBarrierEvent): Promise<void>;
  /** Checkpoint `checkpointId` is durable: CheckpointListeners commit (2PC sinks, collect). */
  notifyCheckpointComplete(checkpointId: number): Promise<void>;
  /** Checkpoint `checkpointId` was declined, timed out or failed to store. */
  notifyCheckpointAborted(checkpointId: number): Promise<void>;
}

/** Live figures of one subtask, pushed at least every metricsIntervalMs (default 500 ms). */
export interface SubtaskMetrics extends SubtaskRef {
  /** Flink-style name: "Window(...) -> Map (2/4)". */
  readonly name: string;
  readonly worker: number;
  readonly recordsIn: number;
  readonly recordsOut: number;
  /** Over the last metrics interval. */
  readonly recordsInPerSec: number;
  readonly recordsOutPerSec: number;
  /** Data batches posted on output channels and not yet acknowledged, plus those waiting for credit. */
  readonly batchesInFlight: number;
  /** The most batches ever in flight on one output channel: never above the receiver's credits. */
  readonly maxBatchesInFlight: number;
  /** Share of the last interval spent blocked waiting for credit (0..1). */
  readonly backpressureRatio: number;
  /** Share of the last interval spent processing (0..1). */
  readonly busyRatio: number;
  /** Total milliseconds spent processing. */
  readonly busyTimeMs: number;
  /** Combined input watermark (min over channels); -Infinity before the first, NaN for sources. */
  readonly inputWatermark: number;
  readonly finished: boolean;
}

/** An error as it crosses threads (the original message and stack, which names the job module line). */
export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  /** The error's cause, serialized the same way. */
  readonly cause?: SerializedError;
}

/**
 * A worker's JavaScript heap, where its host can tell (Node: v8.getHeapStatistics; browsers expose
 * nothing per worker). The JobManager keeps the last one to say why a worker went silent.
 */
export interface HeapUsage {
  readonly usedBytes: number;
  readonly limitBytes: number;
}

/** What to change when a worker runs out of heap (both ways of finding out say it). */
export const OUT_OF_MEMORY_ADVICE =
  'keep less state per worker (smaller windows, state TTL, more parallelism) or give each worker a ' +
  'larger heap (workerHeapMb)';

/** Pushed by a TaskManager over its event port. */
export type TaskManagerEvent =
  | { readonly type: 'heartbeat'; readonly worker: number; readonly heap?: HeapUsage }
  | { readonly type: 'metrics'; readonly worker: number; readonly subtasks: SubtaskMetrics[] }
  /**
   * Records of collect sink `collectId`, as one encoded batch buffer (transferred). `epoch`: the last
   * checkpoint whose barrier the sink subtask had passed when it emitted them (0: none), so the
   * JobManager can keep them until checkpoint epoch + 1 completes and drop them when it restores an
   * earlier one (exactly-once results, as Flink's collect sink).
   */
  | {
      readonly type: 'results';
      readonly collectId: number;
      readonly epoch: number;
      readonly batch: ArrayBuffer;
    }
  /** The subtask ended its input and waits for a checkpoint to complete before closing (FLIP-147). */
  | ({ readonly type: 'ended' } & SubtaskRef)
  /** The subtask closed (after its final checkpoint when checkpointing). */
  | ({ readonly type: 'finished' } & SubtaskRef)
  | ({ readonly type: 'ack'; readonly snapshot: SubtaskSnapshot } & SubtaskRef)
  | ({
      readonly type: 'decline';
      readonly checkpointId: number;
      readonly reason: SerializedError;
    } & SubtaskRef)
  | ({ readonly type: 'failed'; readonly error: SerializedError } & Partial<SubtaskRef>);

/**
 * An error as plain data, with its cause chain (the user function's frame is often on a cause: the
 * runtime wraps it in an error naming the operator).
 *
 * @example deserializeError(serializeError(new Error('outer', { cause: new Error('inner') }))).cause
 */
export function serializeError(e: unknown, depth = 0): SerializedError {
  if (!(e instanceof Error)) return { name: 'Error', message: String(e) };
  const out: { -readonly [K in keyof SerializedError]: SerializedError[K] } = {
    name: e.name,
    message: e.message,
    stack: e.stack,
  };
  if (e.cause !== undefined && depth < 8) out.cause = serializeError(e.cause, depth + 1);
  return out;
}

/** Rebuilds an Error with the original name, message, stack and causes (the remote location stays visible). */
export function deserializeError(s: SerializedError, prefix = ''): Error {
  const e = new Error(prefix + s.message, s.cause ? { cause: deserializeError(s.cause) } : undefined);
  e.name = s.name;
  if (s.stack) e.stack = `${s.name}: ${prefix}${s.message}\n${s.stack.split('\n').slice(1).join('\n')}`;
  return e;
}

/**
 * Appends every cause's stack to the error's own as "Caused by: …" lines (as Java prints them), for
 * channels that keep only name, message and stack — Comlink's error transfer drops `cause`.
 *
 * @example throw withCauseStacks(jobError); // the user function's frame stays visible to the page
 */
export function withCauseStacks<E>(e: E): E {
  if (!(e instanceof Error) || e.cause === undefined) return e;
  let stack = e.stack ?? `${e.name}: ${e.message}`;
  for (let c: unknown = e.cause, depth = 0; c !== undefined && depth < 8; depth++) {
    stack += `\nCaused by: ${c instanceof Error ? (c.stack ?? `${c.name}: ${c.message}`) : String(c)}`;
    c = c instanceof Error ? c.cause : undefined;
  }
  e.stack = stack;
  return e;
}
