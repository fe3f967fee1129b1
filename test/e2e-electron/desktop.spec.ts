/**
 * The desktop app in a real Electron, through Playwright's `_electron.launch`. Runs where the
 * Electron binary exists (a developer machine, CI with network access); elsewhere every test is
 * skipped with the reason printed. Needs `npm run build` first (npm test builds).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { findElectronRuntime } from '../../scripts/electron-runtime.ts';

const runtime = findElectronRuntime();
const root = new URL('../../', import.meta.url).pathname;
if (!runtime.ok) console.log(`e2e-electron: skipped, no Electron runtime here: ${runtime.reason}`);

let app: ElectronApplication;
let dataDir: string;

test.beforeAll(async () => {
  test.skip(!runtime.ok, `no Electron runtime: ${runtime.ok ? '' : runtime.reason}`);
  dataDir = mkdtempSync(join(tmpdir(), 'certbell-e2e-electron-'));
  writeFileSync(join(dataDir, 'config.json'), JSON.stringify({ listener: { port: 0 } }), { mode: 0o600 });
  app = await electron.launch({ executablePath: runtime.ok ? runtime.path : undefined, args: [root],
    env: { ...process.env, CERTBELL_DATA_DIR: dataDir } });
});

test.afterAll(async () => {
  await app?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test('opens the window from app://certbell, sandboxed, with only window.certbell exposed', async () => {
  const page = await app.firstWindow();
  await expect(page).toHaveURL(/^app:\/\/certbell\/index\.html#\//);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
  expect(await page.evaluate(() => Object.keys((globalThis as unknown as { certbell: object }).certbell).sort())).toEqual(['call', 'onEvent']);
});

test('the dashboard shows the webhook URL over the IPC bridge', async () => {
  const page = await app.firstWindow();
  await page.goto('app://certbell/index.html#/dashboard');
  await expect(page.getByText(/http:\/\/127\.0\.0\.1:\d+\/webhook/).first()).toBeVisible();
});

test('closing the window leaves the app running in the tray', async () => {
  const page = await app.firstWindow();
  await page.close();
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(0);
  expect(await app.evaluate(({ app: electronApp }) => electronApp.isReady())).toBe(true);
});
