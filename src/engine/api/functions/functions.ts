import { AbstractRichFunction } from './rich-function.ts';

/**
 * Stateless user functions: a plain function or an object with Flink's method name, so both
 * `stream.map((x) => x * 2)` and `stream.map({ map: (x) => x * 2 })` work.
 */

/** Collects the results of flatMap / process functions (Flink's Collector). */
export interface Collector<T> {
  collect(record: T): void;
}

/** @example stream.map((s: string) => s.length) */
export type MapFunction<T, R> = ((value: T) => R) | { map(value: T): R };
/** @example stream.filter((n: number) => n % 2 === 0) */
export type FilterFunction<T> = ((value: T) => boolean) | { filter(value: T): boolean };
/** @example stream.flatMap((line: string, out) => line.split(' ').forEach((w) => out.collect(w))) */
export type FlatMapFunction<T, R> =
  ((value: T, out: Collector<R>) => void) | { flatMap(value: T, out: Collector<R>): void };
/** @example stream.keyBy((e: { user: string }) => e.user) */
export type KeySelector<T, K> = ((value: T) => K) | { getKey(value: T): K };

/** What a sink sees besides the record (Flink's SinkFunction.Context). */
export interface SinkContext {
  /** The record's event timestamp, or null when it has none. */
  timestamp(): number | null;
  currentWatermark(): number;
  currentProcessingTime(): number;
}
/** @example stream.addSink((v) => results.push(v)) */
export type SinkFunction<T> =
  ((value: T, context: SinkContext) => void) | { invoke(value: T, context: SinkContext): void };

/** A map with lifecycle and state access. @example class M extends RichMapFunction<string, number> { map(s: string) { return s.length; } } */
export abstract class RichMapFunction<T, R> extends AbstractRichFunction {
  abstract map(value: T): R;
}
/** A filter with lifecycle and state access. @example class F extends RichFilterFunction<number> { filter(n: number) { return n > 0; } } */
export abstract class RichFilterFunction<T> extends AbstractRichFunction {
  abstract filter(value: T): boolean;
}
/** A flatMap with lifecycle and state access. @example class Split extends RichFlatMapFunction<string, string> { flatMap(s: string, out: Collector<string>) { s.split(' ').forEach((w) => out.collect(w)); } } */
export abstract class RichFlatMapFunction<T, R> extends AbstractRichFunction {
  abstract flatMap(value: T, out: Collector<R>): void;
}
/** A sink with lifecycle (open a connection in open(), release it in close()). @example class S extends RichSinkFunction<string> { invoke(v: string) { console.log(v); } } */
export abstract class RichSinkFunction<T> extends AbstractRichFunction {
  abstract invoke(value: T, context: SinkContext): void;
}
