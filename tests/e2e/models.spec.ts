import { expect, test, type Page } from '@playwright/test';
import { saveScreenshot } from './helpers.ts';

const withWebGpu = (projectName: string) => projectName === 'chromium-webgpu';

async function losses(page: Page): Promise<number[]> {
  return (await page.getByTestId('loss').allInnerTexts()).map(Number);
}

test('training reports the backend, the WebGPU adapter and a decreasing loss', async ({ page }, testInfo) => {
  await page.goto('./#/models');
  const adapter = page.getByTestId('webgpu-adapter');
  await expect(adapter).not.toContainText('asking the trainer');
  if (withWebGpu(testInfo.project.name)) {
    // An adapter is described (without a GPU, Chromium offers SwiftShader: "… (SwiftShader, software)").
    await expect(adapter).not.toContainText('No WebGPU adapter');
    await expect(adapter).not.toContainText('not available');
  } else {
    await expect(adapter).toContainText('No WebGPU adapter');
  }
  const software = (await adapter.innerText()).includes('software');
  await page.getByTestId('train').click();
  await expect(page.getByTestId('train-result')).toBeVisible({ timeout: 60_000 });
  const backend = await page.getByTestId('train-backend').innerText();
  expect(['webgpu', 'wasm', 'webgl', 'cpu']).toContain(backend);
  // Hardware WebGPU is the first choice; on a software adapter or none, wasm is faster.
  expect(backend).toBe(withWebGpu(testInfo.project.name) && !software ? 'webgpu' : 'wasm');
  const values = await losses(page);
  expect(values).toHaveLength(12);
  for (let i = 1; i < values.length; i++) expect(values[i]).toBeLessThan(values[i - 1]);
  await expect(page.getByTestId('train-leaked')).toHaveText('0');
  testInfo.annotations.push({
    type: 'trainer',
    description: `${backend}; ${await adapter.innerText()}; ${values}`,
  });
  await saveScreenshot(page, testInfo, 'models-trained');
});

test('forcing WebGPU trains on it where there is an adapter and fails clearly where there is none', async ({
  page,
}, testInfo) => {
  await page.goto('./#/models');
  await page.getByTestId('backend-select').selectOption('webgpu');
  await page.getByTestId('train').click();
  if (withWebGpu(testInfo.project.name)) {
    await expect(page.getByTestId('train-backend')).toHaveText('webgpu', { timeout: 60_000 });
    const values = await losses(page);
    expect(values[values.length - 1]).toBeLessThan(values[0]);
  } else {
    await expect(page.getByTestId('train-error')).toContainText(
      'Training failed: No tfjs backend could start: webgpu: No WebGPU adapter',
    );
  }
});
