import { describe, expect, it } from 'vitest';
import {
  MemoryCheckpointStorage,
  SOURCE_SPLITS_STATE,
  type Savepoint,
} from '../../../../src/engine/index.ts';
import { referenceCounts, startWindowedCount } from './windowed-count-job.ts';

const N = 30_000;
const STOP_AT = 12_345;

/**
 * Runs at parallelism 3 (the source at `sourceParallelism`) and stops with a savepoint at record
 * STOP_AT; returns it and the rows before.
 */
async function savepointAtParallelism3(
  sourceParallelism = 1,
): Promise<{ savepoint: Savepoint; rows: string[] }> {
  let pending: Promise<Savepoint> | null = null;
  const { job, rows } = startWindowedCount({
    n: N,
    parallelism: 3,
    sourceParallelism,
    storage: new MemoryCheckpointStorage(),
    hook: (i, _attempt, j) => {
      if (i === STOP_AT) pending = j.stopWithSavepoint!('rescale');
    },
  });
  await job.result.catch(() => {});
  expect(job.status).toBe('CANCELED');
  const savepoint = await pending!;
  // The history shows the savepoint with its size (all of it: a savepoint refers to nothing else).
  const row = job.getCheckpointHistory!().find((h) => h.savepoint)!;
  expect(row.status).toBe('COMPLETED');
  expect(row.totalBytes).toBeGreaterThan(1000);
  expect(row.bytesWritten).toBe(row.totalBytes);
  return { savepoint, rows: [...rows] };
}

describe('savepoints and rescaling (issue 6)', () => {
  it('a savepoint taken at parallelism 3 restores at 2 and at 4 with results equal to the unscaled run', async () => {
    const reference = referenceCounts(N);
    const { savepoint, rows: before } = await savepointAtParallelism3();
    expect(savepoint.format).toBe('rivulet-savepoint');
    expect(savepoint.operators['window-count'].parallelism).toBe(3);
    // Windows that closed before the savepoint were delivered; none after it.
    expect(before.length).toBeGreaterThan(0);
    expect(before.length).toBeLessThan(reference.length);
    for (const parallelism of [2, 4]) {
      const { job, rows } = startWindowedCount({
        n: N,
        parallelism,
        storage: new MemoryCheckpointStorage(),
        run: { restoreFrom: structuredClone(savepoint) },
      });
      await job.result;
      expect([...before, ...rows].sort()).toEqual(reference);
    }
  }, 60_000);

  it('a parallel source rescales too: fromSequence at 3 restores at 2 and 4, its splits dealt out again', async () => {
    const reference = referenceCounts(N);
    const { savepoint, rows: before } = await savepointAtParallelism3(3);
    const parts = savepoint.operators['numbers'].parts;
    const splits = Object.values(parts).flatMap(
      (p) => (p as Record<string, { items: unknown[] }>)[SOURCE_SPLITS_STATE].items,
    );
    // Each of the 3 readers had one range left, the one that saw STOP_AT part of it.
    expect(splits).toHaveLength(3);
    for (const parallelism of [2, 4]) {
      const { job, rows } = startWindowedCount({
        n: N,
        parallelism,
        sourceParallelism: parallelism,
        storage: new MemoryCheckpointStorage(),
        run: { restoreFrom: structuredClone(savepoint) },
      });
      await job.result;
      expect([...before, ...rows].sort(), `restored at parallelism ${parallelism}`).toEqual(reference);
    }
  }, 60_000);

  it('a savepoint with state of an unknown uid is refused unless allowNonRestoredState', async () => {
    const { savepoint, rows: before } = await savepointAtParallelism3();
    const refused = startWindowedCount({
      n: N,
      parallelism: 2,
      storage: new MemoryCheckpointStorage(),
      windowUid: 'window-count-v2',
      run: { restoreFrom: savepoint },
    });
    await expect(refused.job.result).rejects.toThrow(
      /operator uid "window-count", which this job does not have.*allowNonRestoredState/,
    );
    const allowed = startWindowedCount({
      n: N,
      parallelism: 2,
      storage: new MemoryCheckpointStorage(),
      windowUid: 'window-count-v2',
      run: { restoreFrom: savepoint, allowNonRestoredState: true },
    });
    await allowed.job.result;
    // The source resumed after the savepoint and the window state was dropped: windows that began
    // after the savepoint are complete, the open windows lost the counts before it.
    // The source resumed at its savepoint position (the next number) and the window state was
    // dropped: windows that begin at or after that position are complete, the window open at the
    // savepoint lost the counts before it.
    const sourceState = savepoint.operators['numbers'].parts['op:0'] as Record<
      string,
      { items: { next: number }[] }
    >;
    const position = sourceState[SOURCE_SPLITS_STATE].items[0].next;
    expect(position).toBeGreaterThan(STOP_AT);
    const firstFull = Math.ceil(position / 1000) * 1000;
    const fullWindows = (rows: string[]) => rows.filter((r) => Number(r.split(',')[1]) >= firstFull).sort();
    expect(fullWindows(allowed.rows)).toEqual(fullWindows(referenceCounts(N)));
    const total = allowed.rows.reduce((a, r) => a + Number(r.split(',')[2]), 0);
    expect(total).toBe(N - position);
    expect(before.length).toBeGreaterThan(0);
  }, 60_000);
});
