import { Observable, filter, groupBy, map, mergeMap, reduce, scan, last, tap } from 'rxjs';
import type { BenchEvent, EventColumns } from './bench-data.ts';

/** The events as an Observable of objects, as an RxJS user would write the source. */
function events(d: EventColumns): Observable<BenchEvent> {
  return new Observable<BenchEvent>((sub) => {
    for (let i = 0; i < d.n && !sub.closed; i++) {
      sub.next({ key: d.keys[i], value: d.values[i], ts: d.timestamps[i] });
    }
    sub.complete();
  });
}

function run<T>(obs: Observable<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    let value!: T;
    obs.subscribe({ next: (v) => (value = v), error: reject, complete: () => resolve(value) });
  });
}

/** The same three pipelines in RxJS 7; checksums must equal the plain loops'. */
export const rxjsPipelines = {
  mapFilter(d: EventColumns): Promise<number> {
    return run(
      events(d).pipe(
        map((e) => e.value * 2),
        filter((v) => v % 3 !== 0),
        reduce((acc, v) => ((acc[0]++, (acc[1] += v)), acc), [0, 0]),
        map(([count, sum]) => count * 1e6 + (sum % 1e6)),
      ),
    );
  },
  /** Rolling sum emitting one record per input (as the engine and Flink do); the sink keeps the last per key. */
  keyBySum(d: EventColumns): Promise<number> {
    const totals = new Map<number, number>();
    return run(
      events(d).pipe(
        groupBy((e) => e.key),
        mergeMap((g) =>
          g.pipe(
            scan((acc, e) => ({ key: e.key, value: acc.value + e.value, ts: e.ts }), {
              key: g.key,
              value: 0,
              ts: 0,
            }),
          ),
        ),
        tap((e) => totals.set(e.key, e.value)),
        last(),
        map(() => {
          let s = 0;
          for (const v of totals.values()) s += v;
          return s;
        }),
      ),
    );
  },
  keyByWindowCount(d: EventColumns, windowMs = 10_000): Promise<number> {
    return run(
      events(d).pipe(
        groupBy((e) => e.key * 1e9 + Math.floor(e.ts / windowMs)),
        mergeMap((g) =>
          g.pipe(
            reduce((count) => count + 1, 0),
            map((count) => count * (((Math.floor(g.key % 1e9) + 1) * windowMs) % 1e5)),
          ),
        ),
        reduce((acc, v) => acc + v, 0),
      ),
    );
  },
};
