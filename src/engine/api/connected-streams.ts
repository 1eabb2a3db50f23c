import { TwoInputTransformation } from '../graph/transformations.ts';
import { CoProcessOperator, CoStreamFlatMap, CoStreamMap } from '../operators/co-operators.ts';
import type { OperatorFactory, TwoInputStreamOperator } from '../runtime/operator.ts';
import { SingleOutputStreamOperator, type DataStream } from './data-stream.ts';
import {
  KeyedCoProcessFunction,
  type CoFlatMapFunction,
  type CoMapFunction,
  type CoProcessFunction,
} from './functions/co-functions.ts';
import { checkMethods } from './functions/user-function.ts';
import type { KeySpec } from './key-selectors.ts';
import type { StreamExecutionEnvironment } from './stream-execution-environment.ts';

/** The key selector of a KeyedStream, null for any other stream (by shape: keyed-stream.ts imports this module). */
export const keySelectorOf = (s: DataStream<any>): ((v: any) => unknown) | null =>
  typeof (s as { getKeySelector?: unknown }).getKeySelector === 'function'
    ? (s as unknown as { getKeySelector(): (v: any) => unknown }).getKeySelector()
    : null;

/**
 * Two streams processed together by one operator with shared state (Flink's ConnectedStreams).
 *
 * @example
 * orders.connect(payments).keyBy((o) => o.id, (p) => p.orderId).process(new MatchFunction())
 */
export class ConnectedStreams<I1, I2> {
  constructor(
    private readonly environment: StreamExecutionEnvironment,
    private readonly input1: DataStream<I1>,
    private readonly input2: DataStream<I2>,
  ) {}
  getFirstInput(): DataStream<I1> {
    return this.input1;
  }
  getSecondInput(): DataStream<I2> {
    return this.input2;
  }
  /** Keys both inputs so records with equal keys meet in the same subtask. @example connected.keyBy('id', 'orderId') */
  keyBy<K>(key1: KeySpec<I1, K>, key2: KeySpec<I2, K>): ConnectedStreams<I1, I2> {
    return new ConnectedStreams(this.environment, this.input1.keyBy(key1), this.input2.keyBy(key2));
  }
  /** @example connected.map({ map1: (a) => `${a}`, map2: (b) => b }) */
  map<O>(fn: CoMapFunction<I1, I2, O>): SingleOutputStreamOperator<O> {
    checkMethods(fn, ['map1', 'map2'], 'connect(...).map()');
    return this.transform('Co-Map', () => new CoStreamMap<I1, I2, O>(fn));
  }
  /** @example connected.flatMap({ flatMap1: (a, out) => out.collect(a), flatMap2: (b, out) => out.collect(b) }) */
  flatMap<O>(fn: CoFlatMapFunction<I1, I2, O>): SingleOutputStreamOperator<O> {
    checkMethods(fn, ['flatMap1', 'flatMap2'], 'connect(...).flatMap()');
    return this.transform('Co-Flat Map', () => new CoStreamFlatMap<I1, I2, O>(fn));
  }
  /** A CoProcessFunction, or a KeyedCoProcessFunction when both inputs are keyed. @example connected.keyBy(k1, k2).process(new Join()) */
  process<O>(
    fn: CoProcessFunction<I1, I2, O> | KeyedCoProcessFunction<any, I1, I2, O>,
  ): SingleOutputStreamOperator<O> {
    checkMethods(fn, ['processElement1', 'processElement2'], 'connect(...).process()');
    const keyed = keySelectorOf(this.input1) !== null && keySelectorOf(this.input2) !== null;
    if (fn instanceof KeyedCoProcessFunction && !keyed) {
      throw new TypeError(
        'connect(...).process(): a KeyedCoProcessFunction needs both inputs keyed; call keyBy(key1, key2) on the connected streams first',
      );
    }
    return this.transform(
      keyed ? 'KeyedCoProcess' : 'Co-Process',
      () => new CoProcessOperator<I1, I2, O>(fn),
    );
  }
  /** A custom two-input operator (keyed when both inputs are keyed). @example connected.transform('Join', () => new MyJoinOperator()) */
  transform<O>(
    name: string,
    factory: OperatorFactory<TwoInputStreamOperator<I1, I2, O>>,
  ): SingleOutputStreamOperator<O> {
    const t = new TwoInputTransformation<I1, I2, O>(
      this.environment,
      name,
      this.input1.getTransformation(),
      this.input2.getTransformation(),
      factory,
    );
    const k1 = keySelectorOf(this.input1);
    const k2 = keySelectorOf(this.input2);
    if ((k1 === null) !== (k2 === null)) {
      throw new TypeError(
        `connect(...).${name}: either both inputs are keyed or neither; call keyBy on both`,
      );
    }
    t.stateKeySelector1 = k1;
    t.stateKeySelector2 = k2;
    this.environment.addOperator(t);
    return new SingleOutputStreamOperator<O>(this.environment, t);
  }
}
