/**
 * The README's screenshots, taken from a fixture store in real Chromium against a real `certbell serve`:
 * the dashboard, the deliveries inspector with a delivery open and a certificate's page, light and dark,
 * written to docs/screenshots/ when CERTBELL_UPDATE_SCREENSHOTS is set (else test-results/screenshots/). Pictures are not compared (fonts and times differ between machines):
 * the test only checks that each file was written.
 */
import { mkdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { sampleDelivery, stableId } from '../../shared/openprovider/samples.ts';
import { removeDir, tempDataDir } from '../helpers/certbell-process.ts';
import { hmac, post } from '../helpers/http.ts';
import { startServeUi, type ServeUi } from '../helpers/serve-ui.ts';

const SECRET = 'screenshot-secret-0123456789';
// The README's copies are replaced only when asked (`CERTBELL_UPDATE_SCREENSHOTS=1 npx playwright test
// screenshots`), so a test run leaves the checkout clean; otherwise they go with the other test output.
const OUT = resolve(import.meta.dirname, process.env.CERTBELL_UPDATE_SCREENSHOTS ? '../../docs/screenshots' : '../../test-results/screenshots');
const DAY_MS = 86_400_000;

/** What the fixture store holds: certificates spread over the expiry thresholds, and the deliveries that made them. */
const FIXTURE: { commonName: string; event: string; expiresInDays?: number }[] = [
  { commonName: 'shop.example.com', event: 'ssl_panel.issued', expiresInDays: 200 },
  { commonName: 'www.example.com', event: 'ssl_panel.issued', expiresInDays: 75 },
  { commonName: 'mail.example.com', event: 'ssl_panel.will_expire_in_30_days' },
  { commonName: 'api.example.com', event: 'ssl_panel.issued', expiresInDays: 12 },
  { commonName: 'legacy.example.com', event: 'ssl_panel.issued', expiresInDays: -3 },
  { commonName: 'vpn.example.com', event: 'ssl_panel.pre_validation.failed' },
  { commonName: 'status.example.com', event: 'ssl_panel.requested' },
  { commonName: 'api.example.com', event: 'ssl_panel.renew_failed', expiresInDays: 12 },
];

let dir: string;
let serve: ServeUi;

test.describe.configure({ mode: 'serial' });

/** Posts one built-in sample delivery, signed over its body, with the certificate's expiry moved. */
async function deliver(commonName: string, event: string, expiresInDays?: number, secret = SECRET): Promise<void> {
  const deliveryId = `shot-${stableId(`${event}:${commonName}`).slice(0, 8)}`;
  const delivery = sampleDelivery(event, { deliveryId, commonName });
  const certificate = (delivery.data as { certificate?: { expireAt: string | null } }).certificate;
  if (certificate && expiresInDays !== undefined) certificate.expireAt = new Date(Date.now() + expiresInDays * DAY_MS).toISOString();
  const body = JSON.stringify(delivery);
  const reply = await post(serve.webhook, body, { 'Content-Type': 'application/json', Version: '1.0.0', Delivery: deliveryId,
    Event: event, Signature: `sha256=${hmac(secret, body)}` });
  expect(reply.status, reply.body).toBeLessThan(secret === SECRET ? 300 : 500);
}

test.beforeAll(async () => {
  // A fixed public URL stands for the tunnel; no deployment check, so nothing leaves 127.0.0.1.
  dir = tempDataDir({ secrets: [{ label: 'SSL Panel', value: SECRET }], tunnel: { publicUrl: 'https://certbell.example.net/webhook' },
    deployment: { enabled: false } });
  serve = await startServeUi(dir);
  for (const f of FIXTURE) await deliver(f.commonName, f.event, f.expiresInDays);
  // One forged delivery, so the inspector shows a rejected row too.
  await deliver('forged.example.com', 'ssl_panel.issued', 90, 'not-the-secret');
  mkdirSync(OUT, { recursive: true });
});

test.afterAll(async () => {
  await serve?.stop();
  if (dir) removeDir(dir);
});

async function show(page: Page, hash: string): Promise<void> {
  await page.goto(serve.ui);
  await expect(page.getByText('Live', { exact: true })).toBeVisible();
  await page.evaluate((h) => { window.location.hash = h; }, hash);
  await expect(page.locator('main h1').first()).toBeVisible();
  await expect(page.getByText(/^Loading/)).toHaveCount(0);
  // Charts draw after their data arrives; the picture waits for that frame.
  await page.waitForTimeout(700);
}

async function shoot(page: Page, name: string): Promise<void> {
  const file = resolve(OUT, `${name}.png`);
  await page.screenshot({ path: file });
  expect(statSync(file).size).toBeGreaterThan(0);
}

for (const scheme of ['light', 'dark'] as const) {
  test(`screenshots of the dashboard, a delivery and a certificate (${scheme})`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.emulateMedia({ colorScheme: scheme });
    await show(page, '#/dashboard');
    await shoot(page, `dashboard-${scheme}`);

    await show(page, '#/deliveries');
    await page.getByTestId('delivery-row').filter({ hasText: 'api.example.com' }).first().click();
    await expect(page.locator('.inspector-detail h2').first()).toBeVisible();
    await page.waitForTimeout(300);
    await shoot(page, `delivery-${scheme}`);

    await show(page, `#/certificates/${encodeURIComponent(stableId('certificate:api.example.com'))}`);
    await expect(page.locator('main h1')).toHaveText('api.example.com');
    await shoot(page, `certificate-${scheme}`);
  });
}
