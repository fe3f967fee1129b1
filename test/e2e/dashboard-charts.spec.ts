/**
 * The dashboard's charts and first-run card in real Chromium against a real `certbell serve`: the
 * deliveries chart counts what the store holds (the same numbers `certbell deliveries --json`
 * lists for each hour), a bar opens the list filtered to its hour, the expiry timeline places
 * certificates and a point opens one, and the Get started card ticks off each step as it happens.
 */
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { openDatabaseSync } from '../../electron/core/store/database.ts';
import { removeDir, runCertbell, tempDataDir } from '../helpers/certbell-process.ts';
import { post, signedDelivery } from '../helpers/http.ts';
import { startServeUi, type ServeUi } from '../helpers/serve-ui.ts';

const SECRET = 'charts-secret-0123456789';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const OUTCOMES = ['accepted', 'duplicate', 'rejected', 'aborted'] as const;
type Outcome = (typeof OUTCOMES)[number];

/** Deliveries stored some hours ago (hours back, outcome, how many), written to the store before serve starts. */
const PAST: readonly [hoursAgo: number, outcome: Outcome, count: number][] = [
  [3, 'accepted', 4], [3, 'rejected', 2], [7, 'accepted', 1], [7, 'duplicate', 3], [7, 'aborted', 1], [30, 'rejected', 5],
];

function seedPast(dir: string, now: number): void {
  const db = openDatabaseSync(join(dir, 'certbell.db'));
  const insert = db.prepare(`INSERT INTO deliveries (delivery_id, attempt, received_at, method, path, headers, body_size,
    status, outcome, response, signature, event, common_name) VALUES (?, 1, ?, 'POST', '/webhook', '[]', 0, ?, ?, '', ?, 'ssl_panel.issued', ?)`);
  let n = 0;
  for (const [hoursAgo, outcome, count] of PAST) {
    // Inside that hour, away from its edges.
    const hourStart = Math.floor((now - hoursAgo * HOUR) / HOUR) * HOUR;
    for (let i = 0; i < count; i++) {
      insert.run(`past-${n++}`, hourStart + 60_000 * (i + 5), outcome === 'rejected' ? 401 : 200, outcome,
        outcome === 'rejected' ? 'invalid' : 'valid', `past${hoursAgo}.example`);
    }
  }
  db.close();
}

/** A signed ssl_panel.issued for a certificate that expires `days` from now. */
async function sendCertificate(webhook: string, id: string, commonName: string, days: number): Promise<void> {
  const { body, headers } = signedDelivery(SECRET, { deliveryId: `dlv-${id}`, data: { id: `order-${id}`, status: 'open',
    certificate: { id, commonName, status: 'active', operation: 'none', expireAt: new Date(Date.now() + days * DAY).toISOString() } } });
  const reply = await post(webhook, body, headers);
  expect(reply.status, reply.body).toBe(200);
}

async function cliCounts(dir: string, since: string, until: string): Promise<Record<Outcome, number>> {
  const result = await runCertbell(['deliveries', '--json', '--since', since, '--until', until, '--limit', '10000', '--data-dir', dir]);
  expect(result.code, result.stderr).toBe(0);
  const counts = { accepted: 0, duplicate: 0, rejected: 0, aborted: 0 };
  for (const row of JSON.parse(result.stdout) as { outcome: Outcome }[]) counts[row.outcome]++;
  return counts;
}

/** The chart's accessible table: one row per busy hour, its start and counts. */
async function chartRows(page: Page): Promise<{ start: string; counts: Record<Outcome, number> }[]> {
  return page.getByTestId('deliveries-chart-table').locator('tbody tr').evaluateAll((rows) => rows.map((row) => ({
    start: row.getAttribute('data-start')!,
    counts: Object.fromEntries([...row.querySelectorAll('td[data-outcome]')].map((td) => [td.getAttribute('data-outcome'), Number(td.textContent)])),
  }))) as Promise<{ start: string; counts: Record<Outcome, number> }[]>;
}

async function clickAt(chart: Locator, x: number, y: number): Promise<void> {
  await chart.locator('.u-over').click({ position: { x, y } });
}

test.describe('charts', () => {
  // The second test counts the delivery the first one sends.
  test.describe.configure({ mode: 'serial' });
  let dir: string;
  let serve: ServeUi;

  test.beforeAll(async () => {
    dir = tempDataDir({ secrets: [{ label: 'charts', value: SECRET }] });
    seedPast(dir, Date.now());
    serve = await startServeUi(dir);
    await sendCertificate(serve.webhook, 'cert-soon', 'soon.example', 5);
    await sendCertificate(serve.webhook, 'cert-month', 'month.example', 25);
    await sendCertificate(serve.webhook, 'cert-later', 'later.example', 70);
    await sendCertificate(serve.webhook, 'cert-gone', 'gone.example', -3);
    await sendCertificate(serve.webhook, 'cert-far', 'far.example', 200);
  });

  test.afterAll(async () => {
    await serve?.stop();
    if (dir) removeDir(dir);
  });

  test('the deliveries chart counts what certbell deliveries --json lists per hour, live, and a bar opens that hour', async ({ page }) => {
    await page.goto(serve.ui);
    const chart = page.getByTestId('deliveries-chart');
    await expect(chart.locator('canvas')).toBeVisible();
    const table = page.getByTestId('deliveries-chart-table');
    await expect(table.locator('tbody tr')).toHaveCount(4);
    const rows = await chartRows(page);
    for (const row of rows) {
      const until = new Date(Date.parse(row.start) + HOUR).toISOString();
      expect(row.counts, row.start).toMatchObject(await cliCounts(dir, row.start, until));
    }
    // The seeded hours, oldest first, and the certificates sent just now (5 accepted) in the current hour.
    expect(rows.map((r) => OUTCOMES.map((o) => r.counts[o]))).toEqual([[0, 0, 5, 0], [1, 3, 0, 1], [4, 0, 2, 0], [5, 0, 0, 0]]);
    await expect(chart.getByTestId('chart-total-accepted')).toHaveText('10');
    await expect(chart.getByTestId('chart-total-rejected')).toHaveText('7');

    // Live: one more delivery shows up in the current hour.
    const sent = await runCertbell(['send', '--url', serve.webhook, '--secret', SECRET, '--common-name', 'live.example', '--data-dir', dir]);
    expect(sent.code, sent.stderr).toBe(0);
    await expect(table.locator('tbody tr').last().locator('td[data-outcome="accepted"]')).toHaveText('6');
    await page.screenshot({ path: 'test-results/e2e-dashboard-charts.png', fullPage: true });

    // Click the bar of the hour 7 hours ago: the list shows exactly its 5 deliveries.
    const seventh = rows[1];
    const bars = JSON.parse((await chart.locator('.uplot').getAttribute('data-bars'))!) as number[];
    const index = bars.length - 1 - (Math.floor(Date.now() / HOUR) - Date.parse(seventh.start) / HOUR);
    const box = (await chart.locator('.u-over').boundingBox())!;
    await clickAt(chart, bars[index], box.height - 4);
    await expect(page).toHaveURL(new RegExp(`#/deliveries\\?from=${encodeURIComponent(seventh.start)}&to=`));
    await expect(page.getByTestId('time-range')).toBeVisible();
    await expect(page.getByTestId('delivery-row')).toHaveCount(5);
    await expect(page.getByText('5 shown', { exact: true })).toBeVisible();
    // Dropping the time filter shows every delivery again.
    await page.getByTestId('time-range').getByRole('button', { name: 'Any time' }).click();
    await expect(page.getByText(/^\d+\+? shown$/)).not.toHaveText('5 shown');

    // Switching to dark makes the charts again in the dark theme's colours, with the same data.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
    await expect(chart.locator('canvas')).toHaveCount(1);
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect(chart.locator('canvas')).toHaveCount(1);
    await expect(table.locator('tbody tr').last().locator('td[data-outcome="accepted"]')).toHaveText('6');
    await page.screenshot({ path: 'test-results/e2e-dashboard-charts-dark.png', fullPage: true });
  });

  test('the expiry timeline places each certificate by its expiry, expired ones at the edge, and a point opens it', async ({ page }) => {
    await page.goto(serve.ui);
    const timeline = page.getByTestId('expiry-timeline');
    await expect(timeline.locator('canvas')).toBeVisible();
    const list = page.getByTestId('expiry-list');
    // Beyond 90 days is counted, not drawn: far.example (and live.example when the test before ran: the sample's far expiry).
    await expect(list.getByRole('link')).toHaveText(['gone.example', 'soon.example', 'month.example', 'later.example']);
    const certs = await page.evaluate(async () => (await fetch('/api/certificates.list', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).json()) as { expireAt: string | null }[];
    const beyond = certs.filter((c) => c.expireAt && Date.parse(c.expireAt) > Date.now() + 90 * DAY).length;
    expect(beyond).toBeGreaterThanOrEqual(1);
    await expect(timeline).toContainText(`${beyond} more ${beyond === 1 ? 'expires' : 'expire'} after 90 days`);
    await expect(timeline).toContainText('warnings at 30, 14, 7, 3, 1 days');
    // Live: a certificate issued now appears in its place.
    await sendCertificate(serve.webhook, 'cert-new', 'new.example', 12);
    await expect(list.getByRole('link')).toHaveText(['gone.example', 'soon.example', 'new.example', 'month.example', 'later.example']);
    await expect(timeline).toContainText('within the warning thresholds 2');
    const points = JSON.parse((await timeline.locator('.uplot').getAttribute('data-points'))!) as { id: string; x: number; y: number }[];
    const x = Object.fromEntries(points.map((p) => [p.id, p.x]));
    expect(x['cert-gone']).toBeLessThan(x['cert-soon']);
    expect(x['cert-soon']).toBeLessThan(x['cert-new']);
    expect(x['cert-new']).toBeLessThan(x['cert-month']);
    expect(x['cert-month']).toBeLessThan(x['cert-later']);
    const month = points.find((p) => p.id === 'cert-month')!;
    await clickAt(timeline, month.x, month.y);
    await expect(page).toHaveURL(/#\/certificates\/cert-month$/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('month.example');
  });
});

test.describe('first run', () => {
  let dir: string;
  let serve: ServeUi;
  const FAKE = join(import.meta.dirname, '../fakes/fake-tunnel.mjs');

  test.beforeAll(async () => {
    dir = tempDataDir({ tunnel: { command: [process.execPath, FAKE, '--to', '{port}'], urlPattern: 'tunnel ready at (http://\\S+)' } });
    serve = await startServeUi(dir);
  });

  test.afterAll(async () => {
    await serve?.stop();
    if (dir) removeDir(dir);
  });

  test('the Get started card ticks off each step as it happens', async ({ page }) => {
    await page.goto(serve.ui);
    const card = page.getByTestId('get-started');
    const step = (id: string) => card.getByTestId(`step-${id}`);
    await expect(card).toBeVisible();
    for (const id of ['secret', 'url', 'test', 'tunnel']) await expect(step(id)).toHaveAttribute('data-done', 'false');
    await expect(card.getByTestId('get-started-url')).toHaveText(serve.webhook);

    // 1. A secret, saved in Settings.
    await step('secret').getByRole('link', { name: 'Settings → Secrets' }).click();
    await page.getByLabel('Label').fill('ssl-panel');
    await page.getByLabel('Value', { exact: true }).fill(SECRET);
    await page.getByRole('button', { name: 'Add secret' }).click();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByText('Saved and applied.')).toBeVisible();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
    await expect(step('secret')).toHaveAttribute('data-done', 'true');
    await expect(step('test')).toHaveAttribute('data-done', 'false');

    // 3. The test delivery button: a signed delivery to the listener, accepted.
    await step('test').getByRole('button', { name: 'Send a test delivery' }).click();
    await expect(card.getByTestId('test-delivery-result')).toContainText('Reachable');
    await expect(step('test')).toHaveAttribute('data-done', 'true');
    await expect(step('url')).toHaveAttribute('data-done', 'false');

    // 2. The provider's first delivery (any not sent by Certbell itself), pushed live.
    const sent = await runCertbell(['send', '--url', serve.webhook, '--secret', SECRET, '--data-dir', dir]);
    expect(sent.code, sent.stderr).toBe(0);
    await expect(step('url')).toHaveAttribute('data-done', 'true');
    await expect(step('tunnel')).toHaveAttribute('data-done', 'false');

    // 4. The tunnel, started from the dashboard's tunnel card.
    await page.getByTestId('tunnel-card').getByRole('button', { name: 'Start tunnel' }).click();
    await expect(step('tunnel')).toHaveAttribute('data-done', 'true');
    await expect(card).toContainText('All set');
    await page.screenshot({ path: 'test-results/e2e-get-started.png', fullPage: true });

    // Everything done: a fresh visit shows no card.
    await page.reload();
    await expect(page.getByTestId('tunnel-card')).toBeVisible();
    await expect(page.getByTestId('expiry-timeline')).toBeVisible();
    await expect(card).toHaveCount(0);
  });
});
