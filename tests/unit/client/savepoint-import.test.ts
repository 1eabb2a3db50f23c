/**
 * The Savepoints panel imports a savepoint file under the name inside it: a file whose savepoint is
 * already stored keeps the stored one, and the error says what to do in the page (the store's own
 * error speaks of an API option the page does not offer).
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  deleteSavepoint,
  importSavepointFile,
  listSavepoints,
  loadSavepoint,
  savepointFile,
  saveSavepoint,
  type Savepoint,
} from '../../../src/client/checkpoints.ts';

const savepoint = (name: string, count: number): Savepoint => ({
  format: 'rivulet-savepoint',
  version: 1,
  name,
  jobName: 'count',
  createdTimestamp: 1_700_000_000_000,
  operators: { count: { parallelism: 1, maxParallelism: 8, parts: { 'kg:0': { n: count } } } },
});

afterEach(async () => {
  for (const s of await listSavepoints()) await deleteSavepoint(s.name);
});

describe('importSavepointFile', () => {
  it('refuses a file whose savepoint name is stored, naming it and the fix; after Delete it imports', async () => {
    await saveSavepoint(savepoint('nightly', 1));
    const file = await savepointFile('nightly');
    const error = await importSavepointFile(file).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      'A savepoint named "nightly" is already stored; delete it first (Delete in its row), then import the file again',
    );
    expect((await listSavepoints()).map((s) => s.name)).toEqual(['nightly']);

    await deleteSavepoint('nightly');
    const info = await importSavepointFile(file);
    expect(info.name).toBe('nightly');
    expect((await listSavepoints()).map((s) => s.name)).toEqual(['nightly']);
  });

  it('overwrite replaces the stored savepoint', async () => {
    await saveSavepoint(savepoint('nightly', 1));
    const other = new Blob([await (await savepointFile('nightly')).text()]);
    await deleteSavepoint('nightly');
    await saveSavepoint(savepoint('nightly', 2));
    await importSavepointFile(other, true);
    expect((await listSavepoints()).map((s) => s.name)).toEqual(['nightly']);
    expect((await loadSavepoint('nightly')).operators.count.parts['kg:0']).toEqual({ n: 1 });
  });
});
