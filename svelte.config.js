import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** Svelte compiler options; read by the Vite plugin, svelte-check and eslint-plugin-svelte. */
export default {
  preprocess: vitePreprocess(),
  compilerOptions: { runes: true },
};
