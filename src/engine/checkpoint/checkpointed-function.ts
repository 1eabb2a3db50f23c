/**
 * The user-facing checkpoint hooks, as in Flink: a function (source, map, sink, ...) that keeps
 * non-keyed state implements CheckpointedFunction; one that must act when a checkpoint is durable
 * (a two-phase-commit sink) implements CheckpointListener. The runtime calls them on the function
 * of every operator that has them.
 */

/** Non-keyed list state of one subtask (Flink's operator ListState). */
export interface OperatorListState<T> {
  get(): readonly T[];
  add(value: T): void;
  update(values: readonly T[]): void;
  clear(): void;
}

/**
 * Where a function gets its operator state (Flink's OperatorStateStore). On rescaling, the entries
 * of a `getListState` list are split round-robin over the new subtasks; every subtask receives all
 * entries of a `getUnionListState` list.
 */
export interface OperatorStateStore {
  getListState<T>(name: string): OperatorListState<T>;
  getUnionListState<T>(name: string): OperatorListState<T>;
}

/** Facts about the checkpoint being taken. */
export interface FunctionSnapshotContext {
  readonly checkpointId: number;
  /** When the coordinator triggered it (ms since the epoch). */
  readonly checkpointTimestamp: number;
}

/** Handed to initializeState, before open(). */
export interface FunctionInitializationContext {
  /** True when restoring from a checkpoint or savepoint (also after a restart). */
  isRestored(): boolean;
  getOperatorStateStore(): OperatorStateStore;
}

/**
 * A function with its own (non-keyed) state. `snapshotState` runs when the barrier reaches the
 * operator, before the barrier is forwarded; a returned promise delays the acknowledgement (not the
 * records) until it settles, e.g. while a sink writes its pre-committed transaction.
 *
 * @example
 * class CountingMap implements CheckpointedFunction {
 *   count = 0; state!: OperatorListState<number>;
 *   map(x: number) { this.count++; return x; }
 *   initializeState(ctx: FunctionInitializationContext) {
 *     this.state = ctx.getOperatorStateStore().getListState('count');
 *     this.count = this.state.get().reduce((a, b) => a + b, 0);
 *   }
 *   snapshotState() { this.state.update([this.count]); }
 * }
 */
export interface CheckpointedFunction {
  snapshotState(context: FunctionSnapshotContext): void | Promise<void>;
  initializeState(context: FunctionInitializationContext): void | Promise<void>;
}

/**
 * Told when a checkpoint completed (every subtask acknowledged and it is stored) or was aborted.
 * Notifications may be skipped for older checkpoints (a later one subsumes them), as in Flink.
 *
 * @example
 * class Committer implements CheckpointListener {
 *   notifyCheckpointComplete(id: number) { commitUpTo(id); }
 * }
 */
export interface CheckpointListener {
  notifyCheckpointComplete(checkpointId: number): void | Promise<void>;
  notifyCheckpointAborted?(checkpointId: number): void | Promise<void>;
}

/** True when `fn` implements CheckpointedFunction. */
export const isCheckpointedFunction = (fn: unknown): fn is CheckpointedFunction =>
  typeof fn === 'object' &&
  fn !== null &&
  typeof (fn as CheckpointedFunction).snapshotState === 'function' &&
  typeof (fn as CheckpointedFunction).initializeState === 'function';

/** True when `fn` implements CheckpointListener. */
export const isCheckpointListener = (fn: unknown): fn is CheckpointListener =>
  typeof fn === 'object' &&
  fn !== null &&
  typeof (fn as CheckpointListener).notifyCheckpointComplete === 'function';
