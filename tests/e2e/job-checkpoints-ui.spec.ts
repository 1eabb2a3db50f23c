import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { CHECKPOINTED_COUNT } from '../../src/client/examples/checkpointed-count.ts';
import { canonical, setJobCode, shownResults } from './job-editor.ts';

/**
 * The Job page's checkpoint UI (issue 6) with the "Checkpointed window count" example: 30 000
 * records, record i has key k((i·7919) mod 5) and event time 10·i ms, counted per key in 10 s
 * tumbling windows that all fire at the end of input. The reference is computed here by a loop.
 */
function reference(): [string, number, number][] {
  const counts = new Map<string, number>();
  for (let i = 0; i < 30_000; i++) {
    const id = `k${(i * 7919) % 5}|${Math.floor((i * 10) / 10_000) * 10_000}`;
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return [...counts].map(([id, n]) => [id.split('|')[0], Number(id.split('|')[1]), n]);
}

async function startExample(page: Page) {
  await page.getByTestId('job-example').selectOption('checkpointed-count');
  await page.getByTestId('job-module-runtime').selectOption('workers');
  await page.getByTestId('job-module-parallelism').fill('2');
  await page.getByTestId('job-module-run').click();
  await expect(page.getByTestId('job-status')).toHaveText('RUNNING');
}

const completedRows = (page: Page) =>
  page.getByTestId('checkpoints-history').locator('[data-testid="checkpoint-row"][data-status="COMPLETED"]');

async function expectReferenceResults(page: Page) {
  await expect(page.getByTestId('job-status')).toHaveText('FINISHED', { timeout: 60_000 });
  await expect(page.getByTestId('job-module-count')).toHaveText('150');
  expect(canonical(await shownResults(page))).toEqual(canonical(reference()));
}

test('checkpoints show live; a savepoint is stored, exported, re-imported; a foreign file is rejected by name', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  await page.goto('./#/job');
  await startExample(page);
  // Live from onCheckpoint: completed checkpoints appear while the job runs.
  await expect(completedRows(page).first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('checkpoints-latest')).toContainText('full size');
  expect(Number(await page.getByTestId('checkpoints-completed').innerText())).toBeGreaterThan(0);

  const name = `ui-sp-${Date.now()}`;
  await page.getByTestId('savepoint-name').fill(name);
  await page.getByTestId('savepoint-trigger').click();
  await expect(page.getByTestId('savepoint-message')).toContainText(`Savepoint "${name}" stored`);
  const row = page.locator(`[data-testid="savepoint-row"][data-name="${name}"]`);
  await expect(row).toContainText('window-count');
  await expectReferenceResults(page);
  // The savepoint appears in the history too.
  await expect(page.getByTestId('checkpoints-history')).toContainText('(savepoint)');

  // Export (a download), delete, import the file again.
  const download = page.waitForEvent('download');
  await row.getByTestId('savepoint-export').click();
  const file = testInfo.outputPath('sp.savepoint.json');
  await (await download).saveAs(file);
  expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ format: 'rivulet-savepoint-file' });
  await row.getByTestId('savepoint-delete').click();
  await expect(row).toHaveCount(0);
  await page.getByTestId('savepoint-import').setInputFiles(file);
  await expect(page.getByTestId('savepoint-message')).toHaveText(`Imported savepoint "${name}".`);
  await expect(row).toHaveCount(1);

  // A corrupted file (one byte of the state changed) and a foreign file: rejected, naming the error.
  const text = await readFile(file, 'utf8');
  const corrupted = text.replace(
    /"parallelism":(\d)/,
    (_m, d: string) => `"parallelism":${(Number(d) % 3) + 1}`,
  );
  expect(corrupted).not.toBe(text);
  await page.getByTestId('savepoint-import').setInputFiles({
    name: 'bad.savepoint.json',
    mimeType: 'application/json',
    buffer: Buffer.from(corrupted),
  });
  await expect(page.getByTestId('savepoint-error')).toContainText(
    'SavepointFileError: Savepoint import: checksum mismatch',
  );
  await page.getByTestId('savepoint-import').setInputFiles({
    name: 'other.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"hello":"world"}'),
  });
  await expect(page.getByTestId('savepoint-error')).toContainText(
    'SavepointFileError: Savepoint import: the file is not a Rivulet savepoint',
  );

  // Run from the savepoint at another parallelism (rescaled from 2 to 3): the same exact result,
  // state restored by operator uid + the source replaying from its saved position.
  await page.getByTestId('savepoint-parallelism').fill('3');
  await row.getByTestId('savepoint-run').click();
  await expect(page.getByTestId('checkpoints-restored')).toContainText(`savepoint "${name}"`);
  await expectReferenceResults(page);
  await row.getByTestId('savepoint-delete').click();
});

test('after a reload mid-run the page resumes the job from its latest checkpoint, results exactly-once', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto('./#/job');
  await startExample(page);
  await expect(completedRows(page).first()).toBeVisible({ timeout: 30_000 });
  const done = Number(await page.getByTestId('checkpoints-completed').innerText());
  expect(done).toBeGreaterThan(0);
  await page.reload();
  // The remembered job has a completed checkpoint in IndexedDB: the page offers to resume it.
  const resume = page.getByTestId('resume-latest');
  await expect(resume).toHaveText(/^Resume from checkpoint \d+ \(/);
  const offered = Number(/checkpoint (\d+)/.exec(await resume.innerText())![1]);
  expect(offered).toBeGreaterThanOrEqual(1);
  await expect(page.getByTestId('resume-fresh')).toBeVisible();
  await resume.click();
  await expect(page.getByTestId('checkpoints-restored')).toContainText(`(checkpoint ${offered})`);
  // Restored counts + the source's replay from its checkpointed position: no loss, no duplicate.
  await expectReferenceResults(page);
  // A finished job deleted its checkpoints: nothing to resume after another reload.
  await page.reload();
  await expect(page.getByTestId('job-module')).toBeVisible();
  await expect(page.getByTestId('resume')).toHaveCount(0);
});

test('a declined checkpoint shows FAILED with its reason, the job goes on exactly; its savepoint restores without the map only with allowNonRestoredState', async ({
  page,
}) => {
  test.setTimeout(90_000);
  // The example with a pass-through map whose snapshotState throws at checkpoint 2 (Flink: the task
  // declines the checkpoint; with one failure tolerated the job goes on and the next one completes).
  const code = CHECKPOINTED_COUNT.replace(
    'export default (env) => {',
    `class RefusesCheckpoint2 {
  seen = 0;
  map(i) { this.seen++; return i; }
  initializeState(ctx) {
    this.state = ctx.getOperatorStateStore().getListState('seen');
    this.seen = this.state.get().reduce((a, b) => a + b, 0);
  }
  snapshotState(ctx) {
    if (ctx.checkpointId === 2) throw new Error('checkpoint 2 refused on purpose');
    this.state.update([this.seen]);
  }
}

export default (env) => {`,
  )
    .replace(".uid('numbers')", ".uid('numbers')\n    .map(new RefusesCheckpoint2())\n    .uid('refuser')")
    // The declined checkpoint is tolerated: the job goes on (Flink's default 0 would fail it over).
    .replace(
      'env.enableCheckpointing(500);',
      'env.enableCheckpointing(500);\n  env.getCheckpointConfig().setTolerableCheckpointFailureNumber(1);',
    );
  expect(code).toContain("uid('refuser')");
  expect(code).toContain('setTolerableCheckpointFailureNumber(1)');
  await page.goto('./#/job');
  await setJobCode(page, code);
  await page.getByTestId('job-module-runtime').selectOption('workers');
  await page.getByTestId('job-module-run').click();
  const failed = page.locator('[data-testid="checkpoint-row"][data-status="FAILED"]');
  await expect(failed.first()).toContainText('checkpoint 2 refused on purpose', { timeout: 30_000 });
  await expect(failed.first().locator('td').first()).toHaveText('2');
  await expect(completedRows(page).first()).toBeVisible();
  expect(Number(await page.getByTestId('checkpoints-failed').innerText())).toBeGreaterThanOrEqual(1);
  const name = `with-refuser-${Date.now()}`;
  await page.getByTestId('savepoint-name').fill(name);
  await page.getByTestId('savepoint-trigger').click();
  await expect(page.getByTestId('savepoint-message')).toContainText(`Savepoint "${name}" stored`);
  await expectReferenceResults(page);

  // The plain example has no operator "refuser": restoring its state fails unless it may be dropped.
  await page.getByTestId('job-example').selectOption('checkpointed-count');
  const row = page.locator(`[data-testid="savepoint-row"][data-name="${name}"]`);
  await expect(row).toContainText('refuser');
  await row.getByTestId('savepoint-run').click();
  await expect(page.getByTestId('job-status')).toHaveText('FAILED', { timeout: 30_000 });
  await expect(page.getByTestId('job-module-error')).toContainText('operator uid "refuser"');
  await page.getByTestId('savepoint-allow-non-restored').check();
  await row.getByTestId('savepoint-run').click();
  await expectReferenceResults(page);
  await row.getByTestId('savepoint-delete').click();
});

test('stop with savepoint stops the job; running from the savepoint at another parallelism completes it exactly', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto('./#/job');
  await startExample(page);
  await expect(completedRows(page).first()).toBeVisible({ timeout: 30_000 });
  const name = `stop-sp-${Date.now()}`;
  await page.getByTestId('savepoint-name').fill(name);
  await page.getByTestId('savepoint-stop').click();
  await expect(page.getByTestId('savepoint-message')).toContainText(`Savepoint "${name}" stored`);
  await expect(page.getByTestId('job-status')).toHaveText('CANCELED');
  // The example emits its windows at the end of input, so the stopped run delivered none of them.
  const row = page.locator(`[data-testid="savepoint-row"][data-name="${name}"]`);
  await page.getByTestId('savepoint-parallelism').fill('3');
  await row.getByTestId('savepoint-run').click();
  await expectReferenceResults(page);
});

test('without checkpointing the Savepoint buttons are off and say why', async ({ page }) => {
  await page.goto('./#/job');
  // An endless job without env.enableCheckpointing, on the workers runtime (where savepoints are taken).
  await setJobCode(
    page,
    `export default (env) => { env.fromSequence(1, 1e12).rebalance().addSink(() => {}); };`,
  );
  await page.getByTestId('job-module-runtime').selectOption('workers');
  await page.getByTestId('job-module-run').click();
  await expect(page.getByTestId('job-status')).toHaveText('RUNNING');
  // Its metrics arrive once it runs (the job's controls are there by then).
  const source = page.locator('[data-testid="job-vertex"][data-vertex-id="0"]');
  await expect(source.getByTestId('vertex-records-out')).toHaveText(/^[1-9]/, { timeout: 30_000 });
  for (const id of ['savepoint-trigger', 'savepoint-stop']) {
    await expect(page.getByTestId(id)).toBeDisabled();
    await expect(page.getByTestId(id)).toHaveAttribute('title', /checkpointing is off in this job/i);
  }
  await page.getByTestId('job-module-stop').click();
  await expect(page.getByTestId('job-status')).toHaveText('CANCELED');
});
