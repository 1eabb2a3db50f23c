/**
 * The ML benchmark in headless Chromium (run: npx tsx bench/ml-browser.ts [--rows N]): LogisticRegression
 * and the MLP trained in a Web Worker on each tfjs backend the browser gives (cpu, wasm, webgl through
 * OffscreenCanvas, webgpu with --enable-unsafe-webgpu: SwiftShader, a software adapter, on machines without
 * a GPU — flagged in the output), with held-out AUC beside every figure. Served by Vite from bench/ml-browser.
 */
import { formatRate, printTable } from './measure.ts';
import { startViteChromium } from './vite-chromium.ts';
import type { BackendBench, BenchRequest } from './ml-browser/ml-worker.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const rows = arg('--rows', 20_000);
const cols = arg('--cols', 50);
const BACKENDS = (process.env.BACKENDS?.split(',') ?? [
  'cpu',
  'wasm',
  'webgl',
  'webgpu',
]) as BenchRequest['backend'][];

const chromium = await startViteChromium({
  root: new URL('./ml-browser/', import.meta.url),
  chromiumArgs: ['--enable-unsafe-webgpu'],
});
const page = await chromium.openPage(['benchBackend'], async (p) => p.setDefaultTimeout(0));
console.log(
  `ML training in a Web Worker, headless Chromium ${chromium.browser.version()}: ${rows} x ${cols} (seeded)\n`,
);
const table: Record<string, string | number>[] = [];
const rate: Record<string, number> = {};
for (const backend of BACKENDS) {
  const request: BenchRequest = { backend, rows, cols, lrIter: 10, mlpEpochs: 1 };
  try {
    const r = await page.evaluate((q) => (window as any).benchBackend(q) as Promise<BackendBench>, request);
    rate[`lr ${backend}`] = r.lr.samplesPerSec;
    rate[`mlp ${backend}`] = r.mlp.samplesPerSec;
    const gpu = backend === 'webgpu' ? r.adapter : backend === 'webgl' ? 'OffscreenCanvas in the worker' : '';
    table.push({
      backend: r.backend,
      'LR samples/s': formatRate(r.lr.samplesPerSec),
      'LR AUC': r.lr.auc.toFixed(4),
      'MLP samples/s': formatRate(r.mlp.samplesPerSec),
      'MLP AUC': r.mlp.auc.toFixed(4),
      notes: gpu,
    });
  } catch (error) {
    table.push({ backend, notes: `failed: ${(error as Error).message}` });
  }
}
printTable(table);
if (rate['lr wasm'] && rate['lr cpu'])
  console.log(
    `\nwasm/cpu: LogisticRegression ${(rate['lr wasm'] / rate['lr cpu']).toFixed(2)}x, MLP ${(rate['mlp wasm'] / rate['mlp cpu']).toFixed(2)}x`,
  );
await chromium.close();
