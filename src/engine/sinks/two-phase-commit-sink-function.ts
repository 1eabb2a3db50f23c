import type { SinkContext } from '../api/functions/functions.ts';
import { RichSinkFunction } from '../api/functions/functions.ts';
import type {
  CheckpointedFunction,
  CheckpointListener,
  FunctionInitializationContext,
  FunctionSnapshotContext,
  OperatorListState,
} from '../checkpoint/checkpointed-function.ts';

/** What the sink keeps in operator state: pre-committed transactions and the open one. */
export type TransactionState<TXN> =
  | { readonly kind: 'pending'; readonly checkpointId: number; readonly transaction: TXN }
  | { readonly kind: 'current'; readonly transaction: TXN };

/** Name of the operator list state that holds {@link TransactionState} entries. */
export const TRANSACTION_STATE = 'two-phase-commit-transactions';

/**
 * Base of exactly-once sinks (Flink's TwoPhaseCommitSinkFunction). Records go into the current
 * transaction; when a checkpoint barrier reaches the sink, `snapshotState` pre-commits it (makes
 * it durable but invisible), keeps it as pending in operator state and begins a new one; when the
 * checkpoint completes, `notifyCheckpointComplete` commits every pending transaction up to it. On
 * restore, pending transactions of the restored checkpoint are committed again with
 * `recoverAndCommit` (commits must be idempotent: the first attempt may have committed before it
 * failed) and the transaction that was open is dropped with `recoverAndAbort` (its records are
 * replayed by the sources). At the end of input the final checkpoint (FLIP-147) commits the last
 * records. Without checkpointing nothing would ever be committed (as in Flink), so open() refuses
 * to run without it.
 *
 * Flink's `invoke(transaction, value, context)` is named `invokeInTransaction` here: TypeScript
 * cannot overload `invoke(value, context)`, the method `addSink` calls. Mutable fields must be set
 * up in initializeState/open, not in the constructor: each parallel subtask gets a shallow copy.
 *
 * @example
 * class FileSink extends TwoPhaseCommitSinkFunction<string, { id: string; lines: string[] }> {
 *   protected beginTransaction() { return { id: crypto.randomUUID(), lines: [] }; }
 *   protected invokeInTransaction(txn, line) { txn.lines.push(line); }
 *   protected async preCommit(txn) { await stage(txn); }
 *   protected async commit(txn) { await publish(txn.id); }
 *   protected abort(txn) { txn.lines.length = 0; }
 * }
 * stream.addSink(new FileSink());
 */
export abstract class TwoPhaseCommitSinkFunction<IN, TXN>
  extends RichSinkFunction<IN>
  implements CheckpointedFunction, CheckpointListener
{
  private current: TXN | null = null;
  private pending: { checkpointId: number; transaction: TXN; preCommitted: boolean }[] = [];
  private state: OperatorListState<TransactionState<TXN>> | null = null;
  private committing: Promise<void> = Promise.resolve();

  /** Starts a transaction (structured-clone-able: it is stored in checkpoints). */
  protected abstract beginTransaction(): TXN;
  /** Writes one record into `transaction` (Flink's invoke(TXN, IN, Context)). */
  protected abstract invokeInTransaction(transaction: TXN, value: IN, context: SinkContext): void;
  /**
   * Makes the transaction durable but not yet visible; after this it must be committable. If it
   * fails it is called again for the same transaction at the next checkpoint, so keep what it needs.
   */
  protected abstract preCommit(transaction: TXN): void | Promise<void>;
  /** Makes a pre-committed transaction visible. Must be idempotent (see recoverAndCommit). */
  protected abstract commit(transaction: TXN): void | Promise<void>;
  /** Drops a transaction that will never be committed. */
  protected abstract abort(transaction: TXN): void | Promise<void>;

  /** Commits a pre-committed transaction found in restored state; by default `commit`. */
  protected recoverAndCommit(transaction: TXN): void | Promise<void> {
    return this.commit(transaction);
  }
  /** Drops the transaction that was open when the restored checkpoint was taken; by default `abort`. */
  protected recoverAndAbort(transaction: TXN): void | Promise<void> {
    return this.abort(transaction);
  }

  /** The runtime's per-record call (Flink's final invoke(IN, Context)): writes into the current transaction. */
  invoke(value: IN, context: SinkContext): void {
    this.current ??= this.beginTransaction();
    this.invokeInTransaction(this.current, value, context);
  }

  async initializeState(context: FunctionInitializationContext): Promise<void> {
    this.state = context.getOperatorStateStore().getListState<TransactionState<TXN>>(TRANSACTION_STATE);
    this.pending = [];
    if (context.isRestored()) {
      const restored = [...this.state.get()];
      // Commit in checkpoint order, then drop the open ones; entries may come from several old
      // subtasks after rescaling, which is fine: commit is idempotent and needs no subtask.
      const toCommit = restored
        .filter((s) => s.kind === 'pending')
        .sort((a, b) => a.checkpointId - b.checkpointId);
      for (const s of toCommit) await this.recoverAndCommit(s.transaction);
      for (const s of restored) if (s.kind === 'current') await this.recoverAndAbort(s.transaction);
    }
    this.state.clear();
    this.current = this.beginTransaction();
  }

  /**
   * Pre-commits the current transaction for this checkpoint and begins the next one. A pending
   * transaction whose pre-commit failed before (its checkpoint was declined) is pre-committed again
   * first: this checkpoint's state lists it, so it must be durable before this one is acknowledged.
   */
  snapshotState(context: FunctionSnapshotContext): Promise<void> {
    const transaction = this.current ?? this.beginTransaction();
    this.pending.push({ checkpointId: context.checkpointId, transaction, preCommitted: false });
    this.current = this.beginTransaction();
    this.state!.update([
      ...this.pending.map((p) => ({
        kind: 'pending' as const,
        checkpointId: p.checkpointId,
        transaction: p.transaction,
      })),
      { kind: 'current', transaction: this.current },
    ]);
    const due = this.pending.filter((p) => !p.preCommitted);
    // Waits for commits in flight, so a transaction is never pre-committed out of order.
    return this.committing.then(async () => {
      for (const p of due) {
        if (p.preCommitted) continue;
        await this.preCommit(p.transaction);
        p.preCommitted = true;
      }
    });
  }

  /** Commits every pending transaction of checkpoints up to `checkpointId`, oldest first. */
  notifyCheckpointComplete(checkpointId: number): Promise<void> {
    const due = this.pending.filter((p) => p.checkpointId <= checkpointId);
    this.pending = this.pending.filter((p) => p.checkpointId > checkpointId);
    this.committing = this.committing.then(async () => {
      for (const p of due) await this.commit(p.transaction);
    });
    return this.committing;
  }

  /** An aborted checkpoint changes nothing: its transaction stays pending and commits with the next. */
  notifyCheckpointAborted(_checkpointId: number): void {}

  /** Checks that checkpointing is on (initializeState ran before open), else nothing would ever commit. */
  override open(): void {
    if (this.state === null) {
      throw new Error(
        `${this.constructor.name} is an exactly-once sink and needs checkpointing: call ` +
          'env.enableCheckpointing(intervalMs) — its records become visible when checkpoints complete. For a sink ' +
          'without checkpointing use addSink with a plain function (at-least-once).',
      );
    }
  }

  /** Drops the open transaction (on failure its records are replayed; after the end it is empty). */
  override close(): void {
    const transaction = this.current;
    this.current = null;
    if (transaction !== null) {
      const r = this.abort(transaction);
      if (r instanceof Promise) r.catch(() => undefined); // an abort that fails leaves nothing visible
    }
  }

  /** The transactions pre-committed and waiting for their checkpoint to complete (for tests and metrics). */
  pendingTransactions(): readonly { checkpointId: number; transaction: TXN }[] {
    return this.pending.map((p) => ({ checkpointId: p.checkpointId, transaction: p.transaction }));
  }
}
