import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { IndexedDbTableSink } from '../../../../src/engine/sinks/indexed-db-table-sink.ts';
import {
  dropTable,
  listTables,
  readCommittedTable,
} from '../../../../src/engine/sinks/read-committed-table.ts';
import { SinkHarness } from './harness.ts';

let n = 0;
const fresh = () => ({ table: `t${n}`, dbName: `tables-${n++}` });

describe('IndexedDbTableSink driven hook by hook', () => {
  it('a reader sees rows only once their checkpoint completed', async () => {
    const { table, dbName } = fresh();
    const h = new SinkHarness(new IndexedDbTableSink<{ id: number }>(table, { dbName }));
    await h.open();
    h.write({ id: 1 }, { id: 2 });
    await h.snapshot(1);
    h.write({ id: 3 });
    expect(await readCommittedTable(table, { dbName })).toEqual([]); // staged, not committed
    await h.complete(1);
    expect(await readCommittedTable(table, { dbName })).toEqual([{ id: 1 }, { id: 2 }]);
    await h.snapshot(2);
    await h.complete(2);
    expect(await readCommittedTable(table, { dbName })).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
    expect(await listTables({ dbName })).toEqual([{ name: table, rowCount: 3 }]);
  });

  it('restore after a commit that already happened adds no duplicates; after pre-commit it commits', async () => {
    const { table, dbName } = fresh();
    const first = new SinkHarness(new IndexedDbTableSink<number>(table, { dbName }));
    await first.open();
    first.write(1, 2);
    const cp1 = await first.snapshot(1);
    await first.complete(1);
    first.write(3);
    const cp2 = await first.snapshot(2); // pre-committed; the job fails before notify(2)
    first.write(4); // open transaction: lost with the failure, replayed by the source
    first.sink.close();

    // Attempt 1 restores checkpoint 2: its pending transaction is committed; nothing of cp1 again.
    const second = new SinkHarness(new IndexedDbTableSink<number>(table, { dbName }), 0, 1);
    await second.open(cp2);
    expect((await readCommittedTable<number>(table, { dbName })).sort()).toEqual([1, 2, 3]);
    second.write(4);
    await second.snapshot(3);
    await second.complete(3);
    expect((await readCommittedTable<number>(table, { dbName })).sort()).toEqual([1, 2, 3, 4]);

    // Restoring the older checkpoint 1 again (e.g. a second failure that could only use it)
    // re-commits cp1's transaction: idempotent, still no duplicates.
    const third = new SinkHarness(new IndexedDbTableSink<number>(table, { dbName }), 0, 2);
    await third.open(cp1);
    expect((await readCommittedTable<number>(table, { dbName })).sort()).toEqual([1, 2, 3, 4]);
  });

  it('dropTable removes committed and staged rows', async () => {
    const { table, dbName } = fresh();
    const h = new SinkHarness(new IndexedDbTableSink<number>(table, { dbName }));
    await h.open();
    h.write(1);
    await h.snapshot(1);
    await h.complete(1);
    h.write(2);
    await h.snapshot(2);
    await dropTable(table, { dbName });
    expect(await readCommittedTable(table, { dbName })).toEqual([]);
    await expect(h.complete(2)).rejects.toThrow(/neither staged nor committed.*was the table dropped/);
  });

  it('checks its table name', () => {
    expect(() => new IndexedDbTableSink('')).toThrow(/table name must be a non-empty string/);
  });
});
