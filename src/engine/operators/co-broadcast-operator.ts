import type {
  BroadcastProcessFunction,
  KeyedBroadcastProcessFunction,
} from '../api/functions/broadcast-process-function.ts';
import { checkMethods, copyUserFunction } from '../api/functions/user-function.ts';
import type { MapStateDescriptor, StateDescriptor } from '../state/descriptors.ts';
import { VOID_NAMESPACE, type KeyedStateBackend } from '../state/keyed-state-backend.ts';
import type { State } from '../state/state.ts';
import type { TwoInputStreamOperator } from '../runtime/operator.ts';
import type { InternalTimerService } from '../time/timer-service.ts';
import { AbstractProcessOperator } from './abstract-process-operator.ts';
import type {
  CheckpointedFunction,
  FunctionInitializationContext,
  OperatorListState,
} from '../checkpoint/checkpointed-function.ts';
import { HeapBroadcastState } from './broadcast-state.ts';
import { ProcessContextImpl } from './process-contexts.ts';

type AnyBroadcastFn<I1, I2, O> =
  BroadcastProcessFunction<I1, I2, O> | KeyedBroadcastProcessFunction<any, I1, I2, O>;

/** A context that also serves broadcast state (read-only or writable) and keyed-state visits. */
class BroadcastContextImpl extends ProcessContextImpl {
  readOnly = true;
  constructor(
    private readonly states: Map<string, HeapBroadcastState<unknown, unknown>>,
    private readonly keyed: KeyedStateBackend | null,
    private readonly opName: string,
    ...base: ConstructorParameters<typeof ProcessContextImpl>
  ) {
    super(...base);
  }
  getBroadcastState(descriptor: MapStateDescriptor<any, any>): any {
    const state = this.states.get(descriptor?.name);
    if (!state) {
      throw new Error(
        `Operator "${this.opName}": broadcast state "${descriptor?.name}" was not declared; pass its descriptor to broadcast(...)`,
      );
    }
    return this.readOnly ? state.readOnly() : state;
  }
  applyToKeyedState<S extends State>(descriptor: StateDescriptor, fn: (key: any, state: S) => void): void {
    const backend = this.keyed;
    if (!backend) throw new Error(`Operator "${this.opName}": applyToKeyedState needs a keyed stream`);
    const keys: unknown[] = [];
    backend.forEachKey(descriptor.name, VOID_NAMESPACE, (k) => keys.push(k));
    const state = backend.getPartitionedState<S>(VOID_NAMESPACE, descriptor);
    for (const k of keys) {
      backend.setCurrentKey(k);
      fn(k, state);
    }
  }
}

/**
 * Runs a (Keyed)BroadcastProcessFunction (Flink's CoBroadcastWith(Non)KeyedOperator): input 1 is the
 * (keyed) data stream, which sees broadcast state read-only; input 2 is the broadcast stream, which
 * may write it. Keyed variants get keyed state and "user-timers".
 *
 * @example const factory = () => new CoBroadcastOperator(new RulesFunction(), [ruleStateDescriptor]);
 */
export class CoBroadcastOperator<I1, I2, O>
  extends AbstractProcessOperator<O, AnyBroadcastFn<I1, I2, O>, BroadcastContextImpl>
  implements TwoInputStreamOperator<I1, I2, O>, CheckpointedFunction
{
  private lists: Map<string, OperatorListState<[unknown, unknown][]>> | null = null;
  private readonly states = new Map<string, HeapBroadcastState<unknown, unknown>>();
  constructor(fn: AnyBroadcastFn<I1, I2, O>, descriptors: MapStateDescriptor<any, any>[]) {
    super(copyUserFunction(fn));
    checkMethods(fn, ['processElement', 'processBroadcastElement'], 'BroadcastProcessFunction');
    for (const d of descriptors) this.states.set(d.name, new HeapBroadcastState(d.name));
  }
  protected createContext(timers: InternalTimerService | null): BroadcastContextImpl {
    const c = this.context;
    return new BroadcastContextImpl(
      this.states,
      c.keyedStateBackend,
      c.operatorName,
      this.output,
      timers,
      c.keyedStateBackend,
      c.processingTimeService,
      () => this.currentWatermark,
      c.operatorName,
    );
  }
  /**
   * Restores broadcast state (with checkpointing). As in Flink every subtask holds the same
   * broadcast state, so subtask 0 stores it as a union list and every subtask gets it back.
   */
  initializeState(context: FunctionInitializationContext): void {
    const store = context.getOperatorStateStore();
    this.lists = new Map();
    for (const [name, state] of this.states) {
      const list = store.getUnionListState<[unknown, unknown][]>(`broadcast-state:${name}`);
      this.lists.set(name, list);
      const stored = list.get()[0];
      if (stored !== undefined) for (const [k, v] of stored) state.map.set(k, v);
    }
  }
  snapshotState(): void {
    for (const [name, state] of this.states) {
      const list = this.lists!.get(name)!;
      list.update(this.context.subtaskIndex === 0 ? [Array.from(state.map)] : []);
    }
  }
  /** Broadcast state of this subtask (for snapshots and tests). */
  getBroadcastStates(): Map<string, HeapBroadcastState<unknown, unknown>> {
    return this.states;
  }
  processElement1(value: I1, timestamp: number): void {
    this.collector.timestamp = this.ctx.ts = timestamp;
    this.ctx.readOnly = true;
    try {
      this.userFunction.processElement(value, this.ctx as any, this.collector);
    } catch (e) {
      throw this.fail('processElement()', e, { value });
    }
  }
  processElement2(value: I2, timestamp: number): void {
    this.collector.timestamp = this.ctx.ts = timestamp;
    this.ctx.readOnly = false;
    try {
      this.userFunction.processBroadcastElement(value, this.ctx as any, this.collector);
    } catch (e) {
      throw this.fail('processBroadcastElement()', e, { value });
    } finally {
      this.ctx.readOnly = true;
    }
  }
  /** Timers see broadcast state read-only, as in Flink. */
  protected override beforeTimer(): void {
    this.ctx.readOnly = true;
  }
}
