import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = fileURLToPath(new URL('.', import.meta.url));
const { version } = JSON.parse(readFileSync(new URL('package.json', import.meta.url), 'utf8')) as { version: string };

// One file for two tools: `vite build` builds the renderer (root renderer/ → dist/renderer/),
// vitest runs the unit and integration tests from the repository root.
export default defineConfig({
  root: 'renderer',
  // Relative asset URLs, so the built page works under any base (web host, custom protocol).
  base: './',
  plugins: [react()],
  // The app's version (the HAR export's creator), without bundling package.json.
  define: { __CERTBELL_VERSION__: JSON.stringify(version) },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // No inlined assets: the CSP allows only same-origin files.
    assetsInlineLimit: 0,
  },
  test: {
    root: here,
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    server: { deps: { inline: ['electron-store'] } },
  },
});
