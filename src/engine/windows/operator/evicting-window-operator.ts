import type { ListState, AppendingState } from '../../state/state.ts';
import type { Evictor, EvictorContext } from '../evictors/evictor.ts';
import { TimestampedValue } from '../evictors/evictor.ts';
import type { Window } from '../window.ts';
import { WindowOperator, type WindowOperatorSpec } from './window-operator.ts';

/** How an evicting window stores an element: [value, timestamp] (plain, so snapshots can clone it). */
export type StoredElement<IN> = [IN, number];

/**
 * Flink's EvictingWindowOperator: keeps every element with its timestamp in a list state, and at
 * each firing lets the evictor remove elements before and/or after the window function; what
 * remains is written back, so evicted elements stay gone for later firings.
 *
 * @example
 * keyed.transform('Window', () => new EvictingWindowOperator(spec, CountEvictor.of(3)));
 */
export class EvictingWindowOperator<IN, OUT, W extends Window> extends WindowOperator<
  IN,
  Iterable<IN>,
  OUT,
  W
> {
  private readonly evictorContext: EvictorContext = {
    getCurrentProcessingTime: () => this.timers.currentProcessingTime(),
    getCurrentWatermark: () => this.timers.currentWatermark(),
  };

  constructor(
    spec: WindowOperatorSpec<IN, Iterable<IN>, OUT, W>,
    private readonly evictor: Evictor<IN, W>,
  ) {
    super(spec);
    if (spec.stateDescriptor.kind !== 'list') {
      throw new Error('EvictingWindowOperator: the window state must be a list state of [value, timestamp]');
    }
  }

  protected override addElement(state: AppendingState<IN, Iterable<IN>>, value: IN, timestamp: number): void {
    (state as unknown as ListState<StoredElement<IN>>).add([value, timestamp]);
  }

  protected override emitWindowContents(
    window: W,
    contents: Iterable<IN>,
    state: AppendingState<IN, Iterable<IN>>,
  ): void {
    const elements: TimestampedValue<IN>[] = [];
    for (const [value, ts] of contents as unknown as Iterable<StoredElement<IN>>) {
      elements.push(new TimestampedValue(value, ts));
    }
    this.evictor.evictBefore(elements, elements.length, window, this.evictorContext);
    super.emitWindowContents(
      window,
      elements.map((e) => e.value),
      state,
    );
    this.evictor.evictAfter(elements, elements.length, window, this.evictorContext);
    // Write back what survived (Flink FLINK-4369): list state can only be replaced as a whole.
    (state as unknown as ListState<StoredElement<IN>>).update(
      elements.map((e): StoredElement<IN> => [e.value, e.timestamp]),
    );
  }
}
