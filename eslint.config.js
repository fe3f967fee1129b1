// Lint, including the layering of DESIGN.md: dependencies point inward, and only the Electron
// shell (electron/main, electron/preload) may import `electron`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const electronOnly = { name: 'electron', message: 'Only electron/main and electron/preload may import electron.' };
const nodeBuiltins = { group: ['node:*'], message: 'shared/ and renderer/ are pure TypeScript: no node:* imports.' };
const rendererLayer = [nodeBuiltins, { group: ['**/electron/**'], message: 'renderer/ depends on shared/ only.' }];

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'release', 'coverage', 'test-results', 'security/electronegativity/node_modules'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', Buffer: 'readonly', console: 'readonly', setTimeout: 'readonly',
      clearTimeout: 'readonly', setImmediate: 'readonly', setInterval: 'readonly', clearInterval: 'readonly',
      URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  {
    files: ['shared/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronOnly],
      patterns: [nodeBuiltins, { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ depends on nothing.' }] }] },
  },
  {
    files: ['renderer/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronOnly], patterns: rendererLayer }] },
  },
  {
    // Views call the bridge, which picks IPC (desktop) or HTTP (browser); only the bridge uses a transport.
    files: ['renderer/**'],
    ignores: ['renderer/src/bridge/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronOnly], patterns: [...rendererLayer,
      { group: ['**/http-transport*', '**/ipc-transport*'], message: 'Call the bridge (bridge/bridge.ts), not a transport.' }] }] },
  },
  {
    files: ['electron/core/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronOnly],
      patterns: [{ group: ['**/headless/**', '**/main/**', '**/preload/**', '**/renderer/**'],
        message: 'electron/core depends on shared/ only; the shells depend on it.' }] }] },
  },
  {
    files: ['electron/headless/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronOnly],
      patterns: [{ group: ['**/main/**', '**/preload/**', '**/renderer/**'], message: 'The headless shell builds on core and shared.' }] }] },
  },
);
