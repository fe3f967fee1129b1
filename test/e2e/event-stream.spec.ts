/**
 * A page whose event stream was lost (the host drops a stream that falls too far behind, a laptop
 * sleeps) misses what was pushed meanwhile: once the stream is back, the views read again.
 */
import { expect, test, type Page } from '@playwright/test';
import { removeDir, runCertbell, tempDataDir } from '../helpers/certbell-process.ts';
import { startServeUi, type ServeUi } from '../helpers/serve-ui.ts';

const SECRET = 'stream-secret-0123456789';
let dir: string;
let serve: ServeUi;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  dir = tempDataDir({ secrets: [{ label: 'stream', value: SECRET }] });
  serve = await startServeUi(dir);
});

test.afterAll(async () => {
  await serve?.stop();
  if (dir) removeDir(dir);
});

/**
 * The first stream opens and ends at once (as a dropped one does); the page's reconnection is held
 * until `whileDown` has run, so what it does is pushed while the page has no stream.
 */
async function loseTheStream(page: Page): Promise<{ reconnect(whileDown: () => Promise<void>): Promise<void> }> {
  let opened = 0;
  let release!: (whileDown: () => Promise<void>) => void;
  const held = new Promise<() => Promise<void>>((resolve) => { release = resolve; });
  let reconnected!: () => void;
  const back = new Promise<void>((resolve) => { reconnected = resolve; });
  await page.route('**/api/events', async (route) => {
    opened++;
    if (opened === 1) {
      return route.fulfill({ status: 200, contentType: 'text/event-stream', body: 'retry: 100\n: connected\n\n' });
    }
    if (opened === 2) {
      await (await held)();
      reconnected();
    }
    return route.continue();
  });
  return { reconnect: async (whileDown) => { release(whileDown); await back; } };
}

async function sendIssued(commonName: string, deliveryId: string): Promise<void> {
  const sent = await runCertbell(['send', '--url', serve.webhook, '--secret', SECRET, '--event', 'ssl_panel.issued',
    '--common-name', commonName, '--delivery-id', deliveryId]);
  expect(sent.code, sent.stderr).toBe(0);
}

test('the dashboard reads again after its event stream comes back', async ({ page }) => {
  const stream = await loseTheStream(page);
  await page.goto(serve.ui);
  const recent = page.getByTestId('recent-activity');
  await expect(recent.getByText('No deliveries yet')).toBeVisible();
  await stream.reconnect(() => sendIssued('while-down.example', 'dlv-down-1'));
  await expect(recent.getByRole('link', { name: 'while-down.example' })).toBeVisible();
  await expect(page.getByText('Live', { exact: true })).toBeVisible();
});

test('the deliveries list reads again after its event stream comes back', async ({ page }) => {
  const stream = await loseTheStream(page);
  await page.goto(serve.ui);
  await page.getByRole('link', { name: 'Deliveries', exact: true }).click();
  const list = page.getByRole('region', { name: 'Delivery list' });
  await expect(list.getByText('while-down.example')).toBeVisible();
  await stream.reconnect(() => sendIssued('also-down.example', 'dlv-down-2'));
  await expect(list.getByText('also-down.example')).toBeVisible();
});
