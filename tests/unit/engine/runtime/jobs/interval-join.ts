// Job module: an interval join of two keyed, out-of-order event-time streams (objects on the left,
// tuples on the right) with a rich ProcessJoinFunction; each result also carries the timestamp its
// record had downstream. The inputs are out of order only within the watermark bound: nothing is late.
import {
  ProcessFunction,
  ProcessJoinFunction,
  WatermarkStrategy,
  type Collector,
  type ProcessContext,
  type ProcessJoinContext,
  type StreamExecutionEnvironment,
} from '../../../../../src/engine/index.ts';

export type Left = { k: number; id: number; ts: number };
export type Right = [k: number, id: number, ts: number];
/** [left id, right id, left ts, right ts, ctx.getTimestamp(), the result record's timestamp]. */
export type Row = [number, number, number, number, number, number];

export const N = 3_000;
export const KEYS = 7;
export const LOWER = -7;
export const UPPER = 4;
const OUT_OF_ORDERNESS = 20;

/** Left i: ts in [3i, 3i + 16], so at most 16 ms behind an earlier element (bound: 20). */
export const leftEvent = (i: number): Left => ({ k: (i * 7919) % KEYS, id: i, ts: 3 * i + ((i * 31) % 17) });
/** Right i: ts in [3i + 1, 3i + 11]. */
export const rightEvent = (i: number): Right => [(i * 104_729) % KEYS, i, 3 * i + 1 + ((i * 13) % 11)];

class Pair extends ProcessJoinFunction<Left, Right, number[]> {
  private subtask = -1;
  override open(): void {
    this.subtask = this.getRuntimeContext().getIndexOfThisSubtask();
  }
  processElement(l: Left, r: Right, ctx: ProcessJoinContext, out: Collector<number[]>): void {
    if (this.subtask < 0) throw new Error('open() was not called');
    out.collect([l.id, r[1], ctx.getLeftTimestamp(), ctx.getRightTimestamp(), ctx.getTimestamp()]);
  }
}

/** Appends the timestamp the joined record carries. */
class WithTimestamp extends ProcessFunction<number[], Row> {
  processElement(row: number[], ctx: ProcessContext, out: Collector<Row>): void {
    out.collect([...row, ctx.timestamp() ?? Number.NaN] as Row);
  }
}

export default (env: StreamExecutionEnvironment) => {
  const left = env
    .fromSequence(0, N - 1)
    .map(leftEvent)
    .assignTimestampsAndWatermarks(
      WatermarkStrategy.forBoundedOutOfOrderness<Left>(OUT_OF_ORDERNESS).withTimestampAssigner((e) => e.ts),
    )
    .keyBy((e) => e.k);
  const right = env
    .fromSequence(0, N - 1)
    .map(rightEvent)
    .assignTimestampsAndWatermarks(
      WatermarkStrategy.forBoundedOutOfOrderness<Right>(OUT_OF_ORDERNESS).withTimestampAssigner((t) => t[2]),
    )
    .keyBy((t) => t[0]);
  return left.intervalJoin(right).between(LOWER, UPPER).process(new Pair()).process(new WithTimestamp());
};
