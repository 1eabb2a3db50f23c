import type { SinkContext } from '../../../../src/engine/api/functions/functions.ts';
import type { RuntimeContext } from '../../../../src/engine/api/functions/rich-function.ts';
import type {
  FunctionInitializationContext,
  OperatorListState,
} from '../../../../src/engine/checkpoint/checkpointed-function.ts';
import type { TwoPhaseCommitSinkFunction } from '../../../../src/engine/sinks/two-phase-commit-sink-function.ts';

/** Operator state as a checkpoint keeps it: name → items (cloned, as storage would). */
export type StoredState = Record<string, unknown[]>;

/**
 * Drives a sink's hooks in the order the runtime does (setRuntimeContext → initializeState →
 * open → invoke… → snapshotState → notifyCheckpointComplete), keeping what a checkpoint would store.
 */
export class SinkHarness<IN> {
  private lists = new Map<string, unknown[]>();
  readonly checkpoints = new Map<number, StoredState>();
  constructor(
    readonly sink: TwoPhaseCommitSinkFunction<IN, unknown>,
    private readonly subtask = 0,
    private readonly attempt = 0,
  ) {}

  async open(restored?: StoredState): Promise<void> {
    this.lists = new Map(Object.entries(structuredClone(restored ?? {})));
    const list = <T>(name: string): OperatorListState<T> => ({
      get: () => (this.lists.get(name) ?? []) as T[],
      add: (v: T) => this.lists.set(name, [...(this.lists.get(name) ?? []), v]),
      update: (vs: readonly T[]) => this.lists.set(name, [...vs]),
      clear: () => this.lists.set(name, []),
    });
    const context: FunctionInitializationContext = {
      isRestored: () => restored !== undefined,
      getOperatorStateStore: () => ({ getListState: list, getUnionListState: list }),
    };
    this.sink.setRuntimeContext({
      getIndexOfThisSubtask: () => this.subtask,
      getAttemptNumber: () => this.attempt,
    } as RuntimeContext);
    await this.sink.initializeState(context);
    this.sink.open();
  }

  write(...values: IN[]): void {
    const context: SinkContext = {
      timestamp: () => null,
      currentWatermark: () => -Infinity,
      currentProcessingTime: () => 0,
    };
    for (const v of values) this.sink.invoke(v, context);
  }

  /** The barrier of checkpoint `id` reaches the sink; returns what the checkpoint stores. */
  async snapshot(id: number): Promise<StoredState> {
    await this.sink.snapshotState({ checkpointId: id, checkpointTimestamp: id * 1000 });
    const stored = structuredClone(Object.fromEntries(this.lists)) as StoredState;
    this.checkpoints.set(id, stored);
    return stored;
  }

  complete(id: number): Promise<void> {
    return this.sink.notifyCheckpointComplete(id) as Promise<void>;
  }
}
