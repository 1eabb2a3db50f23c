import type { Savepoint } from './checkpoint-storage.ts';

const PART = /^(kg|op):\d+$/;

/**
 * Checks that `value` is a complete Savepoint (format, version, names, every operator's
 * parallelism and parts) and returns it typed; throws a TypeError naming the first bad field.
 * Used on import and on load so a foreign or damaged savepoint never reaches a restore.
 *
 * @example
 * const savepoint = validateSavepoint(JSON.parse(text));
 */
export function validateSavepoint(value: unknown): Savepoint {
  const fail = (what: string) => new TypeError(`savepoint ${what}`);
  if (typeof value !== 'object' || value === null) throw fail('is not an object');
  const sp = value as Record<string, unknown>;
  if (sp.format !== 'rivulet-savepoint')
    throw fail(`format is '${String(sp.format)}', expected 'rivulet-savepoint'`);
  if (sp.version !== 1) throw fail(`version is ${String(sp.version)}; this Rivulet reads version 1`);
  for (const key of ['name', 'jobName'] as const) {
    if (typeof sp[key] !== 'string' || sp[key] === '') throw fail(`${key} must be a non-empty string`);
  }
  if (typeof sp.createdTimestamp !== 'number' || !Number.isFinite(sp.createdTimestamp)) {
    throw fail('createdTimestamp must be a number (ms since the epoch)');
  }
  if (typeof sp.operators !== 'object' || sp.operators === null || Array.isArray(sp.operators)) {
    throw fail('operators must be an object keyed by operator uid');
  }
  for (const [uid, op] of Object.entries(sp.operators as Record<string, unknown>)) {
    const o = (op ?? {}) as Record<string, unknown>;
    for (const key of ['parallelism', 'maxParallelism'] as const) {
      if (!Number.isInteger(o[key]) || (o[key] as number) < 1) {
        throw fail(`operators.${uid}.${key} must be a positive integer`);
      }
    }
    if ((o.parallelism as number) > (o.maxParallelism as number)) {
      throw fail(`operators.${uid}.parallelism exceeds its maxParallelism`);
    }
    if (typeof o.parts !== 'object' || o.parts === null || Array.isArray(o.parts)) {
      throw fail(`operators.${uid}.parts must be an object keyed by part`);
    }
    for (const part of Object.keys(o.parts)) {
      if (!PART.test(part)) throw fail(`operators.${uid}.parts has '${part}', expected 'kg:<n>' or 'op:<n>'`);
      const n = Number(part.slice(3));
      const limit = part.startsWith('kg') ? (o.maxParallelism as number) : (o.parallelism as number);
      if (n >= limit)
        throw fail(
          `operators.${uid}.parts has '${part}', beyond ${part.startsWith('kg') ? 'maxParallelism' : 'parallelism'} ${limit}`,
        );
    }
  }
  return value as Savepoint;
}
