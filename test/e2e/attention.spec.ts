/**
 * Issue 22 on the dashboard and the certificate list, in real Chromium against a real `certbell
 * serve`: a failed renewal and an expired certificate are flagged until resolved, and a setup without
 * a secret (every delivery refused) is the first thing needing attention.
 */
import { expect, test } from '@playwright/test';
import { removeDir, runCertbell, tempDataDir, writeConfig } from '../helpers/certbell-process.ts';
import { post, signedDelivery } from '../helpers/http.ts';
import { startServeUi, type ServeUi } from '../helpers/serve-ui.ts';

const SECRET = 'attention-secret-0123456789';
let dir: string;
let serve: ServeUi;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  dir = tempDataDir({ secrets: [{ label: 'e2e', value: SECRET }] });
  serve = await startServeUi(dir);
  for (const [event, cn] of [['ssl_panel.issued', 'renew.example.com'], ['ssl_panel.renew_failed', 'renew.example.com'],
    ['ssl_panel.issued', 'fine.example.com']]) {
    const sent = await runCertbell(['send', '--url', serve.webhook, '--secret', SECRET, '--event', event, '--common-name', cn, '--data-dir', dir]);
    expect(sent.code, sent.stderr).toBe(0);
  }
  const { body, headers } = signedDelivery(SECRET, { event: 'ssl_panel.issued', data: { id: 'order-lapsed', status: 'open',
    certificate: { id: 'cert-lapsed', commonName: 'lapsed.example.com', status: 'active', operation: 'none', expireAt: '2026-01-01T00:00:00Z' } } });
  expect((await post(serve.webhook, body, headers)).status).toBe(200);
});

test.afterAll(async () => {
  await serve?.stop();
  if (dir) removeDir(dir);
});

test('the certificate list flags a failed renewal and an expired certificate, which reads Expired', async ({ page }) => {
  await page.goto(`${serve.ui}#/certificates`);
  const row = (cn: string) => page.getByTestId('certificate-row').filter({ hasText: cn });
  await expect(row('renew.example.com').getByTestId('attention-badge')).toHaveText('renewal failed');
  await expect(row('renew.example.com')).toContainText('Active');
  await expect(row('lapsed.example.com')).toContainText('Expired');
  await expect(row('lapsed.example.com').getByTestId('attention-badge')).toHaveText(/^expired \d+ days ago$/);
  await expect(row('fine.example.com').getByTestId('attention-badge')).toHaveCount(0);
});

test('with no secret, the dashboard lists that first, before the certificates needing attention', async ({ page }) => {
  await page.goto(serve.ui);
  const items = page.getByTestId('needing-attention').getByRole('listitem');
  const certificates = [/^lapsed\.example\.com: expired \d+ days ago \(Expired\)$/, /^renew\.example\.com: renewal failed \(Active\)$/];
  await expect(items).toHaveText(certificates);
  writeConfig(dir, { secrets: [] });
  await page.reload();
  await expect(items).toHaveText([/^No secret is configured, so every delivery is rejected \(401 "no secret configured"\).*Set a secret$/,
    ...certificates]);
  await expect(items.first().getByRole('link', { name: 'Set a secret' })).toHaveAttribute('href', '#/settings/secrets');
  await page.screenshot({ path: 'test-results/e2e-attention-no-secret.png', fullPage: true });
  // Fixed: the dashboard looks again by itself and the warning goes.
  writeConfig(dir, { secrets: [{ label: 'e2e', value: SECRET }] });
  await expect(items).toHaveText(certificates, { timeout: 15_000 });
});
