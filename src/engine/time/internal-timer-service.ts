import { HeapKeyedStateBackend } from '../state/heap-keyed-state-backend.ts';
import type { KeyedStateBackend, Namespace } from '../state/keyed-state-backend.ts';
import { toStateKey, type StateKey } from '../state/state-table.ts';
import { TimerQueue, type HeapTimer } from '../state/timer-queue.ts';
import type {
  InternalTimer,
  InternalTimerService,
  ProcessingTimeService,
  Triggerable,
} from './timer-service.ts';
import { MIN_WATERMARK } from './watermark.ts';

/** A timer in a snapshot: [key, namespace, timestamp]. */
export type TimerEntry = [key: unknown, namespace: Namespace, timestamp: number];

/** The timers of one timer service as plain data, grouped by key group (see KeyedStateSnapshot). */
export interface TimerServiceSnapshot {
  name: string;
  keyGroups: Record<number, { eventTime: TimerEntry[]; processingTime: TimerEntry[] }>;
}

/**
 * Keyed timers of one operator (Flink's InternalTimerServiceImpl). Timers belong to the backend's
 * current key; one per (key, namespace, timestamp). Event-time timers fire from advanceWatermark,
 * processing-time timers from the ProcessingTimeService; before each, the timer's key becomes the
 * backend's current key.
 *
 * @example
 * const timers = new InternalTimerServiceImpl('user-timers', backend, clock, operator);
 * backend.setCurrentKey('alice');
 * timers.registerEventTimeTimer(VOID_NAMESPACE, 1000);
 * timers.advanceWatermark(1000); // operator.onEventTime({ key: 'alice', namespace: '', timestamp: 1000 })
 */
export class InternalTimerServiceImpl implements InternalTimerService {
  private watermark = MIN_WATERMARK;
  private readonly eventTimers = new TimerQueue();
  private readonly processingTimers = new TimerQueue();
  /** Time of the one physical processing-time timer (Flink's nextTimer), NaN when none. */
  private nextProcessingTime = Number.NaN;
  private cancelNext: (() => void) | null = null;
  private readonly heapBackend: HeapKeyedStateBackend | null;
  private readonly fireEventTime = (timer: HeapTimer): void => {
    this.backend.setCurrentKeyWithGroup(timer.key, timer.keyGroup);
    this.target.onEventTime(timer);
  };
  private readonly fireProcessingTime = (timer: HeapTimer): void => {
    this.backend.setCurrentKeyWithGroup(timer.key, timer.keyGroup);
    this.target.onProcessingTime(timer);
  };
  private readonly onProcessingTime = (time: number): void => {
    this.nextProcessingTime = Number.NaN;
    this.cancelNext = null;
    this.processingTimers.pollUpTo(time, this.fireProcessingTime);
    const head = this.processingTimers.peekTimestamp();
    if (head === head && this.cancelNext === null) this.scheduleProcessingTime(head);
  };

  constructor(
    readonly name: string,
    private readonly backend: KeyedStateBackend,
    private readonly processingTimeService: ProcessingTimeService,
    readonly target: Triggerable,
  ) {
    this.heapBackend = backend instanceof HeapKeyedStateBackend ? backend : null;
  }

  currentWatermark(): number {
    return this.watermark;
  }

  currentProcessingTime(): number {
    return this.processingTimeService.getCurrentProcessingTime();
  }

  private currentStateKey(time: number): StateKey {
    if (typeof time !== 'number' || time !== time) {
      throw new TypeError(
        `Timer service "${this.name}": timer time must be a number of ms, got ${String(time)}; if it comes ` +
          'from ctx.timestamp(), give records timestamps with assignTimestampsAndWatermarks(...)',
      );
    }
    if (this.backend.getCurrentKeyGroup() < 0) {
      throw new Error(
        `Timer service "${this.name}": a timer was used with no current key; timers are per key, so use them ` +
          'in processElement or onTimer of a keyed operator (after keyBy(...))',
      );
    }
    return this.heapBackend !== null
      ? this.heapBackend.currentStateKey
      : toStateKey(this.backend.getCurrentKey());
  }

  registerEventTimeTimer(namespace: Namespace, time: number): void {
    const sk = this.currentStateKey(time);
    this.eventTimers.add(
      this.backend.getCurrentKey(),
      sk,
      this.backend.getCurrentKeyGroup(),
      namespace,
      time,
    );
  }

  deleteEventTimeTimer(namespace: Namespace, time: number): void {
    this.eventTimers.remove(this.currentStateKey(time), namespace, time);
  }

  registerProcessingTimeTimer(namespace: Namespace, time: number): void {
    const sk = this.currentStateKey(time);
    const key = this.backend.getCurrentKey();
    // As Flink: only a timer earlier than the queue's old head needs a new physical timer. (Not the
    // pending physical timer: inside onProcessingTime there is none, yet the head still needs one.)
    const oldHead = this.processingTimers.peekTimestamp();
    if (this.processingTimers.add(key, sk, this.backend.getCurrentKeyGroup(), namespace, time)) {
      if (!(time >= oldHead)) this.scheduleProcessingTime(time);
    }
  }

  deleteProcessingTimeTimer(namespace: Namespace, time: number): void {
    this.processingTimers.remove(this.currentStateKey(time), namespace, time);
  }

  private scheduleProcessingTime(time: number): void {
    if (this.cancelNext !== null) this.cancelNext();
    this.nextProcessingTime = time;
    this.cancelNext = this.processingTimeService.registerTimer(time, this.onProcessingTime);
  }

  /**
   * Sets the current watermark, then fires every event-time timer with timestamp <= `watermark` in
   * timestamp order (as Flink: currentWatermark() inside onEventTime already returns the new value).
   */
  advanceWatermark(watermark: number): void {
    this.watermark = watermark;
    this.eventTimers.pollUpTo(watermark, this.fireEventTime);
  }

  numEventTimeTimers(): number {
    return this.eventTimers.size;
  }

  numProcessingTimeTimers(): number {
    return this.processingTimers.size;
  }

  /** Visits every registered timer (no copy): for columnar checkpoint chunks. */
  forEachTimer(visit: (timer: InternalTimer & { keyGroup: number }, eventTime: boolean) => void): void {
    this.eventTimers.forEach((t) => visit(t, true));
    this.processingTimers.forEach((t) => visit(t, false));
  }

  /**
   * Deep copy of the timers grouped by key group (for checkpoints and rescaling); `includeGroup`
   * limits it to some key groups (incremental checkpoints).
   */
  snapshot(includeGroup?: (keyGroup: number) => boolean): TimerServiceSnapshot {
    const keyGroups: TimerServiceSnapshot['keyGroups'] = {};
    const groupOf = (g: number) => (keyGroups[g] ??= { eventTime: [], processingTime: [] });
    const all = includeGroup === undefined;
    this.eventTimers.forEach((t) => {
      if (all || includeGroup(t.keyGroup))
        groupOf(t.keyGroup).eventTime.push([t.key, t.namespace, t.timestamp]);
    });
    this.processingTimers.forEach((t) => {
      if (all || includeGroup(t.keyGroup))
        groupOf(t.keyGroup).processingTime.push([t.key, t.namespace, t.timestamp]);
    });
    // Entries are fresh arrays of primitives unless keys are composite (objects): copy only then.
    let objectKeys = false;
    for (const g of Object.values(keyGroups)) {
      for (const t of g.eventTime) if (typeof t[0] === 'object' && t[0] !== null) objectKeys = true;
      for (const t of g.processingTime) if (typeof t[0] === 'object' && t[0] !== null) objectKeys = true;
      if (objectKeys) break;
    }
    return { name: this.name, keyGroups: objectKeys ? structuredClone(keyGroups) : keyGroups };
  }

  /** Adds the timers of `snapshots` whose key group lies in the backend's range. */
  restore(snapshots: readonly TimerServiceSnapshot[]): void {
    const { start, end } = this.backend.keyGroupRange;
    for (const snapshot of snapshots) {
      for (const [groupText, timers] of Object.entries(structuredClone(snapshot.keyGroups))) {
        const group = Number(groupText);
        if (group < start || group > end) continue;
        for (const [key, ns, ts] of timers.eventTime)
          this.eventTimers.add(key, toStateKey(key), group, ns, ts);
        for (const [key, ns, ts] of timers.processingTime) {
          this.processingTimers.add(key, toStateKey(key), group, ns, ts);
        }
      }
    }
    const head = this.processingTimers.peekTimestamp();
    if (head === head && !(head >= this.nextProcessingTime)) this.scheduleProcessingTime(head);
  }

  /** Cancels the pending physical processing-time timer (when the operator closes). */
  close(): void {
    if (this.cancelNext !== null) this.cancelNext();
    this.cancelNext = null;
    this.nextProcessingTime = Number.NaN;
  }
}
