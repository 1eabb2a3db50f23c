import { expect, test } from '@playwright/test';

// The Workbench's default job module counts [key, time] events per key in 10 s tumbling
// event-time windows and emits [key, windowStart, count]. By hand, windows [0, 10000),
// [10000, 20000), [20000, 30000), [30000, 40000):
//   [0, 10000):      a@1000 a@3000 a@9999 → a 3;  b@2000 → b 1
//   [10000, 20000):  a@12000 → a 1;  b@10000 b@19999 → b 2;  c@15000 → c 1
//   [20000, 30000):  a@20000 a@29000 → a 2;  c@25000 → c 1
//   [30000, 40000):  b@31000 → b 1
// 3 + 1 + 1 + 2 + 1 + 2 + 1 + 1 = 12 events, each in exactly one window: 8 result records.
const EXPECTED = [
  ['a', 0, 3],
  ['b', 0, 1],
  ['a', 10000, 1],
  ['b', 10000, 2],
  ['c', 10000, 1],
  ['a', 20000, 2],
  ['c', 20000, 1],
  ['b', 30000, 1],
];

/** A multiset, as a sorted list of JSON strings (the order of results depends on scheduling). */
const canonical = (xs: unknown[]) => xs.map((x) => JSON.stringify(x)).sort();

test('the job module panel runs the example over workers and shows its results, then an import error', async ({
  page,
}) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto('./#/workbench');
  await expect(page.getByTestId('job-module-parallelism')).toHaveValue('2');
  await expect(page.getByTestId('job-module-runtime')).toHaveValue('workers');

  await page.getByTestId('job-module-run').click();
  await expect(page.getByTestId('job-module-count')).toHaveText(String(EXPECTED.length), {
    timeout: 60_000,
  });
  const rows = await page.getByTestId('job-module-row').allInnerTexts();
  expect(canonical(rows.map((r) => JSON.parse(r)))).toEqual(canonical(EXPECTED));
  await expect(page.getByTestId('job-module-error')).toHaveCount(0);
  await expect(page.getByTestId('job-module-run')).toBeEnabled();

  await page.getByTestId('job-module-editor').fill(`throw new Error('boom at import');`);
  await page.getByTestId('job-module-run').click();
  await expect(page.getByTestId('job-module-error')).toContainText('boom at import', {
    timeout: 60_000,
  });
  await expect(page.getByTestId('job-module-results')).toHaveCount(0);
  await expect(page.getByTestId('job-module-run')).toBeEnabled();
  expect(pageErrors).toEqual([]);
});

test('the job module panel stops an endless job and shows a user function error (inline)', async ({
  page,
}) => {
  await page.goto('./#/workbench');
  const editor = page.getByTestId('job-module-editor');
  await editor.fill(`export default (env) => env.fromSequence(0, 1e12).filter((x) => x < 0);`);
  await page.getByTestId('job-module-run').click();
  await expect(page.getByTestId('job-module-metrics')).toContainText('records in', {
    timeout: 20_000,
  });
  await page.getByTestId('job-module-stop').click();
  await expect(page.getByTestId('job-module-error')).toHaveText('Stopped');
  await expect(page.getByTestId('job-module-run')).toBeEnabled();

  await page.getByTestId('job-module-runtime').selectOption('inline');
  await editor.fill(
    `export default (env) => env.fromElements(1, 2).map((x) => { throw new Error('bad record ' + x); });`,
  );
  await page.getByTestId('job-module-run').click();
  await expect(page.getByTestId('job-module-error')).toContainText('bad record');
});
