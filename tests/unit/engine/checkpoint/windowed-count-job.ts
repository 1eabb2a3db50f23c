import {
  InlineExecutor,
  ManualProcessingTimeService,
  RestartStrategies,
  RichMapFunction,
  StreamExecutionEnvironment,
  type CheckpointStorage,
  type JobHandle,
  type RestartStrategyConfiguration,
  type RunOptions,
} from '../../../../src/engine/index.ts';
import { countPerKeyAndWindow } from './keyed-window-count-stage.ts';

export { referenceCounts } from './keyed-window-count-stage.ts';

/** Calls `at(i, job)` for every record (a hook into a running job at a fixed stream position). */
class HookMapper extends RichMapFunction<number, number> {
  constructor(private readonly hook: (i: number, attempt: number) => void) {
    super();
  }
  map(i: number): number {
    this.hook(i, this.getRuntimeContext().getAttemptNumber());
    return i;
  }
}

/** Options of {@link startWindowedCount}. */
export interface WindowedCountOptions {
  n: number;
  parallelism: number;
  storage: CheckpointStorage;
  run?: RunOptions;
  windowUid?: string;
  mode?: 'EXACTLY_ONCE' | 'AT_LEAST_ONCE';
  /** Restarts allowed (fixed delay 0); default none. */
  restarts?: number;
  /** Instead of `restarts`: this restart strategy. */
  restartStrategy?: RestartStrategyConfiguration;
  /** Consecutive checkpoint failures tolerated (setTolerableCheckpointFailureNumber); default Flink's 0. */
  tolerableFailures?: number;
  /** Parallelism of the source and the hook (default 1); the source is fromSequence, which rescales. */
  sourceParallelism?: number;
  /** Called for every record with the running job (on each subtask of the hook). */
  hook?: (i: number, attempt: number, job: JobHandle, clock: ManualProcessingTimeService) => void;
}

/**
 * Starts the keyed windowed count of the checkpoint tests (keys k0..k96, 1 s tumbling event-time
 * windows over ts = i ms) with checkpointing on a manual clock; rows arrive in `rows`.
 */
export function startWindowedCount(o: WindowedCountOptions): { job: JobHandle; rows: string[] } {
  const clock = new ManualProcessingTimeService();
  const env = StreamExecutionEnvironment.getExecutionEnvironment({
    parallelism: o.parallelism,
    processingTimeService: clock,
    executor: new InlineExecutor({ processingTimeService: clock, yieldIntervalMs: 0 }),
  });
  env.enableCheckpointing(50, o.mode);
  env.getCheckpointConfig().setCheckpointStorage(o.storage);
  if (o.tolerableFailures !== undefined)
    env.getCheckpointConfig().setTolerableCheckpointFailureNumber(o.tolerableFailures);
  if (o.run) env.setRunOptions(o.run);
  env.setRestartStrategy(o.restartStrategy ?? RestartStrategies.fixedDelayRestart(o.restarts ?? 0, 0));
  let job: JobHandle | null = null;
  const numbers = env
    .fromSequence(0, o.n - 1)
    .setParallelism(o.sourceParallelism ?? 1)
    .uid('numbers')
    .map(
      new HookMapper((i, attempt) => {
        // 50 ms of the job's clock per 1000 records: periodic watermarks (200 ms) and checkpoints
        // (50 ms) come at fixed stream positions.
        if (i % 1000 === 0) clock.advanceTo(clock.getCurrentProcessingTime() + 50);
        o.hook?.(i, attempt, job!, clock);
      }),
    )
    .setParallelism(o.sourceParallelism ?? 1)
    .uid('hook');
  const rows = countPerKeyAndWindow(numbers, (key, start, n) => `${key},${start},${n}`)
    .uid(o.windowUid ?? 'window-count')
    .collectAsync();
  job = env.execute('windowed count');
  return { job, rows };
}
