import type { Collector } from './functions.ts';

/**
 * Evaluates one key's window of a co-group (Flink's CoGroupFunction): all elements of both inputs,
 * either side possibly empty. A function or an object with `coGroup` (rich functions too).
 *
 * @example
 * (orders, payments, out) => out.collect({ orders: [...orders].length, paid: [...payments].length })
 */
export type CoGroupFunction<IN1, IN2, OUT> =
  | ((first: Iterable<IN1>, second: Iterable<IN2>, out: Collector<OUT>) => void)
  | { coGroup(first: Iterable<IN1>, second: Iterable<IN2>, out: Collector<OUT>): void };

/**
 * Joins one pair of a window join (Flink's JoinFunction): returns the joined record.
 *
 * @example (order, payment) => ({ id: order.id, amount: payment.amount })
 */
export type JoinFunction<IN1, IN2, OUT> =
  ((first: IN1, second: IN2) => OUT) | { join(first: IN1, second: IN2): OUT };

/**
 * Joins one pair into zero or more records (Flink's FlatJoinFunction). As a plain function it is
 * told from a JoinFunction by taking three parameters.
 *
 * @example (order, payment, out) => { if (payment.amount > 0) out.collect([order.id, payment.amount]); }
 */
export type FlatJoinFunction<IN1, IN2, OUT> =
  | ((first: IN1, second: IN2, out: Collector<OUT>) => void)
  | { join(first: IN1, second: IN2, out: Collector<OUT>): void };
