/** Who may reach the web UI, seen from a browser and a raw client: no token, a foreign Host, a cross-site Origin. */
import { expect, test } from '@playwright/test';
import { request } from 'node:http';
import { removeDir, tempDataDir } from '../helpers/certbell-process.ts';
import { startServeUi, type ServeUi } from '../helpers/serve-ui.ts';

let dir: string;
let serve: ServeUi;

test.beforeAll(async () => {
  dir = tempDataDir({ secrets: [{ label: 'guard', value: 'guard-secret-0123456789' }] });
  serve = await startServeUi(dir);
});

test.afterAll(async () => {
  await serve?.stop();
  if (dir) removeDir(dir);
});

function rawPost(path: string, headers: Record<string, string>): Promise<number> {
  const url = new URL(path, serve.ui);
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end('{}');
  });
}

test('without the token, from a foreign Host or a cross-site Origin the host refuses', async ({ page }) => {
  const token = new URL(serve.ui).searchParams.get('token')!;
  const base = new URL('/', serve.ui).toString();
  const opened = await page.goto(base);
  expect(opened?.status()).toBe(401);
  await page.screenshot({ path: 'test-results/e2e-no-token.png' });
  expect((await page.request.post(`${base}api/status`, { data: {} })).status()).toBe(401);
  const auth = { Authorization: `Bearer ${token}` };
  expect(await rawPost('/api/status', auth)).toBe(200);
  expect(await rawPost('/api/status', { ...auth, Host: 'evil.example:80' })).toBe(421);
  expect(await rawPost('/api/status', { ...auth, Origin: 'https://evil.example' })).toBe(403);
  // With the token the page loads, and the URL no longer shows it.
  await page.goto(serve.ui);
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  expect(page.url()).not.toContain('token=');
});

test('the token redirect keeps the browser on the UI\'s own origin, whatever the path looks like', async ({ page }) => {
  // Chromium removes dot segments before sending; the raw request targets are in test/integration/web-host.test.ts.
  const token = new URL(serve.ui).searchParams.get('token')!;
  const origin = new URL(serve.ui).origin;
  for (const path of ['/.//evil.example', '//evil.example', '/\\evil.example', '/%2F%2Fevil.example', '/%5Cevil.example']) {
    await page.goto(`${origin}${path}?token=${token}`);
    expect(new URL(page.url()).origin, path).toBe(origin);
    expect(page.url(), path).not.toContain('token=');
  }
});
