/**
 * The data-plane benchmark between two Web Workers in headless Chromium (run: npx tsx
 * bench/transport-browser.ts): the same modes and tables as bench/transport.ts (Node
 * worker_threads), from bench/transport-producer.ts in one worker to bench/transport-consumer.ts in
 * another. The page is cross-origin isolated (COOP/COEP headers), so the SharedArrayBuffer modes run.
 */
import { DEFAULT_CREDITS } from '../src/engine/net/credit-reader.ts';
import { printTable } from './measure.ts';
import type { Row } from './transport-producer.ts';
import { startViteChromium } from './vite-chromium.ts';

const RUN_MS = Number(process.env.RUN_MS ?? 250);

const chromium = await startViteChromium({
  root: new URL('./browser/', import.meta.url),
  server: {
    headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' },
  },
});
try {
  const page = await chromium.openPage(['transportSuite']);
  const { rows, summary, crossOriginIsolated } = await page.evaluate(
    (ms) =>
      (window as any).transportSuite(ms) as Promise<{
        rows: Row[];
        summary: Row[];
        crossOriginIsolated: boolean;
      }>,
    RUN_MS,
  );
  console.log(
    `Data plane between two Web Workers in headless Chromium ${chromium.browser.version()}, ${RUN_MS} ms per cell, ` +
      `4 credits per channel (data plane: ${DEFAULT_CREDITS})` +
      (crossOriginIsolated ? '' : '; not cross-origin isolated, so no SharedArrayBuffer modes') +
      '\n',
  );
  printTable(rows);
  console.log('\nRatios (same run)\n');
  printTable(summary);
} finally {
  await chromium.close();
}
