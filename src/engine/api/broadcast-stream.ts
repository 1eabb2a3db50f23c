import { TwoInputTransformation } from '../graph/transformations.ts';
import { CoBroadcastOperator } from '../operators/co-broadcast-operator.ts';
import type { MapStateDescriptor } from '../state/descriptors.ts';
import { checkSameEnvironment, SingleOutputStreamOperator, type DataStream } from './data-stream.ts';
import {
  KeyedBroadcastProcessFunction,
  type BroadcastProcessFunction,
} from './functions/broadcast-process-function.ts';
import { checkMethods } from './functions/user-function.ts';
import type { StreamExecutionEnvironment } from './stream-execution-environment.ts';

/**
 * A stream whose records are sent to every subtask and update broadcast state (Flink's BroadcastStream).
 *
 * @example const rules = ruleStream.broadcast(new MapStateDescriptor<string, Rule>('rules'));
 */
export class BroadcastStream<T> {
  constructor(
    readonly environment: StreamExecutionEnvironment,
    /** The broadcast-partitioned input. */
    readonly input: DataStream<T>,
    readonly descriptors: MapStateDescriptor<any, any>[],
  ) {
    for (const d of descriptors) {
      if (!d || d.kind !== 'map') {
        throw new TypeError(
          'broadcast(...descriptors): broadcast state is declared with MapStateDescriptors',
        );
      }
    }
  }
}

/**
 * A (keyed) stream connected with a broadcast stream (Flink's BroadcastConnectedStream).
 *
 * @example events.keyBy((e) => e.user).connect(rules).process(new RuleEvaluator())
 */
export class BroadcastConnectedStream<I1, I2> {
  constructor(
    private readonly environment: StreamExecutionEnvironment,
    private readonly input1: DataStream<I1>,
    private readonly broadcastInput: BroadcastStream<I2>,
  ) {
    checkSameEnvironment(environment, broadcastInput.environment, 'connect()');
  }
  /**
   * A BroadcastProcessFunction (non-keyed input) or KeyedBroadcastProcessFunction (keyed input).
   *
   * @example connected.process(new RuleEvaluator())
   */
  process<O>(
    fn: BroadcastProcessFunction<I1, I2, O> | KeyedBroadcastProcessFunction<any, I1, I2, O>,
  ): SingleOutputStreamOperator<O> {
    checkMethods(fn, ['processElement', 'processBroadcastElement'], 'connect(broadcast).process()');
    const getKey = (this.input1 as { getKeySelector?: () => (v: I1) => unknown }).getKeySelector;
    const keyed = typeof getKey === 'function';
    if (keyed && !(fn instanceof KeyedBroadcastProcessFunction)) {
      throw new TypeError(
        'connect(broadcast).process(): on a keyed stream, pass a KeyedBroadcastProcessFunction',
      );
    }
    if (!keyed && fn instanceof KeyedBroadcastProcessFunction) {
      throw new TypeError(
        'connect(broadcast).process(): a KeyedBroadcastProcessFunction needs a keyed stream; call keyBy(...) before connect(...)',
      );
    }
    const descriptors = this.broadcastInput.descriptors;
    const t = new TwoInputTransformation<I1, I2, O>(
      this.environment,
      keyed ? 'Co-Process-Broadcast-Keyed' : 'Co-Process-Broadcast',
      this.input1.getTransformation(),
      this.broadcastInput.input.getTransformation(),
      () => new CoBroadcastOperator<I1, I2, O>(fn, descriptors),
    );
    if (keyed) t.stateKeySelector1 = getKey.call(this.input1);
    this.environment.addOperator(t);
    return new SingleOutputStreamOperator<O>(this.environment, t);
  }
}
