/**
 * Provider sync (SPEC §13) in real Chromium against a real `certbell serve` and the fake
 * Openprovider API (a real HTTP server on 127.0.0.1): the dashboard's sync card after the
 * start-up sync, Sync now after the provider's orders changed meanwhile (the changes it made,
 * the certificates with their "from API" badge, the timeline's "found by provider sync"), the
 * failure reasons (bad credentials, maintenance), Settings → Provider with validation as you type
 * and Test connection with a good and a bad password, and the password never in the page.
 */
import { expect, test, type Page } from '@playwright/test';
import { removeDir, tempDataDir } from '../helpers/certbell-process.ts';
import { startServeUi, type ServeUi } from '../helpers/serve-ui.ts';
import { startFakeOpenprovider, type FakeApi, type FakeOrder } from '../fakes/openprovider-api.ts';

const USERNAME = 'reseller-e2e';
const PASSWORD = 'op-e2e-Pa55word-never-shown';
const WRONG = 'not-the-password';

/** "2027-06-01 12:00:00", the API's way of writing a time. */
function apiDate(daysFromNow: number): string {
  return new Date(Date.now() + daysFromNow * 86_400_000).toISOString().slice(0, 19).replace('T', ' ');
}

function order(id: number, status: string, commonName: string): FakeOrder {
  return { id, status, common_name: commonName, host_names: [commonName], active_date: status === 'ACT' ? apiDate(-10) : null,
    expiration_date: status === 'ACT' ? apiDate(355) : null };
}

async function expectNoPassword(page: Page): Promise<void> {
  expect(await page.content()).not.toContain(PASSWORD);
}

/** A view by the main navigation (the cards link to Settings too). */
async function go(page: Page, view: 'Dashboard' | 'Certificates' | 'Settings'): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: view, exact: true }).click();
}

async function openDashboard(page: Page, ui: string): Promise<void> {
  await page.goto(ui);
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
}

async function openProviderSettings(page: Page): Promise<void> {
  await go(page, 'Settings');
  await expect(page.getByRole('heading', { level: 2, name: 'Provider' })).toBeVisible();
}

async function syncNow(page: Page): Promise<void> {
  const card = page.getByTestId('sync-card');
  await card.getByRole('button', { name: 'Sync now' }).click();
  await expect(card.getByRole('button', { name: 'Sync now' })).toBeEnabled({ timeout: 20_000 });
}

async function saveSettings(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Saved/ })).toBeVisible();
}

test.describe('with a provider configured', () => {
  test.describe.configure({ mode: 'serial' });
  let fake: FakeApi;
  let dir: string;
  let serve: ServeUi;

  test.beforeAll(async () => {
    fake = await startFakeOpenprovider({ username: USERNAME, password: PASSWORD },
      [order(101, 'ACT', 'shop.example.nl'), order(102, 'PAI', 'pending.example.nl')]);
    dir = tempDataDir({ provider: { kind: 'openprovider', apiUrl: fake.url, username: USERNAME, password: { env: 'OPENPROVIDER_PASSWORD' } } });
    serve = await startServeUi(dir, { OPENPROVIDER_PASSWORD: PASSWORD });
  });

  test.afterAll(async () => {
    await serve?.stop();
    await fake?.close();
    if (dir) removeDir(dir);
  });

  test('the dashboard shows the start-up sync: whose orders, how many, when, and the next run', async ({ page }) => {
    await openDashboard(page, serve.ui);
    const card = page.getByTestId('sync-card');
    await expect(card.getByRole('heading', { name: 'Provider sync' })).toBeVisible();
    await expect(card.getByTestId('sync-username')).toHaveText(USERNAME);
    await expect(card.getByTestId('sync-last')).toContainText('2 orders', { timeout: 20_000 });
    await expect(card.getByTestId('sync-last')).toContainText('Last sync');
    await expect(card.getByTestId('sync-last')).toContainText('at start');
    await expect(card.getByTestId('sync-next')).toContainText('Next sync');
    await expect(card.getByRole('button', { name: 'Sync now' })).toBeEnabled();
    expect(fake.logins.map((l) => l.username)).toContain(USERNAME);
    await expectNoPassword(page);
  });

  test('Sync now after the orders changed shows what it changed; the certificates follow with their badge and timeline', async ({ page }) => {
    await openDashboard(page, serve.ui);
    const card = page.getByTestId('sync-card');
    await expect(card.getByTestId('sync-last')).toContainText('2 orders', { timeout: 20_000 });
    // Meanwhile at the provider: the pending order was issued and a new order was placed.
    fake.orders[1] = order(102, 'ACT', 'pending.example.nl');
    fake.orders.push(order(103, 'REQ', 'new.example.nl'));
    fake.delayMs = 400;
    await card.getByRole('button', { name: 'Sync now' }).click();
    await expect(card.getByRole('button', { name: 'Syncing…' })).toBeDisabled();
    await expect(card.getByRole('button', { name: 'Sync now' })).toBeEnabled({ timeout: 20_000 });
    fake.delayMs = 0;
    await expect(card.getByTestId('sync-last')).toContainText('3 orders, 2 changes');
    await expect(card.getByTestId('sync-last')).toContainText('on demand');
    const changes = card.getByTestId('sync-change');
    await expect(changes).toHaveCount(2);
    const issued = changes.filter({ hasText: 'pending.example.nl' });
    await expect(issued).toContainText('pending.example.nl: Pending issuance → Active');
    await expect(issued.getByText('notified')).toBeVisible();
    await expect(changes.filter({ hasText: 'new.example.nl' })).toContainText('new.example.nl: Requested at the CA');
    await expect(changes.filter({ hasText: 'new.example.nl' })).not.toContainText('→');
    await expectNoPassword(page);

    await go(page, 'Certificates');
    const rows = page.getByTestId('certificate-row');
    await expect(rows).toHaveCount(3);
    for (const name of ['shop.example.nl', 'pending.example.nl', 'new.example.nl']) {
      await expect(rows.filter({ hasText: name }).getByTestId('provider-only-badge')).toHaveText('from API');
    }

    await page.getByRole('link', { name: 'pending.example.nl', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'pending.example.nl' })).toBeVisible();
    await expect(page.getByTestId('provider-only-badge')).toBeVisible();
    await expect(page.getByTestId('certificate-synced-at')).toContainText('last seen');
    const found = page.getByTestId('timeline-sync');
    await expect(found.filter({ hasText: 'Found by provider sync: Pending issuance → Active' })).toHaveCount(1);
    await expect(found.filter({ hasText: 'Found by provider sync: Pending issuance' }).first()).toBeVisible();
    await expectNoPassword(page);
  });

  test('a sync the provider refuses says why: maintenance, then bad credentials after a wrong password was saved', async ({ page }) => {
    await openDashboard(page, serve.ui);
    const card = page.getByTestId('sync-card');
    await expect(card.getByTestId('sync-last')).toContainText('orders', { timeout: 20_000 });

    fake.maintenance = true;
    await syncNow(page);
    await expect(card.getByTestId('sync-last')).toContainText('Openprovider is in maintenance; retrying later');
    fake.maintenance = false;

    await openProviderSettings(page);
    await page.getByRole('radio', { name: 'A new password typed here', exact: true }).check();
    await page.locator('#s-prov-value').fill(WRONG);
    await saveSettings(page);
    await go(page, 'Dashboard');
    await syncNow(page);
    await expect(card.getByTestId('sync-last')).toContainText('the API refused the username or password');
    expect(await page.content()).not.toContain(WRONG);
    await expect(card.getByRole('link', { name: 'Settings → Provider' })).toBeVisible();
    // The certificates are unchanged by a failed sync.
    await go(page, 'Certificates');
    await expect(page.getByTestId('certificate-row')).toHaveCount(3);

    // Back to the environment variable: the next sync works again.
    await openProviderSettings(page);
    await expect(page.getByRole('radio', { name: 'Keep the saved password', exact: true })).toBeChecked();
    await expect(page.getByTestId('provider-password-source')).toHaveText('stored in config.json');
    expect(await page.content()).not.toContain(WRONG);
    await page.getByRole('radio', { name: 'From an environment variable', exact: true }).check();
    await expect(page.locator('#s-prov-env')).toHaveValue('OPENPROVIDER_PASSWORD');
    await saveSettings(page);
    await go(page, 'Dashboard');
    await syncNow(page);
    await expect(card.getByTestId('sync-last')).toContainText('3 orders');
    await expectNoPassword(page);
  });

  test('Settings → Provider: validation as you type, Test connection with the saved and with a wrong password', async ({ page }) => {
    await page.goto(`${serve.ui}#/settings/provider`);
    const section = page.locator('#s-provider');
    await expect(section.getByRole('heading', { name: 'Provider' })).toBeVisible();
    await expect(section.getByLabel('Sync with the Openprovider API')).toBeChecked();
    await expect(section.getByLabel('API URL')).toHaveValue(fake.url);
    await expect(section.getByLabel('Username')).toHaveValue(USERNAME);
    await expect(section.getByRole('radio', { name: 'Keep the saved password', exact: true })).toBeChecked();
    await expect(section.getByTestId('provider-password-source')).toHaveText('from an environment variable');
    await expectNoPassword(page);

    const result = section.getByTestId('provider-test-result');
    await section.getByRole('button', { name: 'Test connection' }).click();
    await expect(result).toHaveText('✔ Connected: 3 orders');

    await section.getByRole('radio', { name: 'A new password typed here', exact: true }).check();
    const typed = section.locator('#s-prov-value');
    await expect(typed).toHaveAttribute('type', 'password');
    await expect(section.getByTestId('field-error')).toContainText('the password is empty');
    await expect(section.getByRole('button', { name: 'Test connection' })).toBeDisabled();
    await typed.fill(WRONG);
    await section.getByRole('button', { name: 'Test connection' }).click();
    await expect(result).toContainText('✘');
    await expect(result).not.toContainText('Connected');

    await section.getByLabel('Username').fill('');
    await expect(section.getByTestId('field-error')).toContainText('the API username is empty');
    await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeDisabled();
    await section.getByLabel('Username').fill(USERNAME);
    await section.getByLabel('API URL').fill('not a url');
    await expect(section.getByTestId('field-error')).toContainText('apiUrl must be an http(s) URL');
    await section.getByLabel('API URL').fill(fake.url);
    await section.getByLabel('Sync every (minutes)').fill('0');
    await expect(section.getByTestId('field-error')).toBeVisible();
    await section.getByLabel('Sync every (minutes)').fill('60');
    await section.getByRole('radio', { name: 'From an environment variable', exact: true }).check();
    await section.locator('#s-prov-env').fill('1BAD');
    await expect(section.getByTestId('field-error')).toContainText('expected an environment variable name');
    await section.locator('#s-prov-env').fill('OPENPROVIDER_PASSWORD');
    await expect(section.getByTestId('field-error')).toHaveCount(0);
    await section.getByRole('button', { name: 'Test connection' }).click();
    await expect(result).toHaveText('✔ Connected: 3 orders');
    await page.getByRole('button', { name: 'Discard changes' }).click();
    await expectNoPassword(page);
  });
});

test.describe('without a provider', () => {
  let dir: string;
  let serve: ServeUi;

  test.beforeAll(async () => {
    dir = tempDataDir({});
    serve = await startServeUi(dir);
  });

  test.afterAll(async () => {
    await serve?.stop();
    if (dir) removeDir(dir);
  });

  test('the dashboard says what the sync does and links to Settings → Provider, where it is switched on', async ({ page }) => {
    await openDashboard(page, serve.ui);
    const card = page.getByTestId('sync-card');
    await expect(card.getByTestId('sync-not-configured')).toContainText('Not configured');
    await expect(card.getByRole('button', { name: 'Sync now' })).toHaveCount(0);
    await card.getByRole('link', { name: 'Settings → Provider' }).click();
    const section = page.locator('#s-provider');
    await expect(section).toBeFocused();
    await expect(section.getByLabel('Username')).toHaveCount(0);
    await section.getByLabel('Sync with the Openprovider API').check();
    await expect(section.getByLabel('API URL')).toHaveValue('https://api.openprovider.eu');
    await expect(section.getByTestId('field-error')).toContainText('the API username is empty');
    await expect(section.getByRole('radio', { name: 'From an environment variable', exact: true })).toBeChecked();
    await expect(section.getByRole('radio', { name: 'Keep the saved password', exact: true })).toHaveCount(0);
  });
});
