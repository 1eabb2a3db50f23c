import { expect, test } from '@playwright/test';

test('a JobManager script with a syntax error shows an error banner naming it', async ({ page }) => {
  // The Workbench runs on the engine: its JobManager worker is assets/engine-jobmanager-*.js.
  await page.route(/\/assets\/engine-jobmanager-[\w-]+\.js$/, (route) =>
    route.fulfill({ contentType: 'text/javascript', body: 'export const broken = ;' }),
  );
  await page.goto('./#/workbench');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('banner-error')).toContainText('the JobManager worker failed');
  // The page stays usable: without the broken script, the next run works.
  await page.unroute(/\/assets\/engine-jobmanager-[\w-]+\.js$/);
  await page.getByTestId('banner-error').getByRole('button', { name: 'Dismiss' }).click();
  await page.getByTestId('job-editor').fill(JSON.stringify({ events: 10_000 }));
  await page.getByTestId('run').click();
  await expect(page.getByTestId('job-status')).toHaveText('finished', { timeout: 60_000 });
});

test('a trainer that cannot load shows an error banner naming it', async ({ page }) => {
  await page.goto('./#/models?break-worker=trainer');
  await expect(page.getByTestId('banner-error')).toContainText('Worker “trainer” failed to start');
  await page.getByTestId('train').click();
  await expect(page.getByTestId('train-error')).toContainText('Worker “trainer” failed to start');
});
