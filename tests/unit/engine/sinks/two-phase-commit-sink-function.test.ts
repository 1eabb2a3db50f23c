import { describe, expect, it } from 'vitest';
import { TwoPhaseCommitSinkFunction } from '../../../../src/engine/sinks/two-phase-commit-sink-function.ts';
import { SinkHarness } from './harness.ts';

/** An external system with staging and idempotent commits, shared by all sink copies and attempts. */
class External {
  staged = new Map<string, number[]>();
  committed: { txn: string; rows: number[] }[] = [];
  calls: string[] = [];
  visible = () => this.committed.flatMap((c) => c.rows);
}

interface Txn {
  id: string;
}

/** A test 2PC sink: rows buffered per transaction, staged at preCommit, published at commit. */
class RecordingSink extends TwoPhaseCommitSinkFunction<number, Txn> {
  private buffers = new Map<string, number[]>();
  private n = 0;
  constructor(
    private readonly ext: External,
    private readonly name: string,
  ) {
    super();
  }
  protected beginTransaction(): Txn {
    const id = `${this.name}-${this.n++}`;
    this.buffers.set(id, []);
    this.ext.calls.push(`begin ${id}`);
    return { id };
  }
  protected invokeInTransaction(txn: Txn, value: number): void {
    this.buffers.get(txn.id)!.push(value);
  }
  /** Pre-commits that fail (like a full disk), counted down. */
  failPreCommits = 0;
  protected async preCommit(txn: Txn): Promise<void> {
    this.ext.calls.push(`preCommit ${txn.id}`);
    if (this.failPreCommits > 0 && this.failPreCommits--) throw new Error(`cannot stage ${txn.id}`);
    this.ext.staged.set(txn.id, this.buffers.get(txn.id) ?? []);
  }
  protected async commit(txn: Txn): Promise<void> {
    this.ext.calls.push(`commit ${txn.id}`);
    if (this.ext.committed.some((c) => c.txn === txn.id)) return; // idempotent
    this.ext.committed.push({ txn: txn.id, rows: this.ext.staged.get(txn.id)! });
    this.ext.staged.delete(txn.id);
  }
  protected abort(txn: Txn): void {
    this.ext.calls.push(`abort ${txn.id}`);
    this.buffers.delete(txn.id);
  }
  protected override recoverAndAbort(txn: Txn): void {
    this.ext.calls.push(`recoverAndAbort ${txn.id}`);
  }
}

describe('TwoPhaseCommitSinkFunction', () => {
  it('pre-commits on the barrier and commits only when the checkpoint completes', async () => {
    const ext = new External();
    const h = new SinkHarness(new RecordingSink(ext, 'a'));
    await h.open();
    h.write(1, 2);
    await h.snapshot(1);
    h.write(3); // after the barrier: belongs to checkpoint 2
    expect(ext.visible()).toEqual([]);
    await h.complete(1);
    expect(ext.visible()).toEqual([1, 2]);
    await h.snapshot(2);
    await h.complete(2);
    expect(ext.visible()).toEqual([1, 2, 3]);
    expect(ext.calls).toEqual([
      'begin a-0',
      'begin a-1', // snapshot 1 begins the next transaction before pre-committing a-0
      'preCommit a-0',
      'commit a-0',
      'begin a-2',
      'preCommit a-1',
      'commit a-1',
    ]);
  });

  it('an aborted checkpoint keeps its transaction pending until a later one completes', async () => {
    const ext = new External();
    const h = new SinkHarness(new RecordingSink(ext, 'b'));
    await h.open();
    h.write(1);
    await h.snapshot(1);
    await h.sink.notifyCheckpointAborted!(1);
    h.write(2);
    await h.snapshot(2);
    expect(h.sink.pendingTransactions().map((p) => p.checkpointId)).toEqual([1, 2]);
    await h.complete(2); // completes 1 as well (subsumed), oldest first
    expect(ext.committed.map((c) => c.rows)).toEqual([[1], [2]]);
  });

  it('a failed pre-commit declines its checkpoint and is retried before the next one is acknowledged', async () => {
    const ext = new External();
    const sink = new RecordingSink(ext, 'f');
    const h = new SinkHarness(sink);
    await h.open();
    h.write(1);
    sink.failPreCommits = 1;
    await expect(h.snapshot(1)).rejects.toThrow(/cannot stage f-0/);
    await h.sink.notifyCheckpointAborted!(1);
    h.write(2);
    const cp2 = await h.snapshot(2); // stages f-0 again, then f-1
    expect(cp2['two-phase-commit-transactions']).toEqual([
      { kind: 'pending', checkpointId: 1, transaction: { id: 'f-0' } },
      { kind: 'pending', checkpointId: 2, transaction: { id: 'f-1' } },
      { kind: 'current', transaction: { id: 'f-2' } },
    ]);
    expect([...ext.staged.keys()]).toEqual(['f-0', 'f-1']);
    await h.complete(2);
    expect(ext.committed.map((c) => c.rows)).toEqual([[1], [2]]);
  });

  it('failure after pre-commit: restore commits the pending transaction once and drops the open one', async () => {
    const ext = new External();
    const first = new SinkHarness(new RecordingSink(ext, 'c'));
    await first.open();
    first.write(1, 2);
    const checkpoint1 = await first.snapshot(1);
    first.write(3, 4); // replayed after the restore
    // The job fails before notifyCheckpointComplete(1) reached the sink; checkpoint 1 is complete.
    const second = new SinkHarness(new RecordingSink(ext, 'c2'), 0, 1);
    await second.open(checkpoint1);
    expect(ext.visible()).toEqual([1, 2]);
    expect(ext.calls).toContain('recoverAndAbort c-1');
    second.write(3, 4); // the source replays from checkpoint 1's position
    await second.snapshot(2);
    await second.complete(2);
    expect(ext.visible()).toEqual([1, 2, 3, 4]);
  });

  it('failure after commit: committing the restored transaction again adds nothing', async () => {
    const ext = new External();
    const first = new SinkHarness(new RecordingSink(ext, 'd'));
    await first.open();
    first.write(1);
    const checkpoint1 = await first.snapshot(1);
    await first.complete(1);
    first.write(2);
    const second = new SinkHarness(new RecordingSink(ext, 'd2'), 0, 1);
    await second.open(checkpoint1);
    second.write(2);
    await second.snapshot(2);
    await second.complete(2);
    expect(ext.visible()).toEqual([1, 2]);
    expect(ext.calls.filter((c) => c === 'commit d-0')).toHaveLength(2);
  });

  it('refuses to run without checkpointing (nothing would ever commit)', () => {
    const sink = new RecordingSink(new External(), 'e');
    expect(() => sink.open()).toThrow(/RecordingSink is an exactly-once sink and needs checkpointing/);
  });
});
