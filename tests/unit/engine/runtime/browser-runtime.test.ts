/**
 * The worker runtime in Chromium: a JobManager Web Worker with nested TaskManager Web Workers
 * (browser MessagePorts, Comlink) gives the same multiset of results as the inline runtime in Node.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { startViteChromium, type ViteChromium } from '../../../../bench/vite-chromium.ts';
import { runJob } from '../../../../src/engine/cluster/run-job.ts';

const jobUrl = (name: string) => new URL(`./jobs/${name}.ts`, import.meta.url);
const jobPath = (name: string) => fileURLToPath(jobUrl(name));
const canonical = (xs: unknown[]) => xs.map((x) => JSON.stringify(x)).sort();

let chromium: ViteChromium;
let page: Page;

beforeAll(async () => {
  chromium = await startViteChromium({ root: new URL('./browser/', import.meta.url) });
  page = await chromium.openPage(['runInWorkers']);
}, 60_000);

afterAll(() => chromium?.close());

/** Runs a job module in the page's worker runtime (the module is served by Vite from /@fs/). */
const inBrowser = (name: string, parallelism: number, query = '') =>
  page.evaluate(
    ([url, p]) => (window as any).runInWorkers(url, p) as Promise<{ results?: unknown[]; error?: string }>,
    [`${chromium.fsUrl(jobUrl(name))}${query}`, parallelism] as const,
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
