/**
 * The job's collected records at the JobManager, held per checkpoint epoch until they are final:
 * records emitted between the barriers of checkpoints e and e + 1 (epoch e) are released when
 * checkpoint e + 1 completes, dropped when the job restores checkpoint c <= e (they will be emitted
 * again by the replay), and all released when the job finishes. So results are exactly-once under
 * restarts, as Flink's collect sink makes them. Without checkpointing everything stays in epoch 0:
 * a restart (from scratch) drops it all.
 *
 * @example
 * const r = new CollectedResults();
 * r.add(0, 0, ['a']); r.add(0, 1, ['b']);
 * r.commit(1); r.rollback(1); r.finish().get(0); // ['a']
 */
export class CollectedResults {
  private readonly committed = new Map<number, unknown[]>();
  /** epoch → collectId → records. */
  private readonly pending = new Map<number, Map<number, unknown[]>>();

  add(collectId: number, epoch: number, values: readonly unknown[]): void {
    let byId = this.pending.get(epoch);
    if (!byId) this.pending.set(epoch, (byId = new Map()));
    let list = byId.get(collectId);
    if (!list) byId.set(collectId, (list = []));
    for (const v of values) list.push(v);
  }

  /** Checkpoint `checkpointId` completed: every epoch before it is final. */
  commit(checkpointId: number): void {
    for (const [epoch, byId] of [...this.pending].sort((a, b) => a[0] - b[0])) {
      if (epoch >= checkpointId) continue;
      this.pending.delete(epoch);
      for (const [collectId, values] of byId) this.release(collectId, values);
    }
  }

  /** The job restarts from checkpoint `restoredId` (0: from scratch): later epochs are replayed. */
  rollback(restoredId: number): void {
    for (const epoch of [...this.pending.keys()]) if (epoch >= restoredId) this.pending.delete(epoch);
  }

  /** The job finished: everything left is final. Returns collectId → records. */
  finish(): Map<number, unknown[]> {
    this.commit(Infinity);
    return this.committed;
  }

  /** Records released so far (per collect sink). */
  committedCount(): number {
    let n = 0;
    for (const list of this.committed.values()) n += list.length;
    return n;
  }

  private release(collectId: number, values: unknown[]): void {
    const list = this.committed.get(collectId);
    if (!list) this.committed.set(collectId, values);
    else for (const v of values) list.push(v);
  }
}
