import { CollectionSource } from '../connectors/collection-source.ts';
import { NumberSequenceSource } from '../connectors/number-sequence-source.ts';
import type { Source } from '../connectors/source.ts';
import {
  prepareSourceFunction,
  RichParallelSourceFunction,
  SourceFunctionSource,
  type SourceFunction,
} from '../connectors/source-function.ts';
import { createJobGraph, type JobGraph } from '../graph/job-graph.ts';
import { jobPlan, type JobPlan } from '../graph/plan.ts';
import { generateStreamGraph, type JobConfig, type StreamGraph } from '../graph/stream-graph.ts';
import {
  OneInputTransformation,
  SourceTransformation,
  type IdSource,
  type Transformation,
} from '../graph/transformations.ts';
import { TimestampsAndWatermarksOperator } from '../operators/timestamps-and-watermarks-operator.ts';
import { InlineExecutor } from '../runtime/inline-executor.ts';
import type { JobHandle, PipelineExecutor } from '../runtime/job-handle.ts';
import { DEFAULT_MAX_PARALLELISM } from '../state/keyed-state-backend.ts';
import { registerRecordType } from '../net/codec/record-types.ts';
import type { ProcessingTimeService } from '../time/timer-service.ts';
import type { WatermarkStrategy } from '../time/watermark-strategy.ts';
import { SingleOutputStreamOperator } from './data-stream.ts';
import { ExecutionConfig } from './execution-config.ts';
import { CheckpointConfig } from './checkpoint-config.ts';
import { RestartStrategies, type RestartStrategyConfiguration } from './restart-strategies.ts';
import type { CheckpointingMode } from '../checkpoint/task/task-snapshot.ts';
import type { ExecutionOptions } from '../runtime/job-handle.ts';
import { checkParallelism } from './key-selectors.ts';
import './keyed-stream.ts'; // registers KeyedStream with DataStream.keyBy

/** How a run starts: from a checkpoint/savepoint, under a job id (Flink's SavepointRestoreSettings + job id). */
export type RunOptions = Pick<ExecutionOptions, 'restoreFrom' | 'allowNonRestoredState' | 'jobId'>;

/** Flink's execution modes: BATCH requires bounded sources and may emit only final results. */
export type RuntimeExecutionMode = 'STREAMING' | 'BATCH';

/** Options of {@link StreamExecutionEnvironment.getExecutionEnvironment}. */
export interface EnvironmentOptions {
  /** Default parallelism of operators (default 1). */
  parallelism?: number;
  /** Number of key groups (default 128). */
  maxParallelism?: number;
  /** The clock of the inline runtime: a ManualProcessingTimeService makes tests deterministic. */
  processingTimeService?: ProcessingTimeService;
  runtimeMode?: RuntimeExecutionMode;
  /** Periodic watermark interval in ms (default 200; 0 disables). */
  autoWatermarkInterval?: number;
  /** Records per batch between tasks (default 1024). */
  batchSize?: number;
  /** Where print() writes lines (default console.log). */
  printTarget?: (line: string) => void;
  /** Runs jobs; default the inline (one-thread) runtime. The worker runtime plugs in here. */
  executor?: PipelineExecutor;
}

/**
 * Where a job is defined and run (Flink's StreamExecutionEnvironment).
 *
 * @example
 * const env = StreamExecutionEnvironment.getExecutionEnvironment({ parallelism: 2 });
 * env.fromElements(1, 2, 3).map((x) => x * 10).print();
 * await env.execute('demo').result;
 */
export class StreamExecutionEnvironment implements IdSource {
  private readonly transformations: Transformation[] = [];
  private nextId = 0;
  private nextCollect = 0;
  private parallelism = 1;
  private maxParallelism = DEFAULT_MAX_PARALLELISM;
  private runtimeMode: RuntimeExecutionMode = 'STREAMING';
  private chainingEnabled = true;
  private readonly config = new ExecutionConfig();
  private readonly checkpointConfig = new CheckpointConfig();
  private restartStrategy: RestartStrategyConfiguration | null = null;
  private runOptions: RunOptions = {};
  private readonly collectTargets = new Map<number, (value: unknown) => void>();

  constructor(private readonly options: EnvironmentOptions = {}) {
    if (options.parallelism !== undefined) this.setParallelism(options.parallelism);
    if (options.maxParallelism !== undefined) this.setMaxParallelism(options.maxParallelism);
    if (options.runtimeMode !== undefined) this.setRuntimeMode(options.runtimeMode);
    if (options.autoWatermarkInterval !== undefined)
      this.config.setAutoWatermarkInterval(options.autoWatermarkInterval);
    if (options.batchSize !== undefined) this.config.setBatchSize(options.batchSize);
  }

  /** A new environment (the inline runtime unless `options.executor` is given). @example StreamExecutionEnvironment.getExecutionEnvironment({ parallelism: 4 }) */
  static getExecutionEnvironment(options: EnvironmentOptions = {}): StreamExecutionEnvironment {
    return new StreamExecutionEnvironment(options);
  }
  /** A local environment with the given parallelism. @example StreamExecutionEnvironment.createLocalEnvironment(2) */
  static createLocalEnvironment(
    parallelism = 1,
    options: EnvironmentOptions = {},
  ): StreamExecutionEnvironment {
    return new StreamExecutionEnvironment({ ...options, parallelism });
  }

  /** @internal */
  nextTransformationId(): number {
    return ++this.nextId;
  }
  /** @internal */
  nextCollectId(): number {
    return ++this.nextCollect;
  }
  /** @internal Where a collectAsync() sink's records go (the next execute only). */
  registerCollectTarget(collectId: number, target: (value: unknown) => void): void {
    this.collectTargets.set(collectId, target);
  }
  /** @internal Registers an operator (every operator runs, even without a sink, as in Flink). */
  addOperator(t: Transformation): void {
    this.transformations.push(t);
  }
  /** @internal */
  getPrintTarget(): (line: string) => void {
    return this.options.printTarget ?? ((line) => console.log(line));
  }

  setParallelism(parallelism: number): this {
    checkParallelism(parallelism, `env.setParallelism(${parallelism})`);
    if (parallelism > this.maxParallelism) {
      throw new RangeError(
        `env.setParallelism(${parallelism}): exceeds the max parallelism ${this.maxParallelism}; raise setMaxParallelism first`,
      );
    }
    this.parallelism = parallelism;
    return this;
  }
  getParallelism(): number {
    return this.parallelism;
  }
  /** The number of key groups: the upper bound for rescaling keyed state (default 128). */
  setMaxParallelism(maxParallelism: number): this {
    if (!(Number.isInteger(maxParallelism) && maxParallelism >= 1 && maxParallelism <= 32768)) {
      throw new RangeError(`env.setMaxParallelism(${maxParallelism}): must be an integer in 1..32768`);
    }
    this.maxParallelism = maxParallelism;
    return this;
  }
  getMaxParallelism(): number {
    return this.maxParallelism;
  }
  getConfig(): ExecutionConfig {
    return this.config;
  }
  /**
   * Lets instances of `type` cross workers (Flink's registerType for POJOs): they arrive as instances
   * of the class of that name, with their own fields (the constructor is not called again; private
   * `#fields` do not travel). Call it in the job module, which every worker runs. Inline runs pass
   * records by reference and need no registration.
   *
   * @example class Click { constructor(public user = '', public ts = 0) {} } env.registerType(Click);
   */
  registerType(type: abstract new (...args: never[]) => object): this {
    registerRecordType(type);
    return this;
  }
  /**
   * Turns on checkpoints every `intervalMs` (Flink's enableCheckpointing): EXACTLY_ONCE aligns
   * barriers, AT_LEAST_ONCE does not. Collect results become exactly-once across restarts.
   *
   * @example env.enableCheckpointing(1_000); env.getCheckpointConfig().setMinPauseBetweenCheckpoints(500);
   */
  enableCheckpointing(intervalMs: number, mode: CheckpointingMode = 'EXACTLY_ONCE'): this {
    this.checkpointConfig.setCheckpointInterval(intervalMs).setCheckpointingMode(mode);
    return this;
  }
  /** The checkpoint settings (timeout, min pause, retained checkpoints, storage). @example env.getCheckpointConfig().setCheckpointTimeout(60_000) */
  getCheckpointConfig(): CheckpointConfig {
    return this.checkpointConfig;
  }
  /** What happens when a task fails. @example env.setRestartStrategy(RestartStrategies.fixedDelayRestart(3, 1_000)) */
  setRestartStrategy(strategy: RestartStrategyConfiguration): this {
    if (!strategy || typeof (strategy as { kind?: unknown }).kind !== 'string')
      throw new TypeError(
        'setRestartStrategy(): expected RestartStrategies.noRestart() / fixedDelayRestart(...) / exponentialDelayRestart(...) / failureRateRestart(...)',
      );
    this.restartStrategy = strategy;
    return this;
  }
  /**
   * The restart strategy in force: the one set, else (as Flink) noRestart without checkpointing and
   * exponential delay (1 s growing ×1.5 to 1 min) with it.
   */
  getRestartStrategy(): RestartStrategyConfiguration {
    if (this.restartStrategy !== null) return this.restartStrategy;
    return this.checkpointConfig.isCheckpointingEnabled()
      ? RestartStrategies.exponentialDelayRestart(1_000, 60_000, 1.5, 3_600_000, 0.1)
      : RestartStrategies.noRestart();
  }
  /**
   * How the next execute()/executeAndCollect() starts: from a savepoint or checkpoint
   * (`restoreFrom`, 'latest' = newest checkpoint of `jobId`), with `allowNonRestoredState`.
   *
   * @example env.setRunOptions({ restoreFrom: savepoint, allowNonRestoredState: true });
   */
  setRunOptions(options: RunOptions): this {
    if (options.restoreFrom === 'latest' && !options.jobId)
      throw new Error("setRunOptions({ restoreFrom: 'latest' }): give the jobId whose checkpoints to resume");
    this.runOptions = { ...options };
    return this;
  }
  /** @internal What the executor is given besides the job graph. */
  executionOptions(
    collect: ExecutionOptions['collect'],
    run: RunOptions = this.runOptions,
  ): ExecutionOptions {
    const cp = this.checkpointConfig;
    if (run.restoreFrom !== undefined && !cp.isCheckpointingEnabled())
      throw new Error(
        'Restoring from a checkpoint or savepoint needs checkpointing: call env.enableCheckpointing(intervalMs) first',
      );
    return {
      collect,
      checkpointing: cp.isCheckpointingEnabled()
        ? { config: cp.toCoordinatorConfig(), storage: cp.getCheckpointStorage() }
        : undefined,
      restartStrategy: this.getRestartStrategy(),
      ...run,
    };
  }

  /** STREAMING (default) or BATCH (bounded sources only; rolling aggregations emit final results only). */
  setRuntimeMode(mode: RuntimeExecutionMode): this {
    if (mode !== 'STREAMING' && mode !== 'BATCH')
      throw new TypeError(`setRuntimeMode('${mode}'): use 'STREAMING' or 'BATCH'`);
    this.runtimeMode = mode;
    return this;
  }
  getRuntimeMode(): RuntimeExecutionMode {
    return this.runtimeMode;
  }
  disableOperatorChaining(): this {
    this.chainingEnabled = false;
    return this;
  }

  /** A bounded, non-parallel stream of the given elements. @example env.fromElements('a', 'b', 'c') */
  fromElements<T>(...elements: T[]): SingleOutputStreamOperator<T> {
    if (elements.length === 0) throw new Error('fromElements(): give at least one element');
    return this.fromCollection(elements, 'Collection Source');
  }
  /** Flink 1.19's name for fromElements. @example env.fromData(1, 2, 3) */
  fromData<T>(...elements: T[]): SingleOutputStreamOperator<T> {
    return this.fromElements(...elements);
  }
  /** A bounded, non-parallel stream of an array. @example env.fromCollection(events) */
  fromCollection<T>(
    collection: readonly T[] | Iterable<T>,
    name = 'Collection Source',
  ): SingleOutputStreamOperator<T> {
    if (collection === null || typeof (collection as Iterable<T>)[Symbol.iterator] !== 'function') {
      throw new TypeError('fromCollection(): expected an array or another iterable');
    }
    const s = this.sourceStream(new CollectionSource(Array.from(collection)), name);
    s.getTransformation().nonParallel = true;
    return s;
  }
  /** The numbers from..to (inclusive), parallel. @example env.fromSequence(1, 1_000_000) */
  fromSequence(from: number, to: number): SingleOutputStreamOperator<number> {
    return this.sourceStream(new NumberSequenceSource(from, to), 'Sequence Source');
  }
  /** A Source with a watermark strategy. @example env.fromSource(src, WatermarkStrategy.forMonotonousTimestamps(), 'events') */
  fromSource<T>(
    source: Source<T>,
    watermarkStrategy: WatermarkStrategy<T>,
    sourceName: string,
  ): SingleOutputStreamOperator<T> {
    if (!source || typeof source.createReader !== 'function')
      throw new TypeError('fromSource(): expected a Source with createReader(...)');
    if (!watermarkStrategy || typeof watermarkStrategy.createWatermarkGenerator !== 'function') {
      throw new TypeError(
        'fromSource(): expected a WatermarkStrategy, e.g. WatermarkStrategy.noWatermarks()',
      );
    }
    const stream = this.sourceStream(source, sourceName || 'Source');
    if (watermarkStrategy.emitsNoWatermarks && watermarkStrategy.timestampAssigner === null) return stream;
    const t = new OneInputTransformation<T, T>(
      this,
      `${sourceName || 'Source'} (timestamps/watermarks)`,
      stream.getTransformation(),
      () =>
        new TimestampsAndWatermarksOperator<T>(
          watermarkStrategy,
          this.config.getAutoWatermarkInterval(),
          this.runtimeMode !== 'BATCH',
        ),
    );
    t.ownerSource = stream.getTransformation() as SourceTransformation<T>;
    this.addOperator(t);
    return new SingleOutputStreamOperator<T>(this, t);
  }
  /** A classic SourceFunction (run/cancel with collectWithTimestamp and emitWatermark). @example env.addSource(mySourceFunction, 'clicks') */
  addSource<T>(fn: SourceFunction<T>, sourceName = 'Custom Source'): SingleOutputStreamOperator<T> {
    if (!fn || typeof fn.run !== 'function')
      throw new TypeError('addSource(): expected a SourceFunction with run(ctx) and cancel()');
    const parallel =
      fn instanceof RichParallelSourceFunction || (fn as { parallel?: unknown }).parallel === true;
    const stream = this.sourceStream(
      new SourceFunctionSource(fn, parallel, (f, ctx) => prepareSourceFunction(f, ctx, sourceName, parallel)),
      sourceName,
    );
    if (!parallel) stream.getTransformation().nonParallel = true;
    return stream;
  }
  private sourceStream<T>(source: Source<T>, name: string): SingleOutputStreamOperator<T> {
    const t = new SourceTransformation<T>(this, `Source: ${name}`, source);
    if (!source.parallel) t.nonParallel = true;
    this.addOperator(t);
    return new SingleOutputStreamOperator<T>(this, t);
  }

  private jobConfig(): JobConfig {
    return {
      parallelism: this.parallelism,
      maxParallelism: this.maxParallelism,
      runtimeMode: this.runtimeMode,
      autoWatermarkInterval: this.config.getAutoWatermarkInterval(),
      batchSize: this.config.getBatchSize(),
      chainingEnabled: this.chainingEnabled,
      objectReuse: this.config.isObjectReuseEnabled(),
    };
  }
  /** The operators and edges of the job so far. @example env.getStreamGraph().nodes.length */
  getStreamGraph(jobName = 'Flink Streaming Job'): StreamGraph {
    return generateStreamGraph(jobName, this.transformations, this.jobConfig());
  }
  /** The job after operator chaining (what runs). @example env.getJobGraph().vertices.map((v) => v.name) */
  getJobGraph(jobName = 'Flink Streaming Job'): JobGraph {
    const graph = createJobGraph(this.getStreamGraph(jobName));
    if (this.runtimeMode === 'BATCH') {
      for (const v of graph.vertices) {
        for (const n of v.nodes) {
          if (n.source && n.source.boundedness !== 'BOUNDED') {
            throw new Error(
              `Source "${n.name}" is unbounded but the runtime mode is BATCH; use setRuntimeMode('STREAMING') or a bounded source`,
            );
          }
        }
      }
    }
    return graph;
  }
  /** The job graph as plain JSON data (vertices with chained operators, edges with partitioning). @example env.getJobPlan().vertices */
  getJobPlan(jobName?: string): JobPlan {
    return jobPlan(this.getJobGraph(jobName));
  }
  /** The plan as a JSON string (Flink's getExecutionPlan). @example console.log(env.getExecutionPlan()) */
  getExecutionPlan(jobName?: string): string {
    return JSON.stringify(this.getJobPlan(jobName), null, 2);
  }

  /**
   * Runs the job built so far and returns its handle; the environment then starts empty again (as Flink).
   *
   * @example const job = env.execute('my job'); await job.result;
   */
  execute(jobName = 'Flink Streaming Job', options?: RunOptions): JobHandle {
    if (options !== undefined) this.setRunOptions(options);
    return this.executeWithCollect(jobName, undefined);
  }
  /** Same as execute() (Flink's executeAsync returns a JobClient). @example const job = env.executeAsync(); await job.cancel(); */
  executeAsync(jobName?: string): JobHandle {
    return this.execute(jobName);
  }
  /** @internal */
  executeWithCollect(
    jobName: string | undefined,
    collect: ((id: number, value: unknown) => void) | undefined,
  ): JobHandle {
    const jobGraph = this.getJobGraph(jobName ?? 'Flink Streaming Job');
    this.transformations.length = 0;
    const executor =
      this.options.executor ??
      new InlineExecutor({ processingTimeService: this.options.processingTimeService });
    const targets = new Map(this.collectTargets);
    this.collectTargets.clear();
    const route =
      targets.size === 0
        ? collect
        : (id: number, value: unknown) => {
            const target = targets.get(id);
            if (target !== undefined) target(value);
            else collect?.(id, value);
          };
    const options = this.executionOptions(route);
    this.runOptions = {};
    return executor.execute(jobGraph, options);
  }
}
