/**
 * Shared helpers for the window tests: build a window operator from settings (as WindowedStream
 * does) and wrap it in the keyed operator harness.
 */
import type { OutputTag } from '../../../../src/engine/api/output-tag.ts';
import type { OperatorFactory } from '../../../../src/engine/runtime/operator.ts';
import type { Evictor } from '../../../../src/engine/windows/evictors/evictor.ts';
import { WindowOperatorBuilder } from '../../../../src/engine/windows/operator/window-operator-builder.ts';
import type { WindowOperator } from '../../../../src/engine/windows/operator/window-operator.ts';
import type { Trigger } from '../../../../src/engine/windows/triggers/trigger.ts';
import type { WindowAssigner } from '../../../../src/engine/windows/window-assigner.ts';
import type { Window } from '../../../../src/engine/windows/window.ts';
import { KeyedOperatorHarness } from './harness.ts';

/** A keyed event: [key, value]. */
export type KV = [string, number];

export interface Settings<T, W extends Window> {
  assigner: WindowAssigner<T, W>;
  trigger?: Trigger<T, W>;
  evictor?: Evictor<T, W>;
  allowedLateness?: number;
  lateTag?: OutputTag<T>;
}

export function builder<T, W extends Window>(s: Settings<T, W>): WindowOperatorBuilder<T, W> {
  return new WindowOperatorBuilder<T, W>({
    assigner: s.assigner,
    trigger: s.trigger ?? s.assigner.getDefaultTrigger(),
    evictor: s.evictor ?? null,
    allowedLateness: s.allowedLateness ?? 0,
    lateDataOutputTag: s.lateTag ?? null,
  });
}

/** An opened harness around the operator that `build` makes, keyed by the first tuple field. */
export function windowHarness<T extends readonly unknown[], W extends Window, R>(
  s: Settings<T, W>,
  build: (b: WindowOperatorBuilder<T, W>) => OperatorFactory<WindowOperator<T, unknown, R, W>>,
  options: { processingTime?: number } = {},
): KeyedOperatorHarness<T, R> {
  return new KeyedOperatorHarness<T, R>(build(builder(s)), (v) => v[0], options).open();
}

/** Sum of the value field, keeping the key of the first element (Flink's sum(1) on a Tuple2). */
export const sumKV = (a: KV, b: KV): KV => [a[0], a[1] + b[1]];
