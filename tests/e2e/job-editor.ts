import { expect, type Page } from '@playwright/test';

/** Replaces the Job page editor's code the way a user would: select all, then type (insert) the text. */
export async function setJobCode(page: Page, code: string): Promise<void> {
  const content = page.getByTestId('job-module-editor').locator('.cm-content');
  await content.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(code);
  await expect.poll(() => jobCode(page)).toBe(code);
}

/** The editor's code, line by line from CodeMirror's rendered lines (short documents render whole). */
export async function jobCode(page: Page): Promise<string> {
  const lines = await page.getByTestId('job-module-editor').locator('.cm-line').allTextContents();
  return lines.join('\n');
}

/** Records of the results table, parsed from their JSON. */
export async function shownResults(page: Page): Promise<unknown[]> {
  const rows = await page.getByTestId('job-module-row').allInnerTexts();
  return rows.map((r) => JSON.parse(r) as unknown);
}

/** A multiset, as a sorted list of JSON strings (the order of results depends on scheduling). */
export const canonical = (xs: unknown[]) => xs.map((x) => JSON.stringify(x)).sort();

/** Runs the editor's job with `runtime` at `parallelism` and waits until it settles. */
export async function runJobOnPage(page: Page, runtime: 'workers' | 'inline', parallelism = 2) {
  await page.getByTestId('job-module-runtime').selectOption(runtime);
  await page.getByTestId('job-module-parallelism').fill(String(parallelism));
  await page.getByTestId('job-module-run').click();
  await expect(page.getByTestId('job-module-run')).toBeEnabled({ timeout: 60_000 });
}
