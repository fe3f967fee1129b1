// The desktop app's end-to-end suite (test/e2e-electron), in a real Electron via `_electron.launch`.
// Skipped, with the reason printed, where the Electron binary is missing. `npm test` builds first.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'test/e2e-electron',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
  outputDir: 'test-results/playwright-electron-output',
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright-electron.json' }]],
});
