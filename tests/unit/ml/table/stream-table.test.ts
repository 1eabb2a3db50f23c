import { describe, expect, it } from 'vitest';
import { from } from 'arquero';
import { StreamExecutionEnvironment } from '../../../../src/engine/index.ts';
import { streamFromTable, tableFromStream, type Row } from '../../../../src/ml/index.ts';

describe('DataStream <-> table', () => {
  it('round-trips a table through a parallel map in order-insensitive content', async () => {
    const rows: Row[] = Array.from({ length: 100 }, (_, i) => ({ id: i, x: i * 0.5 }));
    const env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    const stream = streamFromTable(env, from(rows))
      .rebalance()
      .map((r: Row) => ({ ...r, y: (r.x as number) * 2 }));
    const t = await tableFromStream(stream);
    expect(t.numRows()).toBe(100);
    expect(t.columnNames()).toEqual(['id', 'x', 'y']);
    const sorted = t.orderby('id').objects() as Row[];
    expect(sorted[7]).toEqual({ id: 7, x: 3.5, y: 7 });
  });
  it('accepts rows and keeps their order at parallelism 1', async () => {
    const env = StreamExecutionEnvironment.getExecutionEnvironment();
    const t = await tableFromStream(streamFromTable(env, [{ a: 1 }, { a: 2 }, { a: 3 }]));
    expect(t.array('a')).toEqual([1, 2, 3]);
  });
});
