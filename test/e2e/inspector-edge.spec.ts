/**
 * SPEC §11 in the inspector, real Chromium against a real `certbell serve`: a captured body-signed
 * delivery sent again with other Delivery/Event headers shows which headers were ignored and what
 * the signature said; signed data reused under another event names the first delivery; the client
 * address from x-forwarded-for shows the socket it came through.
 */
import { expect, test, type Page } from '@playwright/test';
import { removeDir, runCertbell, tempDataDir } from '../helpers/certbell-process.ts';
import { hmac, post, signedDelivery } from '../helpers/http.ts';
import { startServeUi, type ServeUi } from '../helpers/serve-ui.ts';

const SECRET = 'e2e-edge-secret-0123456789';
const data = { id: 'o-91', status: 'REQ', certificate: { id: 'c-91', commonName: 'captured.example.com', status: 'requested' } };
let dir: string;
let serve: ServeUi;

test.describe.configure({ mode: 'serial' });

async function latestId(): Promise<number> {
  const result = await runCertbell(['deliveries', '--limit', '1', '--json', '--data-dir', dir]);
  expect(result.code, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as { id: number }[])[0].id;
}

async function open(page: Page, id: number | string): Promise<void> {
  await page.goto(serve.ui);
  await page.evaluate((target) => { location.hash = `#/deliveries/${target}`; }, String(id));
  await expect(page.getByTestId('raw-body')).toBeVisible();
}

test.beforeAll(async () => {
  dir = tempDataDir({ secrets: [{ label: 'e2e', value: SECRET }], listener: { clientAddressHeader: 'x-forwarded-for' } });
  serve = await startServeUi(dir);
});

test.afterAll(async () => {
  await serve?.stop();
  if (dir) removeDir(dir);
});

test('a relabelled capture shows the ignored headers beside the signed metadata', async ({ page }) => {
  const { body, headers } = signedDelivery(SECRET, { deliveryId: 'captured-e2e', event: 'ssl_panel.created', data });
  expect((await post(serve.webhook, body, headers)).status).toBe(200);
  const resent = await post(serve.webhook, body, { ...headers, Delivery: 'new-id', Event: 'ssl_panel.issued' });
  expect(JSON.parse(resent.body)).toMatchObject({ status: 'duplicate' });
  await open(page, await latestId());

  const warning = page.getByTestId('header-mismatch');
  await expect(warning).toContainText('Headers disagreed with the signed metadata and were ignored');
  const rows = await warning.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('th, td')].map((cell) => cell.textContent?.trim())));
  expect(rows).toEqual([['Delivery', 'new-id', 'captured-e2e'], ['Event', 'ssl_panel.issued', 'ssl_panel.created']]);
  // The summary shows what the signature said, not what the headers claimed.
  await expect(page.locator('dl.summary')).toContainText('ssl_panel.created');
  await expect(page.locator('dl.summary')).not.toContainText('ssl_panel.issued');
  await page.screenshot({ path: 'test-results/playwright-output/inspector-header-mismatch.png', fullPage: true });
  // Signed as captured-e2e, it is attempt #2 of that delivery; the first attempt had nothing to warn about.
  await page.getByRole('link', { name: '#1' }).click();
  await expect(page.getByRole('article', { name: 'Delivery captured-e2e' })).toBeVisible();
  await expect(page.getByTestId('header-mismatch')).toHaveCount(0);
});

test('signed data reused under another event is flagged as a security matter', async ({ page }) => {
  const reused = { ...data, id: 'o-92', certificate: { ...data.certificate, id: 'c-92' } };
  const signature = { Signature: `sha256=${hmac(SECRET, JSON.stringify(reused))}` };
  const envelope = (delivery: string, event: string) => JSON.stringify({ metadata: { delivery, event }, data: reused });
  expect((await post(serve.webhook, envelope('data-e2e-1', 'ssl_panel.created'), signature)).status).toBe(200);
  expect((await post(serve.webhook, envelope('data-e2e-2', 'ssl_panel.issued'), signature)).status).toBe(200);
  await open(page, 'data-e2e-2');
  const notice = page.getByTestId('replay-of');
  await expect(notice).toHaveAttribute('role', 'alert');
  await expect(notice).toContainText('same signed data had arrived before under another event');
  await expect(page.getByTestId('replay-of-link')).toHaveText('data-e2e-1');
  await page.getByTestId('replay-of-link').click();
  await expect(page.getByRole('article', { name: 'Delivery data-e2e-1' })).toBeVisible();
  await expect(page.getByTestId('replay-of')).toHaveCount(0);
});

test('the client address from x-forwarded-for shows the socket it came through', async ({ page }) => {
  const { body, headers } = signedDelivery(SECRET, { deliveryId: 'forwarded-e2e', event: 'ssl_panel.created', data });
  expect((await post(serve.webhook, body, { ...headers, 'X-Forwarded-For': '203.0.113.9' })).status).toBe(200);
  await open(page, 'forwarded-e2e');
  await expect(page.getByTestId('client-address')).toHaveText('203.0.113.9');
  await expect(page.locator('dl.summary')).toContainText('via 127.0.0.1');
});
