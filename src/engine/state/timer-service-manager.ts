import { InternalTimerServiceImpl, type TimerServiceSnapshot } from '../time/internal-timer-service.ts';
import type { ProcessingTimeService, Triggerable } from '../time/timer-service.ts';
import type { KeyedStateBackend } from './keyed-state-backend.ts';

/**
 * The timer services of one keyed operator, by name (Flink's InternalTimeServiceManager): creates
 * them on demand, advances the watermark of all, and snapshots/restores them together.
 *
 * @example
 * const timers = new InternalTimeServiceManager(backend, clock);
 * const service = timers.getInternalTimerService('window-timers', windowOperator);
 * timers.advanceWatermark(wm); // fires due timers of every service
 */
export class InternalTimeServiceManager {
  private readonly services = new Map<string, InternalTimerServiceImpl>();
  /** Restored timers of services the operator has not asked for yet (it does so in open()). */
  private readonly restored = new Map<string, TimerServiceSnapshot[]>();

  constructor(
    readonly backend: KeyedStateBackend,
    readonly processingTimeService: ProcessingTimeService,
  ) {}

  /** The service named `name`, created on first use; asking again with another target throws. */
  getInternalTimerService(name: string, target: Triggerable): InternalTimerServiceImpl {
    let service = this.services.get(name);
    if (service === undefined) {
      service = new InternalTimerServiceImpl(name, this.backend, this.processingTimeService, target);
      this.services.set(name, service);
      const pending = this.restored.get(name);
      if (pending !== undefined) {
        this.restored.delete(name);
        service.restore(pending);
      }
    } else if (service.target !== target) {
      throw new Error(`Timer service "${name}" already belongs to another operator; give each its own name`);
    }
    return service;
  }

  /** Advances every service's watermark, firing due event-time timers (service creation order). */
  advanceWatermark(watermark: number): void {
    for (const service of this.services.values()) service.advanceWatermark(watermark);
  }

  /** The created services, and the restored snapshots of services not created yet. */
  allServices(): { services: InternalTimerServiceImpl[]; pending: TimerServiceSnapshot[] } {
    return { services: [...this.services.values()], pending: [...this.restored.values()].flat() };
  }

  /**
   * Snapshots of all services, including restored ones not yet opened; `includeGroup` limits them
   * to some key groups (incremental checkpoints).
   */
  snapshot(includeGroup?: (keyGroup: number) => boolean): TimerServiceSnapshot[] {
    const out = Array.from(this.services.values(), (s) => s.snapshot(includeGroup));
    for (const pending of this.restored.values()) {
      for (const snap of structuredClone(pending)) {
        if (includeGroup !== undefined) {
          for (const g of Object.keys(snap.keyGroups))
            if (!includeGroup(Number(g))) delete snap.keyGroups[Number(g)];
        }
        out.push(snap);
      }
    }
    return out;
  }

  /** Restores timers (of any number of old subtasks) into the services with the same names. */
  restore(snapshots: readonly TimerServiceSnapshot[]): void {
    for (const snapshot of snapshots) {
      const service = this.services.get(snapshot.name);
      if (service !== undefined) service.restore([snapshot]);
      else {
        const list = this.restored.get(snapshot.name) ?? [];
        list.push(snapshot);
        this.restored.set(snapshot.name, list);
      }
    }
  }

  numEventTimeTimers(): number {
    let n = 0;
    for (const s of this.services.values()) n += s.numEventTimeTimers();
    return n;
  }

  numProcessingTimeTimers(): number {
    let n = 0;
    for (const s of this.services.values()) n += s.numProcessingTimeTimers();
    return n;
  }

  /** Cancels pending physical processing-time timers of all services. */
  close(): void {
    for (const s of this.services.values()) s.close();
  }
}
