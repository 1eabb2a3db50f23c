import { AbstractRichFunction } from './rich-function.ts';

/**
 * Turns a user function given as a plain function or as an object with Flink's method name into a
 * callable, checking it at graph-building time so misuse fails early with a helpful message.
 *
 * @example const f = toCallable<(x: number) => number>({ map: (x: number) => x + 1 }, 'map', 'map()');
 */
export function toCallable<F extends (...args: any[]) => any>(fn: unknown, method: string, where: string): F {
  if (typeof fn === 'function') return fn as F;
  if (
    fn !== null &&
    typeof fn === 'object' &&
    typeof (fn as Record<string, unknown>)[method] === 'function'
  ) {
    return ((fn as Record<string, F>)[method] as F).bind(fn) as F;
  }
  throw new TypeError(
    `${where}: expected a function or an object with a ${method}(...) method, got ${describeType(fn)}`,
  );
}

/** Checks that `fn` has every named method (for multi-method functions like CoMapFunction). */
export function checkMethods(fn: unknown, methods: string[], where: string): void {
  for (const m of methods) {
    if (fn === null || typeof fn !== 'object' || typeof (fn as Record<string, unknown>)[m] !== 'function') {
      throw new TypeError(`${where}: the function object lacks ${m}(); it needs ${methods.join(', ')}`);
    }
  }
}

function describeType(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'object')
    return `an object without that method (${Object.keys(v as object).join(', ') || 'no fields'})`;
  return typeof v;
}

/**
 * A per-subtask copy of a user function object (Flink ships each subtask a deserialized copy):
 * same prototype, own fields copied shallowly, so handles set in open() are not shared.
 * Plain functions are returned as they are.
 *
 * @example const copy = copyUserFunction(new MyRichMap());
 */
export function copyUserFunction<F>(fn: F): F {
  if (fn === null || typeof fn !== 'object') return fn;
  const copy = Object.create(Object.getPrototypeOf(fn));
  for (const key of Reflect.ownKeys(fn as object)) {
    Object.defineProperty(copy, key, Object.getOwnPropertyDescriptor(fn as object, key)!);
  }
  return copy as F;
}

/** True for functions with lifecycle and runtime context (extends AbstractRichFunction). */
export const isRichFunction = (fn: unknown): fn is AbstractRichFunction => fn instanceof AbstractRichFunction;
