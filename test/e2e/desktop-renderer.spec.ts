/**
 * The renderer as the desktop app runs it, in real Chromium: a stand-in for the preload's
 * `window.certbell` (relaying to a real `certbell serve`, since Electron cannot run here) makes the
 * UI pick its IPC transport; the desktop-only settings (start at login, the keyring warning) then
 * appear and save to config.json. In the plain web page they do not.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { removeDir, tempDataDir } from '../helpers/certbell-process.ts';
import { startServeUi, type ServeUi } from '../helpers/serve-ui.ts';

let dir: string;
let serve: ServeUi;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  dir = tempDataDir({});
  serve = await startServeUi(dir);
});

test.afterAll(async () => {
  await serve?.stop();
  if (dir) removeDir(dir);
});

/** What electron/preload exposes, relayed over the web host's HTTP bridge; status reports a basic_text keyring. */
async function asDesktop(page: Page): Promise<string[]> {
  const calls: string[] = [];
  await page.exposeFunction('recordCall', (method: string) => { calls.push(method); });
  await page.addInitScript(() => {
    const w = window as unknown as { recordCall(m: string): void; certbell: unknown };
    w.certbell = {
      async call(method: string, params: unknown) {
        w.recordCall(method);
        const res = await fetch(`/api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(params ?? {}) });
        const body = await res.json();
        if (!res.ok) return { ok: false, status: res.status, error: body.error };
        if (method === 'status') body.secretStorage = { backend: 'basic_text', secure: false, warning: 'No keyring: secrets are only obfuscated.' };
        return { ok: true, result: body };
      },
      onEvent(listener: (event: unknown) => void) {
        const source = new EventSource('/api/events');
        for (const name of ['delivery', 'notification', 'certificate', 'hookOutput', 'tunnel', 'tunnelOutput']) {
          source.addEventListener(name, (m) => listener({ event: name, data: JSON.parse((m as MessageEvent).data) }));
        }
        return () => source.close();
      },
    };
  });
  return calls;
}

test('in the desktop app the UI uses window.certbell, warns about a plain-text keyring and saves "start at login"', async ({ page }) => {
  const calls = await asDesktop(page);
  await page.goto(serve.ui);
  await expect(page.getByText('Live', { exact: true })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByTestId('secret-storage-warning')).toHaveText('No keyring: secrets are only obfuscated.');
  const toggle = page.getByLabel('Start Certbell when I log in');
  await expect(toggle).not.toBeChecked();
  await toggle.check();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Saved and applied.')).toBeVisible();
  expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')).desktop).toEqual({ autostart: true });
  expect(calls).toEqual(expect.arrayContaining(['settings.get', 'status', 'settings.save']));
  await page.screenshot({ path: 'test-results/e2e-desktop-settings.png', fullPage: true });
});

test('in the desktop app the tunnel card acts through window.certbell too', async ({ page }) => {
  // A fixed public URL (the listener itself): the card offers a reachability check.
  const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ ...config, tunnel: { publicUrl: serve.webhook } }, null, 2));
  const calls = await asDesktop(page);
  await page.goto(serve.ui);
  await expect(page.getByTestId('public-webhook-url')).toHaveText(serve.webhook);
  await page.getByRole('button', { name: 'Check reachability' }).click();
  await expect(page.getByTestId('tunnel-check')).toBeVisible();
  expect(calls).toEqual(expect.arrayContaining(['tunnel.state', 'tunnel.check']));
});

test('in a browser (the headless face) there is no desktop section and no keyring warning', async ({ page }) => {
  await page.goto(serve.ui);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Retention' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Desktop' })).toHaveCount(0);
  await expect(page.getByTestId('secret-storage-warning')).toHaveCount(0);
});
