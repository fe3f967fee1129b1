/**
 * Accessibility and identity in real Chromium against a real `certbell serve`: axe finds no serious or
 * critical violation in any view, light and dark; a fresh data directory's empty views say what to do
 * next; the hooks editor opens on an example hook; every view has its own document title; the app
 * icon is the favicon and sits in the sidebar.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { removeDir, runCertbell, tempDataDir } from '../helpers/certbell-process.ts';
import { startServeUi, type ServeUi } from '../helpers/serve-ui.ts';

const SECRET = 'a11y-secret-0123456789';

test.describe.configure({ mode: 'serial' });

/** Opens a hash route (`#/deliveries/1`) and waits until the view is live and settled. */
async function openRoute(page: Page, serve: ServeUi, hash: string): Promise<void> {
  await page.goto(serve.ui);
  await expect(page.getByText('Live', { exact: true })).toBeVisible();
  await page.evaluate((h) => { window.location.hash = h; }, hash);
  await expect(page.locator('main h1').first()).toBeVisible();
  await expect(page.getByText(/^Loading/)).toHaveCount(0);
}

/** axe's serious and critical findings, one line each with the offending nodes, for the failure message. */
async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')} — ${n.failureSummary?.replace(/\n/g, ' ')}`).join('\n')}`);
}

test.describe('seeded store', () => {
  let dir: string;
  let serve: ServeUi;

  test.beforeAll(async () => {
    // No deployment check: the sample certificates' hosts are not ours to connect to.
    dir = tempDataDir({ secrets: [{ label: 'a11y', value: SECRET }], deployment: { enabled: false },
      hooks: [{ name: 'note', stage: 'post', command: ['sh', '-c', 'echo noted'] }] });
    serve = await startServeUi(dir);
    for (const [cn, event] of [['shop.example.com', 'ssl_panel.issued'], ['mail.example.com', 'ssl_panel.will_expire_in_30_days'],
      ['api.example.com', 'ssl_panel.renew_failed']]) {
      const sent = await runCertbell(['send', '--url', serve.webhook, '--secret', SECRET, '--common-name', cn, '--event', event, '--data-dir', dir]);
      expect(sent.code, sent.stderr).toBe(0);
    }
  });

  test.afterAll(async () => {
    await serve?.stop();
    if (dir) removeDir(dir);
  });

  /** Every view, and the states that show more of it: a delivery with its folded parts open and its editor, a list with no match. */
  const VIEWS: [string, string, ((page: Page) => Promise<void>)?][] = [
    ['dashboard', '#/dashboard'], ['deliveries', '#/deliveries'], ['a delivery', '#/deliveries/1'],
    ['a delivery, opened up', '#/deliveries/2', async (page) => {
      await page.locator('main details').evaluateAll((all) => all.forEach((d) => { (d as HTMLDetailsElement).open = true; }));
      await page.getByRole('button', { name: 'Edit and replay' }).click();
      await expect(page.getByRole('region', { name: 'Edit and replay' })).toBeVisible();
    }],
    ['deliveries, no match', '#/deliveries?search=no-such-name'], ['certificates', '#/certificates'],
    ['a certificate', 'certificate'], ['notifications', '#/notifications'], ['hooks', '#/hooks'],
    ['hooks, import open', '#/hooks', async (page) => { await page.getByText('Import JSON', { exact: true }).click(); }],
    ['settings', '#/settings'],
  ];

  for (const scheme of ['light', 'dark'] as const) {
    test(`axe finds no serious or critical violation in any view (${scheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      const certificates = await runCertbell(['certificates', '--json', '--data-dir', dir]);
      const certId = (JSON.parse(certificates.stdout) as { id: string }[])[0]?.id ?? 'missing';
      const found: string[] = [];
      for (const [name, hash, prepare] of VIEWS) {
        await openRoute(page, serve, hash === 'certificate' ? `#/certificates/${encodeURIComponent(certId)}` : hash);
        await prepare?.(page);
        found.push(...(await seriousViolations(page)).map((v) => `[${name}, ${scheme}] ${v}`));
      }
      expect(found, found.join('\n')).toEqual([]);
    });
  }

  test('every view has its own document title', async ({ page }) => {
    for (const [label, hash] of [['Dashboard', '#/dashboard'], ['Deliveries', '#/deliveries'], ['Certificates', '#/certificates'],
      ['Notifications', '#/notifications'], ['Hooks', '#/hooks'], ['Settings', '#/settings']]) {
      await openRoute(page, serve, hash);
      await expect(page).toHaveTitle(`${label} — Certbell`);
    }
  });

  test('the app icon is the favicon and sits in the sidebar', async ({ page }) => {
    await openRoute(page, serve, '#/dashboard');
    const favicon = await page.locator('link[rel="icon"]').getAttribute('href');
    expect(favicon).toBeTruthy();
    const icon = await page.request.get(new URL(favicon!, page.url()).href);
    expect(icon.status()).toBe(200);
    expect(await icon.text()).toContain('<svg');
    const logo = page.getByRole('navigation', { name: 'Main' }).locator('.brand img');
    await expect(logo).toBeVisible();
    expect(await logo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  });
});

test.describe('fresh data directory', () => {
  let dir: string;
  let serve: ServeUi;

  test.beforeAll(async () => {
    dir = tempDataDir();
    serve = await startServeUi(dir);
  });

  test.afterAll(async () => {
    await serve?.stop();
    if (dir) removeDir(dir);
  });

  test('every empty view names its next action', async ({ page }) => {
    await openRoute(page, serve, '#/deliveries');
    const deliveries = page.getByTestId('deliveries-empty');
    await expect(deliveries).toContainText('No deliveries yet');
    await expect(deliveries.getByRole('link', { name: 'Set a secret' })).toHaveAttribute('href', '#/settings/secrets');
    // Its last step is a button that does it: the test delivery then fills the list.
    await deliveries.getByRole('button', { name: 'Send a test delivery' }).click();
    await expect(page.getByTestId('delivery-row')).toHaveCount(1);

    await openRoute(page, serve, '#/certificates');
    const certificates = page.locator('.empty', { hasText: 'No certificates yet' });
    await expect(certificates.getByRole('link', { name: /Provider/ })).toBeVisible();

    await openRoute(page, serve, '#/notifications');
    const notifications = page.getByTestId('notifications-empty').getByRole('link', { name: /Send test notification/ });
    await expect(notifications).toHaveAttribute('href', '#/settings/notify');

    await openRoute(page, serve, '#/settings/secrets');
    await expect(page.getByTestId('secrets-empty')).toContainText('Add secret');
    await expect(page.getByRole('button', { name: 'Add secret' })).toBeVisible();

    await openRoute(page, serve, '#/certificates/no-such-cert');
    await expect(page.getByTestId('certificate-not-in-inventory').getByRole('link', { name: 'See all certificates' })).toBeVisible();
  });

  test('the hooks editor opens on a ready-to-edit example hook', async ({ page }) => {
    await openRoute(page, serve, '#/hooks');
    await expect(page.getByTestId('hook-example-notice')).toContainText('No hooks yet.');
    await expect(page.getByTestId('hook-item')).toHaveCount(1);
    const form = page.locator('form.hook-form');
    await expect(form.getByLabel('Name', { exact: true })).toHaveValue('log-issued');
    await expect(form.getByLabel('Program (argument 0)')).toHaveValue('sh');
    // Ready to save as it is, and nothing is saved until then.
    await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeEnabled();
    const hooks = await runCertbell(['hooks', '--json', '--data-dir', dir]);
    if (hooks.code === 0) expect(JSON.parse(hooks.stdout)).toEqual([]);
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`axe finds no serious or critical violation in the empty views (${scheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      const found: string[] = [];
      for (const hash of ['#/dashboard', '#/deliveries', '#/certificates', '#/notifications', '#/hooks', '#/settings']) {
        await openRoute(page, serve, hash);
        found.push(...(await seriousViolations(page)).map((v) => `[${hash}, ${scheme}] ${v}`));
      }
      expect(found, found.join('\n')).toEqual([]);
    });
  }
});
