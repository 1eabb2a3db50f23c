/**
 * A span of time for window sizes, slides, gaps and lateness (Flink's windowing `Time`).
 * Everywhere a size is expected, a plain number of milliseconds works too.
 *
 * @example
 * stream.keyBy((e) => e.user).window(TumblingEventTimeWindows.of(Time.seconds(10)));
 */
export class Time {
  private constructor(private readonly ms: number) {}

  /** `size` in `unit` (as Flink's `Time.of(size, TimeUnit)`). @example Time.of(5, 'seconds') */
  static of(size: number, unit: 'milliseconds' | 'seconds' | 'minutes' | 'hours' | 'days'): Time {
    return new Time(size * UNIT_MS[unit]);
  }
  /** @example Time.milliseconds(250) */
  static milliseconds(n: number): Time {
    return new Time(n);
  }
  /** @example Time.seconds(10) */
  static seconds(n: number): Time {
    return new Time(n * 1000);
  }
  /** @example Time.minutes(1) */
  static minutes(n: number): Time {
    return new Time(n * 60_000);
  }
  /** @example Time.hours(1) */
  static hours(n: number): Time {
    return new Time(n * 3_600_000);
  }
  /** @example Time.days(1) */
  static days(n: number): Time {
    return new Time(n * 86_400_000);
  }
  /** The span in milliseconds. @example Time.seconds(2).toMilliseconds() === 2000 */
  toMilliseconds(): number {
    return this.ms;
  }
  toString(): string {
    return `${this.ms} ms`;
  }
}

const UNIT_MS = {
  milliseconds: 1,
  seconds: 1000,
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
} as const;

/**
 * What the windowing API accepts as a span: milliseconds, a `Time`, or a Duration-like object
 * with `toMilliseconds()` or `toMillis()` (so Java-style Duration ports work).
 */
export type TimeLike = number | Time | { toMilliseconds(): number } | { toMillis(): number };

/**
 * Converts a TimeLike to milliseconds; `what` names the parameter in the error for anything else.
 *
 * @example
 * toMilliseconds(Time.minutes(1), 'size'); // 60000
 */
export function toMilliseconds(span: TimeLike, what: string): number {
  if (typeof span === 'number') return span;
  if (span && typeof (span as { toMilliseconds?: unknown }).toMilliseconds === 'function') {
    return (span as { toMilliseconds(): number }).toMilliseconds();
  }
  if (span && typeof (span as { toMillis?: unknown }).toMillis === 'function') {
    return (span as { toMillis(): number }).toMillis();
  }
  throw new TypeError(
    `${what}: expected milliseconds as a number or a Time such as Time.seconds(10), got ${String(span)}`,
  );
}
