import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';
import { crossOriginHeaders } from './scripts/headers.js';

// A static single-page app: relative base so the build works from any sub-path (hash routing).
export default defineConfig({
  base: './',
  publicDir: 'public',
  plugins: [
    svelte(),
    // Works offline once loaded: a service worker precaches the whole built site (scripts, workers,
    // the tfjs wasm binaries) at the first visit, so every page and every backend loads without a
    // network, not only the pages already visited. Registered in src/main.ts; a new deploy's worker
    // waits until the user reloads from the banner (src/lib/offline.ts), never under a running job.
    VitePWA({
      injectRegister: null,
      registerType: 'prompt',
      manifest: {
        name: 'Rivulet — stream processing and ML in a tab',
        short_name: 'Rivulet',
        description: 'Apache Flink and Alink, in a browser tab: a parallel stream engine and ML, offline.',
        start_url: './',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#0e7490',
        icons: [{ src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
      },
      workbox: {
        globPatterns: ['**/*.{html,js,css,svg,wasm,json,webmanifest}'],
        // The trainer bundle (tfjs) is ~2.5 MB and the wasm binaries up to ~4 MB.
        maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  worker: { format: 'es' },
  server: { headers: crossOriginHeaders },
  preview: { headers: crossOriginHeaders },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
