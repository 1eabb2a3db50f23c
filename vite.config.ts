import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { crossOriginHeaders } from './scripts/headers.js';

// A static single-page app: relative base so the build works from any sub-path (hash routing).
export default defineConfig({
  base: './',
  publicDir: 'public',
  plugins: [svelte()],
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
