import { expect, test, type Page } from '@playwright/test';
import { canonical, jobCode, runJobOnPage, setJobCode, shownResults } from './job-editor.ts';
import {
  lateDataResults,
  sessions,
  silenceAlerts,
  slidingAverages,
  tumblingCounts,
  TUMBLING_EVENTS,
} from './job-examples-reference.ts';

const vertex = (page: Page, id: number) => page.locator(`[data-testid="job-vertex"][data-vertex-id="${id}"]`);

test('the default example draws its job graph (vertices, parallelism, HASH edge) and its metrics add up', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./#/job');
  await expect(page.getByTestId('job-example')).toHaveValue('tumbling-count');
  await runJobOnPage(page, 'workers', 2);
  const expected = tumblingCounts(TUMBLING_EVENTS);
  await expect(page.getByTestId('job-module-count')).toHaveText(String(expected.length));
  expect(canonical(await shownResults(page))).toEqual(canonical(expected));
  await expect(page.getByTestId('job-status')).toHaveText('FINISHED');

  // The plan as Flink builds it: fromElements is non-parallel (1), the watermark assigner and the
  // window take the default parallelism (2) behind a REBALANCE and a HASH (keyBy) edge, and the
  // collect sink of the returned stream is non-parallel again.
  await expect(page.getByTestId('job-vertex')).toHaveCount(4);
  expect(await page.getByTestId('vertex-name').allInnerTexts()).toEqual([
    'Source: Collection Source',
    'Timestamps/Watermarks',
    'Window(TumblingEventTimeWindows(10000), EventTimeTrigger(), process)',
    'Sink: Collect',
  ]);
  expect(await page.getByTestId('vertex-parallelism').allInnerTexts()).toEqual(['1', '2', '2', '1']);
  const edges = await page
    .getByTestId('job-edge')
    .evaluateAll((es) => es.map((e) => [e.dataset.source, e.dataset.target, e.dataset.partitioning]));
  expect(edges).toEqual([
    ['0', '1', 'REBALANCE'],
    ['1', '2', 'HASH'],
    ['2', '3', 'REBALANCE'],
  ]);
  expect(await page.getByTestId('job-edge-label').allTextContents()).toEqual([
    'REBALANCE',
    'HASH',
    'REBALANCE',
  ]);

  // Final metrics: every source record reaches the window, every window result reaches the sink.
  await expect(vertex(page, 0).getByTestId('vertex-records-out')).toHaveText(String(TUMBLING_EVENTS.length));
  await expect(vertex(page, 2).getByTestId('vertex-records-in')).toHaveText(String(TUMBLING_EVENTS.length));
  await expect(vertex(page, 3).getByTestId('vertex-records-in')).toHaveText(String(expected.length));
  await expect(vertex(page, 2).getByTestId('vertex-watermark')).toHaveText('end of input');
  await expect(vertex(page, 0).getByTestId('vertex-backpressure')).toHaveAttribute(
    'data-level',
    /OK|LOW|HIGH/,
  );

  // A click (or Enter on the focused vertex) shows its subtasks, one row each.
  await vertex(page, 2).click();
  await expect(vertex(page, 2)).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('subtask-row')).toHaveCount(2);
  const inPerSubtask = await page
    .getByTestId('subtask-row')
    .evaluateAll((rows) => rows.map((r) => Number(r.children[2].textContent!.replace(/,/g, ''))));
  expect(inPerSubtask.reduce((a, b) => a + b, 0)).toBe(TUMBLING_EVENTS.length);
  await vertex(page, 1).focus();
  await page.keyboard.press('Enter');
  await expect(vertex(page, 1)).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('subtask-table')).toContainText('Subtasks of Timestamps/Watermarks');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('subtask-table')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('records in of the sink equal the records of the source once the job finishes', async ({ page }) => {
  await page.goto('./#/job');
  await setJobCode(page, `export default (env) => env.fromSequence(1, 5000).rebalance().map((x) => x * 2);`);
  await runJobOnPage(page, 'workers', 2);
  await expect(page.getByTestId('job-module-count')).toHaveText('5,000');
  const last = page.getByTestId('job-vertex').last();
  await expect(last.getByTestId('vertex-name')).toHaveText('Sink: Collect');
  await expect(last.getByTestId('vertex-records-in')).toHaveText('5,000');
  await expect(vertex(page, 0).getByTestId('vertex-records-out')).toHaveText('5,000');
  await expect(page.getByTestId('job-edge').first()).toHaveAttribute('data-partitioning', 'REBALANCE');
});

test('a deliberately slow sink shows backpressure on its producer; Stop cancels the job', async ({
  page,
}) => {
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  await page.goto('./#/job');
  // An endless source feeding, through a rebalance, one sink that spins 20 µs per record (a batch
  // of 4K records takes ~80 ms, well inside the heartbeat timeout), both on one TaskManager (the
  // default on a 2-core machine): the worker shares its thread by CPU time, so the source outruns
  // the sink until its credits are spent and then waits for it — HIGH backpressure, as in Flink.
  await setJobCode(
    page,
    `export default (env) => {
  env
    .fromSequence(1, 1e12)
    .setParallelism(1)
    .rebalance()
    .addSink(() => {
      const until = performance.now() + 0.02;
      while (performance.now() < until);
    })
    .name('Slow sink')
    .setParallelism(1);
};`,
  );
  await page.getByTestId('job-module-workers').selectOption('1');
  // By keyboard: Enter on Run; focus moves to Stop while the job runs, and back to Run after.
  await page.getByTestId('job-module-run').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('job-module-stop')).toBeFocused();
  await expect(page.getByTestId('job-status')).toHaveText('RUNNING');
  await expect(vertex(page, 0).getByTestId('vertex-name')).toContainText('Source');
  await expect(vertex(page, 0).getByTestId('vertex-backpressure')).toHaveAttribute('data-level', 'HIGH', {
    timeout: 30_000,
  });
  await page.keyboard.press('Enter');
  // The user's own stop is no failure: a neutral status, no error banner, nothing logged as an error.
  await expect(page.getByTestId('job-status')).toHaveText('CANCELED');
  await expect(page.getByTestId('job-module-stopped')).toHaveText('Stopped: the job was cancelled.');
  await expect(page.getByTestId('job-module-error-banner')).toHaveCount(0);
  await expect(page.getByTestId('job-module-run')).toBeFocused();
  expect(consoleErrors).toEqual([]);
  // A cancelled job processes nothing: every vertex's rates read 0, its totals stay.
  const rates = page.getByTestId('vertex-rates');
  await expect(rates).toHaveCount(2);
  await expect(rates).toHaveText(['0/s in · 0/s out', '0/s in · 0/s out']);
  expect(
    Number((await vertex(page, 0).getByTestId('vertex-records-out').innerText()).replace(/,/g, '')),
  ).toBeGreaterThan(0);
  // …and so do its subtasks' rows.
  await vertex(page, 1).click();
  const rows = page.getByTestId('subtask-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.locator('td').nth(4)).toHaveText('0/s');
  await expect(rows.locator('td').nth(5)).toHaveText('0/s');
  expect(Number((await rows.locator('td').nth(2).innerText()).replace(/,/g, ''))).toBeGreaterThan(0);
});

test('an empty or out-of-range parallelism names the field and the fix', async ({ page }) => {
  await page.goto('./#/job');
  const parallelism = page.getByTestId('job-module-parallelism');
  await parallelism.fill('');
  await page.getByTestId('job-module-plan').click();
  await expect(page.getByTestId('job-module-error')).toHaveText(
    'Parallelism: enter a whole number from 1 to 4.',
  );
  await parallelism.fill('9');
  await page.getByTestId('job-module-run').click();
  await expect(page.getByTestId('job-module-error')).toHaveText(
    'Parallelism: enter a whole number from 1 to 4 (not 9).',
  );
  // An input to correct, not a run that failed.
  await expect(page.getByTestId('job-status')).toHaveCount(0);
  await parallelism.fill('2');
  await page.getByTestId('job-module-plan').click();
  await expect(page.getByTestId('job-vertex')).toHaveCount(4);
  await expect(page.getByTestId('job-module-error-banner')).toHaveCount(0);
});

test('every example gives its reference result at parallelism 2, in workers and inline', async ({ page }) => {
  test.setTimeout(180_000);
  const references: Record<string, unknown[]> = {
    'tumbling-count': tumblingCounts(TUMBLING_EVENTS),
    'sliding-average': slidingAverages(),
    'session-windows': sessions(),
    'process-timers': silenceAlerts(),
    'late-data': lateDataResults(),
  };
  // The other two examples need a paced run or a topic: job-checkpoints-ui.spec.ts checks
  // checkpointed-count, data-page.spec.ts checks topic-count.
  const elsewhere = ['checkpointed-count', 'topic-count'];
  await page.goto('./#/job');
  // Polled: the Job page is a lazily loaded chunk, and evaluateAll does not wait for its options.
  const options = page.getByTestId('job-example').locator('option');
  await expect
    .poll(async () =>
      (await options.evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).toSorted(),
    )
    .toEqual([...Object.keys(references), ...elsewhere].toSorted());
  for (const [id, expected] of Object.entries(references)) {
    await page.getByTestId('job-example').selectOption(id);
    await expect.poll(() => jobCode(page)).toContain("from 'rivulet'");
    for (const runtime of ['workers', 'inline'] as const) {
      await runJobOnPage(page, runtime, 2);
      await expect(page.getByTestId('job-module-error')).toHaveCount(0);
      expect(canonical(await shownResults(page)), `${id} (${runtime})`).toEqual(canonical(expected));
    }
  }
});

test('errors name the module line; Ctrl+Enter runs the fixed code', async ({ page }) => {
  await page.goto('./#/job');
  // Thrown while the module is imported (the page builds the plan first): line 3, column 7.
  await setJobCode(page, `// a job that fails at import\n\nthrow new Error('boom at import');\n`);
  await page.getByTestId('job-module-run').click();
  await expect(page.getByTestId('job-module-error')).toHaveText('boom at import');
  await expect(page.getByTestId('job-status')).toHaveText('FAILED');
  await expect(page.getByTestId('job-module-error-line')).toHaveText('Line 3, column 7');

  // A syntax error: the browser gives no position, the editor's parser finds line 3.
  await setJobCode(page, `export default (env) =>\n  env.fromElements(1, 2)\n    .map((x) => x * );\n`);
  await page.getByTestId('job-module-run').click();
  await expect(page.getByTestId('job-module-error')).toContainText('SyntaxError');
  await expect(page.getByTestId('job-module-error-line')).toContainText('Line 3');
  await page.getByTestId('job-module-error-line').click();
  await expect(page.locator('.cm-activeLine')).toHaveText('    .map((x) => x * );');

  // A user function that throws while the job runs (inline: the cause keeps the frame).
  await page.getByTestId('job-module-runtime').selectOption('inline');
  await setJobCode(
    page,
    `export default (env) =>\n  env.fromElements(1, 2).map((x) => {\n    throw new Error('bad record ' + x);\n  });\n`,
  );
  await page.getByTestId('job-module-run').click();
  await expect(page.getByTestId('job-module-error')).toContainText('bad record 1');
  await expect(page.getByTestId('job-module-error-line')).toContainText('Line 3');
  // The same in workers: the error crosses two threads and keeps the user function's frame.
  await page.getByTestId('job-module-runtime').selectOption('workers');
  await page.getByTestId('job-module-run').click();
  await expect(page.getByTestId('job-module-error')).toContainText('bad record');
  await expect(page.getByTestId('job-module-error-line')).toContainText('Line 3');

  await setJobCode(page, `export default (env) => env.fromElements(1, 2, 3).map((x) => x * 10);\n`);
  await page.getByTestId('job-module-editor').locator('.cm-content').press('ControlOrMeta+Enter');
  await expect(page.getByTestId('job-module-count')).toHaveText('3');
  expect(canonical(await shownResults(page))).toEqual(canonical([10, 20, 30]));
  await expect(page.getByTestId('job-module-error-banner')).toHaveCount(0);
});

test('on a narrow screen the graph is drawn top to bottom and the page does not scroll sideways', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('./#/job');
  await page.getByTestId('job-module-plan').click();
  await expect(page.getByTestId('job-graph')).toHaveAttribute('data-direction', 'TB');
  await expect(page.getByTestId('job-vertex')).toHaveCount(4);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test('the editor follows the app theme', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('./#/job');
  const editorBackground = () =>
    page.locator('.cm-editor').evaluate((e) => getComputedStyle(e).backgroundColor);
  const light = await editorBackground();
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect.poll(editorBackground).not.toBe(light);
  // One Dark's background (#282c34).
  expect(await editorBackground()).toBe('rgb(40, 44, 52)');
});

test('the editor indents new lines, undoes and redoes', async ({ page }) => {
  await page.goto('./#/job');
  await setJobCode(page, `export default (env) => {\n  return env.fromElements(1, 2, 3)`);
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('.map((x) => x + 1);');
  // The new line is indented inside the block (by the language's rules, as CodeMirror does).
  expect((await jobCode(page)).split('\n')[2]).toMatch(/^\s{2,}\.map\(\(x\) => x \+ 1\);$/);
  // CodeMirror's history groups the Enter and the typing that quickly followed into one undo step.
  await page.keyboard.press('ControlOrMeta+z');
  await expect
    .poll(() => jobCode(page))
    .toBe(`export default (env) => {\n  return env.fromElements(1, 2, 3)`);
  await page.keyboard.press('ControlOrMeta+y');
  await expect.poll(() => jobCode(page)).toContain('.map((x) => x + 1);');
  await expect(page.getByTestId('job-example')).toHaveValue('');
  await page.getByRole('button', { name: 'Reset to the example' }).click();
  await expect(page.getByTestId('job-example')).toHaveValue('tumbling-count');
});
