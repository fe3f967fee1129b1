/**
 * What a fresh-eyes pass over the UI found, checked in real Chromium against a real `certbell serve`:
 * empty states that say what to do, notifications that open their certificate and filter by text and
 * kind, keyboard use (skip link, visible focus, arrow keys held down in the list), a delivery that is
 * not stored, and the listener settings saying which port this run really uses.
 */
import { expect, test, type Page } from '@playwright/test';
import { removeDir, runCertbell, tempDataDir } from '../helpers/certbell-process.ts';
import { startServeUi, type ServeUi } from '../helpers/serve-ui.ts';

const SECRET = 'review-secret-0123456789';
let dir: string;
let serve: ServeUi;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  dir = tempDataDir({ secrets: [{ label: 'review', value: SECRET }] });
  serve = await startServeUi(dir);
});

test.afterAll(async () => {
  await serve?.stop();
  if (dir) removeDir(dir);
});

async function send(args: string[]): Promise<void> {
  const result = await runCertbell(['send', '--url', serve.webhook, '--secret', SECRET, '--data-dir', dir, ...args]);
  expect(result.code, result.stderr).toBe(0);
}

async function open(page: Page, view: string): Promise<void> {
  await page.goto(serve.ui);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: view }).click();
  await expect(page.getByText('Live', { exact: true })).toBeVisible();
}

test('an empty notification history says where notifications come from and how to test them', async ({ page }) => {
  await open(page, 'Notifications');
  await expect(page).toHaveTitle('Notifications — Certbell');
  const empty = page.getByTestId('notifications-empty');
  await expect(empty).toContainText('recorded as deliveries arrive');
  await expect(empty.getByRole('link', { name: /Send test notification/ })).toBeVisible();
  await page.screenshot({ path: 'test-results/e2e-review-notifications-empty.png', fullPage: true });
});

test('a notification opens its certificate, and the history filters by text and by kind', async ({ page }) => {
  await send(['--common-name', 'notified.example.com', '--event', 'ssl_panel.issued']);
  await send(['--common-name', 'failing.example.com', '--event', 'ssl_panel.renew_failed']);
  await open(page, 'Notifications');
  const items = page.getByTestId('notification');
  await expect(items).toHaveCount(2);
  await page.getByRole('searchbox', { name: 'Search' }).fill('notified');
  await expect(items).toHaveCount(1);
  await page.getByRole('searchbox', { name: 'Search' }).fill('');
  await page.getByLabel('Kind').selectOption('failed');
  await expect(items).toHaveCount(1);
  await expect(items.first()).toContainText('failing.example.com');
  await page.getByLabel('Kind').selectOption('');
  await page.screenshot({ path: 'test-results/e2e-review-notifications.png', fullPage: true });
  await page.getByRole('link', { name: 'Certificate notified.example.com' }).click();
  await expect(page.getByRole('heading', { name: 'notified.example.com', level: 1 })).toBeVisible();
  await expect(page.getByTestId('certificate-timeline')).toBeVisible();
  await page.screenshot({ path: 'test-results/e2e-review-notification-to-certificate.png', fullPage: true });
});

test('keyboard only: the skip link, visible focus, and arrow keys pressed quickly step row by row', async ({ page }) => {
  for (let i = 0; i < 4; i++) await send(['--common-name', `key-${i}.example.com`]);
  await open(page, 'Deliveries');
  const rows = page.getByTestId('delivery-row');
  await expect(rows).toHaveCount(6);
  await page.reload(); // focus starts from the top of the page again, as for a user who just opened it
  await expect(rows).toHaveCount(6);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('#main')).toBeFocused();
  // From the main region, Tab reaches the search box, three filters, then the list.
  for (let i = 0; i < 5; i++) await page.keyboard.press('Tab');
  const list = page.getByRole('listbox', { name: 'Deliveries' });
  await expect(list).toBeFocused();
  expect(await list.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');
  // Three presses without waiting in between: each steps from the row the previous one chose.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(2)).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('heading', { level: 2 })).toHaveText(await rows.nth(2).locator('.row-title').innerText());
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Replay', exact: true })).toBeFocused();
  await page.screenshot({ path: 'test-results/e2e-review-keyboard.png', fullPage: true });
});

test('the detail links its certificate, and a delivery that is not stored says what to do', async ({ page }) => {
  await open(page, 'Deliveries');
  await page.getByTestId('delivery-row').filter({ hasText: 'notified.example.com' }).click();
  await expect(page.getByRole('link', { name: 'notified.example.com' })).toBeVisible();
  await expect(page.getByTestId('raw-body')).toHaveAttribute('tabindex', '0');
  await page.goto(`${new URL(serve.ui).origin}/#/deliveries/999999`);
  await expect(page.getByTestId('delivery-missing')).toContainText('retention may have removed it');
  await page.screenshot({ path: 'test-results/e2e-review-missing-delivery.png', fullPage: true });
  await page.goto(`${new URL(serve.ui).origin}/#/deliveries`);
  await page.getByTestId('delivery-row').filter({ hasText: 'notified.example.com' }).click();
  await page.getByRole('link', { name: 'notified.example.com' }).click();
  await expect(page.getByRole('heading', { name: 'notified.example.com', level: 1 })).toBeVisible();
});

test('in a narrow window the detail wraps long values instead of overflowing sideways', async ({ page }) => {
  await page.setViewportSize({ width: 900, height: 700 });
  await send(['--event', 'ssl_panel.ca_chat.new_message_from_ca']);
  await open(page, 'Deliveries');
  await page.getByTestId('delivery-row').filter({ hasText: 'ca_chat' }).first().click();
  const detail = page.getByRole('region', { name: 'Delivery detail' });
  await expect(detail.getByText('ssl_panel.ca_chat.new_message_from_ca', { exact: true }).first()).toBeVisible();
  const overflow = await detail.evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(overflow).toBeLessThanOrEqual(1);
  await page.screenshot({ path: 'test-results/e2e-review-narrow-detail.png' });
});

test('the listener settings say which port this run listens on when --port overrides the saved one', async ({ page }) => {
  await open(page, 'Settings');
  const port = new URL(serve.webhook).port;
  await expect(page.getByTestId('listener-running')).toContainText(`127.0.0.1:${port}/webhook`);
  await expect(page.getByLabel('Port', { exact: true })).toHaveValue('7413');
  await page.screenshot({ path: 'test-results/e2e-review-settings-listener.png', fullPage: true });
  // Scrolled down, the Save bar sits at the very top: no strip of scrolled content shows above it.
  await page.locator('#main').evaluate((el) => { el.scrollTop = 800; });
  const bar = page.locator('.editor-bar').first();
  await expect.poll(async () => (await bar.boundingBox())?.y).toBeLessThanOrEqual(1);
  await page.screenshot({ path: 'test-results/e2e-review-settings-sticky-bar.png' });
});

test('a count on the dashboard opens the inspector filtered by that outcome', async ({ page }) => {
  const wrong = await runCertbell(['send', '--url', serve.webhook, '--secret', 'not-the-secret', '--common-name', 'forged.example.com', '--data-dir', dir]);
  expect(wrong.code).toBe(1);
  await open(page, 'Dashboard');
  await page.getByRole('link', { name: /rejected 1/ }).click();
  await expect(page.getByLabel('Outcome')).toHaveValue('rejected');
  const rows = page.getByTestId('delivery-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('forged.example.com');
  // Opening the row keeps the filter.
  await rows.first().click();
  await expect(page.getByTestId('signature-explanation')).toBeVisible();
  await expect(rows).toHaveCount(1);
  await page.screenshot({ path: 'test-results/e2e-review-dashboard-filter.png', fullPage: true });
  // A filter that matches nothing offers the way back.
  await page.getByRole('searchbox', { name: 'Search' }).fill('no-such-name');
  await expect(page.getByTestId('deliveries-no-match')).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page.getByLabel('Outcome')).toHaveValue('');
  await expect(rows.filter({ hasText: 'notified.example.com' })).toBeVisible();
});

test('without a desktop notifier, settings say so and the test notification does not claim it was seen', async ({ page }) => {
  // The e2e host inherits the environment: without a session bus it has no notifier, as on a server.
  test.skip(Boolean(process.env.DBUS_SESSION_BUS_ADDRESS), 'a D-Bus session bus is available here');
  await open(page, 'Settings');
  await expect(page.getByTestId('no-notifier')).toContainText('only recorded');
  await page.getByRole('button', { name: 'Send test notification' }).click();
  await expect(page.getByText('nothing popped up')).toBeVisible();
  await page.screenshot({ path: 'test-results/e2e-review-test-notification.png', fullPage: true });
});

// Last: it stops the host.
test('when the host stops, the views say so and what to do next', async ({ page }) => {
  await open(page, 'Dashboard');
  await serve.stop();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Deliveries' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('not reachable');
  await expect(alert).toContainText('still running');
  await expect(page.getByText('Live', { exact: true })).toBeHidden();
  await page.screenshot({ path: 'test-results/e2e-review-host-down.png', fullPage: true });
});
