import { copyFileSync, mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import {
  chartPoints,
  editorSettings,
  expectedTotals,
  saveScreenshot,
  shownTotals,
  waitForStatus,
} from './helpers.ts';

test('Run streams results into the live chart and ends with the expected counts; a reload restores them', async ({
  page,
}, testInfo) => {
  await page.goto('./#/workbench');
  const settings = await editorSettings(page);
  await page.getByTestId('run').click();

  // Points appear while the job runs (the default example takes a few seconds).
  await expect.poll(() => chartPoints(page), { timeout: 20_000 }).toBeGreaterThan(0);
  await waitForStatus(page, 'finished');

  const expected = expectedTotals(settings);
  expect(await shownTotals(page, settings.keys)).toEqual(expected);
  await expect(page.getByTestId('total-all')).toHaveText(String(settings.events));
  await expect(page.getByTestId('store-kind')).toHaveText('IndexedDB');
  await expect.poll(() => chartPoints(page)).toBeGreaterThan(0);
  await saveScreenshot(page, testInfo, 'workbench-after-run');
  if (process.env.RIVULET_SCREENSHOT && testInfo.project.name === 'chromium') {
    mkdirSync('docs', { recursive: true });
    copyFileSync(testInfo.outputPath('workbench-after-run.png'), 'docs/screenshot.png');
  }

  await page.reload();
  await waitForStatus(page, 'finished');
  expect(await shownTotals(page, settings.keys)).toEqual(expected);
  await expect(page.getByTestId('processed')).toContainText(
    `${settings.events.toLocaleString('en')} of ${settings.events.toLocaleString('en')}`,
  );
  await expect.poll(() => chartPoints(page)).toBeGreaterThan(0);
  await saveScreenshot(page, testInfo, 'workbench-after-reload');
});

/** A slower job than the example, so it can be stopped or reloaded while it runs. */
async function startSlowJob(page: import('@playwright/test').Page) {
  await page.goto('./#/workbench');
  const settings = { ...(await editorSettings(page)), events: 100_000, maxRate: 15_000, seed: 7 };
  await page.getByTestId('job-editor').fill(JSON.stringify(settings, null, 2));
  await page.getByTestId('run').click();
  await expect.poll(() => chartPoints(page), { timeout: 20_000 }).toBeGreaterThan(0);
  return settings;
}

test('Stop, then Continue, finishes with the same counts as an uninterrupted run', async ({ page }) => {
  const settings = await startSlowJob(page);
  await page.getByTestId('stop').click();
  await waitForStatus(page, 'stopped');
  await expect(page.getByTestId('continue')).toBeEnabled();
  await page.getByTestId('continue').click();
  await waitForStatus(page, 'finished');
  expect(await shownTotals(page, settings.keys)).toEqual(expectedTotals(settings));
});

test('a reload during a run restores it as interrupted, and Continue finishes it exactly once', async ({
  page,
}) => {
  const settings = await startSlowJob(page);
  // Let at least one snapshot reach IndexedDB (they are saved every 0.5 s).
  await expect.poll(() => chartPoints(page)).toBeGreaterThan(20);
  await page.reload();
  await waitForStatus(page, 'interrupted');
  expect(JSON.parse(await page.getByTestId('job-editor').inputValue())).toMatchObject(settings);
  await page.getByTestId('continue').click();
  await waitForStatus(page, 'finished');
  expect(await shownTotals(page, settings.keys)).toEqual(expectedTotals(settings));
  await expect(page.getByTestId('total-all')).toHaveText(String(settings.events));
});

test('bad job settings show an error that names the field', async ({ page }) => {
  await page.goto('./#/workbench');
  await page.getByTestId('job-editor').fill('{ "keys": 0 }');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('input-error')).toHaveText('"keys" must be between 1 and 64, got 0.');
  await page.getByTestId('job-editor').fill('{ "keys": ');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('input-error')).toContainText('The job is not valid JSON');
});

test('without IndexedDB the Workbench warns and keeps results in memory', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
  });
  await page.goto('./#/workbench');
  await expect(page.getByTestId('banner-warning')).toContainText('IndexedDB is unavailable');
  const settings = { ...(await editorSettings(page)), events: 20_000 };
  await page.getByTestId('job-editor').fill(JSON.stringify(settings));
  await page.getByTestId('run').click();
  await waitForStatus(page, 'finished');
  await expect(page.getByTestId('store-kind')).toHaveText('memory only');
  expect(await shownTotals(page, settings.keys)).toEqual(expectedTotals(settings));
});
