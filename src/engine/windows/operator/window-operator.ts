import type { OutputTag } from '../../api/output-tag.ts';
import { AbstractStreamOperator } from '../../operators/abstract-stream-operator.ts';
import { TimestampedCollector } from '../../operators/timestamped-collector.ts';
import type { OneInputStreamOperator, OperatorContext, Output } from '../../runtime/operator.ts';
import { StreamingRuntimeContext } from '../../runtime/streaming-runtime-context.ts';
import { copyRecord } from '../../state/copy-record.ts';
import { ValueStateDescriptor, type StateDescriptor } from '../../state/descriptors.ts';
import { VOID_NAMESPACE, type KeyedStateBackend, type Namespace } from '../../state/keyed-state-backend.ts';
import type { AppendingState, ValueState } from '../../state/state.ts';
import type { InternalTimer, InternalTimerService, Triggerable } from '../../time/timer-service.ts';
import type { Trigger } from '../triggers/trigger.ts';
import {
  MergingWindowAssigner,
  type WindowAssigner,
  type WindowAssignerContext,
} from '../window-assigner.ts';
import type { Window } from '../window.ts';
import type { InternalWindowFunction } from './internal-window-function.ts';
import { MergingWindowSet, type MergingWindowSetState } from './merging-window-set.ts';
import { WindowProcessContext } from './window-process-context.ts';
import { WindowCleanup } from './window-cleanup.ts';
import { WindowTriggerContext } from './window-trigger-context.ts';

/** Everything a window operator is built from (what WindowedStream collects). */
export interface WindowOperatorSpec<IN, ACC, OUT, W extends Window> {
  assigner: WindowAssigner<IN, W>;
  trigger: Trigger<IN, W>;
  /** The window contents: a reducing, aggregating or list state descriptor. */
  stateDescriptor: StateDescriptor;
  windowFunction: InternalWindowFunction<ACC, OUT, unknown, W>;
  /** Milliseconds, >= 0. */
  allowedLateness: number;
  lateDataOutputTag: OutputTag<IN> | null;
}

const MERGING_SET = new ValueStateDescriptor<MergingWindowSetState>('merging-window-set');

/**
 * Flink's WindowOperator for keyed streams: assigns each element to windows, adds it to the
 * window's state (pre-aggregated with reduce/aggregate, or all elements for process), asks the
 * trigger, emits results with timestamp `window.maxTimestamp()`, and drops a window's state at
 * `maxTimestamp + allowedLateness` (event time) or at its end (processing time). Elements for
 * windows already past cleanup are dropped or sent to the late-data side output.
 *
 * @example
 * keyed.transform('Window(count)', () => new WindowOperator(spec));
 */
export class WindowOperator<IN, ACC, OUT, W extends Window>
  extends AbstractStreamOperator<OUT>
  implements OneInputStreamOperator<IN, OUT>, Triggerable
{
  protected backend!: KeyedStateBackend;
  protected timers!: InternalTimerService;
  protected triggerContext!: WindowTriggerContext<IN, W>;
  protected processContext!: WindowProcessContext<W>;
  private cleanup!: WindowCleanup<W>;
  private assignerContext!: WindowAssignerContext;
  private readonly merging: MergingWindowAssigner<IN, W> | null;
  private readonly isEventTime: boolean;
  private collector!: TimestampedCollector<OUT>;
  private lastStateNamespace: Namespace | null = null;
  private lastState!: AppendingState<IN, ACC>;
  private lastTimerNamespace: Namespace | null = null;
  private lastTimerWindow!: W;
  /** Late elements dropped because no side output was set (Flink's numLateRecordsDropped). */
  numLateRecordsDropped = 0;

  constructor(protected readonly spec: WindowOperatorSpec<IN, ACC, OUT, W>) {
    super();
    if (!(spec.allowedLateness >= 0)) {
      throw new RangeError(`The allowed lateness cannot be negative, got ${spec.allowedLateness}`);
    }
    this.merging = spec.assigner instanceof MergingWindowAssigner ? spec.assigner : null;
    this.isEventTime = spec.assigner.isEventTime();
  }

  override setup(context: OperatorContext, output: Output<OUT>): void {
    if (context.keyedStateBackend === null) {
      throw new Error(
        `${context.operatorName}: a window operator needs a keyed stream; call keyBy(...) before window(...), ` +
          'or use windowAll(...) on a non-keyed stream',
      );
    }
    super.setup(context, output);
    this.backend = context.keyedStateBackend;
    this.collector = new TimestampedCollector(output);
    const runtimeContext = new StreamingRuntimeContext(context);
    for (const fn of this.spec.windowFunction.rich) fn.setRuntimeContext(runtimeContext);
  }

  override open(): void {
    this.timers = this.getInternalTimerService('window-timers', this);
    const timers = this.timers;
    this.assignerContext = { getCurrentProcessingTime: () => timers.currentProcessingTime() };
    this.triggerContext = new WindowTriggerContext(this.backend, timers, this.spec.trigger);
    const ctx = this.triggerContext as WindowTriggerContext<unknown, W>;
    this.cleanup = new WindowCleanup(this.isEventTime, this.spec.allowedLateness, timers, ctx);
    const name = this.context.operatorName;
    this.processContext = new WindowProcessContext(
      this.backend,
      name,
      timers,
      this.output,
      this.merging !== null,
    );
    for (const fn of this.spec.windowFunction.rich) {
      try {
        fn.open({});
      } catch (e) {
        throw this.fail('open()', e);
      }
    }
  }

  processElement(value: IN, timestamp: number): void {
    const windows = this.spec.assigner.assignWindows(value, timestamp, this.assignerContext);
    const key = this.backend.getCurrentKey();
    const ctx = this.triggerContext;
    let skipped = true;
    if (this.merging !== null) {
      skipped = this.processMerging(windows, key, value, timestamp);
    } else {
      for (let i = 0; i < windows.length; i++) {
        const window = windows[i];
        if (this.cleanup.isWindowLate(window)) continue;
        skipped = false;
        const state = this.stateOf(window.namespace);
        this.addElement(state, value, timestamp);
        ctx.key = key;
        ctx.window = window;
        const result = ctx.onElement(value, timestamp);
        if (result.fire) {
          const contents = this.contentsOf(state);
          if (contents === null) continue;
          this.emitWindowContents(window, contents, state);
        }
        if (result.purge) state.clear();
        this.cleanup.register(window);
      }
    }
    if (skipped && this.cleanup.isElementLate(timestamp)) {
      if (this.spec.lateDataOutputTag !== null)
        this.output.collectSide(this.spec.lateDataOutputTag, value, timestamp);
      else this.numLateRecordsDropped++;
    }
  }

  /** The merging branch of processElement; returns true if every window was late (element skipped). */
  private processMerging(windows: readonly W[], key: unknown, value: IN, timestamp: number): boolean {
    const mergingWindows = this.mergingWindowSet();
    const ctx = this.triggerContext;
    let skipped = true;
    for (const window of windows) {
      const actualWindow = mergingWindows.addWindow(
        window,
        (mergeResult, mergedWindows, stateWindowResult, mergedStateWindows) => {
          this.cleanup.checkMergeNotLate(mergeResult);
          ctx.key = key;
          ctx.window = mergeResult;
          ctx.onMerge(mergedWindows);
          for (const m of mergedWindows) {
            ctx.window = m;
            ctx.clear();
            this.cleanup.delete(m);
          }
          this.backend.mergeNamespaces(
            stateWindowResult.namespace,
            mergedStateWindows.map((w) => w.namespace),
            this.spec.stateDescriptor,
          );
        },
      );
      if (this.cleanup.isWindowLate(actualWindow)) {
        mergingWindows.retireWindow(actualWindow);
        continue;
      }
      skipped = false;
      const stateWindow = mergingWindows.getStateWindow(actualWindow);
      if (stateWindow === null)
        throw new Error(`Window ${String(window)} is not in the in-flight window set`);
      const state = this.stateOf(stateWindow.namespace);
      this.addElement(state, value, timestamp);
      ctx.key = key;
      ctx.window = actualWindow;
      const result = ctx.onElement(value, timestamp);
      if (result.fire) {
        const contents = this.contentsOf(state);
        if (contents === null) continue;
        this.emitWindowContents(actualWindow, contents, state);
      }
      if (result.purge) state.clear();
      this.cleanup.register(actualWindow);
    }
    mergingWindows.persist();
    return skipped;
  }

  onEventTime(timer: InternalTimer): void {
    this.onTimer(timer, true);
  }

  onProcessingTime(timer: InternalTimer): void {
    this.onTimer(timer, false);
  }

  private onTimer(timer: InternalTimer, eventTime: boolean): void {
    try {
      this.fireTimer(timer, eventTime);
    } catch (e) {
      const kind = eventTime ? 'event-time' : 'processing-time';
      throw this.fail(
        `the ${kind} timer ${timer.timestamp} of window ${String(this.triggerContext.window)}, key ${String(timer.key)}`,
        e,
      );
    }
  }

  private fireTimer(timer: InternalTimer, eventTime: boolean): void {
    const ctx = this.triggerContext;
    ctx.forgetLastTimers();
    ctx.key = timer.key;
    ctx.window = this.windowOf(timer.namespace);
    let mergingWindows: MergingWindowSet<W> | null = null;
    let stateNamespace = timer.namespace;
    if (this.merging !== null) {
      mergingWindows = this.mergingWindowSet();
      const stateWindow = mergingWindows.getStateWindow(ctx.window);
      // A timer of a window already merged away or purged: its trigger state is gone too.
      if (stateWindow === null) return;
      stateNamespace = stateWindow.namespace;
    }
    const state = this.stateOf(stateNamespace);
    const result = eventTime ? ctx.onEventTime(timer.timestamp) : ctx.onProcessingTime(timer.timestamp);
    if (result.fire) {
      const contents = this.contentsOf(state);
      if (contents !== null) this.emitWindowContents(ctx.window, contents, state);
    }
    if (result.purge) state.clear();
    if (this.isEventTime === eventTime && this.cleanup.cleanupTime(ctx.window) === timer.timestamp) {
      this.clearAllState(ctx.window, state, mergingWindows);
    }
    if (mergingWindows !== null) mergingWindows.persist();
  }

  /** Drops the window's contents, its trigger state and per-window function state. */
  private clearAllState(
    window: W,
    state: AppendingState<IN, ACC>,
    mergingWindows: MergingWindowSet<W> | null,
  ): void {
    state.clear();
    this.triggerContext.clear();
    this.processContext.window = window;
    this.spec.windowFunction.clear(window, this.processContext);
    if (mergingWindows !== null) mergingWindows.retireWindow(window);
  }

  override close(): void {
    for (const fn of this.spec.windowFunction.rich) {
      try {
        fn.close();
      } catch (e) {
        throw this.fail('close()', e);
      }
    }
  }

  /** Adds an element to the window state (the evicting operator stores its timestamp too). */
  protected addElement(state: AppendingState<IN, ACC>, value: IN, _timestamp: number): void {
    state.add(value);
  }

  /** The window's contents, or null when it holds nothing (Flink skips the firing then). */
  protected contentsOf(state: AppendingState<IN, ACC>): ACC | null {
    const contents = state.get();
    if (contents === null) return null;
    // A copy of a reduced or aggregated value: the reduce or add function may mutate the stored one
    // when the window fires again (late elements, triggers that do not purge).
    if (this.spec.stateDescriptor.kind !== 'list') return copyRecord(contents);
    // A copy: user code may keep or emit the elements, while the state keeps growing.
    const elements = Array.from(contents as Iterable<unknown>);
    return elements.length === 0 ? null : (elements as ACC);
  }

  protected emitWindowContents(window: W, contents: ACC, _state: AppendingState<IN, ACC>): void {
    this.collector.timestamp = window.maxTimestamp();
    this.processContext.window = window;
    this.spec.windowFunction.process(
      this.triggerContext.key,
      window,
      this.processContext,
      contents,
      this.collector,
    );
  }

  protected stateOf(namespace: Namespace): AppendingState<IN, ACC> {
    if (namespace !== this.lastStateNamespace) {
      this.lastState = this.backend.getPartitionedState(namespace, this.spec.stateDescriptor);
      this.lastStateNamespace = namespace;
    }
    return this.lastState;
  }

  private windowOf(namespace: Namespace): W {
    if (namespace !== this.lastTimerNamespace) {
      this.lastTimerWindow = this.spec.assigner.windowFromNamespace(namespace);
      this.lastTimerNamespace = namespace;
    }
    return this.lastTimerWindow;
  }

  private mergingWindowSet(): MergingWindowSet<W> {
    const state = this.backend.getPartitionedState<ValueState<MergingWindowSetState>>(
      VOID_NAMESPACE,
      MERGING_SET,
    );
    return new MergingWindowSet(this.merging!, state);
  }
}
