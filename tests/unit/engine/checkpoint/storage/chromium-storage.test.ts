import { afterAll, beforeAll, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { createServer, type ViteDevServer } from 'vite';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../../../../../scripts/chromium.js';

// Checkpoint storage, savepoints and the log over Chromium's real IndexedDB, inside a Web Worker
// (no DOM), with the window seeing the worker's append through BroadcastChannel.
const repo = fileURLToPath(new URL('../../../../../', import.meta.url));
const here = fileURLToPath(new URL('./chromium/', import.meta.url));

let server: ViteDevServer;
let browser: Browser;

beforeAll(async () => {
  server = await createServer({
    configFile: false,
    root: here,
    logLevel: 'error',
    server: { host: '127.0.0.1', port: 0, fs: { allow: [repo] } },
    worker: { format: 'es' },
  });
  await server.listen();
  browser = await chromium.launch({
    executablePath: findChromium() ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

it('IndexedDB stores and the log work in a Chromium Web Worker', async () => {
  const address = server.httpServer!.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/index.html`);
  await page.waitForFunction(() => 'runChecks' in window);
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
  const address = server.httpServer!.address();
  const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const page = await browser.newPage();
  // Chromium's DevTools protocol sets this origin's storage quota to 1 MB.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 1_000_000 });
  await page.goto(`${origin}/index.html`);
  await page.waitForFunction(() => 'runQuotaCheck' in window);
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
