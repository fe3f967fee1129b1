/**
 * The deployment check (SPEC §12) in real Chromium against real TLS servers on 127.0.0.1 with
 * certificates made by openssl: the badge in the certificate list, the per-target table on the
 * certificate page, Check now with its results shown as they are pushed (the server swaps its
 * certificate: served turns old), the history and the timeline, the dashboard's attention list,
 * and a wildcard without a target fixed in Settings → Deployment.
 */
import { expect, test, type Page } from '@playwright/test';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { removeDir, tempDataDir } from '../helpers/certbell-process.ts';
import { post, signedDelivery } from '../helpers/http.ts';
import { startServeUi, type ServeUi } from '../helpers/serve-ui.ts';
import { closedPort, makeCertificate, startTlsServer, type TestCertificate, type TlsServer } from '../helpers/tls-fixtures.ts';
import { shortFingerprint } from '../../renderer/src/lib/deployment.ts';

const SECRET = 'deployment-e2e-secret';
const NAME = 'shop.example.nl';
const WILDCARD = '*.example.nl';
/** How long the slow target holds a connection before it passes it on: long enough to see "checking…". */
const SLOW_MS = 1500;

let dir: string;
let serve: ServeUi;
let issued: TestCertificate;
let previous: TestCertificate;
let host: TlsServer;
let slow: { target: string; close(): Promise<void> };

/** A TCP relay to `port` that waits before it connects: the same TLS server, reached slowly. */
async function slowRelay(port: number): Promise<{ target: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    setTimeout(() => {
      if (socket.destroyed) return;
      const upstream = connect(port, '127.0.0.1');
      sockets.add(upstream);
      upstream.on('error', () => socket.destroy());
      upstream.on('close', () => { sockets.delete(upstream); socket.destroy(); });
      socket.pipe(upstream).pipe(socket);
    }, SLOW_MS);
  });
  const listening = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
  return {
    target: `127.0.0.1:${listening}`,
    close: () => new Promise((resolve) => { for (const s of sockets) s.destroy(); server.close(() => resolve()); }),
  };
}

async function deliverIssued(certificateId: string, commonName: string, cert: TestCertificate): Promise<void> {
  const { body, headers } = signedDelivery(SECRET, { event: 'ssl_panel.issued', data: { id: `order-${certificateId}`, status: 'ACT',
    certificate: { id: certificateId, commonName, status: 'active', operation: 'none',
      certificates: { main: cert.certPem, intermediate: null, root: null } } } });
  const res = await post(serve.webhook, body, headers);
  expect(res.status, res.body).toBe(200);
}

function rowAt(page: Page, target: string) {
  return page.getByTestId('deployment-row').and(page.locator(`[data-target="${target}"]`));
}

async function openCertificate(page: Page, name: string): Promise<void> {
  await page.goto(serve.ui);
  await page.getByRole('link', { name: 'Certificates', exact: true }).click();
  // The dashboard links the same names: wait for the list before clicking one.
  await expect(page.getByRole('heading', { level: 1, name: 'Certificates' })).toBeVisible();
  await page.getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

test.beforeAll(async () => {
  [issued, previous] = await Promise.all([
    makeCertificate({ commonName: NAME, days: 90 }),
    makeCertificate({ commonName: NAME, days: 20 }),
  ]);
  const wildcard = await makeCertificate({ commonName: WILDCARD, days: 90 });
  host = await startTlsServer(issued);
  slow = await slowRelay(host.port);
  dir = tempDataDir({ secrets: [{ label: 'e2e', value: SECRET }], deployment: { targets: { [NAME]: [host.target, slow.target] }, timeoutMs: 5000 } });
  serve = await startServeUi(dir);
  await deliverIssued('cert-shop', NAME, issued);
  await deliverIssued('cert-wild', WILDCARD, wildcard);
});

test.afterAll(async () => {
  await serve?.stop();
  await slow?.close();
  await host?.close();
  if (dir) removeDir(dir);
});

test('Check now shows each target as served, and the list badges the certificate as deployed', async ({ page }) => {
  await openCertificate(page, NAME);
  const section = page.getByTestId('deployment-section');
  await section.getByRole('button', { name: 'Check now' }).click();
  await expect(section.getByRole('button', { name: 'Checking…' })).toBeDisabled();
  await expect(section.getByRole('button', { name: 'Check now' })).toBeEnabled({ timeout: 15_000 });
  await expect(page.getByTestId('deployment-status')).toHaveText('Checked 2 targets: 2 serve the issued certificate.');
  for (const target of [host.target, slow.target]) {
    const row = rowAt(page, target);
    await expect(row.getByTestId('deployment-badge')).toHaveText('deployed');
    await expect(row).toContainText(NAME);
    await expect(row.locator('code[title]')).toHaveText(shortFingerprint(issued.fingerprint256));
    await expect(row.locator('code[title]')).toHaveAttribute('title', issued.fingerprint256);
    // A self-signed test certificate: recorded, not fatal.
    await expect(row).toContainText(/not verified: \w*SELF_SIGNED/);
    await expect(row).toContainText(await page.evaluate((iso) => new Intl.DateTimeFormat(navigator.language, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(iso)), issued.notAfter));
  }
  await expect(page.getByTestId('certificate-timeline').getByTestId('timeline-deployment').first()).toContainText('deployed');

  await page.getByRole('link', { name: '← Certificates' }).click();
  const shop = page.getByTestId('certificate-row').filter({ hasText: NAME });
  await expect(shop.getByTestId('deployment-badge')).toHaveText('deployed');
  await expect(page.getByTestId('certificate-row').filter({ hasText: WILDCARD }).getByTestId('deployment-badge')).toHaveText('not checked');
  await page.screenshot({ path: 'test-results/e2e-deployment-list.png' });
});

test('the host swaps to another certificate: Check now turns its rows from served to old, live, with history and attention', async ({ page }) => {
  await openCertificate(page, NAME);
  await expect(rowAt(page, host.target).getByTestId('deployment-badge')).toHaveText('deployed');
  host.swap(previous);
  const section = page.getByTestId('deployment-section');
  await section.getByRole('button', { name: 'Check now' }).click();
  // While the slow target holds the handshake, the rows say so.
  await expect(rowAt(page, host.target).getByTestId('deployment-badge')).toHaveText('checking…');
  await expect(page.getByTestId('deployment-status')).toHaveText('checking…');
  for (const target of [host.target, slow.target]) {
    const row = rowAt(page, target);
    await expect(row.getByTestId('deployment-badge')).toHaveText('old certificate served', { timeout: 15_000 });
    await expect(row.locator('code[title]').first()).toHaveAttribute('title', previous.fingerprint256);
    await expect(row).toContainText(`issued: ${shortFingerprint(issued.fingerprint256)}`);
  }
  await expect(page.getByTestId('deployment-status')).toHaveText('Checked 2 targets: 0 serve the issued certificate.');
  // The state change is in the timeline; unchanged repeat checks are not.
  await expect(page.getByTestId('timeline-deployment').first()).toContainText('was deployed');
  await expect(page.locator('dl.summary').getByTestId('deployment-badge')).toHaveText('old certificate served');

  await page.getByRole('button', { name: `History of ${NAME} at ${host.target}` }).click();
  const history = page.getByTestId('deployment-history');
  await expect(history.getByTestId('deployment-history-row').first().getByTestId('deployment-badge')).toHaveText('old certificate served');
  await expect(history.getByTestId('deployment-history-row').last().getByTestId('deployment-badge')).toHaveText('deployed');
  await expect(history.getByTestId('deployment-history-row').first()).toContainText('changed');
  await page.screenshot({ path: 'test-results/e2e-deployment-certificate.png', fullPage: true });

  await page.getByRole('link', { name: 'Dashboard', exact: true }).click();
  await expect(page.getByTestId('needing-attention')).toContainText(`${NAME}: old certificate still served`);
});

test('results pushed by a check started elsewhere update the open page without a reload', async ({ page }) => {
  await openCertificate(page, NAME);
  await expect(rowAt(page, host.target).getByTestId('deployment-badge')).toHaveText('old certificate served');
  host.swap(issued);
  // Another window (or the schedule) checks every certificate: this page only listens.
  const checked = await page.evaluate(async () => {
    const res = await fetch('/api/deployment.check', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    return res.status;
  });
  expect(checked).toBe(200);
  for (const target of [host.target, slow.target]) await expect(rowAt(page, target).getByTestId('deployment-badge')).toHaveText('deployed');
  await expect(page.locator('dl.summary').getByTestId('deployment-badge')).toHaveText('deployed');
});

test('a wildcard without a target is pointed to Settings → Deployment, where a target is added with validation as you type', async ({ page }) => {
  await openCertificate(page, WILDCARD);
  const hint = page.getByTestId('wildcard-without-target');
  await expect(hint).toContainText(`${WILDCARD} has no host to connect to: add a target in Settings → Deployment`);
  await hint.getByRole('link', { name: 'Settings → Deployment' }).click();
  await expect(page).toHaveURL(/#\/settings\/deployment$/);
  const settings = page.locator('#s-deployment');
  await expect(settings).toBeFocused();
  // The deployment notification kind is switched where the other kinds are.
  await expect(page.getByRole('checkbox', { name: /^deployment/ })).toBeChecked();

  await settings.getByRole('button', { name: `Add a target for ${WILDCARD}` }).click();
  const target = settings.getByRole('textbox', { name: `Target 1 of ${WILDCARD}` });
  await expect(target).toBeFocused();
  await target.fill('no-port-here');
  await expect(settings.getByTestId('field-error')).toContainText('a target is "host:port"');
  await expect(page.getByRole('button', { name: 'Save' })).toBeDisabled();
  const port = await closedPort();
  await target.fill(`127.0.0.1:${port}`);
  await expect(settings.getByTestId('field-error')).toHaveCount(0);
  // A name listed twice is caught before saving.
  await settings.getByRole('button', { name: 'Add a certificate name' }).click();
  await settings.getByRole('textbox', { name: 'Certificate name' }).last().fill(NAME.toUpperCase());
  await expect(settings.getByTestId('deployment-target-row').last().getByTestId('field-error').first()).toHaveText('this name is listed above already');
  await settings.screenshot({ path: 'test-results/e2e-deployment-settings.png' });
  await settings.getByRole('button', { name: `Remove ${NAME.toUpperCase()}`, exact: true }).click();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved and applied.' })).toBeVisible();

  await openCertificate(page, WILDCARD);
  await expect(page.getByTestId('wildcard-without-target')).toHaveCount(0);
  await page.getByTestId('deployment-section').getByRole('button', { name: 'Check now' }).click();
  const row = rowAt(page, `127.0.0.1:${port}`);
  await expect(row.getByTestId('deployment-badge')).toHaveText('unreachable', { timeout: 15_000 });
  await expect(row).toContainText(WILDCARD);
  await expect(row.locator('td.danger')).not.toBeEmpty();
});
