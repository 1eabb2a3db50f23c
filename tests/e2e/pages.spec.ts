import { expect, test } from '@playwright/test';
import { saveScreenshot } from './helpers.ts';

test('Home renders and links to every page', async ({ page }, testInfo) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto('./');
  await expect(page.getByRole('heading', { name: 'Rivulet', level: 1 })).toBeVisible();
  await expect(page.getByText('Apache Flink and Alink in a browser tab.')).toBeVisible();
  await saveScreenshot(page, testInfo, 'home');

  for (const [link, heading, shot] of [
    ['Workbench', 'Workbench', 'workbench'],
    ['Job', 'Job', 'job'],
    ['Models', 'Models', 'models'],
    ['Data', 'Data', 'data'],
    ['About', 'About', 'about'],
  ]) {
    await page.getByRole('navigation').getByRole('link', { name: link, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`#/${shot}$`));
    await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
    await saveScreenshot(page, testInfo, shot);
  }
  await page.goto('./#/no-such-page');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('every page names itself in the title; an unknown route says it is not found', async ({ page }) => {
  await page.goto('./');
  await expect(page).toHaveTitle('Rivulet');
  for (const name of ['Workbench', 'Job', 'Models', 'Data', 'About']) {
    await page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
    await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
    await expect(page).toHaveTitle(`${name} — Rivulet`);
  }
  // Back on Home (a client-side navigation): the title is Home's again, not the last page's.
  await page.getByRole('navigation').getByRole('link', { name: 'Rivulet' }).click();
  await expect(page.getByRole('heading', { name: 'Rivulet', level: 1 })).toBeVisible();
  await expect(page).toHaveTitle('Rivulet');
  await page.goto('./#/no-such-page');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await expect(page).toHaveTitle('Page not found — Rivulet');
});

test('the site is cross-origin isolated and the About page says so', async ({ page }) => {
  await page.goto('./#/about');
  await expect(page.getByTestId('browser-facts')).toContainText('Cross-origin isolated');
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
});

test('the theme follows the system and the toggle overrides it', async ({ page }, testInfo) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('./');
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const dark = await background();
  await page.getByTestId('theme-toggle').click(); // dark → light
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  expect(await background()).not.toBe(dark);
  await page.getByTestId('theme-toggle').click(); // light → dark
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await background()).toBe(dark);
  await saveScreenshot(page, testInfo, 'home-dark');
  await page.reload(); // the choice is remembered
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});
