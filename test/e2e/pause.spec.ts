/**
 * "Pause notifications" in the UI against a real `certbell serve`: the pause is the core's, so the
 * history row of what arrives meanwhile says "not shown: paused"; a pause from the command line
 * (another process) shows in the open page; Resume ends it.
 */
import { expect, test, type Page } from '@playwright/test';
import { removeDir, runCertbell, tempDataDir } from '../helpers/certbell-process.ts';
import { startServeUi, type ServeUi } from '../helpers/serve-ui.ts';

const SECRET = 'pause-e2e-secret-0123456789';
let dir: string;
let serve: ServeUi;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  dir = tempDataDir({ secrets: [{ label: 'pause', value: SECRET }] });
  serve = await startServeUi(dir);
});

test.afterAll(async () => {
  await serve?.stop();
  if (dir) removeDir(dir);
});

async function send(deliveryId: string): Promise<void> {
  const result = await runCertbell(['send', '--url', serve.webhook, '--secret', SECRET, '--data-dir', dir,
    '--event', 'ssl_panel.issued', '--common-name', `${deliveryId}.example.com`, '--delivery-id', deliveryId]);
  expect(result.code, result.stderr).toBe(0);
}

async function openNotifications(page: Page): Promise<void> {
  await page.goto(serve.ui);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Notifications' }).click();
  await expect(page.getByText('Live', { exact: true })).toBeVisible();
}

const row = (page: Page, deliveryId: string) => page.getByTestId('notification').filter({ hasText: `${deliveryId}.example.com` });

test('pause for 1 hour: what arrives is listed as "not shown: paused"; Resume ends it', async ({ page }) => {
  await openNotifications(page);
  const control = page.getByTestId('pause-control');
  await control.getByRole('button', { name: 'Pause for 1 hour' }).click();
  await expect(control.getByRole('status')).toContainText('Notifications are paused until');
  await send('paused-ui');
  await expect(row(page, 'paused-ui')).toContainText('not shown: paused');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
  await expect(page.getByTestId('pause-control')).toContainText('Notifications are paused until');
  await expect(page.getByTestId('recent-activity')).toContainText('(not shown: paused)');
  await page.screenshot({ path: 'test-results/e2e-pause-dashboard.png', fullPage: true });
  await page.getByTestId('pause-control').getByRole('button', { name: 'Resume' }).click();
  await expect(page.getByTestId('pause-control')).toHaveCount(0);
  await openNotifications(page);
  await expect(page.getByTestId('pause-control').getByRole('button', { name: 'Pause until tomorrow' })).toBeVisible();
  await send('resumed-ui');
  await expect(row(page, 'resumed-ui')).toBeVisible();
  await expect(row(page, 'resumed-ui')).not.toContainText('paused');
});

test('a pause from the command line shows in the open page, and so does its resume', async ({ page }) => {
  await openNotifications(page);
  const control = page.getByTestId('pause-control');
  await expect(control.getByRole('button', { name: 'Pause for 1 hour' })).toBeVisible();
  const paused = await runCertbell(['notifications', 'pause', '--for', '30m', '--data-dir', dir]);
  expect(paused.code, paused.stderr).toBe(0);
  await expect(control.getByRole('status')).toContainText('Notifications are paused until');
  await page.screenshot({ path: 'test-results/e2e-pause-notifications.png', fullPage: true });
  const resumed = await runCertbell(['notifications', 'resume', '--data-dir', dir]);
  expect(resumed.code, resumed.stderr).toBe(0);
  await expect(control.getByRole('button', { name: 'Pause for 1 hour' })).toBeVisible();
});
