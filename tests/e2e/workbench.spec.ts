import { copyFileSync, mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { generateEvents } from '../../src/engine/connectors/seeded-events.ts';
import {
  chartPoints,
  editorSettings,
  expectedTotals,
  saveScreenshot,
  shownTotals,
  waitForStatus,
} from './helpers.ts';

/** The editor's settings (what the job module gets in its URL). */
type Settings = Awaited<ReturnType<typeof editorSettings>> & { windowMs: number };
const settingsOf = async (page: import('@playwright/test').Page) => (await editorSettings(page)) as Settings;

/**
 * Reference (window, key) rows of the job, by a plain loop over the same seeded events: how many
 * rows there are, and how many the chart draws (its last 60 windows).
 */
function referenceRows(settings: Settings) {
  const { keys, timestamps } = generateEvents({ ...settings, count: settings.events });
  const rows = new Set<string>();
  for (let i = 0; i < keys.length; i++)
    rows.add(`${timestamps[i] - (timestamps[i] % settings.windowMs)}|${keys[i]}`);
  const starts = [...new Set([...rows].map((r) => Number(r.split('|')[0])))].sort((a, b) => a - b);
  const shown = new Set(starts.slice(-60));
  return { rows: rows.size, charted: [...rows].filter((r) => shown.has(Number(r.split('|')[0]))).length };
}

test('Run streams results into the live chart and ends with the expected counts; a reload restores them', async ({
  page,
}, testInfo) => {
  await page.goto('./#/workbench');
  const settings = await settingsOf(page);
  await page.getByTestId('run').click();

  // Fired windows reach the chart while the job runs (the default example is paced to ~3 s).
  await expect.poll(() => chartPoints(page), { timeout: 20_000 }).toBeGreaterThan(0);
  await waitForStatus(page, 'finished');

  const expected = expectedTotals(settings);
  const reference = referenceRows(settings);
  expect(await shownTotals(page, settings.keys)).toEqual(expected);
  await expect(page.getByTestId('total-all')).toHaveText(String(settings.events));
  await expect(page.getByTestId('windows-fired')).toHaveText(reference.rows.toLocaleString('en'));
  await expect(page.getByTestId('store-kind')).toHaveText('IndexedDB');
  await expect.poll(() => chartPoints(page)).toBe(reference.charted);
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
  const settings = { ...(await settingsOf(page)), events: 100_000, maxRate: 15_000, seed: 7 };
  await page.getByTestId('job-editor').fill(JSON.stringify(settings, null, 2));
  await page.getByTestId('run').click();
  await expect.poll(() => chartPoints(page), { timeout: 20_000 }).toBeGreaterThan(0);
  return settings;
}

test('Stop, then Continue, finishes with the same counts as an uninterrupted run', async ({ page }) => {
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  const settings = await startSlowJob(page);
  await page.getByTestId('stop').click();
  await waitForStatus(page, 'stopped');
  // The user's own stop is no failure: no error banner, no error text, nothing logged as an error.
  await expect(page.getByTestId('banner-error')).toHaveCount(0);
  await expect(page.getByTestId('job-error')).toHaveCount(0);
  expect(consoleErrors).toEqual([]);
  // Event-time progress is never behind the events already counted in fired windows.
  const [processed] = (await page.getByTestId('processed').innerText()).split(' of ');
  expect(Number(processed.replace(/,/g, ''))).toBeGreaterThanOrEqual(
    Number(await page.getByTestId('total-all').innerText()),
  );
  await expect(page.getByTestId('continue')).toBeEnabled();
  await page.getByTestId('continue').click();
  await waitForStatus(page, 'finished');
  expect(await shownTotals(page, settings.keys)).toEqual(expectedTotals(settings));
});

test('a reload during a run restores it as interrupted, and Continue finishes it exactly once', async ({
  page,
}) => {
  const settings = await startSlowJob(page);
  // Reload once windows fired and a checkpoint completed (every 0.5 s): the resumed job must
  // neither lose nor count twice the windows that fired before it.
  await expect.poll(() => chartPoints(page)).toBeGreaterThan(20);
  await expect(page.getByTestId('last-checkpoint')).toHaveText(/^#\d+$/);
  await expect(page.getByTestId('job-status')).toHaveText('running');
  await page.reload();
  await waitForStatus(page, 'interrupted');
  expect(JSON.parse(await page.getByTestId('job-editor').inputValue())).toMatchObject(settings);
  await page.getByTestId('continue').click();
  await waitForStatus(page, 'finished');
  // It resumed from a checkpoint of the interrupted run (not from the start).
  await expect(page.getByTestId('restored-from')).toHaveText(/^checkpoint #[1-9]\d*$/);
  expect(await shownTotals(page, settings.keys)).toEqual(expectedTotals(settings));
  await expect(page.getByTestId('total-all')).toHaveText(String(settings.events));
  await expect(page.getByTestId('windows-fired')).toHaveText(
    referenceRows(settings).rows.toLocaleString('en'),
  );
});

test('bad job settings show an error that names the field', async ({ page }) => {
  await page.goto('./#/workbench');
  await page.getByTestId('job-editor').fill('{ "keys": 0 }');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('input-error')).toHaveText('"keys" must be between 1 and 64, got 0.');
  // The page shows the job module the settings run.
  await expect(page.getByTestId('job-module')).toContainText('TumblingEventTimeWindows.of(');
  await page.getByTestId('job-editor').fill('{ "parallelism": 0 }');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('input-error')).toHaveText('"parallelism" must be between 1 and 8, got 0.');
  await page.getByTestId('job-editor').fill('{ "keys": ');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('input-error')).toContainText('The job is not valid JSON');
  await expect(page.getByTestId('job-status')).toHaveText('idle');
});

test('without IndexedDB the Workbench warns and keeps results in memory', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
  });
  await page.goto('./#/workbench');
  // (Beside the 'Offline use is off' banner: the e2e config blocks service workers.)
  await expect(page.getByTestId('banner-warning').filter({ hasText: 'Storage' })).toContainText(
    'IndexedDB is unavailable',
  );
  const settings = { ...(await editorSettings(page)), events: 20_000 };
  await page.getByTestId('job-editor').fill(JSON.stringify(settings));
  await page.getByTestId('run').click();
  await waitForStatus(page, 'finished');
  await expect(page.getByTestId('store-kind')).toHaveText('memory only');
  expect(await shownTotals(page, settings.keys)).toEqual(expectedTotals(settings));
});
