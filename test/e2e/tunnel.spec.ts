/**
 * The dashboard's tunnel card and the tunnel settings in real Chromium, with a real `certbell serve`
 * supervising test/fakes/fake-tunnel.mjs (a TCP proxy that prints its URL like cloudflared does).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { removeDir, runCertbell, tempDataDir, writeConfig } from '../helpers/certbell-process.ts';
import { startServeUi, type ServeUi } from '../helpers/serve-ui.ts';

const SECRET = 'tunnel-e2e-secret';
const FAKE = resolve(import.meta.dirname, '../fakes/fake-tunnel.mjs');
let dir: string;
let serve: ServeUi;

test.beforeAll(async () => {
  dir = tempDataDir();
  const config = { secrets: [{ label: 'main', value: SECRET }],
    tunnel: { command: [process.execPath, FAKE, '--to', '{port}'], urlPattern: 'tunnel ready at (http://\\S+)' } };
  writeConfig(dir, config);
  serve = await startServeUi(dir);
});

test.afterAll(async () => {
  await serve?.stop();
  if (dir) removeDir(dir);
});

test('the tunnel card starts the tunnel, shows its public URL, passes the check, and hints at a secret mismatch', async ({ page }) => {
  await page.goto(serve.ui);
  const card = page.getByTestId('tunnel-card');
  await expect(card.getByTestId('tunnel-phase')).toHaveText('Stopped');
  await card.getByRole('button', { name: 'Start tunnel' }).click();
  await expect(card.getByTestId('tunnel-phase')).toHaveText('Up');
  const url = card.getByTestId('public-webhook-url');
  await expect(url).toHaveText(/^http:\/\/127\.0\.0\.1:\d+\/webhook$/);
  const publicUrl = (await url.textContent())!;
  expect(publicUrl).not.toBe(serve.webhook);
  // The check that runs by itself once the tunnel is up, then one on demand.
  await expect(card.getByTestId('tunnel-check')).toContainText('Reachable: the test delivery arrived and was answered 200');
  await card.getByRole('button', { name: 'Check reachability' }).click();
  await expect(card.getByTestId('tunnel-check')).toContainText('Reachable');
  await card.getByText(/Last output/).click();
  await expect(card.getByTestId('tunnel-output')).toContainText('tunnel ready at');
  await expect(card.getByRole('button', { name: 'Copy public URL' })).toBeVisible();

  // The provider signs with another secret: its deliveries arrive through the tunnel and are refused.
  const sent = await runCertbell(['send', '--url', publicUrl, '--secret', 'not-the-configured-one', '--data-dir', dir]);
  expect(sent.code).toBe(1);
  await expect(card.getByTestId('tunnel-signature-hint')).toContainText('1 delivery was refused for its signature since the tunnel came up');
  await page.screenshot({ path: 'test-results/e2e-tunnel-card.png', fullPage: true });

  await card.getByRole('button', { name: 'Stop tunnel' }).click();
  await expect(card.getByTestId('tunnel-phase')).toHaveText('Stopped');
  await expect(card.getByTestId('public-url-hint')).toContainText('start the tunnel');
  // The check was of a URL the stopped tunnel no longer has.
  await expect(card.getByTestId('tunnel-check')).toHaveCount(0);
});

test('the tunnel settings edit the command as argv rows and are saved to config.json', async ({ page }) => {
  await page.goto(`${serve.ui.split('#')[0]}#/settings`);
  const section = page.locator('section', { has: page.getByRole('heading', { name: 'Tunnel' }) });
  await expect(section.getByLabel('Program (argument 0)')).toHaveValue(process.execPath);
  await section.getByRole('button', { name: 'Add argument' }).click();
  await section.getByRole('textbox', { name: 'Argument 4' }).fill('--helper');
  await section.getByLabel(/URL pattern/).fill('([');
  await expect(section).toContainText('not a valid regular expression');
  await section.getByLabel(/URL pattern/).fill('ready at (?<url>http://\\S+)');
  await section.getByLabel('Start the tunnel with Certbell').check();
  await page.screenshot({ path: 'test-results/e2e-tunnel-settings.png', fullPage: true });
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Saved and applied.')).toBeVisible();
  const saved = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as { tunnel: Record<string, unknown> };
  expect(saved.tunnel).toMatchObject({ command: [process.execPath, FAKE, '--to', '{port}', '--helper'],
    urlPattern: 'ready at (?<url>http://\\S+)', autoStart: true, publicUrl: null });
  // Switching autoStart on starts the tunnel of the running Certbell.
  await page.getByRole('link', { name: 'Dashboard', exact: true }).click();
  await expect(page.getByTestId('tunnel-phase')).toHaveText('Up');
  await expect(page.getByTestId('tunnel-card')).toContainText('--helper');
});
