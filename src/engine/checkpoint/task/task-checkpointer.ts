import { HeapKeyedStateBackend } from '../../state/heap-keyed-state-backend.ts';
import type { SourceOperator } from '../../operators/source-operator.ts';
import type { StreamOperator } from '../../runtime/operator.ts';
import type { StreamOperatorContext } from '../../runtime/stream-operator-context.ts';
import type { CheckpointBarrierEvent } from '../../runtime/stream-event.ts';
import {
  isCheckpointedFunction,
  isCheckpointListener,
  type CheckpointedFunction,
  type CheckpointListener,
} from '../checkpointed-function.ts';
import { restoreKeyGroups, snapshotKeyGroups } from './keyed-chunks.ts';
import { DefaultOperatorStateStore } from './operator-state-store.ts';
import {
  SOURCE_POSITION_STATE,
  SOURCE_SPLITS_STATE,
  type OperatorSnapshot,
  type TaskRestoreState,
  type TaskSnapshotAck,
} from './task-snapshot.ts';

/** The operator and its user function, whichever implement the hook (Flink calls both). */
function hooksOf<H>(op: StreamOperator<unknown>, is: (x: unknown) => x is H): H[] {
  const out: H[] = [];
  if (is(op)) out.push(op);
  const fn = (op as { userFunction?: unknown }).userFunction;
  if (fn !== op && is(fn)) out.push(fn);
  return out;
}

/** Per keyed operator: which key groups changed since the last checkpoint the task knows completed. */
class DirtyTracker {
  /** False until a checkpoint this task snapshotted completed: until then snapshots are full. */
  private hasBase = false;
  private readonly pending = new Map<number, number[]>();
  constructor(readonly backend: HeapKeyedStateBackend) {}

  /** The groups to write for checkpoint `id`, or undefined for all (full). */
  changedFor(id: number, savepoint: boolean): number[] | undefined {
    if (savepoint) return undefined; // self-contained, and not a base: leave the marks alone
    this.pending.set(id, this.backend.takeDirtyKeyGroups());
    if (!this.hasBase) return undefined;
    const union = new Set<number>();
    for (const groups of this.pending.values()) for (const g of groups) union.add(g);
    return [...union].sort((a, b) => a - b);
  }

  completed(id: number): void {
    if (!this.pending.has(id)) return;
    this.hasBase = true;
    for (const k of [...this.pending.keys()]) if (k <= id) this.pending.delete(k);
  }
}

/**
 * The checkpoint side of one StreamTask (Flink's SubtaskCheckpointCoordinator): restores the
 * chain's state before open(), snapshots keyed state + timers by key group (incremental after
 * the first completed checkpoint), operator state of CheckpointedFunctions and the source reader
 * position, and relays checkpoint completion to CheckpointListeners.
 *
 * @example
 * const cp = new TaskCheckpointer(operators, contexts, sourceOp);
 * await cp.initialize(restoredState); // before open()
 * const ack = cp.snapshot(barrier, 0);
 */
export class TaskCheckpointer {
  private readonly stores: DefaultOperatorStateStore[] = [];
  private readonly trackers: (DirtyTracker | null)[];
  private readonly listeners: CheckpointListener[][];
  /** The source reader's last position (the reader is gone once the source closed). */
  private lastSourcePosition: unknown = null;

  constructor(
    private readonly operators: readonly StreamOperator<unknown>[],
    private readonly contexts: readonly StreamOperatorContext[],
    private readonly sourceOp: SourceOperator<unknown> | null,
  ) {
    this.trackers = contexts.map((c) =>
      c.keyedStateBackend instanceof HeapKeyedStateBackend ? new DirtyTracker(c.keyedStateBackend) : null,
    );
    this.listeners = operators.map((op) => hooksOf(op, isCheckpointListener));
  }

  /**
   * Loads `restored` (keyed state, timers, operator state, source position) and calls
   * initializeState on every CheckpointedFunction; returns a promise only if one of them did.
   */
  initialize(restored: TaskRestoreState | undefined): Promise<void> | void {
    const promises: Promise<void>[] = [];
    this.operators.forEach((op, i) => {
      const ctx = this.contexts[i];
      const mine = restored?.[ctx.uid];
      const backend = ctx.keyedStateBackend;
      if (mine !== undefined && Object.keys(mine.keyGroups).length > 0) {
        if (!(backend instanceof HeapKeyedStateBackend)) {
          throw new Error(
            `Operator "${ctx.operatorName}" (uid "${ctx.uid}"): the checkpoint holds keyed state for it but it is ` +
              'not keyed now; give the changed operator a new uid (and restore with allowNonRestoredState)',
          );
        }
        restoreKeyGroups(backend, ctx.timeServiceManager, mine.keyGroups);
      }
      const opState = { ...(mine?.operatorState ?? {}) };
      if (i === 0 && this.sourceOp !== null) {
        const pos = opState[SOURCE_POSITION_STATE];
        const splits = opState[SOURCE_SPLITS_STATE];
        delete opState[SOURCE_POSITION_STATE];
        delete opState[SOURCE_SPLITS_STATE];
        if (pos !== undefined && pos.items.length > 1) {
          throw new Error(
            `Source "${ctx.operatorName}": ${pos.items.length} reader positions were restored into one subtask; ` +
              'a source keeps its parallelism across restores (set it with setParallelism on the source)',
          );
        }
        if (splits !== undefined && !this.sourceOp.source.rescalable) {
          throw new Error(
            `Source "${ctx.operatorName}" (uid "${ctx.uid}"): the checkpoint holds the splits of a rescalable source ` +
              'but this source is not one; a changed source needs a new uid (restore with allowNonRestoredState)',
          );
        }
        // A rescalable source also takes a position from before it had splits (it converts it).
        if (splits !== undefined) this.sourceOp.restoredPosition = splits.items;
        else if (pos !== undefined && pos.items.length === 1) this.sourceOp.restoredPosition = pos.items[0];
      }
      const store = new DefaultOperatorStateStore(ctx.operatorName, opState);
      this.stores.push(store);
      // As Flink: true whenever the task starts from a checkpoint or savepoint, even with no state of its own.
      const restoredFlag = restored !== undefined;
      for (const fn of hooksOf(op, isCheckpointedFunction)) {
        const r = fn.initializeState({ isRestored: () => restoredFlag, getOperatorStateStore: () => store });
        if (r && typeof (r as Promise<void>).then === 'function') promises.push(r as Promise<void>);
      }
    });
    if (promises.length > 0) return Promise.all(promises).then(() => {});
  }

  /**
   * Takes the chain's snapshot for `barrier` (synchronous part; async work is in `ready`). With
   * `closed` (a finished task whose operators closed) functions are not called: their last state stands.
   */
  snapshot(barrier: CheckpointBarrierEvent, alignmentMs: number, closed = false): TaskSnapshotAck {
    const operators: Record<string, OperatorSnapshot> = {};
    const promises: Promise<void>[] = [];
    const fnContext = { checkpointId: barrier.checkpointId, checkpointTimestamp: barrier.timestamp };
    this.operators.forEach((op, i) => {
      const ctx = this.contexts[i];
      for (const fn of closed ? [] : hooksOf<CheckpointedFunction>(op, isCheckpointedFunction)) {
        const r = fn.snapshotState(fnContext);
        if (r && typeof (r as Promise<void>).then === 'function') promises.push(r as Promise<void>);
      }
      const operatorState = this.stores[i]?.snapshot() ?? {};
      if (i === 0 && this.sourceOp !== null) {
        const position = closed ? this.lastSourcePosition : this.sourceOp.snapshotPosition();
        this.lastSourcePosition = position;
        if (position !== null && this.sourceOp.source.rescalable) {
          if (!Array.isArray(position)) {
            throw new TypeError(
              `Source "${ctx.operatorName}" is rescalable, so its reader's snapshotState() must return an array ` +
                `of splits; it returned ${typeof position}`,
            );
          }
          operatorState[SOURCE_SPLITS_STATE] = { mode: 'split', items: position };
        } else if (position !== null)
          operatorState[SOURCE_POSITION_STATE] = { mode: 'split', items: [position] };
      }
      const tracker = this.trackers[i];
      const hasOpState = Object.keys(operatorState).length > 0;
      if (tracker === null && !hasOpState) return;
      const base = {
        subtaskIndex: ctx.subtaskIndex,
        parallelism: ctx.parallelism,
        maxParallelism: ctx.maxParallelism,
        operatorState,
      };
      if (tracker === null) {
        operators[ctx.uid] = { ...base, changedOnly: false };
        return;
      }
      const groups = tracker.changedFor(barrier.checkpointId, barrier.savepoint);
      const backend = tracker.backend;
      operators[ctx.uid] = {
        ...base,
        keyGroupRange: { ...backend.keyGroupRange },
        keyGroups: snapshotKeyGroups(backend, ctx.timeServiceManager, groups),
        changedOnly: groups !== undefined,
      };
    });
    return {
      checkpointId: barrier.checkpointId,
      alignmentMs,
      operators,
      ready: Promise.all(promises).then(() => {}),
    };
  }

  /** Checkpoint `id` is durable: the next incremental snapshot is relative to it; listeners are told. */
  notifyComplete(id: number): Promise<void> | void {
    for (const t of this.trackers) t?.completed(id);
    return this.notify((l) => l.notifyCheckpointComplete(id));
  }

  /** Checkpoint `id` was aborted: listeners are told (the next snapshot still covers its changes). */
  notifyAborted(id: number): Promise<void> | void {
    return this.notify((l) => l.notifyCheckpointAborted?.(id));
  }

  private notify(call: (l: CheckpointListener) => void | Promise<void>): Promise<void> | void {
    const promises: Promise<void>[] = [];
    for (const ls of this.listeners) {
      for (const l of ls) {
        const r = call(l);
        if (r && typeof (r as Promise<void>).then === 'function') promises.push(r as Promise<void>);
      }
    }
    if (promises.length > 0) return Promise.all(promises).then(() => {});
  }
}
