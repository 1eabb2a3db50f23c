import type { StateDescriptor } from './descriptors.ts';
import type { HeapState } from './heap-state.ts';
import { createStateHandle } from './heap-state-handles.ts';
import { assignToKeyGroup, type KeyGroupRange } from './key-groups.ts';
import {
  DEFAULT_MAX_PARALLELISM,
  VOID_NAMESPACE,
  type KeyedStateBackend,
  type Namespace,
} from './keyed-state-backend.ts';
import { restoreKeyedState, snapshotKeyedState, type KeyedStateSnapshot } from './keyed-state-snapshot.ts';
import type { State } from './state.ts';
import { StateTable, toStateKey, type StateContext, type StateKey } from './state-table.ts';
import type { ProcessingTimeService } from '../time/timer-service.ts';

/** Options of {@link HeapKeyedStateBackend}. */
export interface HeapKeyedStateBackendOptions {
  /** Number of key groups (Flink's max parallelism); default 128. */
  maxParallelism?: number;
  /** Key groups this subtask owns, inclusive; default all of them. */
  keyGroupRange?: KeyGroupRange;
  /** Clock for state TTL; default the wall clock. */
  processingTimeService?: ProcessingTimeService;
  /** Named in error messages. */
  operatorName?: string;
}

/** Handles per name are recreated past this many namespaces, so finished windows do not pile up. */
const MAX_CACHED_HANDLES = 1024;

/**
 * Keyed state on the JS heap (Flink's HeapKeyedStateBackend): per state name a table of
 * namespace → (key → value), with the key group of the current key computed once per setCurrentKey.
 *
 * @example
 * const backend = new HeapKeyedStateBackend({ maxParallelism: 128, keyGroupRange: { start: 0, end: 127 } });
 * const count = backend.getPartitionedState<ValueState<number>>(VOID_NAMESPACE, new ValueStateDescriptor('n', 0));
 * backend.setCurrentKey('alice');
 * count.update(count.value()! + 1);
 */
export class HeapKeyedStateBackend implements KeyedStateBackend, StateContext {
  readonly maxParallelism: number;
  readonly keyGroupRange: KeyGroupRange;
  readonly operatorName: string;
  hasCurrentKey = false;
  currentStateKey: StateKey = '';
  private currentKey: unknown = undefined;
  private currentKeyGroup = -1;
  /** @internal State tables by state name. */
  readonly tables = new Map<string, StateTable>();
  /** @internal Key group of each state key seen by a snapshot (see snapshotKeyedState). */
  readonly keyGroupCache = new Map<StateKey, number>();
  /** @internal Original keys of composite (array/object) state keys. */
  readonly compositeKeys = new Map<string, unknown>();
  private readonly handles = new Map<string, Map<Namespace, HeapState>>();
  private readonly clock: ProcessingTimeService | null;
  private lastDescriptor: StateDescriptor | null = null;
  private lastNamespace: Namespace = VOID_NAMESPACE;
  private lastHandle: HeapState | null = null;
  /** Key groups whose key was current since the last takeDirtyKeyGroups() (incremental checkpoints). */
  private readonly dirty: Uint8Array;

  constructor(options: HeapKeyedStateBackendOptions = {}) {
    this.maxParallelism = options.maxParallelism ?? DEFAULT_MAX_PARALLELISM;
    if (!(Number.isInteger(this.maxParallelism) && this.maxParallelism > 0 && this.maxParallelism <= 32768)) {
      throw new RangeError(`maxParallelism must be an integer in 1..32768, got ${options.maxParallelism}`);
    }
    this.keyGroupRange = options.keyGroupRange ?? { start: 0, end: this.maxParallelism - 1 };
    const { start, end } = this.keyGroupRange;
    if (!(start >= 0 && end < this.maxParallelism && start <= end + 1)) {
      throw new RangeError(`keyGroupRange [${start}, ${end}] must lie within 0..${this.maxParallelism - 1}`);
    }
    this.clock = options.processingTimeService ?? null;
    this.operatorName = options.operatorName ?? 'keyed operator';
    this.dirty = new Uint8Array(this.maxParallelism);
  }

  now(): number {
    return this.clock === null ? Date.now() : this.clock.getCurrentProcessingTime();
  }

  setCurrentKey(key: unknown): void {
    if (key === this.currentKey && this.hasCurrentKey) {
      this.dirty[this.currentKeyGroup] = 1;
      return;
    }
    this.setCurrentKeyWithGroup(key, assignToKeyGroup(key, this.maxParallelism));
  }

  /** Fast path for the runtime, which already computed the key group to route the record. */
  setCurrentKeyWithGroup(key: unknown, keyGroup: number): void {
    if (keyGroup < this.keyGroupRange.start || keyGroup > this.keyGroupRange.end) {
      throw new Error(
        `${this.operatorName}: key ${String(key).slice(0, 60)} is in key group ${keyGroup}, outside this subtask's ` +
          `key groups [${this.keyGroupRange.start}, ${this.keyGroupRange.end}]; records must reach keyed ` +
          `operators through keyBy(...) with the same max parallelism (${this.maxParallelism})`,
      );
    }
    // Every state or timer access happens under a current key: marking its group here is a cheap
    // superset of the groups written (Flink tracks changes per key group the same conservative way).
    this.dirty[keyGroup] = 1;
    this.currentKey = key;
    this.currentKeyGroup = keyGroup;
    this.hasCurrentKey = true;
    if (typeof key === 'object' && key !== null) {
      const sk = toStateKey(key) as string;
      if (!this.compositeKeys.has(sk)) this.compositeKeys.set(sk, key);
      this.currentStateKey = sk;
    } else this.currentStateKey = key as StateKey;
  }

  getCurrentKey(): unknown {
    return this.currentKey;
  }

  getCurrentKeyGroup(): number {
    return this.currentKeyGroup;
  }

  getPartitionedState<S extends State>(namespace: Namespace, descriptor: StateDescriptor): S {
    // Operators usually ask for the same state and window many times in a row.
    if (descriptor === this.lastDescriptor && namespace === this.lastNamespace)
      return this.lastHandle as unknown as S;
    const handle = this.lookupHandle(namespace, descriptor);
    this.lastDescriptor = descriptor;
    this.lastNamespace = namespace;
    this.lastHandle = handle;
    return handle as unknown as S;
  }

  private lookupHandle(namespace: Namespace, descriptor: StateDescriptor): HeapState {
    let byNamespace = this.handles.get(descriptor.name);
    if (byNamespace !== undefined) {
      const cached = byNamespace.get(namespace);
      if (
        cached !== undefined &&
        (cached.descriptor === descriptor || cached.table.kind === descriptor.kind)
      ) {
        return cached;
      }
    } else {
      byNamespace = new Map();
      this.handles.set(descriptor.name, byNamespace);
    }
    const table = this.tableFor(descriptor);
    if (byNamespace.size >= MAX_CACHED_HANDLES) byNamespace.clear();
    const handle = createStateHandle(this, table, namespace, table.descriptor!);
    byNamespace.set(namespace, handle);
    return handle;
  }

  private tableFor(descriptor: StateDescriptor): StateTable {
    let table = this.tables.get(descriptor.name);
    if (table === undefined) {
      table = new StateTable(descriptor.name, descriptor.kind, descriptor.ttl !== null);
      this.tables.set(descriptor.name, table);
    }
    if (table.kind !== descriptor.kind) {
      throw new Error(
        `${this.operatorName}: state "${descriptor.name}" is already registered as a ${table.kind} state, so it ` +
          `cannot be used as a ${descriptor.kind} state; give each state descriptor its own name`,
      );
    }
    if (table.descriptor === null) {
      // The first descriptor registered under a name defines the state (as in Flink); a restored
      // table adopts its TTL setting.
      table.convertTtl(descriptor.ttl !== null, this.now());
      table.descriptor = descriptor;
    }
    return table;
  }

  mergeNamespaces(target: Namespace, sources: Namespace[], descriptor: StateDescriptor): void {
    if (descriptor.kind === 'value' || descriptor.kind === 'map') {
      throw new Error(
        `${this.operatorName}: state "${descriptor.name}" is a ${descriptor.kind} state, which cannot merge ` +
          'namespaces: only list, reducing and aggregating states can (e.g. for session windows)',
      );
    }
    this.getPartitionedState<HeapState & State>(target, descriptor).mergeNamespaces(sources);
  }

  /** The original key of a state key (composite keys are stored by their string form). */
  keyOf(stateKey: StateKey): unknown {
    return typeof stateKey === 'string' && this.compositeKeys.has(stateKey)
      ? this.compositeKeys.get(stateKey)
      : stateKey;
  }

  forEachKey(stateName: string, namespace: Namespace, fn: (key: unknown) => void): void {
    const map = this.tables.get(stateName)?.namespaces.get(namespace);
    if (map === undefined) return;
    for (const k of Array.from(map.keys())) fn(this.keyOf(k));
  }

  numKeys(): number {
    const keys = new Set<StateKey>();
    for (const table of this.tables.values()) {
      for (const map of table.namespaces.values()) for (const k of map.keys()) keys.add(k);
    }
    return keys.size;
  }

  /**
   * A deep, structured-clone-able copy of the state, grouped by key group, for checkpoints and
   * rescaling; `includeGroup` limits it to some key groups (incremental checkpoints).
   *
   * @example const snap = backend.snapshot(); other.restore([snap]);
   */
  snapshot(includeGroup?: (keyGroup: number) => boolean): KeyedStateSnapshot {
    return snapshotKeyedState(this, includeGroup);
  }

  /**
   * The key groups touched (state or timers used under one of their keys) since the last call, in
   * ascending order, and clears the marks (every later use of a key marks its group again).
   *
   * @example backend.setCurrentKey('a'); backend.takeDirtyKeyGroups(); // [assignToKeyGroup('a', 128)]
   */
  takeDirtyKeyGroups(): number[] {
    const out: number[] = [];
    const d = this.dirty;
    for (let g = this.keyGroupRange.start; g <= this.keyGroupRange.end; g++) {
      if (d[g] === 1) {
        out.push(g);
        d[g] = 0;
      }
    }
    return out;
  }

  /**
   * Loads snapshots (e.g. of all old subtasks when rescaling), keeping only key groups in this
   * backend's range. Call before the operator opens, as Flink restores before open().
   *
   * @example backend.restore([snapshotOfSubtask0, snapshotOfSubtask1]);
   */
  restore(snapshots: readonly KeyedStateSnapshot[]): void {
    restoreKeyedState(this, snapshots);
    this.handles.clear();
    this.lastDescriptor = null;
    this.lastHandle = null;
  }
}
