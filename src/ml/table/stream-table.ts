/**
 * Conversions between bounded DataStreams and arquero tables.
 */
import { from } from 'arquero';
import type { DataStream, StreamExecutionEnvironment } from '../../engine/index.ts';
import type { Row, Table } from '../pipeline/data.ts';

/**
 * Runs the job of a bounded stream and collects its records into a table (Flink's executeAndCollect).
 *
 * @example const t = await tableFromStream(env.fromCollection(rows).filter((r) => r.x > 0));
 */
export async function tableFromStream<T extends object>(stream: DataStream<T>): Promise<Table> {
  return from((await stream.executeAndCollect()) as Row[]);
}

/**
 * A bounded stream of a table's rows (as row objects), in table order.
 *
 * @example const stream = streamFromTable(env, aq.from(rows)).map((r) => ({ ...r, y: 1 }));
 */
export function streamFromTable(env: StreamExecutionEnvironment, table: Table | Row[]): DataStream<Row> {
  const rows = Array.isArray(table) ? table : (table.objects() as Row[]);
  return env.fromCollection(rows, 'Table Source');
}
