import type { OutputTag } from '../output-tag.ts';
import type { Collector } from './functions.ts';
import { AbstractRichFunction } from './rich-function.ts';

/**
 * What a ProcessJoinFunction sees besides the pair (Flink's ProcessJoinFunction.Context): the
 * timestamps of both elements, the result's timestamp (the larger of the two) and side outputs.
 */
export interface ProcessJoinContext {
  /** Timestamp of the left element. */
  getLeftTimestamp(): number;
  /** Timestamp of the right element. */
  getRightTimestamp(): number;
  /** Timestamp of the joined result: max(left, right). */
  getTimestamp(): number;
  /** Emits to a side output (at the result's timestamp); read it with getSideOutput(tag). */
  output<X>(tag: OutputTag<X>, value: X): void;
}

/**
 * Processes one joined pair of an interval join (Flink's ProcessJoinFunction): emits any number of
 * results, at the timestamp max(left, right). Rich: open(), close() and getRuntimeContext().
 *
 * @example
 * class Pair extends ProcessJoinFunction<Order, Payment, string> {
 *   processElement(o: Order, p: Payment, ctx: ProcessJoinContext, out: Collector<string>) {
 *     out.collect(`${o.id} paid ${ctx.getRightTimestamp() - ctx.getLeftTimestamp()} ms later`);
 *   }
 * }
 */
export abstract class ProcessJoinFunction<IN1, IN2, OUT> extends AbstractRichFunction {
  abstract processElement(left: IN1, right: IN2, ctx: ProcessJoinContext, out: Collector<OUT>): void;
}

/**
 * What `intervalJoin(...).between(...).process(fn)` accepts: a ProcessJoinFunction, an object with
 * processElement, or a plain function.
 *
 * @example (order, payment, ctx, out) => out.collect([order.id, payment.amount])
 */
export type ProcessJoinFunctionLike<IN1, IN2, OUT> =
  | ProcessJoinFunction<IN1, IN2, OUT>
  | ((left: IN1, right: IN2, ctx: ProcessJoinContext, out: Collector<OUT>) => void)
  | { processElement(left: IN1, right: IN2, ctx: ProcessJoinContext, out: Collector<OUT>): void };
