import {
  createExecutionGraph,
  KeyedProcessFunction,
  ManualProcessingTimeService,
  StreamExecutionEnvironment,
  StreamTask,
  ValueStateDescriptor,
  type Collector,
  type KeyedOnTimerContext,
  type KeyedProcessContext,
  type StreamEvent,
  type ValueState,
} from '../../../../src/engine/index.ts';
import type { CheckpointBarrierEvent } from '../../../../src/engine/runtime/stream-event.ts';
import type {
  CheckpointingMode,
  TaskRestoreState,
  TaskSnapshotAck,
} from '../../../../src/engine/checkpoint/task/task-snapshot.ts';

/** Counts records per key (ValueState) and emits [key, count]; registers an event-time timer at ts + 100. */
export class CountPerKey extends KeyedProcessFunction<string, string, [string, number]> {
  private count!: ValueState<number>;
  override open(): void {
    this.count = this.getRuntimeContext().getState(new ValueStateDescriptor<number>('count', 0));
  }
  processElement(value: string, ctx: KeyedProcessContext<string>, out: Collector<[string, number]>): void {
    const n = this.count.value()! + 1;
    this.count.update(n);
    const ts = ctx.timestamp();
    if (ts !== null) ctx.timerService().registerEventTimeTimer(ts + 100);
    out.collect([value, n]);
  }
  override onTimer(ts: number, ctx: KeyedOnTimerContext<string>, out: Collector<[string, number]>): void {
    out.collect([`timer:${ctx.getCurrentKey()}@${ts}`, this.count.value()!]);
  }
}

export const barrier = (checkpointId: number, savepoint = false): CheckpointBarrierEvent => ({
  kind: 'barrier',
  checkpointId,
  timestamp: 1000 + checkpointId,
  savepoint,
});

export const records = (values: string[], ts = NaN): StreamEvent => ({
  kind: 'records',
  values,
  timestamps: new Float64Array(values.length).fill(ts),
});

/** A hand-wired keyed task (uid 'count') with 2 input channels and one output channel it records. */
export function keyedTask(
  mode: CheckpointingMode,
  restoredState?: TaskRestoreState,
  options: { parallelism?: number; subtask?: number } = {},
) {
  const env = StreamExecutionEnvironment.getExecutionEnvironment({ parallelism: 2 });
  env
    .fromSequence(1, 10)
    .map((n) => `k${n}`)
    .keyBy((s) => s)
    .process(new CountPerKey())
    .uid('count')
    .setParallelism(options.parallelism ?? 1)
    .rebalance()
    .map((x) => x)
    .setParallelism(1);
  const eg = createExecutionGraph(env.getJobGraph('hand-wired'));
  const vertex = eg.subtasks.find((s) => s[0].vertex.nodes[0].keySelectors[0] !== null)!;
  const sent: StreamEvent[] = [];
  const acks: TaskSnapshotAck[] = [];
  const declines: [number, Error][] = [];
  const task = new StreamTask({
    executionVertex: vertex[options.subtask ?? 0],
    outputWriters: [[{ send: (e) => sent.push(e) }]],
    processingTimeService: new ManualProcessingTimeService(),
    batchSize: 1024,
    onAsyncFailure: (e) => {
      throw e;
    },
    checkpointing: { mode },
    restoredState,
    onSnapshot: (ack) => acks.push(ack),
    onDecline: (id, reason) => declines.push([id, reason]),
  });
  return { task, sent, acks, declines };
}

/** The records a task sent, flattened, with barriers as 'B<id>'. */
export function sentValues(sent: StreamEvent[]): unknown[] {
  const out: unknown[] = [];
  for (const e of sent) {
    if (e.kind === 'records') out.push(...e.values);
    else if (e.kind === 'barrier') out.push(`B${e.checkpointId}`);
  }
  return out;
}
