import {
  effectiveParallelism,
  OneInputTransformation,
  PartitionTransformation,
  SideOutputTransformation,
  UnionTransformation,
  type Transformation,
} from '../graph/transformations.ts';
import { StreamFilter, StreamMap } from '../operators/stream-map.ts';
import { StreamFlatMap } from '../operators/stream-flat-map.ts';
import { ProcessOperator } from '../operators/process-operator.ts';
import { TimestampsAndWatermarksOperator } from '../operators/timestamps-and-watermarks-operator.ts';
import { CollectSinkOperator, PrintSinkOperator, StreamSink } from '../operators/sink-operators.ts';
import { SinkWriterOperator, type Sink } from '../operators/sink-writer-operator.ts';
import type { OneInputStreamOperator, OperatorFactory } from '../runtime/operator.ts';
import {
  broadcastPartitioner,
  customPartitioner,
  forwardPartitioner,
  globalPartitioner,
  rebalancePartitioner,
  rescalePartitioner,
  shufflePartitioner,
  type Partitioner,
  type StreamPartitioner,
} from '../runtime/partitioners.ts';
import type { MapStateDescriptor } from '../state/descriptors.ts';
import type { WatermarkStrategy } from '../time/watermark-strategy.ts';
import type { FilterFunction, FlatMapFunction, MapFunction, SinkFunction } from './functions/functions.ts';
import { KeyedProcessFunction, type ProcessFunction } from './functions/process-function.ts';
import { toCallable } from './functions/user-function.ts';
import { checkParallelism, toKeySelector, type KeySpec } from './key-selectors.ts';
import { isOutputTag, type OutputTag } from './output-tag.ts';
import type { StreamExecutionEnvironment } from './stream-execution-environment.ts';
import type { KeyedStream } from './keyed-stream.ts';
import { ConnectedStreams } from './connected-streams.ts';
import { CoGroupedStreams } from './co-grouped-streams.ts';
import { JoinedStreams } from './joined-streams.ts';
import { BroadcastConnectedStream, BroadcastStream } from './broadcast-stream.ts';
import { DataStreamSink } from './data-stream-sink.ts';
import { AllWindowedStream } from './all-windowed-stream.ts';
import { GlobalWindows } from '../windows/assigners/global-windows.ts';
import { CountEvictor } from '../windows/evictors/count-evictor.ts';
import type { GlobalWindow } from '../windows/global-window.ts';
import { CountTrigger } from '../windows/triggers/count-trigger.ts';
import { PurgingTrigger } from '../windows/triggers/purging-trigger.ts';
import type { WindowAssigner } from '../windows/window-assigner.ts';
import type { Window } from '../windows/window.ts';

/**
 * Refuses to combine streams of two environments (each builds its own job graph); `where` names the
 * call in the message.
 *
 * @example checkSameEnvironment(a.getExecutionEnvironment(), b.getExecutionEnvironment(), 'connect()');
 */
export function checkSameEnvironment(
  a: StreamExecutionEnvironment,
  b: StreamExecutionEnvironment,
  where: string,
): void {
  if (a !== b) throw new Error(`${where}: both streams must come from the same StreamExecutionEnvironment`);
}

/** Set by keyed-stream.ts when it loads (it extends DataStream, so this module cannot import it). */
export const lateBound: {
  keyedStream?: <T, K>(input: DataStream<T>, key: (v: T) => K) => KeyedStream<T, K>;
} = {};

/**
 * A stream of records of type T (Flink's DataStream): the transformations a job is built from.
 *
 * @example
 * const counts = env.fromElements('a b', 'b').flatMap((l: string, out) => l.split(' ').forEach((w) => out.collect(w)))
 *   .map((w) => [w, 1] as [string, number]).keyBy(0).sum(1);
 */
export class DataStream<T> {
  constructor(
    protected readonly environment: StreamExecutionEnvironment,
    protected readonly transformation: Transformation<T>,
  ) {}

  getExecutionEnvironment(): StreamExecutionEnvironment {
    return this.environment;
  }
  /** @internal The transformation behind this stream. */
  getTransformation(): Transformation<T> {
    return this.transformation;
  }
  getId(): number {
    return this.transformation.id;
  }
  getParallelism(): number {
    return effectiveParallelism(this.transformation, this.environment.getParallelism());
  }

  /** One result per record. @example stream.map((s: string) => s.toUpperCase()) */
  map<R>(fn: MapFunction<T, R>): SingleOutputStreamOperator<R> {
    toCallable(fn, 'map', 'map()');
    return this.transform('Map', () => new StreamMap<T, R>(fn));
  }
  /** Keeps records where fn is true. @example stream.filter((n: number) => n > 0) */
  filter(fn: FilterFunction<T>): SingleOutputStreamOperator<T> {
    toCallable(fn, 'filter', 'filter()');
    return this.transform('Filter', () => new StreamFilter<T>(fn));
  }
  /** Zero or more results per record. @example stream.flatMap((s: string, out) => s.split(',').forEach((x) => out.collect(x))) */
  flatMap<R>(fn: FlatMapFunction<T, R>): SingleOutputStreamOperator<R> {
    toCallable(fn, 'flatMap', 'flatMap()');
    return this.transform('Flat Map', () => new StreamFlatMap<T, R>(fn));
  }
  /** A ProcessFunction: results, side outputs, timestamps. @example stream.process(new MySplitter()) */
  process<R>(fn: ProcessFunction<T, R>): SingleOutputStreamOperator<R> {
    if (fn instanceof KeyedProcessFunction) {
      throw new TypeError(
        'process(): a KeyedProcessFunction needs a keyed stream; call keyBy(...) before process(...)',
      );
    }
    toCallable(fn, 'processElement', 'process()');
    return this.transform('Process', () => new ProcessOperator<T, R>(fn));
  }

  /** Partitions by key: records with the same key go to the same subtask and share keyed state. @example stream.keyBy((e) => e.user) */
  keyBy<K>(key: KeySpec<T, K>): KeyedStream<T, K> {
    const selector = toKeySelector(key);
    if (!lateBound.keyedStream)
      throw new Error('KeyedStream is not loaded: import the engine from src/engine/index.ts');
    return lateBound.keyedStream(this, selector);
  }

  /** Merges streams of the same type. @example a.union(b, c) */
  union(...streams: DataStream<T>[]): DataStream<T> {
    for (const s of streams) {
      if (!(s instanceof DataStream)) throw new TypeError('union(): every argument must be a DataStream');
      if (s.environment !== this.environment) {
        throw new Error('union(): all streams must come from the same StreamExecutionEnvironment');
      }
    }
    const t = new UnionTransformation<T>(this.environment, [
      this.transformation,
      ...streams.map((s) => s.transformation),
    ]);
    return new DataStream(this.environment, t);
  }

  /**
   * Groups this stream and `other` by key in common windows (Flink's coGroup).
   * @example a.coGroup(b).where((x) => x.id).equalTo((y) => y.id).window(TumblingEventTimeWindows.of(1000)).apply((xs, ys, out) => …)
   */
  coGroup<R>(other: DataStream<R>): CoGroupedStreams<T, R> {
    this.checkOther(other, 'coGroup');
    return new CoGroupedStreams(this, other);
  }

  /**
   * Joins this stream with `other` on equal keys within common windows (Flink's window join).
   * @example a.join(b).where((x) => x.id).equalTo((y) => y.id).window(TumblingEventTimeWindows.of(1000)).apply((x, y) => [x, y])
   */
  join<R>(other: DataStream<R>): JoinedStreams<T, R> {
    this.checkOther(other, 'join');
    return new JoinedStreams(this, other);
  }

  private checkOther<R>(other: DataStream<R>, api: string): void {
    if (!(other instanceof DataStream)) throw new TypeError(`${api}(other): expected a DataStream`);
    checkSameEnvironment(this.environment, other.environment, `${api}()`);
  }

  /** Connects with another stream (CoMap/CoProcess) or a broadcast stream (broadcast state). @example a.connect(b).map({ map1, map2 }) */
  connect<R>(other: BroadcastStream<R>): BroadcastConnectedStream<T, R>;
  connect<R>(other: DataStream<R>): ConnectedStreams<T, R>;
  connect<R>(
    other: DataStream<R> | BroadcastStream<R>,
  ): ConnectedStreams<T, R> | BroadcastConnectedStream<T, R> {
    if (other instanceof BroadcastStream) return new BroadcastConnectedStream(this.environment, this, other);
    if (!(other instanceof DataStream))
      throw new TypeError('connect(): expected a DataStream or a BroadcastStream');
    checkSameEnvironment(this.environment, other.environment, 'connect()');
    return new ConnectedStreams(this.environment, this, other);
  }

  /**
   * Without arguments: sends every record to every downstream subtask. With MapStateDescriptors:
   * a BroadcastStream whose records update broadcast state (connect it to another stream).
   *
   * @example const rules = ruleStream.broadcast(ruleStateDescriptor);
   */
  broadcast(): DataStream<T>;
  broadcast(...descriptors: MapStateDescriptor<any, any>[]): BroadcastStream<T>;
  broadcast(...descriptors: MapStateDescriptor<any, any>[]): DataStream<T> | BroadcastStream<T> {
    if (descriptors.length === 0) return this.partition(broadcastPartitioner());
    return new BroadcastStream(this.environment, this.partition(broadcastPartitioner()), descriptors);
  }
  /**
   * Round robin to all downstream subtasks. Each producer subtask starts at its own index (mod the
   * consumer count), so runs repeat; Flink starts at a random channel.
   *
   * @example stream.rebalance()
   */
  rebalance(): DataStream<T> {
    return this.partition(rebalancePartitioner());
  }
  /** Round robin to a local subset of downstream subtasks. @example stream.rescale() */
  rescale(): DataStream<T> {
    return this.partition(rescalePartitioner());
  }
  /** Uniformly random downstream subtask (seeded, so runs repeat). @example stream.shuffle() */
  shuffle(): DataStream<T> {
    return this.partition(shufflePartitioner());
  }
  /** Same subtask index downstream (requires equal parallelism). @example stream.forward() */
  forward(): DataStream<T> {
    return this.partition(forwardPartitioner());
  }
  /** Everything to downstream subtask 0. @example stream.global() */
  global(): DataStream<T> {
    return this.partition(globalPartitioner());
  }
  /** A user partitioner over a key. @example stream.partitionCustom((k: number, n) => k % n, (e) => e.id) */
  partitionCustom<K>(partitioner: Partitioner<K>, key: KeySpec<T, K>): DataStream<T> {
    if (
      typeof partitioner !== 'function' &&
      typeof (partitioner as { partition?: unknown })?.partition !== 'function'
    ) {
      throw new TypeError(
        'partitionCustom(): expected (key, numPartitions) => index or { partition(key, n) }',
      );
    }
    return this.partition(customPartitioner(partitioner, toKeySelector(key, 'partitionCustom')));
  }
  protected partition(p: StreamPartitioner): DataStream<T> {
    return new DataStream(
      this.environment,
      new PartitionTransformation(this.environment, this.transformation, p),
    );
  }

  /** Assigns event timestamps and watermarks. @example stream.assignTimestampsAndWatermarks(WatermarkStrategy.forMonotonousTimestamps<E>().withTimestampAssigner((e) => e.ts)) */
  assignTimestampsAndWatermarks(strategy: WatermarkStrategy<T>): SingleOutputStreamOperator<T> {
    if (!strategy || typeof strategy.createWatermarkGenerator !== 'function') {
      throw new TypeError(
        'assignTimestampsAndWatermarks(): expected a WatermarkStrategy, e.g. WatermarkStrategy.forBoundedOutOfOrderness(5000)',
      );
    }
    const env = this.environment;
    return this.transform(
      'Timestamps/Watermarks',
      () =>
        new TimestampsAndWatermarksOperator<T>(
          strategy,
          env.getConfig().getAutoWatermarkInterval(),
          env.getRuntimeMode() !== 'BATCH',
        ),
    );
  }

  /**
   * Adds a custom operator (the hook window operators and libraries use). On a KeyedStream the
   * operator is keyed: the runtime sets the current key and gives it keyed state and timers.
   *
   * @example stream.transform('MyOp', () => new MyOperator())
   */
  transform<R>(
    operatorName: string,
    factory: OperatorFactory<OneInputStreamOperator<T, R>>,
  ): SingleOutputStreamOperator<R> {
    if (typeof factory !== 'function')
      throw new TypeError(`transform("${operatorName}"): expected an operator factory () => operator`);
    const t = new OneInputTransformation<T, R>(this.environment, operatorName, this.transformation, factory);
    this.configureOneInput(t);
    this.environment.addOperator(t);
    return new SingleOutputStreamOperator<R>(this.environment, t);
  }
  /** Hook for KeyedStream: marks the transformation keyed. */
  protected configureOneInput(_t: OneInputTransformation<T, unknown>): void {}

  /**
   * Windows over the whole (non-keyed) stream, evaluated at parallelism 1 (Flink's windowAll).
   * (Added by the WINDOWS engineer, seam 4.)
   *
   * @example stream.windowAll(TumblingEventTimeWindows.of(Time.seconds(5))).sum('n')
   */
  windowAll<W extends Window>(assigner: WindowAssigner<NoInfer<T>, W>): AllWindowedStream<T, W> {
    return new AllWindowedStream<T, W>(this, assigner);
  }
  /**
   * Count windows over the whole stream: tumbling (every `size` records) or sliding (the last `size`
   * records every `slide` records), as Flink's countWindowAll. (Added by the WINDOWS engineer.)
   *
   * @example stream.countWindowAll(100).sum('n')
   */
  countWindowAll(size: number, slide?: number): AllWindowedStream<T, GlobalWindow> {
    const check = (n: number, what: string) => {
      if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`${what} must be an integer >= 1, got ${n}`);
    };
    check(size, 'countWindowAll size');
    const w = this.windowAll(GlobalWindows.create());
    if (slide === undefined) return w.trigger(PurgingTrigger.of(CountTrigger.of(size)));
    check(slide, 'countWindowAll slide');
    return w.evictor(CountEvictor.of(size)).trigger(CountTrigger.of(slide));
  }

  /** Prints every record ("n> " prefix when parallel). @example stream.print('out') */
  print(sinkIdentifier?: string): DataStreamSink<T> {
    const env = this.environment;
    return this.sink(
      'Print to Std. Out',
      () => new PrintSinkOperator<T>(sinkIdentifier, env.getPrintTarget()),
    );
  }
  /** Calls fn for every record. @example stream.addSink((v) => results.push(v)) */
  addSink(fn: SinkFunction<T>): DataStreamSink<T> {
    toCallable(fn, 'invoke', 'addSink()');
    return this.sink('Unnamed', () => new StreamSink<T>(fn));
  }
  /** Writes to a Sink (Flink's Sink API: createWriter → write/flush/close). @example stream.sinkTo(mySink) */
  sinkTo(sink: Sink<T>): DataStreamSink<T> {
    if (!sink || typeof sink.createWriter !== 'function')
      throw new TypeError('sinkTo(): expected a Sink with createWriter(context)');
    return this.sink('Writer', () => new SinkWriterOperator<T>(sink));
  }
  private sink(name: string, factory: OperatorFactory<OneInputStreamOperator<T, never>>): DataStreamSink<T> {
    const t = new OneInputTransformation<T, never>(
      this.environment,
      `Sink: ${name}`,
      this.transformation,
      factory,
    );
    this.configureOneInput(t as OneInputTransformation<T, unknown>);
    this.environment.addOperator(t);
    return new DataStreamSink<T>(t);
  }

  /**
   * Runs the job (all sinks of the environment) and resolves to this stream's records. Without a
   * limit the job must be bounded; with `limit` the job is cancelled once that many records arrived
   * (Flink's executeAndCollect(limit)), so it also works on unbounded streams.
   *
   * @example const words = await env.fromElements('a', 'b').map((s) => s.toUpperCase()).executeAndCollect();
   * @example const first10 = await unbounded.executeAndCollect(10);
   */
  /**
   * Collects this stream's records into the returned array while the job runs (Flink's
   * collectAsync): call before env.execute(). With checkpointing, records arrive only when the
   * checkpoint after them completes (exactly-once across restarts).
   *
   * @example const rows = stream.collectAsync(); const job = env.execute(); await job.result; rows.length;
   */
  collectAsync(): T[] {
    const collectId = this.environment.nextCollectId();
    const t = new OneInputTransformation<T, never>(
      this.environment,
      'Sink: Collect',
      this.transformation,
      () => new CollectSinkOperator<T>(collectId),
    );
    t.nonParallel = true;
    this.environment.addOperator(t);
    const results: T[] = [];
    this.environment.registerCollectTarget(collectId, (v) => results.push(v as T));
    return results;
  }

  async executeAndCollect(limit?: number): Promise<T[]>;
  async executeAndCollect(jobName: string, limit?: number): Promise<T[]>;
  async executeAndCollect(nameOrLimit?: string | number, maybeLimit?: number): Promise<T[]> {
    const jobName = typeof nameOrLimit === 'string' ? nameOrLimit : undefined;
    const limit = typeof nameOrLimit === 'number' ? nameOrLimit : maybeLimit;
    if (limit !== undefined && !(Number.isInteger(limit) && limit >= 0)) {
      throw new RangeError(`executeAndCollect(${limit}): the limit must be an integer >= 0`);
    }
    const collectId = this.environment.nextCollectId();
    const t = new OneInputTransformation<T, never>(
      this.environment,
      'Sink: Collect',
      this.transformation,
      () => new CollectSinkOperator<T>(collectId),
    );
    t.nonParallel = true;
    this.environment.addOperator(t);
    const results: T[] = [];
    let limitReached: (() => void) | null = null;
    const job = this.environment.executeWithCollect(jobName, (id, value) => {
      if (id !== collectId || (limit !== undefined && results.length >= limit)) return;
      results.push(value as T);
      if (limit !== undefined && results.length >= limit) limitReached?.();
    });
    if (limit === undefined) {
      await job.result;
      return results;
    }
    const reached = new Promise<void>((resolve) => {
      limitReached = resolve;
      if (results.length >= limit) resolve();
    });
    // Whichever comes first: the job ends by itself (or fails), or enough records arrived.
    await Promise.race([job.result.then(() => {}), reached]);
    if (job.status === 'RUNNING') await job.cancel();
    return results;
  }
}

/**
 * The result of an operator: a DataStream that can be named and configured (Flink's SingleOutputStreamOperator).
 *
 * @example stream.map(parse).name('parse').uid('parse-v1').setParallelism(4)
 */
export class SingleOutputStreamOperator<T> extends DataStream<T> {
  /** Names the operator (in the plan, errors and metrics). */
  name(name: string): this {
    if (typeof name !== 'string' || !name) throw new TypeError('name(): expected a non-empty string');
    this.transformation.name = name;
    return this;
  }
  getName(): string {
    return this.transformation.name;
  }
  /** A stable id for state restore across job versions. */
  uid(uid: string): this {
    if (typeof uid !== 'string' || !uid) throw new TypeError('uid(): expected a non-empty string');
    const source = this.ownerSource();
    // The source keeps the uid (its reader position is restored by it); its watermark step gets a derived one.
    if (source) source.uid = uid;
    this.transformation.uid = source ? `${uid}/watermarks` : uid;
    return this;
  }
  setParallelism(parallelism: number): this {
    for (const t of this.withOwnerSource()) {
      checkParallelism(parallelism, `setParallelism(${parallelism}) on ${t.describe()}`);
      if (t.nonParallel && parallelism !== 1) {
        throw new RangeError(
          `setParallelism(${parallelism}) on ${t.describe()}: this operator is non-parallel and must keep parallelism 1`,
        );
      }
    }
    for (const t of this.withOwnerSource()) t.parallelism = parallelism;
    return this;
  }
  setMaxParallelism(maxParallelism: number): this {
    if (!(Number.isInteger(maxParallelism) && maxParallelism >= 1 && maxParallelism <= 32768)) {
      throw new RangeError(`setMaxParallelism(${maxParallelism}): must be an integer in 1..32768`);
    }
    for (const t of this.withOwnerSource()) t.maxParallelism = maxParallelism;
    return this;
  }
  /** The source of a fromSource stream whose watermarks this operator generates (see ownerSource). */
  private ownerSource(): Transformation<unknown> | null {
    const t = this.transformation;
    return t instanceof OneInputTransformation ? t.ownerSource : null;
  }
  private withOwnerSource(): Transformation<unknown>[] {
    const source = this.ownerSource();
    return source ? [source, this.transformation] : [this.transformation];
  }
  /** @internal Makes the operator non-parallel (parallelism 1), e.g. windowAll. */
  forceNonParallel(): this {
    this.transformation.parallelism = 1;
    this.transformation.nonParallel = true;
    return this;
  }
  /** Never chain this operator with its neighbours. */
  disableChaining(): this {
    this.transformation.chainingStrategy = 'NEVER';
    return this;
  }
  /** Start a new chain at this operator. */
  startNewChain(): this {
    this.transformation.chainingStrategy = 'HEAD';
    return this;
  }
  /** The records this operator sent to `tag` with ctx.output(tag, x). @example const late = result.getSideOutput(lateTag) */
  getSideOutput<X>(tag: OutputTag<X>): DataStream<X> {
    if (!isOutputTag(tag)) throw new TypeError('getSideOutput(): expected an OutputTag');
    return new DataStream<X>(
      this.environment,
      new SideOutputTransformation<X>(this.environment, this.transformation, tag),
    );
  }
}
