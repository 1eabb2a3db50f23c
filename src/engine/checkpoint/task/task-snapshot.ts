import type { Namespace } from '../../state/keyed-state-backend.ts';
import type { StateKind } from '../../state/state-table.ts';

/** Flink's CheckpointingMode: aligned barriers (exactly-once) or unaligned counting (at-least-once). */
export type CheckpointingMode = 'EXACTLY_ONCE' | 'AT_LEAST_ONCE';

/** One list of operator state (Flink's operator ListState): split round-robin or union on rescale. */
export interface OperatorStateList {
  readonly mode: 'split' | 'union';
  readonly items: unknown[];
}

/** Entries of one keyed state in one key group, as parallel columns (entry i = keys[i], namespaces[i], values[i]). */
export interface StateColumns {
  readonly keys: unknown[];
  readonly namespaces: Namespace[];
  /** The stored values (map states: [userKey, value] pairs; with TTL wrapped as { v, ts }). */
  readonly values: unknown[];
}

/** Timers of one kind of one service in one key group, as parallel columns. */
export interface TimerColumns {
  readonly keys: unknown[];
  readonly namespaces: Namespace[];
  readonly timestamps: number[];
}

/**
 * The keyed state and timers of one key group of one operator: the content of a `kg:<n>` chunk.
 * Plain data (structured-clone-able), in columns so that large states cost no object per entry.
 * An empty group has empty records.
 */
export interface KeyGroupChunk {
  /** State name → its kind and whether its values carry TTL timestamps. */
  readonly states: Record<string, { kind: StateKind; ttl: boolean }>;
  /** State name → entries of this key group. */
  readonly entries: Record<string, StateColumns>;
  /** Timer service name → its timers of this key group. */
  readonly timers: Record<string, { eventTime: TimerColumns; processingTime: TimerColumns }>;
}

/** What one operator (by uid) of one subtask contributed to a checkpoint. */
export interface OperatorSnapshot {
  readonly subtaskIndex: number;
  readonly parallelism: number;
  readonly maxParallelism: number;
  /** Key groups this subtask owns (keyed operators only). */
  readonly keyGroupRange?: { start: number; end: number };
  /**
   * Keyed state + timers per key group. Full (`changedOnly` false): every non-empty group of the
   * range. Incremental: only groups changed since the last completed checkpoint (an emptied group
   * is sent as an empty chunk); the others are unchanged.
   */
  readonly keyGroups?: Record<number, KeyGroupChunk>;
  readonly changedOnly: boolean;
  /** Operator state (CheckpointedFunction lists, the source reader position) by name. */
  readonly operatorState?: Record<string, OperatorStateList>;
}

/**
 * A subtask's acknowledgement of a checkpoint (sent after its snapshot; the barrier was forwarded).
 * Structured-clone-able once `ready` resolved (drop `ready` before posting it).
 *
 * @example
 * task = new StreamTask({ ..., checkpointing: { mode: 'EXACTLY_ONCE' },
 *   onSnapshot: (ack) => void ack.ready.then(() => coordinator.acknowledge(taskKey, ack)) });
 */
export interface TaskSnapshotAck {
  readonly checkpointId: number;
  /** Time from the first to the last barrier of this checkpoint at this task (ms). */
  readonly alignmentMs: number;
  readonly operators: Record<string, OperatorSnapshot>;
  /** Resolves when async snapshot work (promises of CheckpointedFunction.snapshotState) is done. */
  readonly ready: Promise<void>;
}

/** The state one operator of one subtask restores from (its share, already redistributed). */
export interface OperatorRestoreState {
  /** Chunks of the key groups in this subtask's range. */
  readonly keyGroups: Record<number, KeyGroupChunk>;
  readonly operatorState: Record<string, OperatorStateList>;
}

/** A subtask's share of a checkpoint or savepoint, by operator uid, given before open(). */
export type TaskRestoreState = Record<string, OperatorRestoreState>;

/** Name of the operator-state list that holds a source reader's position (one item per subtask). */
export const SOURCE_POSITION_STATE = '__rivulet_source_position';

/**
 * Name of the operator-state list that holds a rescalable source's splits (Source.rescalable): one
 * item per split, redistributed round robin when the source's parallelism changes.
 */
export const SOURCE_SPLITS_STATE = '__rivulet_source_splits';

/** An empty key-group chunk (a group that was emptied since the base checkpoint). */
export const emptyKeyGroupChunk = (): KeyGroupChunk => ({ states: {}, entries: {}, timers: {} });
