import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStore, openWorkbenchStore } from '../../../src/client/persistence.ts';
import { DEFAULT_JOB_SETTINGS } from '../../../src/client/job-settings.ts';
import { emptySnapshot, upsertWindows, type JobSnapshot } from '../../../src/client/snapshot.ts';

function sampleSnapshot(): JobSnapshot {
  const start = emptySnapshot(DEFAULT_JOB_SETTINGS, 'workbench-test', 'running');
  return {
    ...upsertWindows(start, [
      [0, 0, 12],
      [3, 0, 30],
    ]),
    processed: 4096,
    watermark: 1999,
    lastCheckpoint: 3,
  };
}

const realIndexedDB = globalThis.indexedDB;
afterEach(async () => {
  globalThis.indexedDB = realIndexedDB;
  const store = await openWorkbenchStore();
  await store.clear();
  store.close();
});

describe('openWorkbenchStore with IndexedDB (fake-indexeddb)', () => {
  it('opens IndexedDB without a warning', async () => {
    const store = await openWorkbenchStore();
    expect(store.kind).toBe('indexeddb');
    expect(store.warning).toBeNull();
    store.close();
  });

  it('keeps settings and the snapshot, typed arrays included, across connections', async () => {
    const first = await openWorkbenchStore();
    const snapshot = sampleSnapshot();
    await first.saveSettings({ ...DEFAULT_JOB_SETTINGS, seed: 7 });
    await first.saveSnapshot(snapshot);
    first.close();

    const second = await openWorkbenchStore(); // what a reload sees
    expect(await second.loadSettings()).toEqual({ ...DEFAULT_JOB_SETTINGS, seed: 7 });
    const restored = await second.loadSnapshot();
    expect(restored).toEqual(snapshot);
    expect(restored!.windows.keys).toBeInstanceOf(Int32Array);
    expect(restored!.totals).toEqual([12, 0, 0, 30, 0, 0, 0, 0]);
    second.close();
  });

  it('overwrites the snapshot with the latest one and clears everything', async () => {
    const store = await openWorkbenchStore();
    await store.saveSnapshot(sampleSnapshot());
    await store.saveSnapshot({ ...sampleSnapshot(), status: 'finished' });
    expect((await store.loadSnapshot())!.status).toBe('finished');
    await store.clear();
    expect(await store.loadSnapshot()).toBeUndefined();
    expect(await store.loadSettings()).toBeUndefined();
    store.close();
  });
});

describe('openWorkbenchStore without IndexedDB', () => {
  it('falls back to memory with a warning when indexedDB is missing', async () => {
    // @ts-expect-error -- simulating a context without IndexedDB
    delete globalThis.indexedDB;
    const store = await openWorkbenchStore();
    expect(store.kind).toBe('memory');
    expect(store.warning).toMatch(/IndexedDB is unavailable \(this browser context has no indexedDB\)/);
    const snapshot = sampleSnapshot();
    await store.saveSnapshot(snapshot);
    expect(await store.loadSnapshot()).toEqual(snapshot);
  });

  it('falls back to memory when opening throws (private mode, blocked by settings)', async () => {
    globalThis.indexedDB = {
      open() {
        throw new DOMException('The user denied permission to access the database.', 'InvalidStateError');
      },
    } as unknown as IDBFactory;
    const store = await openWorkbenchStore();
    expect(store.kind).toBe('memory');
    expect(store.warning).toMatch(/InvalidStateError: The user denied permission/);
  });

  it('falls back to memory when opening never finishes', async () => {
    // A real open request whose events are never delivered, like one stuck behind another tab.
    globalThis.indexedDB = {
      open(name: string, version: number) {
        const request = realIndexedDB.open(`${name}-stuck`, version);
        request.dispatchEvent = () => true;
        return request;
      },
    } as unknown as IDBFactory;
    const store = await openWorkbenchStore({ timeoutMs: 50 });
    expect(store.kind).toBe('memory');
    expect(store.warning).toMatch(/did not finish within 0.05 s/);
  });
});

describe('MemoryStore', () => {
  it('stores copies, not references', async () => {
    const store = new MemoryStore();
    const snapshot = sampleSnapshot();
    await store.saveSnapshot(snapshot);
    snapshot.totals[0] = 999;
    expect((await store.loadSnapshot())!.totals[0]).toBe(12);
    const settings = { ...DEFAULT_JOB_SETTINGS };
    await store.saveSettings(settings);
    expect(await store.loadSettings()).toEqual(DEFAULT_JOB_SETTINGS);
  });
});
