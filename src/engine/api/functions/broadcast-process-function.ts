import type { OutputTag } from '../output-tag.ts';
import type { MapStateDescriptor, StateDescriptor } from '../../state/descriptors.ts';
import type { State } from '../../state/state.ts';
import type { TimerService } from '../../time/timer-service.ts';
import { AbstractRichFunction } from './rich-function.ts';
import type { Collector } from './functions.ts';
import type { TimeDomain } from './process-function.ts';

/** Broadcast state as the non-broadcast side sees it: read only (Flink's ReadOnlyBroadcastState). */
export interface ReadOnlyBroadcastState<K, V> {
  get(key: K): V | undefined;
  contains(key: K): boolean;
  immutableEntries(): Iterable<[K, V]>;
  entries(): Iterable<[K, V]>;
  keys(): Iterable<K>;
  values(): Iterable<V>;
  isEmpty(): boolean;
}
/** Broadcast state as the broadcast side sees it (Flink's BroadcastState): a map, the same on every subtask. */
export interface BroadcastState<K, V> extends ReadOnlyBroadcastState<K, V> {
  put(key: K, value: V): void;
  putAll(entries: Map<K, V> | Iterable<[K, V]>): void;
  remove(key: K): void;
  clear(): void;
}

/** Shared by both contexts of broadcast functions. */
export interface BroadcastBaseContext {
  timestamp(): number | null;
  output<X>(tag: OutputTag<X>, value: X): void;
  currentProcessingTime(): number;
  currentWatermark(): number;
}
/** processElement's context: broadcast state is read only here. */
export interface BroadcastReadOnlyContext extends BroadcastBaseContext {
  getBroadcastState<K, V>(descriptor: MapStateDescriptor<K, V>): ReadOnlyBroadcastState<K, V>;
}
/** processBroadcastElement's context: broadcast state can be written. */
export interface BroadcastContext extends BroadcastBaseContext {
  getBroadcastState<K, V>(descriptor: MapStateDescriptor<K, V>): BroadcastState<K, V>;
}
/** Keyed side context: adds the current key and timers. */
export interface KeyedBroadcastReadOnlyContext<K> extends BroadcastReadOnlyContext {
  getCurrentKey(): K;
  timerService(): TimerService;
}
/** Broadcast side context of a keyed broadcast function: can visit the keyed state of all keys. */
export interface KeyedBroadcastContext extends BroadcastContext {
  applyToKeyedState<S extends State>(descriptor: StateDescriptor, fn: (key: any, state: S) => void): void;
}
/** onTimer's context of a keyed broadcast function. */
export interface KeyedBroadcastOnTimerContext<K> extends KeyedBroadcastReadOnlyContext<K> {
  timeDomain(): TimeDomain;
}

/**
 * Connects a stream with a broadcast stream (Flink's BroadcastProcessFunction).
 *
 * @example
 * class Filter extends BroadcastProcessFunction<string, string, string> {
 *   processElement(w: string, ctx: BroadcastReadOnlyContext, out: Collector<string>) {
 *     if (!ctx.getBroadcastState(blocked).contains(w)) out.collect(w);
 *   }
 *   processBroadcastElement(w: string, ctx: BroadcastContext) { ctx.getBroadcastState(blocked).put(w, true); }
 * }
 */
export abstract class BroadcastProcessFunction<I1, I2, O> extends AbstractRichFunction {
  abstract processElement(value: I1, ctx: BroadcastReadOnlyContext, out: Collector<O>): void;
  abstract processBroadcastElement(value: I2, ctx: BroadcastContext, out: Collector<O>): void;
}

/**
 * Connects a keyed stream with a broadcast stream: rules broadcast to keyed events (Flink's
 * KeyedBroadcastProcessFunction), with keyed state and timers on the keyed side.
 *
 * @example
 * class Rules extends KeyedBroadcastProcessFunction<string, Event, Rule, Alert> {
 *   processElement(e: Event, ctx: KeyedBroadcastReadOnlyContext<string>, out: Collector<Alert>) { ... }
 *   processBroadcastElement(r: Rule, ctx: KeyedBroadcastContext, out: Collector<Alert>) { ctx.getBroadcastState(rules).put(r.name, r); }
 * }
 */
export abstract class KeyedBroadcastProcessFunction<K, I1, I2, O> extends AbstractRichFunction {
  abstract processElement(value: I1, ctx: KeyedBroadcastReadOnlyContext<K>, out: Collector<O>): void;
  abstract processBroadcastElement(value: I2, ctx: KeyedBroadcastContext, out: Collector<O>): void;
  onTimer(_timestamp: number, _ctx: KeyedBroadcastOnTimerContext<K>, _out: Collector<O>): void {}
}
