import { expect, it } from 'vitest';
import { MemoryCheckpointStorage } from '../../../../../src/engine/checkpoint/storage/memory-checkpoint-storage.ts';
import { describeStorageContract, meta } from './storage-contract.ts';

describeStorageContract('MemoryCheckpointStorage', () => new MemoryCheckpointStorage());
describeStorageContract(
  'MemoryCheckpointStorage (copyOnWrite)',
  () => new MemoryCheckpointStorage({ copyOnWrite: true }),
);

it('MemoryCheckpointStorage: copyOnWrite decides whether a later mutation of written data reaches the store', async () => {
  for (const copyOnWrite of [true, false]) {
    const storage = new MemoryCheckpointStorage({ copyOnWrite });
    const data = { n: 1 };
    const ref = await storage.writeChunk('job', 1, 'count', 'op:0', data);
    data.n = 2; // the coordinator never does this: it hands over private copies
    expect(await storage.readChunk('job', 'count', 'op:0', ref)).toEqual({ n: copyOnWrite ? 1 : 2 });
  }
});

it('MemoryCheckpointStorage: a restore reads plain data, as from IndexedDB (prototypes dropped)', async () => {
  class Counter {
    n = 3;
    inc() {
      this.n++;
    }
  }
  const storage = new MemoryCheckpointStorage();
  const ref = await storage.writeChunk('job', 1, 'count', 'op:0', new Counter());
  const back = await storage.readChunk('job', 'count', 'op:0', ref);
  expect(back).toEqual({ n: 3 });
  expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
});

it('MemoryCheckpointStorage holds exactly the chunks retained checkpoints refer to', async () => {
  const storage = new MemoryCheckpointStorage();
  const refs = [];
  for (let g = 0; g < 4; g++) refs.push(await storage.writeChunk('job', 1, 'count', `kg:${g}`, g));
  await storage.commit(meta('job', 1, Object.fromEntries(refs.map((r, g) => [`kg:${g}`, r]))), 1);
  expect(storage.chunkCount('job')).toBe(4);
  // Checkpoint 2 changes one of four groups: one new chunk, the old copy of that group is collected.
  const g2 = await storage.writeChunk('job', 2, 'count', 'kg:2', 'changed');
  await storage.commit(meta('job', 2, { 'kg:0': refs[0], 'kg:1': refs[1], 'kg:2': g2, 'kg:3': refs[3] }), 1);
  expect(storage.chunkCount('job')).toBe(4);
});
