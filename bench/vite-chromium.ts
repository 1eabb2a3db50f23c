/**
 * Vite dev server + headless Chromium for the browser benchmarks and the Chromium-backed unit tests:
 * serves a folder (its index.html, with the repository readable through /@fs/), launches Chromium
 * (/usr/bin/chromium or CHROMIUM_PATH, via Playwright) and opens pages that are ready once the page's
 * entry has put its functions on `window`.
 */
import { fileURLToPath } from 'node:url';
import { createServer, type DepOptimizationOptions, type ServerOptions, type ViteDevServer } from 'vite';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium.js';

const REPO = fileURLToPath(new URL('../', import.meta.url));

/** Options of {@link startViteChromium}. */
export interface ViteChromiumOptions {
  /** The folder Vite serves (holds index.html). */
  root: URL;
  /** Chromium flags beside CHROMIUM_ARGS, e.g. '--enable-unsafe-webgpu'. */
  chromiumArgs?: string[];
  /** Vite server options beside host, port and fs.allow (headers, hmr, watch). */
  server?: ServerOptions;
  optimizeDeps?: DepOptimizationOptions;
}

/** A running Vite server and Chromium; {@link ViteChromium.close} stops both. */
export interface ViteChromium {
  server: ViteDevServer;
  browser: Browser;
  /** http://127.0.0.1:PORT of the server. */
  origin: string;
  /** The served URL of a repository file (Vite's /@fs/ path), e.g. a job module. */
  fsUrl(file: URL): string;
  /** A new page on index.html, resolved once every name in `ready` is on its window. */
  openPage(ready: string[], beforeLoad?: (page: Page) => Promise<void>): Promise<Page>;
  /** Loads index.html again in `page` (after a hang or an unwanted reload). */
  reload(page: Page, ready: string[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the server on a free port and launches Chromium.
 * @example
 * const c = await startViteChromium({ root: new URL('./browser/', import.meta.url) });
 * const page = await c.openPage(['timedRun']);
 * await c.close();
 */
export async function startViteChromium(o: ViteChromiumOptions): Promise<ViteChromium> {
  const server = await createServer({
    configFile: false,
    root: fileURLToPath(o.root),
    logLevel: 'error',
    server: { ...o.server, host: '127.0.0.1', port: 0, fs: { allow: [REPO] } },
    worker: { format: 'es' },
    ...(o.optimizeDeps ? { optimizeDeps: o.optimizeDeps } : {}),
  });
  await server.listen();
  const address = server.httpServer!.address();
  const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  let browser: Browser;
  try {
    browser = await chromium.launch({
      executablePath: findChromium() ?? '/usr/bin/chromium',
      args: [...CHROMIUM_ARGS, ...(o.chromiumArgs ?? [])],
    });
  } catch (error) {
    await server.close();
    throw error;
  }
  const reload = async (page: Page, ready: string[]) => {
    await page.goto(`${origin}/index.html`);
    await page.waitForFunction((names) => names.every((n) => n in window), ready);
  };
  return {
    server,
    browser,
    origin,
    fsUrl: (file) => `${origin}/@fs${fileURLToPath(file)}`,
    async openPage(ready, beforeLoad) {
      const page = await browser.newPage();
      await beforeLoad?.(page);
      await reload(page, ready);
      return page;
    },
    reload,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}
