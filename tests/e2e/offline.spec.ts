import { expect, test } from '@playwright/test';
import { editorSettings, expectedTotals, shownTotals, waitForStatus } from './helpers.ts';

// The other specs block service workers (so page.route sees every request); this one needs them.
test.describe('with service workers', () => {
  test.use({ serviceWorkers: 'allow' });

  test('after one visit the site works offline: pages load, the default job runs on workers, a model trains (wasm)', async ({
    page,
    context,
  }) => {
    await page.goto('./#/');
    // The service worker is active once it has precached the whole site (not only this page).
    const precached = await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      const names = await caches.keys();
      const urls = (
        await Promise.all(names.map(async (n) => (await (await caches.open(n)).keys()).map((r) => r.url)))
      ).flat();
      return urls.map((u) => new URL(u).pathname);
    });
    await expect(page.getByText('Offline use is off')).toHaveCount(0);
    expect(precached.some((p) => p.endsWith('.wasm'))).toBe(true);
    expect(precached.some((p) => /\/assets\/trainer-.*\.js$/.test(p))).toBe(true);

    await context.setOffline(true);
    await page.goto('./#/workbench');
    await page.reload();
    await expect(page.getByTestId('run')).toBeVisible();
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);
    // Still cross-origin isolated: the cached responses keep their headers.
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    const settings = await editorSettings(page);
    await page.getByTestId('run').click();
    await waitForStatus(page, 'finished');
    expect(await shownTotals(page, settings.keys)).toEqual(expectedTotals(settings));

    // A page not visited before, and the trainer worker with the tfjs wasm binaries.
    await page.goto('./#/models');
    await page.getByTestId('train').click();
    await expect(page.getByTestId('train-result')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('train-backend')).toHaveText('wasm');
  });
});

test('where service workers are refused, a banner says offline use is off and the site still runs', async ({
  page,
}) => {
  // The e2e config blocks service workers, as a policy or a private window may.
  await page.goto('./#/workbench');
  await expect(page.getByTestId('banner-warning').filter({ hasText: 'Offline use is off' })).toContainText(
    'could not install its offline copy',
  );
  const settings = { ...(await editorSettings(page)), events: 20_000 };
  await page.getByTestId('job-editor').fill(JSON.stringify(settings));
  await page.getByTestId('run').click();
  await waitForStatus(page, 'finished');
  expect(await shownTotals(page, settings.keys)).toEqual(expectedTotals(settings));
});
