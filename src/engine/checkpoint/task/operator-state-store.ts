import type { OperatorListState, OperatorStateStore } from '../checkpointed-function.ts';
import type { OperatorStateList } from './task-snapshot.ts';

class ListStateImpl<T> implements OperatorListState<T> {
  values: T[];
  constructor(
    readonly mode: 'split' | 'union',
    initial: readonly T[],
  ) {
    this.values = [...initial];
  }
  get(): readonly T[] {
    return this.values;
  }
  add(value: T): void {
    this.values.push(value);
  }
  update(values: readonly T[]): void {
    this.values = [...values];
  }
  clear(): void {
    this.values = [];
  }
}

/**
 * The operator state of one operator in one subtask (Flink's DefaultOperatorStateStore): named
 * lists, split round-robin (`getListState`) or given whole to every subtask (`getUnionListState`)
 * when restored at another parallelism. Restored lists are handed out on first request.
 *
 * @example
 * const store = new DefaultOperatorStateStore('Map', restored);
 * store.getListState<number>('count').update([3]);
 * store.snapshot(); // { count: { mode: 'split', items: [3] } }
 */
export class DefaultOperatorStateStore implements OperatorStateStore {
  private readonly lists = new Map<string, ListStateImpl<unknown>>();

  constructor(
    private readonly operatorName: string,
    private readonly restored: Readonly<Record<string, OperatorStateList>> = {},
  ) {}

  getListState<T>(name: string): OperatorListState<T> {
    return this.list<T>(name, 'split');
  }

  getUnionListState<T>(name: string): OperatorListState<T> {
    return this.list<T>(name, 'union');
  }

  private list<T>(name: string, mode: 'split' | 'union'): OperatorListState<T> {
    if (typeof name !== 'string' || name === '')
      throw new TypeError(`${this.operatorName}: operator state needs a non-empty name`);
    let list = this.lists.get(name);
    if (list === undefined) {
      const restored = this.restored[name];
      if (restored !== undefined && restored.mode !== mode) {
        throw new Error(
          `${this.operatorName}: operator state "${name}" was stored as ${restored.mode === 'union' ? 'union ' : ''}list ` +
            `state; ask for it with ${restored.mode === 'union' ? 'getUnionListState' : 'getListState'}`,
        );
      }
      list = new ListStateImpl<unknown>(mode, restored?.items ?? []);
      this.lists.set(name, list);
    } else if (list.mode !== mode) {
      throw new Error(
        `${this.operatorName}: operator state "${name}" is already a ${list.mode} list; give each list its own name`,
      );
    }
    return list as ListStateImpl<T>;
  }

  /** Whether any list was restored (isRestored() of the initialization context). */
  hasRestoredState(): boolean {
    return Object.keys(this.restored).length > 0;
  }

  /** Deep copies of every list (restored lists never asked for are kept, as Flink does). */
  snapshot(): Record<string, OperatorStateList> {
    const out: Record<string, OperatorStateList> = {};
    for (const [name, r] of Object.entries(this.restored)) if (!this.lists.has(name)) out[name] = r;
    for (const [name, list] of this.lists) out[name] = { mode: list.mode, items: list.values };
    try {
      return structuredClone(out);
    } catch (e) {
      throw new Error(
        `${this.operatorName}: operator state holds a value that cannot be copied into a checkpoint ` +
          `(${(e as Error).message}); keep it plain data`,
        { cause: e },
      );
    }
  }
}
