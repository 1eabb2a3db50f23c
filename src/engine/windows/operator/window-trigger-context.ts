import type { StateDescriptor } from '../../state/descriptors.ts';
import type { KeyedStateBackend, Namespace } from '../../state/keyed-state-backend.ts';
import type { InternalTimerService } from '../../time/timer-service.ts';
import type { OnMergeContext } from '../triggers/trigger.ts';
import type { Trigger } from '../triggers/trigger.ts';
import type { TriggerResult } from '../triggers/trigger-result.ts';
import type { Window } from '../window.ts';

const NO_KEY: unknown = Symbol('no key');

/**
 * The context a trigger runs in (Flink's WindowOperator.Context): reused for every call by setting
 * `key` and `window`. Timers go to the operator's timer service under the window's namespace.
 * Registering the timer just registered again (EventTimeTrigger's end-of-window timer and the
 * cleanup timer are usually the same) is skipped with three comparisons.
 */
export class WindowTriggerContext<T, W extends Window> implements OnMergeContext {
  key: unknown = undefined;
  window!: W;
  /** The windows merged into `window` during onMerge. */
  mergedWindows: W[] | null = null;
  private lastEventKey = NO_KEY;
  private lastEventNamespace: Namespace = '';
  private lastEventTime = Number.NaN;
  private lastProcessingKey = NO_KEY;
  private lastProcessingNamespace: Namespace = '';
  private lastProcessingTime = Number.NaN;

  constructor(
    private readonly backend: KeyedStateBackend,
    private readonly timers: InternalTimerService,
    private readonly trigger: Trigger<T, W>,
  ) {}

  getCurrentProcessingTime(): number {
    return this.timers.currentProcessingTime();
  }
  getCurrentWatermark(): number {
    return this.timers.currentWatermark();
  }

  registerEventTimeTimer(time: number): void {
    const ns = this.window.namespace;
    if (time === this.lastEventTime && ns === this.lastEventNamespace && this.key === this.lastEventKey)
      return;
    this.timers.registerEventTimeTimer(ns, time);
    this.lastEventKey = this.key;
    this.lastEventNamespace = ns;
    this.lastEventTime = time;
  }
  registerProcessingTimeTimer(time: number): void {
    const ns = this.window.namespace;
    if (
      time === this.lastProcessingTime &&
      ns === this.lastProcessingNamespace &&
      this.key === this.lastProcessingKey
    ) {
      return;
    }
    this.timers.registerProcessingTimeTimer(ns, time);
    this.lastProcessingKey = this.key;
    this.lastProcessingNamespace = ns;
    this.lastProcessingTime = time;
  }
  deleteEventTimeTimer(time: number): void {
    this.lastEventKey = NO_KEY;
    this.timers.deleteEventTimeTimer(this.window.namespace, time);
  }
  deleteProcessingTimeTimer(time: number): void {
    this.lastProcessingKey = NO_KEY;
    this.timers.deleteProcessingTimeTimer(this.window.namespace, time);
  }
  /** A timer fired (and is gone): registering it again must reach the timer service. */
  forgetLastTimers(): void {
    this.lastEventKey = NO_KEY;
    this.lastProcessingKey = NO_KEY;
  }

  getPartitionedState(descriptor: StateDescriptor): any {
    return this.backend.getPartitionedState(this.window.namespace, descriptor);
  }

  mergePartitionedState(descriptor: StateDescriptor): void {
    const merged = this.mergedWindows;
    if (merged === null || merged.length === 0) return;
    this.backend.mergeNamespaces(
      this.window.namespace,
      merged.map((w) => w.namespace),
      descriptor,
    );
  }

  onElement(element: T, timestamp: number): TriggerResult {
    return this.trigger.onElement(element, timestamp, this.window, this);
  }
  onEventTime(time: number): TriggerResult {
    return this.trigger.onEventTime(time, this.window, this);
  }
  onProcessingTime(time: number): TriggerResult {
    return this.trigger.onProcessingTime(time, this.window, this);
  }
  onMerge(mergedWindows: W[]): void {
    this.mergedWindows = mergedWindows;
    this.trigger.onMerge(this.window, this);
  }
  clear(): void {
    this.trigger.clear(this.window, this);
  }
}
