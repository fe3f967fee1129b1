/**
 * A certificate's page in real Chromium: opened from the Certificates list, its fields and a
 * timeline of its deliveries and notifications; a delivery in the timeline opens in the inspector.
 */
import { expect, test } from '@playwright/test';
import { removeDir, runCertbell, tempDataDir } from '../helpers/certbell-process.ts';
import { startServeUi, type ServeUi } from '../helpers/serve-ui.ts';

const SECRET = 'timeline-secret-0123456789';
const CN = 'timeline.example.com';
const EVENTS = ['ssl_panel.created', 'ssl_panel.pre_validation.failed', 'ssl_panel.issued'];
let dir: string;
let serve: ServeUi;

test.beforeAll(async () => {
  dir = tempDataDir({ secrets: [{ label: 'timeline', value: SECRET }] });
  serve = await startServeUi(dir);
  // The last send is for another certificate: it must not show up in this one's timeline.
  for (const [cn, event] of [...EVENTS.map((e) => [CN, e]), ['other.example.com', 'ssl_panel.created']]) {
    const sent = await runCertbell(['send', '--url', serve.webhook, '--secret', SECRET, '--common-name', cn, '--event', event, '--data-dir', dir]);
    expect(sent.code, sent.stderr).toBe(0);
  }
});

test.afterAll(async () => {
  await serve?.stop();
  if (dir) removeDir(dir);
});

test('a certificate opens on its timeline of deliveries and notifications, and a delivery opens in the inspector', async ({ page }) => {
  await page.goto(serve.ui);
  await expect(page.getByTestId('public-url-hint')).toContainText('tunnel.publicUrl');
  // No tunnel command: nothing to start, so not "Stopped".
  await expect(page.getByTestId('tunnel-phase')).toHaveText('Not configured');
  await page.getByRole('link', { name: 'Certificates', exact: true }).click();
  // The dashboard links the same names: wait for the list before clicking one.
  await expect(page.getByRole('heading', { level: 1, name: 'Certificates' })).toBeVisible();
  await page.getByRole('link', { name: CN, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: CN })).toBeVisible();
  // The failure is in the timeline; the issued delivery's "passed" cleared the failed validators.
  await expect(page.getByText('Pre-validation failed').first()).toBeVisible();
  const deliveries = page.getByTestId('timeline-delivery');
  await expect(deliveries).toHaveCount(3);
  // Newest first.
  for (const [i, event] of [...EVENTS].reverse().entries()) await expect(deliveries.nth(i)).toContainText(event);
  await expect(page.getByTestId('timeline-notification')).toHaveCount(3);
  await expect(page.getByTestId('certificate-timeline')).not.toContainText('other.example.com');
  await page.screenshot({ path: 'test-results/e2e-certificate-timeline.png', fullPage: true });

  await deliveries.nth(1).getByRole('link', { name: 'ssl_panel.pre_validation.failed' }).click();
  await expect(page).toHaveURL(/#\/deliveries\/\d+$/);
  await expect(page.locator('dl.summary')).toContainText('ssl_panel.pre_validation.failed');
  await expect(page.getByRole('listbox', { name: 'Deliveries' }).locator('[aria-selected="true"]')).toContainText(CN);
  await expect(page.getByTestId('raw-body')).toContainText('kvk_validator');
});

test('a certificate only a rejected delivery named is explained, not just missing', async ({ page }) => {
  const sent = await runCertbell(['send', '--url', serve.webhook, '--secret', 'wrong-secret', '--common-name', 'never-accepted.example.com',
    '--data-dir', dir]);
  expect(sent.code).toBe(1);
  await page.goto(serve.ui);
  await page.getByRole('link', { name: 'Deliveries', exact: true }).click();
  await page.getByTestId('delivery-row').filter({ hasText: 'never-accepted.example.com' }).click();
  await page.locator('dl.summary').getByRole('link', { name: 'never-accepted.example.com' }).click();
  await expect(page.getByTestId('certificate-not-in-inventory')).toContainText('only an accepted delivery adds one');
  await expect(page.getByTestId('timeline-delivery')).toHaveCount(1);
});
