/**
 * Browsing a busier data directory in real Chromium: the dashboard, the virtualized list (only the
 * visible rows in the DOM, paged as you scroll, arrow keys), filters, replay, and notifications that
 * open their delivery.
 */
import { expect, test, type Page } from '@playwright/test';
import { removeDir, runCertbell, tempDataDir } from '../helpers/certbell-process.ts';
import { startServeUi, type ServeUi } from '../helpers/serve-ui.ts';

const SECRET = 'browse-secret-0123456789';
const BULK = 230;
let dir: string;
let serve: ServeUi;

test.describe.configure({ mode: 'serial' });

/** Unsigned test deliveries straight to the listener (allowUnsigned), many at once. */
async function postBulk(count: number): Promise<void> {
  const post = async (i: number) => {
    const id = `bulk-${String(i).padStart(3, '0')}`;
    const body = JSON.stringify({ metadata: { version: '1.0.0', delivery: id, event: 'ping' }, data: { message: 'Test ping', n: i } });
    const res = await fetch(serve.webhook, {
      method: 'POST', body, headers: { 'Content-Type': 'application/json', Version: '1.0.0', Delivery: id, Event: 'ping' },
    });
    expect(res.status, await res.text()).toBeLessThan(300);
  };
  for (let i = 0; i < count; i += 10) await Promise.all(Array.from({ length: Math.min(10, count - i) }, (_, k) => post(i + k)));
}

test.beforeAll(async () => {
  dir = tempDataDir({ secrets: [{ label: 'browse', value: SECRET }], allowUnsigned: true });
  serve = await startServeUi(dir);
  for (const [cn, event] of [['dash.example.com', 'ssl_panel.issued'], ['expiring.example.com', 'ssl_panel.will_expire_in_30_days']]) {
    const sent = await runCertbell(['send', '--url', serve.webhook, '--secret', SECRET, '--common-name', cn, '--event', event, '--data-dir', dir]);
    expect(sent.code, sent.stderr).toBe(0);
  }
});

test.afterAll(async () => {
  await serve?.stop();
  if (dir) removeDir(dir);
});

async function open(page: Page, view: string): Promise<void> {
  await page.goto(serve.ui);
  await page.getByRole('link', { name: view, exact: true }).click();
  await expect(page.getByText('Live', { exact: true })).toBeVisible();
}

test('the dashboard shows the webhook URL, counts, the last delivery and certificates needing attention', async ({ page }) => {
  await open(page, 'Dashboard');
  await expect(page.getByTestId('webhook-url')).toHaveText(serve.webhook);
  await expect(page.getByRole('button', { name: 'Copy' })).toBeVisible();
  await expect(page.getByText('2 total')).toBeVisible();
  await expect(page.getByRole('link', { name: 'expiring.example.com' }).first()).toBeVisible();
  // Recent activity: both deliveries, newest first, and the notifications they raised.
  const recent = page.getByTestId('recent-activity');
  // The time comes first, so a long common name cut by the line's end never hides it.
  await expect(recent.locator('ul.recent').first().locator('li')).toHaveText([/^\S.* accepted ssl_panel\.will_expire_in_30_days — expiring\.example\.com$/,
    /^\S.* accepted ssl_panel\.issued — dash\.example\.com$/]);
  await expect(recent.getByRole('link', { name: 'Certificate issued' })).toBeVisible();
  await page.screenshot({ path: 'test-results/e2e-dashboard.png', fullPage: true });
});

test('the list keeps only visible rows in the DOM, pages as you scroll and follows the arrow keys', async ({ page }) => {
  await postBulk(BULK);
  const total = BULK + 2;
  await open(page, 'Deliveries');
  const rows = page.getByTestId('delivery-row');
  await expect(rows.first()).toContainText(`bulk-${BULK - 1}`);
  await expect(page.getByText('100+ shown')).toBeVisible();
  expect(await rows.count()).toBeLessThan(50);
  const list = page.getByRole('listbox', { name: 'Deliveries' });
  await list.focus();
  // End jumps to the last loaded row; reaching it loads the next page, until everything is there.
  await expect(async () => {
    await page.keyboard.press('End');
    await expect(page.getByText(`${total} shown`, { exact: true })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await page.keyboard.press('End');
  await expect(list.locator('[aria-selected="true"]')).toContainText('dash.example.com');
  await page.keyboard.press('ArrowUp');
  await expect(list.locator('[aria-selected="true"]')).toContainText('expiring.example.com');
  await page.keyboard.press('ArrowUp');
  await expect(list.locator('[aria-selected="true"]')).toContainText('bulk-000');
  await expect(page.getByRole('heading', { level: 2, name: 'bulk-000' })).toBeVisible();
  expect(await rows.count()).toBeLessThan(50);
  await page.screenshot({ path: 'test-results/e2e-virtual-list.png', fullPage: true });
});

test('filters narrow the list by signature and by text', async ({ page }) => {
  await open(page, 'Deliveries');
  await page.getByLabel('Signature').selectOption('valid');
  await expect(page.getByText('2 shown', { exact: true })).toBeVisible();
  await page.getByLabel('Signature').selectOption('');
  await page.getByRole('searchbox', { name: 'Search' }).fill('bulk-12');
  await expect(page.getByText('10 shown', { exact: true })).toBeVisible();
  for (const text of await page.getByTestId('delivery-row').locator('.row-title').allTextContents()) expect(text).toContain('bulk-12');
  await page.screenshot({ path: 'test-results/e2e-filters.png', fullPage: true });
});

test('replay stores a new attempt and opens it', async ({ page }) => {
  await open(page, 'Deliveries');
  await page.getByRole('searchbox', { name: 'Search' }).fill('dash.example');
  await expect(page.getByText('1 shown', { exact: true })).toBeVisible();
  await page.getByTestId('delivery-row').filter({ hasText: 'dash.example.com' }).click();
  await page.getByRole('button', { name: 'Replay', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Replayed as attempt 2' })).toBeVisible();
  await expect(page.getByRole('link', { name: '#2' })).toBeVisible();
  await expect(page.getByTestId('delivery-row').filter({ hasText: 'attempt 2' })).toBeVisible();
  await page.screenshot({ path: 'test-results/e2e-replay.png', fullPage: true });
});

test('a notification opens its delivery in the inspector', async ({ page }) => {
  await open(page, 'Notifications');
  const first = page.getByRole('link', { name: 'Open the delivery' }).first();
  await expect(first).toBeVisible();
  await first.click();
  await expect(page.getByRole('heading', { name: 'Delivery list' }).or(page.getByRole('heading', { name: 'Deliveries', exact: true }))).toBeVisible();
  await expect(page.getByTestId('raw-body')).toBeVisible();
  await page.screenshot({ path: 'test-results/e2e-notification-to-delivery.png', fullPage: true });
});
