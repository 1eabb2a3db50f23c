import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './scripts/chromium.js';

// The e2e suite runs against the freshly built site (dist/), served by scripts/serve.mjs on a port
// of its own; a server already running there is never reused. Playwright never downloads a
// browser: it launches the system Chromium (see scripts/ensure-chromium.mjs).
const port = Number(process.env.E2E_PORT ?? 4317);
const executablePath = findChromium() ?? '/usr/bin/chromium';
const chromium = (extraArgs: string[]) => ({
  ...devices['Desktop Chrome'],
  viewport: { width: 1280, height: 900 },
  launchOptions: { executablePath, args: [...CHROMIUM_ARGS, ...extraArgs] },
});

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  timeout: 90_000,
  expect: { timeout: 20_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: true,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    // The offline copy's service worker would answer requests before page.route sees them;
    // tests/e2e/offline.spec.ts allows it.
    serviceWorkers: 'block',
  },
  webServer: {
    command: 'node scripts/serve.mjs',
    env: { PORT: String(port), HOST: '127.0.0.1' },
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 30_000,
    stdout: 'pipe',
  },
  projects: [
    // WebGPU off (Chromium's default on Linux): the trainer must pick another backend.
    { name: 'chromium', use: chromium([]) },
    // WebGPU on: without a GPU this is SwiftShader's software adapter. Only the pages whose behaviour
    // depends on it run twice (backend choice, training, the app shell); the stream pages do not use it.
    {
      name: 'chromium-webgpu',
      use: chromium(['--enable-unsafe-webgpu']),
      testMatch: /(models|pages|failures)\.spec\.ts$/,
    },
  ],
});
