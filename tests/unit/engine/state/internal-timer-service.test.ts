import { describe, expect, it } from 'vitest';
import { HeapKeyedStateBackend } from '../../../../src/engine/state/heap-keyed-state-backend.ts';
import { VOID_NAMESPACE } from '../../../../src/engine/state/keyed-state-backend.ts';
import { InternalTimeServiceManager } from '../../../../src/engine/state/timer-service-manager.ts';
import { InternalTimerServiceImpl } from '../../../../src/engine/time/internal-timer-service.ts';
import { ManualProcessingTimeService } from '../../../../src/engine/time/processing-time.ts';
import type { InternalTimer, Triggerable } from '../../../../src/engine/time/timer-service.ts';

// Expected firing orders follow Flink's InternalTimerServiceImpl: timers fire in timestamp order,
// once per (key, namespace, timestamp), with the timer's key as current key, and
// currentWatermark() already equal to the new watermark.

class Recorder implements Triggerable {
  fired: string[] = [];
  constructor(
    private readonly backend: HeapKeyedStateBackend,
    private readonly service: () => InternalTimerServiceImpl,
  ) {}
  onEventTime(t: InternalTimer): void {
    this.fired.push(
      `event ${String(t.key)}/${t.namespace}@${t.timestamp} key=${String(this.backend.getCurrentKey())} wm=${this.service().currentWatermark()}`,
    );
  }
  onProcessingTime(t: InternalTimer): void {
    this.fired.push(
      `proc ${String(t.key)}/${t.namespace}@${t.timestamp} key=${String(this.backend.getCurrentKey())}`,
    );
  }
}

function setup() {
  const clock = new ManualProcessingTimeService(0);
  const backend = new HeapKeyedStateBackend({ processingTimeService: clock });
  const holder: { service?: InternalTimerServiceImpl } = {};
  const target = new Recorder(backend, () => holder.service!);
  const service = new InternalTimerServiceImpl('timers', backend, clock, target);
  holder.service = service;
  return { clock, backend, service, target };
}

describe('InternalTimerServiceImpl', () => {
  it('fires event-time timers in timestamp order with the right current key, deduplicated', () => {
    const { backend, service, target } = setup();
    backend.setCurrentKey('a');
    service.registerEventTimeTimer(VOID_NAMESPACE, 30);
    service.registerEventTimeTimer(VOID_NAMESPACE, 10);
    service.registerEventTimeTimer(VOID_NAMESPACE, 10); // duplicate: stored once
    backend.setCurrentKey('b');
    service.registerEventTimeTimer(VOID_NAMESPACE, 20);
    service.registerEventTimeTimer('w', 20);
    expect(service.numEventTimeTimers()).toBe(4);
    service.advanceWatermark(20);
    expect(target.fired).toEqual([
      'event a/@10 key=a wm=20',
      'event b/@20 key=b wm=20',
      'event b/w@20 key=b wm=20',
    ]);
    expect(service.numEventTimeTimers()).toBe(1);
    service.advanceWatermark(Number.POSITIVE_INFINITY);
    expect(target.fired.at(-1)).toBe('event a/@30 key=a wm=Infinity');
    expect(service.numEventTimeTimers()).toBe(0);
  });

  it('deletes timers and fires timers registered while firing when they are due', () => {
    const { backend, service, target } = setup();
    backend.setCurrentKey('a');
    service.registerEventTimeTimer(VOID_NAMESPACE, 10);
    service.registerEventTimeTimer(VOID_NAMESPACE, 15);
    service.deleteEventTimeTimer(VOID_NAMESPACE, 15);
    const onEventTime = target.onEventTime.bind(target);
    target.onEventTime = (t) => {
      onEventTime(t);
      if (t.timestamp === 10) service.registerEventTimeTimer(VOID_NAMESPACE, 12); // due at wm 20
    };
    service.advanceWatermark(20);
    expect(target.fired).toEqual(['event a/@10 key=a wm=20', 'event a/@12 key=a wm=20']);
    expect(service.numEventTimeTimers()).toBe(0);
  });

  it('keeps timers registered at an already-firing timestamp, in any namespace', () => {
    const { backend, service, target } = setup();
    backend.setCurrentKey('a');
    service.registerEventTimeTimer('n1', 10);
    service.registerEventTimeTimer('n2', 10);
    const onEventTime = target.onEventTime.bind(target);
    let extra = 0;
    target.onEventTime = (t) => {
      onEventTime(t);
      // Each firing re-registers once at the same timestamp, first under n1 then under n2.
      if (extra < 3) service.registerEventTimeTimer(extra++ % 2 === 0 ? 'n1' : 'n2', 10);
    };
    service.advanceWatermark(10);
    // n1 fires and re-registers n1 (removed before firing, so new: fires in the same pass); that one
    // registers n2, still pending, so deduplicated; n2 fires and re-registers n1, whose map was emptied
    // and dropped: it is recreated and fires too.
    expect(target.fired).toEqual([
      'event a/n1@10 key=a wm=10',
      'event a/n1@10 key=a wm=10',
      'event a/n2@10 key=a wm=10',
      'event a/n1@10 key=a wm=10',
    ]);
    expect(service.numEventTimeTimers()).toBe(0);
  });

  it('fires processing-time timers through the processing-time service', () => {
    const { clock, backend, service, target } = setup();
    backend.setCurrentKey('x');
    service.registerProcessingTimeTimer(VOID_NAMESPACE, 100);
    service.registerProcessingTimeTimer(VOID_NAMESPACE, 50);
    backend.setCurrentKey('y');
    service.registerProcessingTimeTimer(VOID_NAMESPACE, 100);
    service.deleteProcessingTimeTimer(VOID_NAMESPACE, 100);
    service.registerProcessingTimeTimer(VOID_NAMESPACE, 70);
    clock.advanceTo(60);
    expect(target.fired).toEqual(['proc x/@50 key=x']);
    clock.advanceTo(100);
    expect(target.fired).toEqual(['proc x/@50 key=x', 'proc y/@70 key=y', 'proc x/@100 key=x']);
    expect(service.numProcessingTimeTimers()).toBe(0);
    expect(clock.numPendingTimers()).toBe(0);
  });

  it('keeps the earlier pending timer due when a callback registers a later one', () => {
    // Flink's registerProcessingTimeTimer compares with the queue's old head, and onProcessingTime
    // then schedules the head: b@150 fires once the clock reaches 150, not at a@200 registered inside a@100.
    const clock = new ManualProcessingTimeService(0);
    const backend = new HeapKeyedStateBackend({ processingTimeService: clock });
    const fired: string[] = [];
    const service: InternalTimerServiceImpl = new InternalTimerServiceImpl('timers', backend, clock, {
      onEventTime: () => {},
      onProcessingTime: (t) => {
        fired.push(`${String(t.key)}@${t.timestamp}`);
        if (t.timestamp === 100) service.registerProcessingTimeTimer(VOID_NAMESPACE, 200);
      },
    });
    backend.setCurrentKey('a');
    service.registerProcessingTimeTimer(VOID_NAMESPACE, 100);
    backend.setCurrentKey('b');
    service.registerProcessingTimeTimer(VOID_NAMESPACE, 150);
    clock.advanceTo(100);
    expect(fired).toEqual(['a@100']);
    clock.advanceTo(160);
    expect(fired).toEqual(['a@100', 'b@150']);
    clock.advanceTo(200);
    expect(fired).toEqual(['a@100', 'b@150', 'a@200']);
    expect(clock.numPendingTimers()).toBe(0);
  });

  it('rejects timers without a current key or with a NaN time', () => {
    const { backend, service } = setup();
    expect(() => service.registerEventTimeTimer(VOID_NAMESPACE, 1)).toThrow(/no current key.*keyBy/);
    backend.setCurrentKey('a');
    expect(() => service.registerEventTimeTimer(VOID_NAMESPACE, Number.NaN)).toThrow(
      /assignTimestampsAndWatermarks/,
    );
  });

  it('is managed by name in InternalTimeServiceManager', () => {
    const clock = new ManualProcessingTimeService(0);
    const backend = new HeapKeyedStateBackend({ processingTimeService: clock });
    const manager = new InternalTimeServiceManager(backend, clock);
    const fired: number[] = [];
    const t: Triggerable = { onEventTime: (x) => fired.push(x.timestamp), onProcessingTime: () => {} };
    const s = manager.getInternalTimerService('s', t);
    expect(manager.getInternalTimerService('s', t)).toBe(s);
    expect(() => manager.getInternalTimerService('s', { ...t })).toThrow(
      /already belongs to another operator/,
    );
    backend.setCurrentKey(1);
    s.registerEventTimeTimer(VOID_NAMESPACE, 5);
    manager.advanceWatermark(5);
    expect(fired).toEqual([5]);
  });
});
