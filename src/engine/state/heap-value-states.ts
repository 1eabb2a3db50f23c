import type {
  AggregatingStateDescriptor,
  ReducingStateDescriptor,
  ValueStateDescriptor,
} from './descriptors.ts';
import { copyRecord } from './copy-record.ts';
import { HeapState } from './heap-state.ts';
import type { AppendingState, ValueState } from './state.ts';
import type { TtlValue } from './state-table.ts';

/** Flink copies the default value per read, so a mutable default is never shared between keys. */
function copyDefault<T>(value: T): T {
  return typeof value === 'object' && value !== null ? structuredClone(value) : value;
}

/**
 * ValueState on the heap: `value()` returns the descriptor's default when unset; `update(null)` clears.
 *
 * @example const n = backend.getPartitionedState<ValueState<number>>(VOID_NAMESPACE, new ValueStateDescriptor('n', 0));
 */
export class HeapValueState<T> extends HeapState implements ValueState<T> {
  value(): T | null {
    const v = this.ttl === null ? this.getRaw() : this.readTtl();
    if (v !== undefined) return v as T;
    const d = (this.descriptor as ValueStateDescriptor<T>).defaultValue;
    return d === null ? null : copyDefault(d);
  }

  update(value: T | null): void {
    if (value === null || value === undefined) this.deleteRaw();
    else if (this.ttl === null) this.setRaw(value);
    else this.writeTtl(value);
  }
}

/**
 * ReducingState on the heap: `add` folds the value into the stored one with the reduce function.
 * The first value is stored as a copy: the reduce function may mutate its first argument (the
 * stored value), and that record may also be on its way to other consumers.
 *
 * @example const sum = backend.getPartitionedState<ReducingState<number>>(ns, new ReducingStateDescriptor('sum', (a, b) => a + b));
 */
export class HeapReducingState<T> extends HeapState implements AppendingState<T, T> {
  private readonly reduce = (this.descriptor as ReducingStateDescriptor<T>).reduce;

  get(): T | null {
    const v = this.ttl === null ? this.getRaw() : this.readTtl();
    return v === undefined ? null : (v as T);
  }

  add(value: T): void {
    if (value === null || value === undefined) return this.deleteRaw(); // as Flink's HeapReducingState
    if (this.ttl === null) {
      const k = this.key();
      const m = this.writeMap();
      const old = m.get(k);
      m.set(k, old === undefined ? copyRecord(value) : this.reduce(old as T, value));
    } else {
      const old = this.readTtl();
      this.writeTtl(old === undefined ? copyRecord(value) : this.reduce(old as T, value));
    }
  }

  protected override combineStored(a: unknown, b: unknown): unknown {
    if (this.ttl === null) return this.reduce(a as T, b as T);
    return { v: this.reduce((a as TtlValue<T>).v, (b as TtlValue<T>).v), ts: this.ctx.now() };
  }
}

/**
 * AggregatingState on the heap: stores the accumulator; `get` returns getResult(accumulator).
 *
 * @example const avg = backend.getPartitionedState<AggregatingState<number, number>>(ns, new AggregatingStateDescriptor('avg', averageFn));
 */
export class HeapAggregatingState<IN, ACC, OUT> extends HeapState implements AppendingState<IN, OUT> {
  private readonly fn = (this.descriptor as AggregatingStateDescriptor<IN, ACC, OUT>).aggregateFunction;

  get(): OUT | null {
    const acc = this.ttl === null ? this.getRaw() : this.readTtl();
    return acc === undefined ? null : this.fn.getResult(acc as ACC);
  }

  add(value: IN): void {
    if (value === null || value === undefined) return this.deleteRaw(); // as Flink's HeapAggregatingState
    if (this.ttl === null) {
      const k = this.key();
      const m = this.writeMap();
      const old = m.get(k);
      m.set(k, this.fn.add(value, old === undefined ? this.fn.createAccumulator() : (old as ACC)));
    } else {
      const old = this.readTtl();
      this.writeTtl(this.fn.add(value, old === undefined ? this.fn.createAccumulator() : (old as ACC)));
    }
  }

  protected override combineStored(a: unknown, b: unknown): unknown {
    if (this.ttl === null) return this.fn.merge(a as ACC, b as ACC);
    return { v: this.fn.merge((a as TtlValue<ACC>).v, (b as TtlValue<ACC>).v), ts: this.ctx.now() };
  }
}
