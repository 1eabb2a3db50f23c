import { expect, type Page, type TestInfo } from '@playwright/test';
import { generateEvents } from '../../src/engine/connectors/seeded-events.ts';

/** The job settings the Workbench editor holds (the page's ready-made example unless edited). */
export async function editorSettings(page: Page) {
  return JSON.parse(await page.getByTestId('job-editor').inputValue()) as {
    events: number;
    keys: number;
    seed: number;
    startTime: number;
    eventsPerSecond: number;
  };
}

/**
 * Expected count per key after the bounded job ends: every event lands in exactly one window, so
 * the per-key totals are the key frequencies of the same seeded events, counted here directly.
 */
export function expectedTotals(settings: Awaited<ReturnType<typeof editorSettings>>): number[] {
  const { keys } = generateEvents({
    count: settings.events,
    keys: settings.keys,
    seed: settings.seed,
    startTime: settings.startTime,
    eventsPerSecond: settings.eventsPerSecond,
  });
  const totals = new Array<number>(settings.keys).fill(0);
  for (const key of keys) totals[key]++;
  return totals;
}

/** The totals table of the Workbench, key by key. */
export async function shownTotals(page: Page, keyCount: number): Promise<number[]> {
  const totals: number[] = [];
  for (let key = 0; key < keyCount; key++)
    totals.push(Number(await page.getByTestId(`total-${key}`).innerText()));
  return totals;
}

/** Number of points the live chart drew at its last redraw. */
export async function chartPoints(page: Page): Promise<number> {
  return Number(await page.getByTestId('live-chart').getAttribute('data-points'));
}

/** Waits until the job reaches `status` (jobs take seconds; the wait is generous). */
export async function waitForStatus(page: Page, status: string, timeout = 60_000) {
  await expect(page.getByTestId('job-status')).toHaveText(status, { timeout });
}

/** Saves a full-page screenshot as a test artifact (under test-results/). */
export async function saveScreenshot(page: Page, testInfo: TestInfo, name: string) {
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
}
