import type { KeyedStateStore } from '../../state/state.ts';

/**
 * What a rich function can ask of its running subtask (Flink's RuntimeContext). State getters work
 * only in keyed contexts (after keyBy) and throw otherwise, naming the operator.
 */
export interface RuntimeContext extends KeyedStateStore {
  getTaskName(): string;
  getIndexOfThisSubtask(): number;
  getNumberOfParallelSubtasks(): number;
  getMaxNumberOfParallelSubtasks(): number;
  /** 0 on the first run, then 1, 2, … after restarts, as in Flink. */
  getAttemptNumber(): number;
}

/** Passed to open(); empty for now, kept for Flink 2.x signature compatibility. */
export type OpenContext = Record<string, never>;

/**
 * Base of all rich functions: lifecycle hooks and access to the runtime context.
 *
 * @example
 * class CountingMap extends RichMapFunction<string, [string, number]> {
 *   private count!: ValueState<number>;
 *   override open() { this.count = this.getRuntimeContext().getState(new ValueStateDescriptor('n', 0)); }
 *   map(word: string): [string, number] { const n = this.count.value()! + 1; this.count.update(n); return [word, n]; }
 * }
 */
export abstract class AbstractRichFunction {
  private runtimeContext: RuntimeContext | null = null;
  /** Called by the runtime before open(). */
  setRuntimeContext(context: RuntimeContext): void {
    this.runtimeContext = context;
  }
  getRuntimeContext(): RuntimeContext {
    if (!this.runtimeContext) {
      throw new Error(
        `${this.constructor.name}.getRuntimeContext() is available only once the job runs (in open() or later), not in the constructor`,
      );
    }
    return this.runtimeContext;
  }
  open(_openContext?: OpenContext): void {}
  close(): void {}
}
