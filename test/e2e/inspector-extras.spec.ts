/**
 * The inspector's extra actions in real Chromium against a real `certbell serve`: Export HAR (a
 * HAR 1.2 file with the request's exact body and headers) and Edit and replay (JSON checked as you
 * type; the edited body stored as a new attempt of the same delivery id).
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { removeDir, runCertbell, tempDataDir } from '../helpers/certbell-process.ts';
import { startServeUi, type ServeUi } from '../helpers/serve-ui.ts';

const SECRET = 'e2e-extras-secret-0123456789';
const BODY = '{"metadata": {"version":"1.0.0","delivery":"e2e-extras-1","event":"ssl_panel.issued"},\n'
  + '  "data": {"common_name":"extras.example.com", "note":"exact   bytes ✓"}}\n';
let dir: string;
let serve: ServeUi;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  dir = tempDataDir({ secrets: [{ label: 'e2e', value: SECRET }] });
  serve = await startServeUi(dir);
  const file = join(dir, 'extras-body.json');
  writeFileSync(file, BODY);
  const result = await runCertbell(['send', '--url', serve.webhook, '--data-dir', dir, '--secret', SECRET, '--file', file]);
  expect(result.code, result.stderr).toBe(0);
});

test.afterAll(async () => {
  await serve?.stop();
  if (dir) removeDir(dir);
});

async function openDelivery(page: Page): Promise<void> {
  await page.goto(serve.ui);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Deliveries' }).click();
  await page.getByTestId('delivery-row').filter({ hasText: 'e2e-extras-1' }).first().click();
  await expect(page.getByTestId('raw-body')).toBeVisible();
}

test('Export HAR downloads a HAR 1.2 log with the exact request body and headers', async ({ page }) => {
  await openDelivery(page);
  const headerRows = await page.getByTestId('headers').locator('tbody tr').evaluateAll((rows) =>
    rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent ?? '')));
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export HAR' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^certbell-delivery-\d+\.har$/);
  const path = await download.path();
  const har = JSON.parse(readFileSync(path, 'utf8')) as {
    log: { version: string; creator: { name: string; version: string }; entries: {
      request: { method: string; url: string; headers: { name: string; value: string }[]; postData: { mimeType: string; text: string } };
      response: { status: number; content: { text: string; mimeType: string } };
    }[] };
  };
  expect(har.log.version).toBe('1.2');
  expect(har.log.creator.name).toBe('Certbell');
  expect(har.log.creator.version).toMatch(/^\d+\.\d+\.\d+/);
  expect(har.log.entries).toHaveLength(1);
  const { request, response } = har.log.entries[0];
  expect(request.method).toBe('POST');
  expect(request.url).toBe(new URL('/webhook', serve.webhook).toString());
  expect(request.postData.text).toBe(BODY);
  expect(request.postData.mimeType).toContain('application/json');
  // Every header as received, in order, the signature included.
  expect(request.headers.map((h) => [h.name, h.value])).toEqual(headerRows);
  expect(request.headers.find((h) => h.name.toLowerCase() === 'signature')?.value).toMatch(/^sha256=[0-9a-f]{64}$/);
  expect(response.status).toBe(200);
  expect(JSON.parse(response.content.text)).toMatchObject({ status: 'accepted' });
  await page.screenshot({ path: 'test-results/e2e-export-har.png', fullPage: true });
});

test('Edit and replay checks JSON as you type and stores the edited body as a new attempt', async ({ page }) => {
  await openDelivery(page);
  await page.getByRole('button', { name: 'Edit and replay' }).click();
  const editor = page.getByTestId('edit-body');
  await expect(editor).toHaveValue(BODY);
  const send = page.getByRole('button', { name: 'Replay edited body' });
  await expect(send).toBeEnabled();

  // Broken JSON: an inline error, and the button stays disabled.
  await editor.fill(BODY.replace('"data":', '"data"'));
  await expect(page.getByTestId('edit-body-error')).toContainText('Not valid JSON');
  await expect(editor).toHaveAttribute('aria-invalid', 'true');
  await expect(send).toBeDisabled();
  await page.screenshot({ path: 'test-results/e2e-edit-replay-invalid.png', fullPage: true });
  // Valid JSON that is not an object is refused too.
  await editor.fill('[1, 2]');
  await expect(page.getByTestId('edit-body-error')).toContainText('JSON object');
  await expect(send).toBeDisabled();

  const edited = BODY.replace('exact   bytes ✓', 'edited in the inspector');
  await editor.fill(edited);
  await expect(page.getByTestId('edit-body-error')).toHaveCount(0);
  await expect(send).toBeEnabled();
  await send.click();

  // The new attempt opens: attempt 2 of the same delivery id, its raw body the edited text.
  await expect(page.getByText('Edited body replayed as attempt 2')).toBeVisible();
  await expect(page).toHaveURL(/#\/deliveries\/\d+$/);
  const raw = page.getByTestId('raw-body');
  await expect(raw).toContainText('edited in the inspector');
  expect(await raw.textContent()).toBe(edited);
  await expect(page.getByTestId('signature-explanation')).toContainText('unverified');
  // It says why, and nothing that contradicts the headers or the configured secrets.
  await expect(page.getByTestId('signature-explanation')).toContainText('the body was edited before this replay');
  await expect(page.getByTestId('signature-explanation')).not.toContainText('No digest in the Signature header');
  await expect(page.getByTestId('signature-explanation')).not.toContainText('no secret configured');
  await expect(page.locator('tr[aria-current="true"]')).toContainText('#2');
  const rows = page.getByTestId('delivery-row').filter({ hasText: 'e2e-extras-1' });
  await expect(rows).toHaveCount(2);
  await page.screenshot({ path: 'test-results/e2e-edit-replay-attempt.png', fullPage: true });
  // The signature panel links the record whose body was edited.
  await page.getByTestId('edited-from-link').click();
  await expect(page.locator('tr[aria-current="true"]')).toContainText('#1');
  await expect(page.getByTestId('signature-explanation').locator('.sig-valid')).toBeVisible();
});
