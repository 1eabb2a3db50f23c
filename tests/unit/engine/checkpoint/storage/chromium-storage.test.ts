import { afterAll, beforeAll, expect, it } from 'vitest';
import { startViteChromium, type ViteChromium } from '../../../../../bench/vite-chromium.ts';

// Checkpoint storage, savepoints and the log over Chromium's real IndexedDB, inside a Web Worker
// (no DOM), with the window seeing the worker's append through BroadcastChannel.
let chromium: ViteChromium;

beforeAll(async () => {
  chromium = await startViteChromium({ root: new URL('./chromium/', import.meta.url) });
}, 60_000);

afterAll(() => chromium?.close());

it('IndexedDB stores and the log work in a Chromium Web Worker', async () => {
  const page = await chromium.openPage(['runChecks']);
  const result = await page.evaluate(() =>
    (window as unknown as { runChecks(): Promise<unknown> }).runChecks(),
  );
  expect(result).toEqual({
    hasDocument: false,
    sharedChunkKept: true,
    oldChunkCollected: true,
    failedCommit: 'CheckpointStorageError',
    latestAfterFailure: 2,
    savepointRoundTrip: [7, true],
    logSum: (9_999 * 10_000) / 2, // 0 + 1 + … + 9999
    windowSawAppend: 'woken by the worker',
    windowEndOffsets: [5_000, 5_000], // round-robin over 2 partitions
  });
}, 60_000);

it('a real QuotaExceededError from IndexedDB is a quota CheckpointStorageError and leaves latest() alone', async () => {
  const page = await chromium.openPage(['runQuotaCheck'], async (p) => {
    // Chromium's DevTools protocol sets this origin's storage quota to 1 MB.
    const cdp = await p.context().newCDPSession(p);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: chromium.origin, quotaSize: 1_000_000 });
  });
  const result = await page.evaluate(() =>
    (window as unknown as { runQuotaCheck(): Promise<unknown> }).runQuotaCheck(),
  );
  expect(result).toEqual({
    failure: 'quota',
    causeName: 'QuotaExceededError',
    message:
      'Checkpoint storage: writing chunk op/op:0 of checkpoint 2 of job "job" failed (QuotaExceededError); the ' +
      'browser storage quota is exhausted; free space (delete old savepoints, log topics or tables) or retain ' +
      'fewer checkpoints',
    commitOfFailedChunkRefused: true,
    latest: 1,
  });
}, 60_000);
