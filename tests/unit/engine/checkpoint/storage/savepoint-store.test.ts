import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { IndexedDbSavepointStore } from '../../../../../src/engine/checkpoint/storage/indexed-db-savepoint-store.ts';
import {
  MemorySavepointStore,
  type SavepointStore,
} from '../../../../../src/engine/checkpoint/storage/savepoint-store.ts';
import { oddSavepoint } from './savepoint-fixture.ts';

let n = 0;
for (const [name, create] of [
  ['MemorySavepointStore', () => new MemorySavepointStore()],
  ['IndexedDbSavepointStore', () => new IndexedDbSavepointStore({ dbName: `sp-test-${n++}` })],
] as const) {
  describe(name, () => {
    it('saves, lists newest first, loads exact copies and deletes', async () => {
      const store: SavepointStore = create();
      const a = oddSavepoint('a');
      const b = { ...oddSavepoint('b'), createdTimestamp: a.createdTimestamp + 1 };
      const info = await store.save(a);
      expect(info).toMatchObject({ name: 'a', jobName: 'keyed count', operators: ['count', 'source'] });
      expect(info.bytes).toBeGreaterThan(0);
      await store.save(b);
      expect((await store.list()).map((s) => s.name)).toEqual(['b', 'a']);
      expect(await store.load('a')).toEqual(oddSavepoint('a'));
      expect(await store.delete('a')).toBe(true);
      expect(await store.delete('a')).toBe(false);
      await expect(store.load('a')).rejects.toThrow(/Savepoint "a" does not exist; stored savepoints: "b"/);
    });

    it('refuses to save over a name unless asked, and refuses an invalid savepoint', async () => {
      const store: SavepointStore = create();
      await store.save(oddSavepoint('x'));
      await expect(store.save(oddSavepoint('x'))).rejects.toThrow(/already exists; .*overwrite: true/);
      const newer = { ...oddSavepoint('x'), jobName: 'v2' };
      await store.save(newer, { overwrite: true });
      expect((await store.load('x')).jobName).toBe('v2');
      const foreign = { ...oddSavepoint('y'), format: 'flink' } as unknown as ReturnType<typeof oddSavepoint>;
      await expect(store.save(foreign)).rejects.toThrow(/format is 'flink'/);
    });
  });
}
