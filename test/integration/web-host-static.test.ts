/** The web host serving a built renderer (dist/renderer as `npm run build` will leave it), on a real 127.0.0.1 port. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../electron/core/api/create-api.ts';
import { silentLogger } from '../../electron/core/logger.ts';
import { WebHost } from '../../electron/headless/web-host.ts';
import { removeDir, tempDataDir } from '../helpers/certbell-process.ts';

const TOKEN = 'static-test-token-0123456789abcdef';

const api: Api = {
  call: () => Promise.reject(new Error('not used')),
  dispatch: async (method) => ({ ok: true, result: { method } }),
  subscribe: () => () => {},
};

function get(url: string, method = 'GET', auth = true): Promise<{ status: number; type?: string; csp?: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: auth ? { Authorization: `Bearer ${TOKEN}` } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, type: res.headers['content-type'],
        csp: res.headers['content-security-policy'] as string | undefined, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end();
  });
}

let dir: string;
let host: WebHost;
let base: string;

beforeAll(async () => {
  dir = tempDataDir();
  const root = join(dir, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Certbell</title><script type="module" src="/assets/app.js"></script>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log("app");');
  writeFileSync(join(dir, 'outside.txt'), 'not for the browser');
  host = new WebHost({ api, logger: silentLogger, staticDir: root, token: TOKEN });
  base = `http://127.0.0.1:${await host.listen(0)}`;
});

afterAll(async () => {
  await host?.close();
  if (dir) removeDir(dir);
});

describe('the built renderer', () => {
  it('serves index.html and assets with the strict CSP', async () => {
    const page = await get(`${base}/`);
    expect(page).toMatchObject({ status: 200, type: 'text/html; charset=utf-8' });
    expect(page.body).toContain('<title>Certbell</title>');
    expect(page.csp).toContain("script-src 'self'");
    expect(await get(`${base}/assets/app.js`)).toMatchObject({ status: 200, type: 'text/javascript; charset=utf-8' });
    expect((await get(`${base}/assets/app.js`, 'HEAD')).body).toBe('');
  });

  it('answers client-side routes with index.html, and missing assets with 404', async () => {
    expect((await get(`${base}/deliveries/42`)).body).toContain('<title>Certbell</title>');
    expect((await get(`${base}/assets/missing.js`)).status).toBe(404);
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const path of ['/..%2foutside.txt', '/%2e%2e/outside.txt', '/assets/..%2f..%2foutside.txt']) {
      const reply = await get(`${base}${path}`);
      expect(reply.body, path).not.toContain('not for the browser');
    }
  });

  it('serves nothing without the token', async () => {
    expect((await get(`${base}/assets/app.js`, 'GET', false)).status).toBe(401);
  });

  it('closes with an event stream still open', async () => {
    const other = new WebHost({ api, logger: silentLogger, staticDir: null, token: TOKEN, heartbeatMs: 10 });
    const port = await other.listen(0);
    const opened = new Promise<string>((resolve) => {
      request(`http://127.0.0.1:${port}/api/events`, { headers: { Authorization: `Bearer ${TOKEN}` } }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => { text += c.toString(); if (text.includes(': heartbeat')) resolve(text); });
      }).end();
    });
    expect(await opened).toContain(': connected');
    await other.close();
  });
});
