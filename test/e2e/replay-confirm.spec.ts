/**
 * Issue 22 in the inspector, in real Chromium against a real `certbell serve`: the Replay button on a
 * delivery whose signature was not valid asks first (a forged delivery must not become an accepted
 * one by one click), the forced attempt says so, and a replay's result message belongs to the
 * delivery it is about.
 */
import { expect, test, type Page } from '@playwright/test';
import { removeDir, runCertbell, tempDataDir } from '../helpers/certbell-process.ts';
import { startServeUi, type ServeUi } from '../helpers/serve-ui.ts';

const SECRET = 'replay-confirm-secret-0123456789';
let dir: string;
let serve: ServeUi;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  dir = tempDataDir({ secrets: [{ label: 'e2e', value: SECRET }] });
  serve = await startServeUi(dir);
  for (const [secret, cn] of [[SECRET, 'genuine.example.com'], [SECRET, 'other.example.com'], ['wrong-secret', 'evil.example.com']]) {
    await runCertbell(['send', '--url', serve.webhook, '--secret', secret, '--common-name', cn, '--data-dir', dir]);
  }
});

test.afterAll(async () => {
  await serve?.stop();
  if (dir) removeDir(dir);
});

async function openDelivery(page: Page, commonName: string): Promise<void> {
  await page.getByTestId('delivery-row').filter({ hasText: commonName }).first().click();
  await expect(page.getByRole('heading', { level: 2, name: commonName })).toBeVisible();
}

test('replaying a forged delivery asks first; Cancel stores nothing, Replay anyway stores a forced attempt', async ({ page }) => {
  await page.goto(`${serve.ui}#/deliveries`);
  await openDelivery(page, 'evil.example.com');
  await page.getByRole('button', { name: 'Replay', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Replay a delivery whose signature is invalid?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('no configured secret');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('link', { name: '#2' })).toHaveCount(0);
  await expect(page.getByTestId('delivery-row').filter({ hasText: 'evil.example.com' })).toHaveCount(1);

  await page.getByRole('button', { name: 'Replay', exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Replay anyway' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Replayed as attempt 2: accepted (forced).' })).toBeVisible();
  await expect(page.getByTestId('forced-replay')).toContainText('Forced replay of a delivery whose signature is invalid');
  await expect(page.getByTestId('signature-explanation')).toContainText('replayed anyway (confirmed)');
  await page.screenshot({ path: 'test-results/e2e-replay-forced.png', fullPage: true });
});

test('a delivery with a valid signature replays without asking', async ({ page }) => {
  await page.goto(`${serve.ui}#/deliveries`);
  await openDelivery(page, 'genuine.example.com');
  await page.getByRole('button', { name: 'Replay', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Replayed as attempt 2: accepted.' })).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

test('the replay result message goes when another delivery is opened', async ({ page }) => {
  await page.goto(`${serve.ui}#/deliveries`);
  await openDelivery(page, 'other.example.com');
  await page.getByRole('button', { name: 'Replay', exact: true }).click();
  const note = page.getByRole('status').filter({ hasText: 'Replayed as attempt' });
  await expect(note).toHaveText('Replayed as attempt 2: accepted.');
  await openDelivery(page, 'genuine.example.com');
  await expect(note).toHaveCount(0);
});
