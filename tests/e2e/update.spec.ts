import { expect, test } from '@playwright/test';
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import handler from 'serve-handler';
import { crossOriginHeaders } from '../../scripts/headers.js';

// The other specs block service workers (so page.route sees every request); this one needs them.
test.use({ serviceWorkers: 'allow' });

/** Serves a copy of the built site, so this test can "deploy" a new version without touching dist/. */
async function serveCopy(): Promise<{ root: string; url: string; close: () => void }> {
  const root = mkdtempSync(join(tmpdir(), 'rivulet-deploy-'));
  cpSync(fileURLToPath(new URL('../../dist/', import.meta.url)), root, { recursive: true });
  const headers = Object.entries(crossOriginHeaders).map(([key, value]) => ({ key, value }));
  const server = http.createServer((req, res) =>
    handler(req, res, { public: root, directoryListing: false, headers: [{ source: '**/*', headers }] }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    root,
    url: `http://127.0.0.1:${port}/`,
    close: () => {
      server.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

test('a new deploy waits for the user: a banner offers Reload, the open page is never reloaded by itself', async ({
  page,
}) => {
  const site = await serveCopy();
  try {
    await page.goto(`${site.url}#/workbench`);
    await page.evaluate(async () => void (await navigator.serviceWorker.ready));
    // A returning visitor: the page is controlled by the installed version.
    await page.reload();
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));

    // The next deploy changes the service worker; the browser finds it on its next update check.
    appendFileSync(join(site.root, 'sw.js'), '\n// the next deploy\n');
    await page.evaluate(async () => void (await (await navigator.serviceWorker.getRegistration())!.update()));
    const banner = page.getByTestId('banner-info').filter({ hasText: 'New version' });
    await expect(banner).toContainText('Reload to use it');
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);

    const reloaded = page.waitForEvent('load');
    await banner.getByTestId('banner-action').click();
    await reloaded;
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBeUndefined();
    await expect(page.getByTestId('run')).toBeVisible();
    await expect(page.getByTestId('banner-info')).toHaveCount(0);
    const waiting = await page.evaluate(
      async () => (await navigator.serviceWorker.getRegistration())!.waiting,
    );
    expect(waiting).toBeNull();
  } finally {
    site.close();
  }
});
