import { expect, test } from '@playwright/test';
import { canonical, shownResults } from './job-editor.ts';

/**
 * The Data page (issue 6): CSV files and seeded events into replayable IndexedDB log topics, the
 * topic listing, and a job reading a topic with LogSource. Expected values come from the CSV text
 * written here (counted and summed by a loop below).
 */
const ORDERS: [string, number, string][] = [
  ['ann', 12.5, '2024-01-01T10:00:00Z'],
  ['bob', 3, '2024-01-01T10:00:05Z'],
  ['ann', 7.25, '2024-01-01T10:00:09Z'],
  ['cid', 40, '2024-01-01T10:01:00Z'],
  ['bob', 5, '2024-01-01T10:02:00Z'],
  ['ann', 0.25, '2024-01-01T10:02:30Z'],
  ['dee', 9, '2024-01-01T10:03:00Z'],
  ['cid', 1, '2024-01-01T10:04:00Z'],
];
const csv = (rows: string[][]) => rows.map((r) => r.join(',')).join('\n') + '\n';
const ordersCsv = csv([['customer', 'amount', 'time'], ...ORDERS.map(([c, a, t]) => [c, String(a), t])]);

/** [customer, orders, total amount] per customer, as the "topic-count" example emits. */
function expectedTotals(): [string, number, number][] {
  const totals = new Map<string, [number, number]>();
  for (const [c, a] of ORDERS) {
    const [n, sum] = totals.get(c) ?? [0, 0];
    totals.set(c, [n + 1, sum + a]);
  }
  return [...totals].map(([c, [n, sum]]) => [c, n, sum]);
}

const file = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });

test('a CSV file becomes a topic with typed rows; a job reading it with LogSource gives the totals', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.goto('./#/data');
  await page.getByTestId('csv-file').setInputFiles(file('orders.csv', ordersCsv));
  await expect(page.getByTestId('csv-summary')).toHaveText(
    '8 rows; columns: customer (string), amount (number), time (string)',
  );
  await page.getByTestId('csv-topic').fill('orders');
  await page.getByTestId('csv-partitions').fill('2');
  await page.getByTestId('csv-key').selectOption('customer');
  await page.getByTestId('csv-time').selectOption('time');
  await page.getByTestId('csv-import-button').click();
  await expect(page.getByTestId('csv-message')).toHaveText(
    'Imported 8 rows from orders.csv into topic "orders".',
  );

  const row = page.locator('[data-testid="topic-row"][data-name="orders"]');
  await expect(row.getByTestId('topic-records')).toHaveText('8');
  await expect(row.getByTestId('topic-partitions')).toHaveText('2');
  const ends = (await row.getByTestId('topic-end-offsets').innerText()).split(', ').map(Number);
  expect(ends.reduce((a, b) => a + b, 0)).toBe(8);
  // Preview: every row, typed (amount is a number), partition by partition.
  await row.getByTestId('topic-preview').click();
  await expect(page.getByTestId('topic-preview-value')).toHaveCount(ORDERS.length);
  const values = (await page.getByTestId('topic-preview-value').allInnerTexts()).map((v) => JSON.parse(v));
  expect(canonical(values)).toEqual(
    canonical(ORDERS.map(([customer, amount, time]) => ({ customer, amount, time }))),
  );

  // The "topic-count" example reads the topic (2 partitions over 2 subtasks) in workers.
  await page.goto('./#/job');
  await page.getByTestId('job-example').selectOption('topic-count');
  await page.getByTestId('job-module-runtime').selectOption('workers');
  await page.getByTestId('job-module-parallelism').fill('2');
  await page.getByTestId('job-module-run').click();
  await expect(page.getByTestId('job-status')).toHaveText('FINISHED', { timeout: 60_000 });
  expect(canonical(await shownResults(page))).toEqual(canonical(expectedTotals()));

  // The same totals were committed once each to the exactly-once table "customer-totals".
  await page.goto('./#/data');
  const table = page.locator('[data-testid="table-row"][data-name="customer-totals"]');
  await expect(table.getByTestId('table-rows')).toHaveText(String(expectedTotals().length));
  await table.getByTestId('table-preview').click();
  await expect(page.getByTestId('table-preview-row')).toHaveCount(expectedTotals().length);
  const committed = (await page.getByTestId('table-preview-row').allInnerTexts()).map((r) => JSON.parse(r));
  expect(canonical(committed)).toEqual(canonical(expectedTotals()));
  await table.getByTestId('table-drop').click();
  await expect(page.getByTestId('tables-none')).toBeVisible();

  // Deleting the topic removes it from the listing.
  await row.getByTestId('topic-delete').click();
  await expect(row).toHaveCount(0);
});

test('bad CSV rows are listed with their line numbers and nothing is imported', async ({ page }) => {
  await page.goto('./#/data');
  const text = csv([
    ['customer', 'amount'],
    ['ann', '1'],
    ['bob', '2'],
    ['cid', 'three'], // line 4: not a number
    ['dee', '4'],
    ['eve'], // line 6: a field short
    ['fay', '6'],
  ]);
  await page.getByTestId('csv-file').setInputFiles(file('bad.csv', text));
  await expect(page.getByTestId('csv-error')).toHaveText([
    'Line 4: column "amount" (number): "three" is not a number',
    'Line 6: has 1 fields, the header has 2',
  ]);
  await expect(page.getByTestId('csv-errors')).toContainText('2 bad rows');
  await expect(page.getByTestId('csv-import-button')).toHaveCount(0);
  await expect(page.getByTestId('topics-none')).toBeVisible();
  // Picking another column type checks every row again: as text, "three" is fine; the short row is not.
  await page.getByTestId('csv-type-amount').selectOption('string');
  await expect(page.getByTestId('csv-error')).toHaveText(['Line 6: has 1 fields, the header has 2']);
});

test('seeded events go into a partitioned topic with retention; stored topics list offsets and delete', async ({
  page,
}) => {
  await page.goto('./#/data');
  await page.getByTestId('seeded-topic').fill('events');
  await page.getByTestId('seeded-partitions').fill('4');
  await page.getByTestId('seeded-count').fill('5000');
  await page.getByTestId('seeded-keys').fill('8');
  await page.getByTestId('seeded-seed').fill('7');
  await page.getByTestId('seeded-max-records').fill('1000');
  await page.getByTestId('seeded-generate').click();
  await expect(page.getByTestId('seeded-message')).toHaveText(
    'Wrote 5000 seeded events into topic "events".',
  );
  const row = page.locator('[data-testid="topic-row"][data-name="events"]');
  await expect(row.getByTestId('topic-partitions')).toHaveText('4');
  // Retention keeps at most 1000 records per partition; end offsets still count every append.
  const ends = (await row.getByTestId('topic-end-offsets').innerText()).split(', ').map(Number);
  expect(ends.reduce((a, b) => a + b, 0)).toBe(5000);
  const kept = ends.reduce((n, end) => n + Math.min(end, 1000), 0);
  await expect(row.getByTestId('topic-records')).toHaveText(String(kept));
  await expect(row).toContainText('1000 records/partition');
  await row.getByTestId('topic-delete').click();
  await expect(row).toHaveCount(0);
});

test('savepoints and the checkpoints of a stopped job are listed on the Data page and deleted there', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.goto('./#/job');
  await page.getByTestId('job-example').selectOption('checkpointed-count');
  await page.getByTestId('job-module-runtime').selectOption('workers');
  await page.getByTestId('job-module-run').click();
  await expect(page.locator('[data-testid="checkpoint-row"][data-status="COMPLETED"]').first()).toBeVisible({
    timeout: 30_000,
  });
  await page.getByTestId('savepoint-name').fill('listed-sp');
  await page.getByTestId('savepoint-trigger').click();
  await expect(page.getByTestId('savepoint-message')).toContainText('Savepoint "listed-sp" stored');
  // Stopping cancels the job: its checkpoints stay (to resume it), as Flink retains them on cancellation.
  await page.getByTestId('job-module-stop').click();
  await expect(page.getByTestId('job-status')).toHaveText('CANCELED');
  const latestOnJobPage = Number(
    await page
      .getByTestId('checkpoints-latest')
      .locator('strong')
      .innerText()
      .then((t) => t.slice(1)),
  );

  await page.goto('./#/data');
  const sp = page.locator('[data-testid="data-savepoint-row"][data-name="listed-sp"]');
  await expect(sp).toContainText('window-count');
  const cp = page.getByTestId('data-checkpoint-row');
  await expect(cp).toHaveCount(1);
  // The stored latest is the page's latest completed one (or a later one that completed as it stopped).
  const latestStored = Number(await cp.locator('td').nth(2).innerText());
  expect(latestStored).toBeGreaterThanOrEqual(latestOnJobPage);
  await cp.getByTestId('data-checkpoint-delete').click();
  await expect(page.getByTestId('data-checkpoints-none')).toBeVisible();
  await sp.getByTestId('data-savepoint-delete').click();
  await expect(sp).toHaveCount(0);
  // Nothing left to resume on the Job page after a reload.
  await page.goto('./#/job');
  await expect(page.getByTestId('job-module')).toBeVisible();
  await expect(page.getByTestId('resume')).toHaveCount(0);
});
