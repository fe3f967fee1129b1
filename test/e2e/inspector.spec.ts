/**
 * The deliveries inspector in real Chromium against a real `certbell serve`: deliveries sent with
 * `certbell send` appear live, the detail shows the exact raw body and the headers, and a rejected
 * delivery explains its signature check.
 */
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { removeDir, runCertbell, tempDataDir } from '../helpers/certbell-process.ts';
import { startServeUi, type ServeUi } from '../helpers/serve-ui.ts';

const SECRET = 'e2e-secret-0123456789abcdef';
let dir: string;
let serve: ServeUi;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  dir = tempDataDir({ secrets: [{ label: 'e2e', value: SECRET }] });
  serve = await startServeUi(dir);
});

test.afterAll(async () => {
  await serve?.stop();
  if (dir) removeDir(dir);
});

async function send(args: string[]): Promise<void> {
  const result = await runCertbell(['send', '--url', serve.webhook, '--data-dir', dir, ...args]);
  expect(result.code, result.stderr).not.toBeNull();
}

async function openInspector(page: Page): Promise<void> {
  await page.goto(serve.ui);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Deliveries' }).click();
  await expect(page.getByRole('heading', { name: 'Deliveries', exact: true })).toBeVisible();
  await expect(page.getByText('Live', { exact: true })).toBeVisible();
}

test('deliveries sent with certbell send appear live in the inspector', async ({ page }) => {
  await openInspector(page);
  await expect(page.getByTestId('deliveries-empty')).toContainText(serve.webhook);
  await send(['--secret', SECRET, '--common-name', 'live-one.example.com']);
  await send(['--secret', SECRET, '--common-name', 'live-two.example.com', '--event', 'ssl_panel.requested']);
  const rows = page.getByTestId('delivery-row');
  await expect(rows.filter({ hasText: 'live-one.example.com' })).toBeVisible();
  await expect(rows.filter({ hasText: 'live-two.example.com' })).toBeVisible();
  // Newest first: the live event prepends.
  await expect(rows.first()).toContainText('live-two.example.com');
  await page.screenshot({ path: 'test-results/e2e-live-deliveries.png', fullPage: true });
});

test('the detail shows the exact raw body and the headers', async ({ page }) => {
  const body = '{"metadata": {"version":"1.0.0","delivery":"e2e-raw-1","event":"ping"},\n'
    + '   "data":  {"message":"exact   bytes ✓ <b>kept</b>", "n": 1.50}}\n';
  const file = join(dir, 'raw-body.json');
  writeFileSync(file, body);
  await openInspector(page);
  await send(['--secret', SECRET, '--file', file]);
  const row = page.getByTestId('delivery-row').filter({ hasText: 'e2e-raw-1' });
  await row.click();
  const raw = page.getByTestId('raw-body');
  await expect(raw).toBeVisible();
  expect(await raw.textContent()).toBe(body);
  const headers = page.getByTestId('headers');
  await expect(headers.getByRole('row').filter({ hasText: /^Signature/i })).toHaveCount(1);
  await expect(headers.getByRole('row').filter({ hasText: /^Content-Type/i })).toContainText('application/json');
  await expect(page.getByTestId('signature-explanation')).toContainText('valid');
  await page.screenshot({ path: 'test-results/e2e-raw-body-headers.png', fullPage: true });
});

test('a rejected delivery (wrong secret) shows its signature explanation', async ({ page }) => {
  await openInspector(page);
  await send(['--secret', 'not-the-configured-secret', '--common-name', 'wrong-secret.example.com']);
  const row = page.getByTestId('delivery-row').filter({ hasText: 'wrong-secret.example.com' });
  await expect(row).toContainText('rejected');
  await row.click();
  const explanation = page.getByTestId('signature-explanation');
  await expect(explanation).toContainText('invalid');
  // The received digest and the one computed with the configured secret, 12 hex characters each.
  const digests = await explanation.locator('code').allTextContents();
  expect(digests.length).toBeGreaterThanOrEqual(2);
  for (const digest of digests) expect(digest).toMatch(/^[0-9a-f]{12}$/);
  await expect(explanation).toContainText('e2e');
  await page.screenshot({ path: 'test-results/e2e-rejected-signature.png', fullPage: true });
});

test('the filters are written to the address: a reload or a copied link shows the same filtered list', async ({ page }) => {
  await openInspector(page);
  await send(['--secret', SECRET, '--common-name', 'kept-by-url.example.com']);
  const rows = page.getByTestId('delivery-row');
  await expect(rows.filter({ hasText: 'kept-by-url.example.com' })).toBeVisible();
  await page.getByLabel('Outcome').selectOption('rejected');
  await expect(page).toHaveURL(/#\/deliveries\?outcome=rejected$/);
  await expect(rows.filter({ hasText: 'kept-by-url.example.com' })).toHaveCount(0);
  await page.getByLabel('Search').fill('wrong-secret');
  await expect(page).toHaveURL(/#\/deliveries\?outcome=rejected&search=wrong-secret$/);
  // Selecting a row keeps the filters in the address.
  await rows.filter({ hasText: 'wrong-secret.example.com' }).click();
  await expect(page).toHaveURL(/#\/deliveries\/\d+\?outcome=rejected&search=wrong-secret$/);
  await page.reload();
  await expect(page.getByLabel('Outcome')).toHaveValue('rejected');
  await expect(page.getByLabel('Search')).toHaveValue('wrong-secret');
  await expect(rows.filter({ hasText: 'wrong-secret.example.com' })).toBeVisible();
  await expect(rows.filter({ hasText: 'kept-by-url.example.com' })).toHaveCount(0);
  await expect(page.getByTestId('signature-explanation')).toContainText('invalid');
  // Clearing every filter leaves a bare address.
  await page.getByLabel('Outcome').selectOption('');
  await page.getByLabel('Search').fill('');
  await expect(page).toHaveURL(/#\/deliveries\/\d+$/);
  await expect(rows.filter({ hasText: 'kept-by-url.example.com' })).toBeVisible();
  // An address with other filters, typed or followed while the view is open, is what the view shows.
  await page.evaluate(() => { window.location.hash = '#/deliveries?outcome=rejected'; });
  await expect(page.getByLabel('Outcome')).toHaveValue('rejected');
  await expect(rows.filter({ hasText: 'kept-by-url.example.com' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Deliveries' }).click();
  await expect(page).toHaveURL(/#\/deliveries$/);
  await expect(page.getByLabel('Outcome')).toHaveValue('');
  await expect(rows.filter({ hasText: 'kept-by-url.example.com' })).toBeVisible();
});

test('copy as curl rebuilds the signed request, export downloads JSON, dark theme follows the system, no CSP violation', async ({ page, context }) => {
  const violations: string[] = [];
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) violations.push(m.text()); });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.emulateMedia({ colorScheme: 'dark' });
  await openInspector(page);
  await page.getByTestId('delivery-row').filter({ hasText: 'live-one.example.com' }).click();
  await page.getByRole('button', { name: 'Copy as curl' }).click();
  await expect(page.getByRole('button', { name: 'Copied' })).toBeVisible();
  const curl = await page.evaluate(() => navigator.clipboard.readText());
  expect(curl).toMatch(/^curl -sS -X POST 'http:\/\/127\.0\.0\.1:\d+\/webhook'/);
  expect(curl).toMatch(/-H 'Signature: sha256=[0-9a-f]{64}'/);
  expect(curl).toContain('--data-binary \'{');
  expect(curl).toContain('live-one.example.com');
  // Run as printed, it reaches the listener with a valid signature (a duplicate now: same delivery id).
  const answer = execFileSync('bash', ['-c', curl], { encoding: 'utf8' });
  expect(JSON.parse(answer)).toMatchObject({ status: 'duplicate' });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^certbell-delivery-\d+\.json$/);
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).toBe('rgb(20, 23, 27)');
  expect(violations).toEqual([]);
  await page.screenshot({ path: 'test-results/e2e-dark-theme.png', fullPage: true });
});
