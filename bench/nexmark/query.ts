/**
 * A Nexmark query as the engine runs it: a DataStream pipeline from the events to result rows,
 * and how a row is hashed for the result checksum (append-only rows, or the final table of an
 * upsert changelog). `queryJob` turns it into a job module (`export default (env) => …`) whose
 * result is one Checksum per parallel subtask, so runJob runs it inline and in workers alike.
 */
import type { DataStream, NexmarkEvent, StreamExecutionEnvironment } from '../../src/engine/index.ts';
import { AppendChecksumOperator, UpsertChecksumOperator, type Checksum } from './checksum.ts';
import { nexmarkConfigOf, nexmarkEvents } from './events.ts';

export interface NexmarkQuery<R> {
  name: string;
  /** The query's pipeline from all events to its result rows (or upserts). */
  build(events: DataStream<NexmarkEvent>): DataStream<R>;
  /** Hash of one append-only result row. */
  hash?: (row: R) => number;
  /** For updating results: the upsert key, and the hashes of the table rows one upsert stands for. */
  upsert?: { key: (row: R) => unknown; rows: (row: R) => number[] };
}

/** The checksum stream of a query's result (one record per subtask at end of input). */
export function withChecksum<R>(q: NexmarkQuery<R>, rows: DataStream<R>): DataStream<Checksum> {
  if (q.upsert) {
    const { key, rows: toRows } = q.upsert;
    return rows.transform(`${q.name} checksum`, () => new UpsertChecksumOperator<R>(key, toRows));
  }
  const hash = q.hash!;
  return rows.transform(`${q.name} checksum`, () => new AppendChecksumOperator<R>(hash));
}

/**
 * The job module of a query: events from the generator config of `moduleUrl` (see nexmarkConfigOf).
 *
 * @example
 * // bench/nexmark/queries/q1.ts
 * export default queryJob(q1, import.meta.url);
 */
export function queryJob<R>(q: NexmarkQuery<R>, moduleUrl: string) {
  return (env: StreamExecutionEnvironment): DataStream<Checksum> =>
    withChecksum(q, q.build(nexmarkEvents(env, nexmarkConfigOf(moduleUrl))));
}
