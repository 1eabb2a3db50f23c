import type { Namespace } from './keyed-state-backend.ts';
import type { StateKey } from './state-table.ts';
import type { InternalTimer } from '../time/timer-service.ts';

/** A registered timer; it remembers its key group so firing and snapshots need no rehash. */
export class HeapTimer implements InternalTimer {
  constructor(
    readonly key: unknown,
    readonly namespace: Namespace,
    readonly timestamp: number,
    readonly keyGroup: number,
    readonly stateKey: StateKey,
  ) {}
}

type Bucket = Map<Namespace, Map<StateKey, HeapTimer>>;

/**
 * Timers ordered by timestamp and deduplicated per (key, namespace, timestamp), as Flink's
 * HeapPriorityQueueSet. A binary min-heap holds each distinct timestamp once; the timers of one
 * timestamp live in a bucket (namespace → key → timer) and fire in registration order.
 *
 * @example
 * const q = new TimerQueue();
 * q.add('k', 'k', 3, VOID_NAMESPACE, 1000);
 * q.pollUpTo(1000, (t) => console.log(t.key)); // k
 */
export class TimerQueue {
  private readonly buckets = new Map<number, Bucket>();
  /** Distinct timestamps; may hold stale ones (whose bucket is gone), skipped when seen. */
  private readonly heap: number[] = [];
  private count = 0;
  /** The (timestamp, namespace) map of the last add: windows register the same one record after record. */
  private lastTimestamp = Number.NaN;
  private lastNamespace: Namespace = '';
  private lastByKey: Map<StateKey, HeapTimer> | null = null;

  get size(): number {
    return this.count;
  }

  /** Adds a timer; returns false if the same (key, namespace, timestamp) is already registered. */
  add(key: unknown, stateKey: StateKey, keyGroup: number, namespace: Namespace, timestamp: number): boolean {
    let byKey = this.lastByKey;
    if (byKey === null || timestamp !== this.lastTimestamp || namespace !== this.lastNamespace) {
      byKey = this.byKeyFor(namespace, timestamp);
      this.lastTimestamp = timestamp;
      this.lastNamespace = namespace;
      this.lastByKey = byKey;
    }
    if (byKey.has(stateKey)) return false;
    byKey.set(stateKey, new HeapTimer(key, namespace, timestamp, keyGroup, stateKey));
    this.count++;
    return true;
  }

  private byKeyFor(namespace: Namespace, timestamp: number): Map<StateKey, HeapTimer> {
    let bucket = this.buckets.get(timestamp);
    if (bucket === undefined) {
      bucket = new Map();
      this.buckets.set(timestamp, bucket);
      this.push(timestamp);
    }
    let byKey = bucket.get(namespace);
    if (byKey === undefined) {
      byKey = new Map();
      bucket.set(namespace, byKey);
    }
    return byKey;
  }

  /** Removes a timer; returns whether it was registered. */
  remove(stateKey: StateKey, namespace: Namespace, timestamp: number): boolean {
    const bucket = this.buckets.get(timestamp);
    const byKey = bucket?.get(namespace);
    if (byKey === undefined || !byKey.delete(stateKey)) return false;
    this.count--;
    if (byKey.size === 0) {
      if (byKey === this.lastByKey) this.lastByKey = null;
      bucket!.delete(namespace);
      if (bucket!.size === 0) this.buckets.delete(timestamp);
    }
    return true;
  }

  /** The smallest registered timestamp, or NaN when there is none. */
  peekTimestamp(): number {
    const heap = this.heap;
    while (heap.length > 0 && !this.buckets.has(heap[0])) this.pop();
    return heap.length > 0 ? heap[0] : Number.NaN;
  }

  /**
   * Removes and fires every timer with timestamp <= `time` in timestamp order; each is removed before
   * `fire` runs (as in Flink), and timers that `fire` registers at or before `time` fire too.
   */
  pollUpTo(time: number, fire: (timer: HeapTimer) => void): void {
    for (let ts = this.peekTimestamp(); ts <= time; ts = this.peekTimestamp()) {
      this.pop();
      const bucket = this.buckets.get(ts)!;
      try {
        for (const [namespace, byKey] of bucket) {
          for (const [stateKey, timer] of byKey) {
            byKey.delete(stateKey);
            this.count--;
            fire(timer);
          }
          if (byKey.size === 0 && bucket.get(namespace) === byKey) {
            if (byKey === this.lastByKey) this.lastByKey = null;
            bucket.delete(namespace);
          }
        }
      } finally {
        this.lastByKey = null;
        // After an error the unfired rest of the bucket must stay reachable from the heap.
        if (this.buckets.get(ts) === bucket) {
          if (bucket.size === 0) this.buckets.delete(ts);
          else this.push(ts);
        }
      }
    }
  }

  /** Visits every registered timer (for snapshots). */
  forEach(fn: (timer: HeapTimer) => void): void {
    for (const bucket of this.buckets.values()) {
      for (const byKey of bucket.values()) for (const timer of byKey.values()) fn(timer);
    }
  }

  private push(ts: number): void {
    const heap = this.heap;
    let i = heap.length;
    heap.push(ts);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent] <= ts) break;
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = ts;
  }

  private pop(): void {
    const heap = this.heap;
    const last = heap.pop()!;
    const n = heap.length;
    if (n === 0) return;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && heap[child + 1] < heap[child]) child++;
      if (heap[child] >= last) break;
      heap[i] = heap[child];
      i = child;
    }
    heap[i] = last;
  }
}
