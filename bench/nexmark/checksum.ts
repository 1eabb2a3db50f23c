/**
 * Order-independent result checksums: every runner (engine, typed-array limit, peers, DuckDB)
 * reduces its query result to `{ count, sum }`, the row count and the sum mod 2^32 of a hash of
 * each row's fields, so results compare as multisets without shipping rows between threads.
 */
import { AbstractStreamOperator, type OneInputStreamOperator } from '../../src/engine/index.ts';
import { sinceFirstPoll } from './run-clock.ts';

/** A result's row count and the sum (mod 2^32) of its row hashes. */
export interface Checksum {
  count: number;
  sum: number;
  /** Set by the job operators: ms from the thread's first source poll to this subtask's end of input. */
  ms?: number;
}

const TWO_32 = 4294967296;

/** Hash state after adding an integer field (any safe integer: both 32-bit halves count). */
export function mixInt(h: number, v: number): number {
  h = Math.imul(h ^ (v >>> 0), 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 15) ^ Math.floor(v / TWO_32), 0x85ebca6b);
  return h ^ (h >>> 13);
}

/** Hash state after adding a string field (FNV-1a over UTF-16 units). */
export function mixString(h: number, s: string): number {
  let x = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) x = Math.imul(x ^ s.charCodeAt(i), 0x01000193);
  return mixInt(h, x >>> 0);
}

/** Hash of a row given as a list of integer or string fields. */
export function rowHash(fields: readonly (number | string)[]): number {
  let h = 0x12345678;
  for (const f of fields) h = typeof f === 'number' ? mixInt(h, f) : mixString(h, f);
  return h >>> 0;
}

/** Adds one row hash to a checksum. */
export function addRow(c: Checksum, hash: number): void {
  c.count++;
  c.sum = (c.sum + hash) % TWO_32;
}

/** The checksum of several disjoint parts (parallel subtasks). */
export function combine(parts: readonly Checksum[]): Checksum {
  const c = { count: 0, sum: 0 };
  for (const p of parts) {
    c.count += p.count;
    c.sum = (c.sum + p.sum) % TWO_32;
  }
  return parts.some((p) => p.ms !== undefined) ? { ...c, ms: processingMs(parts) } : c;
}

/** The job's processing span: the longest of its subtasks' (ms from first source poll to end of input). */
export const processingMs = (parts: readonly Checksum[]): number =>
  Math.max(0, ...parts.map((p) => p.ms ?? 0));

export const sameChecksum = (a: Checksum, b: Checksum): boolean => a.count === b.count && a.sum === b.sum;

/** Sums the row hashes of an append-only result; emits one Checksum per subtask at end of input. */
export class AppendChecksumOperator<T>
  extends AbstractStreamOperator<Checksum>
  implements OneInputStreamOperator<T, Checksum>
{
  private readonly c: Checksum = { count: 0, sum: 0 };
  constructor(private readonly hash: (row: T) => number) {
    super();
  }
  processElement(row: T): void {
    this.c.count++;
    this.c.sum = (this.c.sum + this.hash(row)) % TWO_32;
  }
  override endInput(): void {
    this.output.collect({ ...this.c, ms: sinceFirstPoll() }, NaN);
  }
}

/**
 * For an updating result (a changelog of upserts): keeps the last row per key and, at end of
 * input, emits the checksum of the final table (`rows` turns one upsert into its table rows).
 */
export class UpsertChecksumOperator<T>
  extends AbstractStreamOperator<Checksum>
  implements OneInputStreamOperator<T, Checksum>
{
  private readonly table = new Map<unknown, T>();
  constructor(
    private readonly key: (row: T) => unknown,
    private readonly rows: (row: T) => number[],
  ) {
    super();
  }
  processElement(row: T): void {
    this.table.set(this.key(row), row);
  }
  override endInput(): void {
    const c = { count: 0, sum: 0 };
    for (const row of this.table.values()) for (const h of this.rows(row)) addRow(c, h);
    this.output.collect({ ...c, ms: sinceFirstPoll() }, NaN);
  }
}

/** The final table of an upsert changelog (tests). */
export function finalTable<T>(changes: readonly T[], key: (row: T) => unknown): T[] {
  const table = new Map<unknown, T>();
  for (const r of changes) table.set(key(r), r);
  return [...table.values()];
}

// rowHash of 2, 3 or 4 integer fields without building an array (every runner uses these).
const H0 = 0x12345678;
/** rowHash([a, b]). */
export const hash2 = (a: number, b: number): number => mixInt(mixInt(H0, a), b) >>> 0;
/** rowHash([a, b, c]). */
export const hash3 = (a: number, b: number, c: number): number => mixInt(mixInt(mixInt(H0, a), b), c) >>> 0;
/** rowHash([a, b, c, d]). */
export const hash4 = (a: number, b: number, c: number, d: number): number =>
  mixInt(mixInt(mixInt(mixInt(H0, a), b), c), d) >>> 0;
