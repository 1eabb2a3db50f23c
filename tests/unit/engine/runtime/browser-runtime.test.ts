/**
 * The worker runtime in Chromium: a JobManager Web Worker with nested TaskManager Web Workers
 * (browser MessagePorts, Comlink) gives the same multiset of results as the inline runtime in Node.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { createServer, type ViteDevServer } from 'vite';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../../../../scripts/chromium.js';
import { runJob } from '../../../../src/engine/cluster/run-job.ts';

const repo = fileURLToPath(new URL('../../../../', import.meta.url));
const here = fileURLToPath(new URL('./browser/', import.meta.url));
const jobPath = (name: string) => fileURLToPath(new URL(`./jobs/${name}.ts`, import.meta.url));
const canonical = (xs: unknown[]) => xs.map((x) => JSON.stringify(x)).sort();

let server: ViteDevServer;
let browser: Browser;
let page: Page;
let origin: string;

beforeAll(async () => {
  server = await createServer({
    configFile: false,
    root: here,
    logLevel: 'error',
    server: { host: '127.0.0.1', port: 0, fs: { allow: [repo] } },
    worker: { format: 'es' },
  });
  await server.listen();
  const address = server.httpServer!.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  browser = await chromium.launch({
    executablePath: findChromium() ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  page = await browser.newPage();
  await page.goto(`${origin}/index.html`);
  await page.waitForFunction(() => 'runInWorkers' in window);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Runs a job module in the page's worker runtime (the module is served by Vite from /@fs/). */
const inBrowser = (name: string, parallelism: number, query = '') =>
  page.evaluate(
    ([url, p]) => (window as any).runInWorkers(url, p) as Promise<{ results?: unknown[]; error?: string }>,
    [`${origin}/@fs${jobPath(name)}${query}`, parallelism] as const,
  );

describe('worker runtime in Chromium (Web Workers)', () => {
  it.each(['window-count', 'process-timers', 'union-connect'])(
    '%s at parallelism 1, 2 and 4 equals the inline runtime',
    async (name) => {
      // Expected: the inline runtime's results for the same module, computed here in Node.
      const expected = canonical(await runJob(jobPath(name), { parallelism: 2 }));
      for (const parallelism of [1, 2, 4]) {
        const { results, error } = await inBrowser(name, parallelism);
        expect(error).toBeUndefined();
        expect(canonical(results!), `parallelism ${parallelism}`).toEqual(expected);
      }
    },
  );

  it.each(['hang', 'close'])(
    'a TaskManager that stops without an event (%s) fails the job through heartbeats, naming its subtasks',
    async (fault) => {
      const { error } = await inBrowser('faults', 2, `?fault=${fault}`);
      expect(error).toMatch(
        /^TaskManager 1 \(subtasks .*Faulty -> Filter \(2\/2\).*\) missed heartbeats for \d+ ms \(timeout 2000 ms\)/,
      );
    },
  );

  it('a job module that fails at import fails the job with its original message', async () => {
    const { error } = await inBrowser('throws-at-import', 2);
    expect(error).toBe('job module broken at import');
  });
});
