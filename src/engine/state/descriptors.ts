import type { AggregateFunction, ReduceFunction } from '../api/functions/reduce-aggregate.ts';
import { toReduce, checkAggregate } from '../api/functions/reduce-aggregate.ts';

/** Time-to-live for keyed state (Flink's StateTtlConfig, processing time, OnCreateAndWrite by default). */
export interface StateTtlConfig {
  ttlMs: number;
  updateType?: 'OnCreateAndWrite' | 'OnReadAndWrite';
  stateVisibility?: 'NeverReturnExpired' | 'ReturnExpiredIfNotCleanedUp';
}

/** Base of all state descriptors: a name unique within the operator, optional TTL. */
export abstract class StateDescriptor<T = unknown> {
  abstract readonly kind: 'value' | 'list' | 'map' | 'reducing' | 'aggregating';
  ttl: StateTtlConfig | null = null;
  declare readonly _type?: T;
  constructor(readonly name: string) {
    if (!name)
      throw new Error('A state descriptor needs a non-empty name, e.g. new ValueStateDescriptor("count")');
  }
  /** Expire entries `ttlMs` after their last write (processing time). */
  enableTimeToLive(config: StateTtlConfig): this {
    if (!(config.ttlMs > 0)) throw new Error(`State "${this.name}": ttlMs must be > 0, got ${config.ttlMs}`);
    this.ttl = config;
    return this;
  }
}

/** @example const count = ctx.getState(new ValueStateDescriptor<number>('count', 0)); */
export class ValueStateDescriptor<T> extends StateDescriptor<T> {
  readonly kind = 'value' as const;
  constructor(
    name: string,
    readonly defaultValue: T | null = null,
  ) {
    super(name);
  }
}

/** @example const seen = ctx.getListState(new ListStateDescriptor<string>('seen')); */
export class ListStateDescriptor<T> extends StateDescriptor<T[]> {
  readonly kind = 'list' as const;
}

/** @example const perUser = ctx.getMapState(new MapStateDescriptor<string, number>('perUser')); */
export class MapStateDescriptor<K, V> extends StateDescriptor<Map<K, V>> {
  readonly kind = 'map' as const;
}

/** @example const sum = ctx.getReducingState(new ReducingStateDescriptor('sum', (a, b) => a + b)); */
export class ReducingStateDescriptor<T> extends StateDescriptor<T> {
  readonly kind = 'reducing' as const;
  readonly reduce: (a: T, b: T) => T;
  constructor(name: string, reduceFunction: ReduceFunction<T>) {
    super(name);
    this.reduce = toReduce(reduceFunction, `ReducingStateDescriptor "${name}"`);
  }
}

/** @example const avg = ctx.getAggregatingState(new AggregatingStateDescriptor('avg', averageFn)); */
export class AggregatingStateDescriptor<IN, ACC, OUT> extends StateDescriptor<ACC> {
  readonly kind = 'aggregating' as const;
  declare readonly _in?: IN;
  declare readonly _out?: OUT;
  constructor(
    name: string,
    readonly aggregateFunction: AggregateFunction<IN, ACC, OUT>,
  ) {
    super(name);
    checkAggregate(aggregateFunction, `AggregatingStateDescriptor "${name}"`);
  }
}
