import type { FunctionInitializationContext } from '../checkpoint/checkpointed-function.ts';
import { openTableDb, TABLE_DB, type TableDb } from './table-db.ts';
import { TwoPhaseCommitSinkFunction } from './two-phase-commit-sink-function.ts';

/** A transaction of {@link IndexedDbTableSink}: only its id is kept in checkpoints. */
export interface TableTransaction {
  readonly txnId: string;
}

/**
 * An exactly-once sink into an IndexedDB table, built on TwoPhaseCommitSinkFunction: rows of a
 * transaction are buffered in memory, staged durably at pre-commit (the checkpoint barrier), and
 * moved into the table at commit (checkpoint complete) in one IndexedDB transaction that also
 * records the transaction id, so committing twice (after a restore) adds nothing.
 * {@link readCommittedTable} therefore never sees uncommitted or duplicated rows. Needs
 * checkpointing. Rows must be structured-clone-able. Staged rows of a transaction whose
 * checkpoint never completed stay invisible (and are removed by dropTable).
 *
 * @example
 * env.enableCheckpointing(1000);
 * stream.addSink(new IndexedDbTableSink('word-counts'));
 * await env.execute();
 * const rows = await readCommittedTable('word-counts');
 */
export class IndexedDbTableSink<T> extends TwoPhaseCommitSinkFunction<T, TableTransaction> {
  readonly dbName: string;
  private buffers: Map<string, T[]> | null = null;
  private db: Promise<TableDb> | null = null;
  private prefix = '';
  private counter = 0;

  constructor(
    readonly table: string,
    options: { dbName?: string } = {},
  ) {
    super();
    if (typeof table !== 'string' || table === '')
      throw new TypeError('IndexedDbTableSink: table name must be a non-empty string');
    this.dbName = options.dbName ?? TABLE_DB;
  }

  override initializeState(context: FunctionInitializationContext): Promise<void> {
    // Per-subtask fields are created here: each subtask runs a shallow copy of this object.
    this.buffers = new Map();
    this.db = null;
    const ctx = this.getRuntimeContext();
    const nonce = globalThis.crypto.randomUUID().slice(0, 8);
    this.prefix = `${this.table}/s${ctx.getIndexOfThisSubtask()}/a${ctx.getAttemptNumber()}/${nonce}`;
    return super.initializeState(context);
  }

  protected beginTransaction(): TableTransaction {
    const txnId = `${this.prefix}/${this.counter++}`;
    this.buffers?.set(txnId, []);
    return { txnId };
  }

  protected invokeInTransaction(transaction: TableTransaction, value: T): void {
    this.buffers!.get(transaction.txnId)!.push(value);
  }

  protected async preCommit(transaction: TableTransaction): Promise<void> {
    const rows = this.buffers!.get(transaction.txnId) ?? [];
    const db = await this.connect();
    try {
      await db.put('staged', { txnId: transaction.txnId, table: this.table, rows });
    } catch (e) {
      const what = e instanceof Error ? (e.message ? `${e.name}: ${e.message}` : e.name) : String(e);
      throw new Error(
        `IndexedDbTableSink "${this.table}": staging ${rows.length} rows of transaction ${transaction.txnId} failed ` +
          `(${what}); the checkpoint is declined: the job fails over, or, where ` +
          'setTolerableCheckpointFailureNumber tolerates it, staging is retried at the next checkpoint',
        { cause: e },
      );
    }
    this.buffers!.delete(transaction.txnId); // staged: the rows live in IndexedDB now
  }

  protected async commit(transaction: TableTransaction): Promise<void> {
    const db = await this.connect();
    const tx = db.transaction(['staged', 'committed', 'txns', 'tables'], 'readwrite');
    const { txnId } = transaction;
    if ((await tx.objectStore('txns').getKey(txnId)) !== undefined) {
      await tx.done; // committed before (a restore commits again): nothing to add
      return;
    }
    const staged = await tx.objectStore('staged').get(txnId);
    if (!staged) {
      tx.abort();
      await tx.done.catch(() => undefined);
      throw new Error(
        `IndexedDbTableSink "${this.table}": transaction ${txnId} was neither staged nor committed, so its rows ` +
          'are lost; was the table dropped while the job ran?',
      );
    }
    const tables = tx.objectStore('tables');
    const meta = (await tables.get(this.table)) ?? { name: this.table, nextSeq: 0, rowCount: 0 };
    const writes: Promise<unknown>[] = [tx.objectStore('staged').delete(txnId)];
    if (staged.rows.length > 0) {
      writes.push(
        tx.objectStore('committed').put({ table: this.table, seq: meta.nextSeq++, txnId, rows: staged.rows }),
      );
      meta.rowCount += staged.rows.length;
      writes.push(tables.put(meta));
    }
    writes.push(tx.objectStore('txns').put({ txnId, table: this.table, rowCount: staged.rows.length }));
    await Promise.all(writes);
    await tx.done;
  }

  protected abort(transaction: TableTransaction): void {
    this.buffers?.delete(transaction.txnId);
  }

  protected override async recoverAndAbort(transaction: TableTransaction): Promise<void> {
    // Its rows were never staged (it was open at the checkpoint); drop a staging left by a later one.
    const db = await this.connect();
    await db.delete('staged', transaction.txnId);
  }

  private connect(): Promise<TableDb> {
    this.db ??= openTableDb(this.dbName, () => {
      this.db = null;
    }).catch((e: unknown) => {
      this.db = null;
      throw e;
    });
    return this.db;
  }
}
