/**
 * Rivulet's stream engine: Apache Flink's DataStream API in TypeScript. Import everything from here.
 *
 * @example
 * import { StreamExecutionEnvironment, WatermarkStrategy, TumblingEventTimeWindows, Time } from './engine/index.ts';
 * const env = StreamExecutionEnvironment.getExecutionEnvironment();
 * const counts = await env
 *   .fromElements({ word: 'a', ts: 1 }, { word: 'b', ts: 2 }, { word: 'a', ts: 3 })
 *   .assignTimestampsAndWatermarks(WatermarkStrategy.forMonotonousTimestamps<{ word: string; ts: number }>().withTimestampAssigner((e) => e.ts))
 *   .map((e) => ({ word: e.word, n: 1 }))
 *   .keyBy((e) => e.word)
 *   .window(TumblingEventTimeWindows.of(Time.seconds(10)))
 *   .sum('n')
 *   .executeAndCollect();
 */

// Environment and streams
export {
  StreamExecutionEnvironment,
  type EnvironmentOptions,
  type RuntimeExecutionMode,
} from './api/stream-execution-environment.ts';
export { ExecutionConfig } from './api/execution-config.ts';
export { DataStream, SingleOutputStreamOperator } from './api/data-stream.ts';
export { KeyedStream } from './api/keyed-stream.ts';
export { ConnectedStreams } from './api/connected-streams.ts';
export { IntervalJoin, IntervalJoined } from './api/interval-join.ts';
export { CoGroupedStreams, type TaggedUnion } from './api/co-grouped-streams.ts';
export { JoinedStreams } from './api/joined-streams.ts';
export type { CoGroupFunction, FlatJoinFunction, JoinFunction } from './api/functions/join-functions.ts';
export { BroadcastStream, BroadcastConnectedStream } from './api/broadcast-stream.ts';
export { DataStreamSink } from './api/data-stream-sink.ts';
export { OutputTag } from './api/output-tag.ts';
export type { KeySpec } from './api/key-selectors.ts';

// Functions
export type {
  Collector,
  MapFunction,
  FilterFunction,
  FlatMapFunction,
  KeySelector,
  SinkFunction,
  SinkContext,
} from './api/functions/functions.ts';
export {
  RichMapFunction,
  RichFilterFunction,
  RichFlatMapFunction,
  RichSinkFunction,
} from './api/functions/functions.ts';
export {
  AbstractRichFunction,
  type RuntimeContext,
  type OpenContext,
} from './api/functions/rich-function.ts';
export {
  ProcessFunction,
  KeyedProcessFunction,
  TimeDomain,
  type ProcessContext,
  type OnTimerContext,
  type KeyedProcessContext,
  type KeyedOnTimerContext,
} from './api/functions/process-function.ts';
export {
  CoProcessFunction,
  KeyedCoProcessFunction,
  RichCoMapFunction,
  RichCoFlatMapFunction,
  type CoMapFunction,
  type CoFlatMapFunction,
} from './api/functions/co-functions.ts';
export {
  ProcessJoinFunction,
  type ProcessJoinContext,
  type ProcessJoinFunctionLike,
} from './api/functions/process-join-function.ts';
export {
  BroadcastProcessFunction,
  KeyedBroadcastProcessFunction,
  type BroadcastState,
  type ReadOnlyBroadcastState,
  type BroadcastContext,
  type BroadcastReadOnlyContext,
  type KeyedBroadcastContext,
  type KeyedBroadcastReadOnlyContext,
  type KeyedBroadcastOnTimerContext,
} from './api/functions/broadcast-process-function.ts';
export type { ReduceFunction, AggregateFunction } from './api/functions/reduce-aggregate.ts';
export type { FieldAccessor, FieldExpression } from './operators/field-accessor.ts';

// State
export {
  ValueStateDescriptor,
  ListStateDescriptor,
  MapStateDescriptor,
  ReducingStateDescriptor,
  AggregatingStateDescriptor,
  StateDescriptor,
  type StateTtlConfig,
} from './state/descriptors.ts';
export type {
  State,
  ValueState,
  ListState,
  MapState,
  ReducingState,
  AggregatingState,
  AppendingState,
  KeyedStateStore,
} from './state/state.ts';
export {
  DEFAULT_MAX_PARALLELISM,
  VOID_NAMESPACE,
  type KeyedStateBackend,
  type Namespace,
} from './state/keyed-state-backend.ts';
export { HeapKeyedStateBackend } from './state/heap-keyed-state-backend.ts';

// Time
export { Watermark, NO_TIMESTAMP, MIN_WATERMARK, MAX_WATERMARK, hasTimestamp } from './time/watermark.ts';
export { WatermarkStrategy, type TimestampAssigner, type DurationLike } from './time/watermark-strategy.ts';
export {
  BoundedOutOfOrdernessWatermarks,
  WatermarksWithIdleness,
  type WatermarkGenerator,
  type WatermarkOutput,
  type WatermarkGeneratorContext,
} from './time/watermark-generators.ts';
export type {
  TimerService,
  ProcessingTimeService,
  InternalTimerService,
  InternalTimer,
  Triggerable,
} from './time/timer-service.ts';
export { ManualProcessingTimeService, WallClockProcessingTimeService } from './time/processing-time.ts';
export { InternalTimerServiceImpl } from './time/internal-timer-service.ts';

// Sources and sinks
export type {
  Source,
  SourceReader,
  SourceReaderContext,
  ReaderOutput,
  InputStatus,
  Boundedness,
} from './connectors/source.ts';
export { CollectionSource } from './connectors/collection-source.ts';
export { NumberSequenceSource } from './connectors/number-sequence-source.ts';
export {
  RichSourceFunction,
  RichParallelSourceFunction,
  type SourceFunction,
  type SourceContext,
} from './connectors/source-function.ts';
export type {
  Sink,
  SinkWriter,
  SinkWriterContext,
  SinkInitContext,
} from './operators/sink-writer-operator.ts';

// Nexmark benchmark generator (NEXMARK helper's module): seeded columnar events and a parallel Source
export * from './connectors/nexmark/index.ts';

// Operators (for transform(...) and custom operators)
export type {
  Output,
  OperatorContext,
  StreamOperator,
  OneInputStreamOperator,
  TwoInputStreamOperator,
  OperatorFactory,
} from './runtime/operator.ts';
export { AbstractStreamOperator, AbstractUdfStreamOperator } from './operators/abstract-stream-operator.ts';

// Graph and runtime (the worker runtime and the pages build on these)
export type { Partitioner, StreamPartitioner, PartitionerKind } from './runtime/partitioners.ts';
export type { StreamGraph, StreamNode, StreamEdge, JobConfig } from './graph/stream-graph.ts';
export type { JobGraph, JobVertex, JobEdge } from './graph/job-graph.ts';
export { createExecutionGraph, type ExecutionGraph, type ExecutionVertex } from './graph/execution-graph.ts';
export type { JobPlan, PlanVertex, PlanEdge } from './graph/plan.ts';
export type { RecordBatch, StreamEvent, ChannelWriter } from './runtime/stream-event.ts';
export { StreamTask, type StreamTaskOptions } from './runtime/stream-task.ts';
export { InlineExecutor, type InlineExecutorOptions } from './runtime/inline-executor.ts';
export type {
  JobHandle,
  JobStatus,
  JobExecutionResult,
  PipelineExecutor,
  ExecutionOptions,
} from './runtime/job-handle.ts';
export { OperatorFailure, JobCancelledError } from './runtime/errors.ts';
export {
  OneInputStreamOperatorTestHarness,
  type HarnessEvent,
  type HarnessOptions,
  type OperatorSnapshot,
} from './runtime/operator-test-harness.ts';
export { ProcessOperator } from './operators/process-operator.ts';
export { IntervalJoinOperator, type IntervalJoinSpec } from './operators/interval-join-operator.ts';

// Windows (WINDOWS engineer's module)
export * from './windows/index.ts';
export { WindowedStream } from './api/windowed-stream.ts';
export { AllWindowedStream } from './api/all-windowed-stream.ts';

// Worker runtime (RUNTIME engineer's module): runJob, JobManager, TaskManager entry helpers
export * from './cluster/index.ts';

// Checkpointing (issue 6): configuration, restart strategies, coordinator, restore, storage
export { CheckpointConfig } from './api/checkpoint-config.ts';
export { RestartStrategies, type RestartStrategyConfiguration } from './api/restart-strategies.ts';
export type { RunOptions } from './api/stream-execution-environment.ts';
export type { CheckpointingOptions } from './runtime/job-handle.ts';
export { RestartBackoff, type RecoverySuppressedError } from './checkpoint/restart/restart-backoff.ts';
export {
  CheckpointFailureManager,
  EXCEEDED_CHECKPOINT_TOLERABLE_FAILURE_MESSAGE,
  type CheckpointFailureReason,
} from './checkpoint/coordinator/checkpoint-failure-manager.ts';
export {
  CheckpointCoordinator,
  type CheckpointCoordinatorOptions,
  type CoordinatorHooks,
} from './checkpoint/coordinator/checkpoint-coordinator.ts';
export {
  DEFAULT_COORDINATOR_CONFIG,
  wallClock,
  type CheckpointCoordinatorConfig,
  type CoordinatorClock,
} from './checkpoint/coordinator/coordinator-config.ts';
export type { CheckpointStats, CheckpointStatus } from './checkpoint/coordinator/checkpoint-stats.ts';
export {
  restoreAssignment,
  restoreTargets,
  taskRestoreState,
  type RestoreAssignment,
  type RestoreTarget,
} from './checkpoint/coordinator/restore-assignment.ts';
export {
  SOURCE_POSITION_STATE,
  SOURCE_SPLITS_STATE,
  type CheckpointingMode,
  type KeyGroupChunk,
  type OperatorRestoreState,
  type OperatorStateList,
  type OperatorSnapshot as SubtaskOperatorSnapshot,
  type TaskRestoreState,
  type TaskSnapshotAck,
} from './checkpoint/task/task-snapshot.ts';
export {
  isCheckpointedFunction,
  isCheckpointListener,
  type CheckpointedFunction,
  type CheckpointListener,
  type FunctionInitializationContext,
  type FunctionSnapshotContext,
  type OperatorListState,
  type OperatorStateStore,
} from './checkpoint/checkpointed-function.ts';
export * from './checkpoint/storage/index.ts';
// Replayable log topics (Kafka stand-in) and exactly-once sinks (helper C's modules)
export * from './connectors/log/index.ts';
export * from './sinks/index.ts';
