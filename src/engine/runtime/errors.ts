/**
 * Job failures that name where they happened. A user function that throws becomes an
 * OperatorFailure naming the operator (name, uid, subtask), the record (truncated JSON) and the
 * original exception (also as `cause`).
 */

const MAX_RECORD_CHARS = 200;

/** Prefix of the uids the runtime makes up for operators without uid(...); not shown in messages. */
export const AUTO_UID_PREFIX = 'auto:';

/** A short, safe rendering of a record for error messages (JSON, truncated; never throws). */
export function describeRecord(value: unknown): string {
  let s: string;
  try {
    s =
      typeof value === 'string'
        ? JSON.stringify(value)
        : value === undefined
          ? 'undefined'
          : typeof value === 'number' || typeof value === 'bigint'
            ? String(value)
            : (JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v)) ?? String(value));
  } catch {
    s = Object.prototype.toString.call(value);
  }
  return s.length > MAX_RECORD_CHARS ? `${s.slice(0, MAX_RECORD_CHARS)}… (${s.length} chars)` : s;
}

/** Where a failure happened: the operator as the user named it. */
export interface OperatorIdentity {
  readonly operatorName: string;
  readonly uid: string;
  readonly subtaskIndex: number;
  readonly parallelism: number;
}

/**
 * A user function (or timestamp assigner, key selector, ...) failed while processing a record.
 *
 * @example
 * const job = env.execute();
 * await job.result.catch((e: OperatorFailure) => console.log(e.operatorName, e.record, e.cause));
 */
export class OperatorFailure extends Error {
  override readonly name = 'OperatorFailure';
  readonly operatorName: string;
  readonly uid: string;
  readonly subtaskIndex: number;
  /** The record as truncated JSON ('' when the failure was not about a record, e.g. in open()). */
  readonly record: string;
  constructor(where: OperatorIdentity, what: string, cause: unknown, record?: { value: unknown }) {
    const causeMsg = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    const rec = record ? describeRecord(record.value) : '';
    const facts = [
      where.uid.startsWith(AUTO_UID_PREFIX) ? '' : `uid "${where.uid}"`,
      where.parallelism > 1 ? `subtask ${where.subtaskIndex + 1}/${where.parallelism}` : '',
    ].filter(Boolean);
    super(
      `Operator "${where.operatorName}"${facts.length ? ` (${facts.join(', ')})` : ''} failed in ${what}` +
        (record ? ` on record ${rec}` : '') +
        `: ${causeMsg}`,
      { cause },
    );
    this.operatorName = where.operatorName;
    this.uid = where.uid;
    this.subtaskIndex = where.subtaskIndex;
    this.record = rec;
  }
}

/** Wraps `cause` unless it already is an OperatorFailure (a downstream operator already named itself). */
export function operatorFailure(
  where: OperatorIdentity,
  what: string,
  cause: unknown,
  record?: { value: unknown },
): OperatorFailure {
  return cause instanceof OperatorFailure ? cause : new OperatorFailure(where, what, cause, record);
}

/** The job was cancelled (job.cancel()); `result` rejects with this. */
export class JobCancelledError extends Error {
  override readonly name = 'JobCancelledError';
  constructor(jobName: string) {
    super(`Job "${jobName}" was cancelled`);
  }
}
