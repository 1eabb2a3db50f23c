import { describe, expect, it } from 'vitest';
import {
  createExecutionGraph,
  ManualProcessingTimeService,
  StreamExecutionEnvironment,
  StreamTask,
  type StreamEvent,
} from '../../../../src/engine/index.ts';
import type {
  CheckpointedFunction,
  FunctionInitializationContext,
  OperatorListState,
} from '../../../../src/engine/checkpoint/checkpointed-function.ts';
import type {
  TaskRestoreState,
  TaskSnapshotAck,
} from '../../../../src/engine/checkpoint/task/task-snapshot.ts';
import { SOURCE_POSITION_STATE } from '../../../../src/engine/checkpoint/task/task-snapshot.ts';
import { barrier, sentValues } from './task-helpers.ts';

/** A map that numbers its records; the counter is operator state (Flink's CheckpointedFunction docs). */
class NumberingMap implements CheckpointedFunction {
  count = 0;
  restored = false;
  private state!: OperatorListState<number>;
  map(x: string): string {
    return `${x}#${++this.count}`;
  }
  initializeState(ctx: FunctionInitializationContext): void {
    this.restored = ctx.isRestored();
    this.state = ctx.getOperatorStateStore().getListState<number>('count');
    this.count = this.state.get().reduce((a, b) => a + b, 0);
  }
  snapshotState(): void {
    this.state.update([this.count]);
  }
}

function sourceTask(restoredState?: TaskRestoreState) {
  const env = StreamExecutionEnvironment.getExecutionEnvironment({ parallelism: 1, batchSize: 2 });
  env
    .fromCollection(['a', 'b', 'c', 'd', 'e'])
    .uid('src')
    .map(new NumberingMap())
    .uid('numbering')
    .rebalance()
    .map((x) => x);
  const eg = createExecutionGraph(env.getJobGraph('hand-wired'));
  const sent: StreamEvent[] = [];
  const acks: TaskSnapshotAck[] = [];
  const task = new StreamTask({
    executionVertex: eg.subtasks[0][0],
    outputWriters: [[{ send: (e) => sent.push(e) }]],
    processingTimeService: new ManualProcessingTimeService(),
    batchSize: 2,
    onAsyncFailure: (e) => {
      throw e;
    },
    checkpointing: { mode: 'EXACTLY_ONCE' },
    restoredState,
    onSnapshot: (ack) => acks.push(ack),
  });
  return { task, sent, acks };
}

describe('StreamTask checkpointing: source tasks', () => {
  it('snapshots the reader position and operator state and sends the barrier after the records read', () => {
    const { task, sent, acks } = sourceTask();
    task.open();
    task.pollNext(); // a, b (batch size 2)
    task.triggerCheckpoint(barrier(1));
    expect(sentValues(sent)).toEqual(['a#1', 'b#2', 'B1']);
    const ops = acks[0].operators;
    // CollectionSource's position is the index of the next element.
    expect(ops['src'].operatorState).toEqual({ [SOURCE_POSITION_STATE]: { mode: 'split', items: [2] } });
    expect(ops['numbering'].operatorState).toEqual({ count: { mode: 'split', items: [2] } });
    task.pollNext();
    expect(sentValues(sent)).toEqual(['a#1', 'b#2', 'B1', 'c#3', 'd#4']);
  });

  it('resumes from the restored position with the restored operator state', () => {
    const first = sourceTask();
    first.task.open();
    first.task.pollNext();
    first.task.triggerCheckpoint(barrier(1));
    first.task.pollNext(); // c, d: after the checkpoint, replayed after the restore
    const restored: TaskRestoreState = {};
    for (const [uid, op] of Object.entries(first.acks[0].operators))
      restored[uid] = { keyGroups: {}, operatorState: op.operatorState ?? {} };
    const second = sourceTask(restored);
    second.task.open();
    while (second.task.pollNext() !== 'END_OF_INPUT');
    second.task.flush();
    expect(sentValues(second.sent)).toEqual(['c#3', 'd#4', 'e#5']);
  });
});
