import type { Namespace } from '../state/keyed-state-backend.ts';

/**
 * A finite (or global) group of elements, as Flink's `Window`. Every window has a primitive
 * `namespace` under which its state and timers live in the keyed state backend, so the
 * per-record path never builds composite keys.
 *
 * @example
 * const w = new TimeWindow(0, 10_000);
 * w.maxTimestamp(); // 9999: the last timestamp that still belongs to the window
 */
export abstract class Window {
  /** The primitive id of this window in state and timers; equal windows have equal namespaces. */
  abstract readonly namespace: Namespace;
  /** The largest timestamp that still belongs to this window; results carry it as their timestamp. */
  abstract maxTimestamp(): number;
  /** Windows are values: two windows are equal when their namespaces are. */
  equals(other: Window): boolean {
    return this.namespace === other.namespace;
  }
}
