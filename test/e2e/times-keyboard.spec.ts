/**
 * Times as people read them and the keyboard, in real Chromium against a real `certbell serve`:
 * relative times in the browser's locale with the absolute time (its locale and time zone) on hover,
 * updating as time passes; the certificate list's days-left bars, search, attention filter and sort
 * kept in the address; `/`, arrow keys, Enter and Escape; every view reached from the keyboard.
 */
import { expect, test, type Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sampleDelivery } from '../../shared/openprovider/samples.ts';
import { removeDir, runCertbell, tempDataDir } from '../helpers/certbell-process.ts';
import { startServeUi, type ServeUi } from '../helpers/serve-ui.ts';

const SECRET = 'times-keyboard-secret-0123456789';
const DAY = 86_400_000;
let dir: string;
let serve: ServeUi;

test.describe.configure({ mode: 'serial' });

/** A certificate event whose certificate expires `days` from now (negative: expired). */
async function sendExpiring(commonName: string, days: number, event = 'ssl_panel.will_expire_in_30_days'): Promise<void> {
  const delivery = sampleDelivery(event, { commonName, deliveryId: `tk-${commonName}` });
  const data = delivery.data as { certificate: { expireAt: string | null } };
  data.certificate.expireAt = new Date(Date.now() + days * DAY - 3_600_000).toISOString();
  const file = join(dir, `${commonName}.json`);
  writeFileSync(file, JSON.stringify(delivery));
  const sent = await runCertbell(['send', '--url', serve.webhook, '--secret', SECRET, '--file', file, '--event', event, '--data-dir', dir]);
  expect(sent.code, sent.stderr + sent.stdout).toBe(0);
}

async function send(commonName: string, event: string): Promise<void> {
  const sent = await runCertbell(['send', '--url', serve.webhook, '--secret', SECRET, '--common-name', commonName, '--event', event, '--data-dir', dir]);
  expect(sent.code, sent.stderr).toBe(0);
}

test.beforeAll(async () => {
  dir = tempDataDir({ secrets: [{ label: 'tk', value: SECRET }] });
  serve = await startServeUi(dir);
  await sendExpiring('alpha.example.com', 200);
  await sendExpiring('beta.example.com', 20);
  await sendExpiring('gamma.example.com', 5);
  await sendExpiring('delta.example.com', -3);
  await send('epsilon.example.com', 'ssl_panel.renew_failed');
});

test.afterAll(async () => {
  await serve?.stop();
  if (dir) removeDir(dir);
});

async function open(page: Page, hash = ''): Promise<void> {
  await page.goto(`${serve.ui}${hash}`);
  await expect(page.getByText('Live', { exact: true })).toBeVisible();
}

const rows = (page: Page) => page.getByTestId('certificate-row');
const names = (page: Page) => rows(page).locator('a[data-list-item]').allTextContents();

test('times read relative in the browser locale, the absolute time in its locale and zone on hover, and they move on', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin' });
  const page = await context.newPage();
  await page.clock.install();
  await open(page, '#/deliveries');
  const first = page.getByTestId('delivery-row').first().locator('time');
  await expect(first).toBeVisible();
  const iso = (await first.getAttribute('datetime'))!;
  // German and Berlin time: "07.12.2026, 13:44:26", not the US "12/7/2026, 12:44:26 PM".
  const expected = new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'Europe/Berlin' }).format(new Date(iso));
  await expect(first).toHaveAttribute('title', expected);
  expect(expected).toMatch(/^\d\d\.\d\d\.\d{4}, \d\d:\d\d:\d\d$/);
  await expect(first).toHaveText(/^(jetzt|vor \d+ (Sekunden|Minuten?))$/);
  const before = await first.textContent();

  await page.clock.fastForward('10:00');
  await expect(first).not.toHaveText(before!);
  await expect(first).toHaveText(/^vor 1\d Minuten$/);
  await page.clock.fastForward('03:00:00');
  await expect(first).toHaveText(/^vor 3 Stunden$/);

  // The certificate list: the expiry to come, the update past; the detail view gives the absolute time.
  await page.getByRole('link', { name: 'Certificates', exact: true }).click();
  // The dashboard links the same names: wait for the list before clicking one.
  await expect(page.getByRole('heading', { level: 1, name: 'Certificates' })).toBeVisible();
  const beta = rows(page).filter({ hasText: 'beta.example.com' });
  await expect(beta.locator('time').first()).toHaveText(/^in 2\d Tagen$/);
  await beta.getByRole('link', { name: 'beta.example.com' }).click();
  const expires = page.locator('dl.summary time').first();
  const expiresIso = (await expires.getAttribute('datetime'))!;
  await expect(expires).toHaveText(new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'Europe/Berlin' }).format(new Date(expiresIso)));
  await context.close();
});

test('the certificate list: days-left bars by threshold, attention and deployment badges', async ({ page }) => {
  await open(page, '#/certificates');
  await expect(rows(page)).toHaveCount(5);
  // Sorted by days left by default, the unknown expiry last.
  expect(await names(page)).toEqual(['delta.example.com', 'gamma.example.com', 'beta.example.com', 'alpha.example.com', 'epsilon.example.com']);
  const level = (name: string) => rows(page).filter({ hasText: name }).getByTestId('days-left');
  await expect(level('delta.example.com')).toHaveAttribute('data-level', 'expired');
  await expect(level('gamma.example.com')).toHaveAttribute('data-level', 'danger');
  await expect(level('beta.example.com')).toHaveAttribute('data-level', 'warn');
  await expect(level('alpha.example.com')).toHaveAttribute('data-level', 'ok');
  await expect(level('gamma.example.com')).toContainText('5');
  await expect(rows(page).filter({ hasText: 'gamma.example.com' }).getByTestId('attention-badge')).toHaveText('expires in 5 days');
  await expect(rows(page).filter({ hasText: 'alpha.example.com' }).getByTestId('attention-badge')).toHaveCount(0);
  await expect(rows(page).first().getByTestId('deployment-badge')).toBeVisible();
});

test('search, the attention filter and the sort stay in the address, and a reload keeps them', async ({ page }) => {
  await open(page, '#/certificates');
  await expect(rows(page)).toHaveCount(5);
  await page.getByRole('checkbox', { name: 'Needs attention only' }).check();
  // epsilon's renewal failed (issue 22): flagged until a later issue.
  await expect(rows(page)).toHaveCount(4);
  await page.getByRole('button', { name: 'Common name' }).click();
  await page.getByRole('button', { name: /Common name/ }).click();
  expect(await names(page)).toEqual(['gamma.example.com', 'epsilon.example.com', 'delta.example.com', 'beta.example.com']);
  await page.getByRole('searchbox').fill('ta.ex');
  await expect(rows(page)).toHaveCount(2);
  await expect(page.getByTestId('certificate-count')).toHaveText('2 of 5 shown');
  await expect(page).toHaveURL(/#\/certificates\?/);
  const url = new URL(page.url());
  const query = new URLSearchParams(url.hash.split('?')[1]);
  expect(Object.fromEntries(query)).toEqual({ q: 'ta.ex', attention: '1', sort: 'commonName', dir: 'desc' });

  await page.reload();
  await expect(rows(page)).toHaveCount(2);
  expect(await names(page)).toEqual(['delta.example.com', 'beta.example.com']);
  await expect(page.getByRole('searchbox')).toHaveValue('ta.ex');
  await expect(page.getByRole('checkbox', { name: 'Needs attention only' })).toBeChecked();
  await expect(page.getByRole('columnheader', { name: /Common name/ })).toHaveAttribute('aria-sort', 'descending');
  // The id matches too.
  const id = (await rows(page).first().getAttribute('data-certificate-id'))!;
  await page.getByRole('searchbox').fill(id.slice(0, 10));
  await expect(rows(page)).toHaveCount(1);
});

test('"/" focuses the search of the deliveries, certificates and notifications views', async ({ page }) => {
  for (const hash of ['#/deliveries', '#/certificates', '#/notifications']) {
    await open(page, hash);
    await expect(page.locator('main input[type="search"]')).toBeVisible();
    await page.locator('main h1').click();
    await page.keyboard.press('/');
    await expect(page.locator('main input[type="search"]')).toBeFocused();
    // A "/" typed in the box is text, not a shortcut.
    await page.keyboard.type('a/b');
    await expect(page.locator('main input[type="search"]')).toHaveValue('a/b');
  }
});

test('arrow keys and Enter open a certificate, Escape goes back to the list as it was, its row focused', async ({ page }) => {
  await open(page, '#/certificates?attention=1');
  // delta, gamma, beta and epsilon (its renewal failed), soonest expiry first.
  await expect(rows(page)).toHaveCount(4);
  await page.locator('main h1').click();
  await page.keyboard.press('/');
  await page.keyboard.press('ArrowDown');
  const link = (name: string) => page.getByRole('link', { name, exact: true });
  await expect(link('delta.example.com')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(link('gamma.example.com')).toBeFocused();
  await page.keyboard.press('End');
  await expect(link('epsilon.example.com')).toBeFocused();
  await page.keyboard.press('Home');
  await expect(link('delta.example.com')).toBeFocused();
  await page.keyboard.press('PageDown');
  await expect(link('epsilon.example.com')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'epsilon.example.com' })).toBeVisible();
  await expect(page).toHaveURL(/#\/certificates\/[^?]+\?attention=1$/);

  await page.keyboard.press('Escape');
  await expect(page.getByRole('heading', { level: 1, name: 'Certificates' })).toBeVisible();
  await expect(page).toHaveURL(/#\/certificates\?attention=1$/);
  await expect(rows(page)).toHaveCount(4);
  await expect(link('epsilon.example.com')).toBeFocused();
  // The focused row is visibly marked.
  const outline = await link('epsilon.example.com').evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).toBe('solid');
});

test('notifications: arrows move through the history, Enter opens the delivery, Escape returns to the deliveries list', async ({ page }) => {
  await open(page, '#/notifications');
  const items = page.getByTestId('notification');
  await expect(items.first()).toBeVisible();
  await page.locator('main h1').click();
  await page.keyboard.press('/');
  await page.keyboard.press('ArrowDown');
  await expect(items.first()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(items.nth(1)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/(deliveries|certificates)\/.+/);
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/#\/(deliveries|certificates)(\?.*)?$/);
});

test('the keyboard reaches every view from the navigation, and Escape leaves a delivery for its list', async ({ page }) => {
  for (const view of ['Deliveries', 'Certificates', 'Notifications', 'Hooks', 'Settings', 'Dashboard']) {
    // From the top of a freshly opened page, as a keyboard user arrives.
    await open(page, view === 'Dashboard' ? '#/settings' : '#/dashboard');
    let reached = false;
    for (let i = 0; i < 12 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate((name) => document.activeElement?.textContent === name && document.activeElement.closest('nav') !== null, view);
    }
    expect(reached, `Tab reaches ${view}`).toBe(true);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: view })).toBeVisible();
  }

  await page.goto(`${serve.ui}#/deliveries`);
  const list = page.getByRole('listbox', { name: 'Deliveries' });
  await list.focus();
  await page.keyboard.press('ArrowDown');
  await expect(page).toHaveURL(/#\/deliveries\/\d+/);
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/#\/deliveries$/);
  await expect(list).toBeFocused();
});
