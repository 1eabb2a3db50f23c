import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

// The dependency direction of the design: routes/lib → client → workers → engine/cep/sql/ml.
// The engine may not reach upward; libraries on top of it may not reach into UI or client.
const upward = (what) => ({
  group: what,
  message:
    'src/engine (and src/cep, src/sql, src/ml) must not import UI or client code: keep the dependency direction.',
});
const noUpwardImports = {
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        upward([
          '**/lib/**',
          '**/routes/**',
          '**/client/**',
          '**/workers/**',
          '*.svelte',
          'svelte',
          'svelte/*',
        ]),
      ],
    },
  ],
};
const noEngineInternals = {
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        {
          group: [
            '**/engine/**',
            '**/ml/**',
            '**/sql/**',
            '**/cep/**',
            '**/jobs/**',
            '**/workers/**',
            '!**/engine/index*',
            '!**/ml/index*',
          ],
          message:
            'UI code talks to src/client (or a library public index), never to workers or engine internals.',
        },
      ],
    },
  ],
};

export default ts.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'playwright-report/', 'public/', 'bench/results/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node, ...globals.worker } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'], svelteConfig } },
  },
  {
    files: ['src/engine/**', 'src/cep/**', 'src/sql/**', 'src/ml/**', 'src/jobs/**'],
    rules: noUpwardImports,
  },
  { files: ['src/lib/**', 'src/routes/**'], rules: noEngineInternals },
);
