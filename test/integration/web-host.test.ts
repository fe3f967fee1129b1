/** The headless web host against a real `certbell serve --ui-port 0`: the bridge over HTTP, and who may reach it. */
import { createServer, request } from 'node:http';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, runCertbell, tempDataDir } from '../helpers/certbell-process.ts';
import { startServeUi, type ServeUi } from '../helpers/serve-ui.ts';

const SECRET = 'web-host-secret-value-1';
const ENV_SECRET = 'value-from-the-environment-2';

interface Reply { status: number; headers: Record<string, string | string[] | undefined>; body: string }

function http(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

let dataDir: string;
let served: ServeUi;
let base: string;
let token: string;
let port: number;

function call(method: string, params?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  return http(`${base}api/${method}`, { method: 'POST', body: params === undefined ? '' : JSON.stringify(params),
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...headers } });
}

async function result(method: string, params?: unknown): Promise<unknown> {
  const reply = await call(method, params);
  expect(reply.status, reply.body).toBe(200);
  return JSON.parse(reply.body);
}

async function cliJson(...args: string[]): Promise<unknown> {
  const run = await runCertbell([...args, '--json', '--data-dir', dataDir], { WEB_SECRET: ENV_SECRET });
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout);
}

function send(...args: string[]) {
  return runCertbell(['send', '--url', served.webhook, '--secret', SECRET, ...args]);
}

beforeAll(async () => {
  dataDir = tempDataDir({
    listener: { port: 0 },
    secrets: [{ label: 'main', value: SECRET }, { label: 'from-env', env: 'WEB_SECRET' }],
    hooks: [{ name: 'say-hello', stage: 'post', command: ['sh', '-c', 'echo hello'] }],
  });
  served = await startServeUi(dataDir, { WEB_SECRET: ENV_SECRET });
  const printed = new URL(served.ui);
  token = printed.searchParams.get('token')!;
  port = Number(printed.port);
  base = `http://127.0.0.1:${port}/`;
  expect((await send('--event', 'ssl_panel.issued', '--common-name', 'alpha.example', '--delivery-id', 'dlv-alpha')).code).toBe(0);
  expect((await send('--event', 'ssl_panel.expired', '--common-name', 'beta.example', '--delivery-id', 'dlv-beta')).code).toBe(0);
  const bad = await runCertbell(['send', '--url', served.webhook, '--secret', 'wrong-secret', '--delivery-id', 'dlv-bad']);
  expect(bad.code).toBe(1);
}, 30_000);

afterAll(async () => {
  await served?.stop();
  if (dataDir) removeDir(dataDir);
});

describe('the ready line and the binding', () => {
  it('prints the UI URL with a random token, on 127.0.0.1 and not on the webhook port', () => {
    expect(served.ui).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}$/);
    expect(port).not.toBe(Number(new URL(served.webhook).port));
  });

  it('answers nothing of the bridge on the webhook port', async () => {
    const reply = await http(`${new URL(served.webhook).origin}/api/status`, { method: 'POST', body: '{}',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' } });
    expect(reply.status).not.toBe(200);
    expect(reply.body).not.toContain('webhookUrl');
  });

  it('says clearly when the UI port is in use, and exits 1', async () => {
    const blocker = createServer();
    await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', done));
    const taken = (blocker.address() as AddressInfo).port;
    const other = tempDataDir({ listener: { port: 0 } });
    try {
      const run = await runCertbell(['serve', '--ui-port', String(taken), '--data-dir', other]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`the UI port ${taken} on 127.0.0.1 is in use`);
      expect(run.stdout).not.toContain('certbell ready');
    } finally {
      blocker.close();
      removeDir(other);
    }
  });

  it('is not reachable on another address of this machine', async () => {
    const outcome = await http(`http://127.0.0.2:${port}/`).then((r) => r.status, (e: NodeJS.ErrnoException) => e.code);
    expect(outcome).toBe('ECONNREFUSED');
  });
});

describe('the bridge over HTTP returns what the CLI shows', () => {
  it('deliveries.list, filtered and searched', async () => {
    expect(await result('deliveries.list', { limit: 50 })).toEqual(await cliJson('deliveries'));
    expect(await result('deliveries.list', { outcome: 'rejected' })).toEqual(await cliJson('deliveries', '--outcome', 'rejected'));
    const found = await result('deliveries.list', { search: 'ALPHA' }) as { deliveryId: string }[];
    expect(found.map((d) => d.deliveryId)).toEqual(['dlv-alpha']);
    const byId = await result('deliveries.list', { search: 'beta', signature: 'valid' }) as { deliveryId: string }[];
    expect(byId.map((d) => d.deliveryId)).toEqual(['dlv-beta']);
    const all = await result('deliveries.list') as { id: number }[];
    expect(await result('deliveries.list', { beforeId: all[0].id, limit: 1 })).toEqual([all[1]]);
  });

  it('deliveries.get and deliveries.raw', async () => {
    expect(await result('deliveries.get', { id: 'dlv-alpha' })).toEqual(await cliJson('delivery', 'dlv-alpha'));
    const raw = await result('deliveries.raw', { id: 'dlv-alpha' }) as { base64: string };
    const cli = await runCertbell(['delivery', 'dlv-alpha', '--raw', '--data-dir', dataDir]);
    expect(Buffer.from(raw.base64, 'base64').equals(cli.stdoutBytes)).toBe(true);
    expect((await call('deliveries.get', { id: 'no-such-delivery' })).status).toBe(404);
  });

  it('certificates, notifications, hooks and status', async () => {
    expect(await result('certificates.list')).toEqual(await cliJson('certificates'));
    expect(await result('notifications.list', { limit: 10 })).toEqual(await cliJson('notifications', '--limit', '10'));
    expect(await result('hooks.list')).toEqual(await cliJson('hooks', 'list'));
    const status = await result('status') as Record<string, unknown>;
    expect(status).toMatchObject({ webhookUrl: served.webhook, dataDir,
      listener: { host: '127.0.0.1', port: Number(new URL(served.webhook).port), path: '/webhook' } });
    expect(status.counts).toMatchObject({ accepted: 2, rejected: 1 });
    expect(typeof status.notifier).toBe('string'); // 'none' without a desktop notifier: the settings page says so
  });

  it('deliveries.replay stores a new attempt, as certbell replay does', async () => {
    const replayed = await result('deliveries.replay', { id: 'dlv-alpha' }) as { attempt: number; outcome: string; hookRuns: { stdout: string }[] };
    expect(replayed).toMatchObject({ attempt: 2, outcome: 'accepted' });
    expect(replayed.hookRuns[0].stdout).toBe('hello\n');
    expect(await result('deliveries.get', { id: 'dlv-alpha' })).toEqual(replayed);
  });

  it('settings.get never carries a secret value or an env variable', async () => {
    const reply = await call('settings.get');
    expect(reply.status).toBe(200);
    for (const hidden of [SECRET, ENV_SECRET, 'WEB_SECRET']) expect(reply.body).not.toContain(hidden);
    const settings = JSON.parse(reply.body) as { secrets: unknown[]; listener: { path: string } };
    expect(settings.secrets).toEqual([{ label: 'main', kind: 'value', masked: '********' },
      { label: 'from-env', kind: 'env', masked: '********' }]);
    expect(settings.listener.path).toBe('/webhook');
  });

  it('settings.validate reports errors with JSON paths', async () => {
    expect(await result('settings.validate', { config: { listener: { port: 7413 } } })).toEqual({ valid: true, errors: [] });
    const bad = await result('settings.validate', { config: { listener: { prot: 1 }, secrets: [{ label: 'x' }] } }) as { valid: boolean; errors: { path: string }[] };
    expect(bad.valid).toBe(false);
    expect(bad.errors.map((e) => e.path)).toEqual(expect.arrayContaining(['listener.prot', 'secrets[0]']));
  });

  it('invalid params are a 400 with a message; an unknown method a 404', async () => {
    const reply = await call('deliveries.list', { limit: 10_000 });
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body).error).toMatch(/limit/);
    expect((await call('deliveries.get', { id: 5 })).status).toBe(400);
    expect((await call('nope.nothing')).status).toBe(404);
    const notJson = await http(`${base}api/status`, { method: 'POST', body: '{', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' } });
    expect(notJson.status).toBe(400);
  });
});

describe('who may reach it', () => {
  it('refuses everything without the token', async () => {
    for (const path of ['', 'api/events', 'anything']) expect((await http(`${base}${path}`)).status).toBe(401);
    expect((await call('status', {}, { Authorization: 'Bearer wrong' })).status).toBe(401);
    const noToken = await http(`${base}api/deliveries.list`, { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' } });
    expect(noToken.status).toBe(401);
    expect(noToken.body).not.toContain('dlv-alpha');
  });

  it('refuses a foreign Host (DNS rebinding) and a cross-site Origin', async () => {
    const rebound = await call('status', {}, { Host: `evil.example:${port}` });
    expect([403, 421]).toContain(rebound.status);
    expect(rebound.body).not.toContain('webhookUrl');
    const crossSite = await call('status', {}, { Origin: 'http://evil.example' });
    expect(crossSite.status).toBe(403);
    expect((await call('status', {}, { Origin: `http://localhost:${port}`, Host: `localhost:${port}` })).status).toBe(200);
  });

  it('needs POST with JSON for calls', async () => {
    expect((await http(`${base}api/status`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(405);
    expect((await call('status', {}, { 'Content-Type': 'text/plain' })).status).toBe(415);
  });

  it('trades ?token= for an HttpOnly cookie that then works alone', async () => {
    const opened = await http(`${base}?token=${token}`);
    expect(opened.status).toBe(303);
    expect(opened.headers.location).toBe('/');
    const cookie = (opened.headers['set-cookie'] as string[])[0];
    // Named after the UI port: another instance on 127.0.0.1 keeps its own cookie.
    expect(cookie).toMatch(new RegExp(`^certbell_token_${port}=[^;]+; HttpOnly; SameSite=Strict; Path=/$`));
    const otherName = cookie.split(';')[0].replace(`certbell_token_${port}=`, `certbell_token_${port + 1}=`);
    expect((await http(base, { headers: { Cookie: otherName } })).status).toBe(401);
    const page = await http(base, { headers: { Cookie: cookie.split(';')[0] } });
    expect(page.status).toBe(200);
    // The renderer once `npm run build` has run (dist/renderer), a page saying how to build it before.
    const built = existsSync(resolve(import.meta.dirname, '../../dist/renderer/index.html'));
    expect(page.headers['content-type']).toMatch(built ? /^text\/html/ : /^text\/plain/);
    expect(page.body).toContain(built ? '<div id="root">' : 'has not been built');
    expect(page.headers['content-security-policy']).toBe("default-src 'self'; script-src 'self'; style-src 'self'; "
      + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    const api = await call('status', {}, { Authorization: '', Cookie: cookie.split(';')[0] });
    expect(api.status).toBe(200);
    expect(api.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'cache-control': 'no-store' });
    expect((await http(`${base}?token=wrong`)).status).toBe(401);
  });
});

describe('redirects of the UI host', () => {
  /** A GET with the request target exactly as given (no URL normalising on this side). */
  function rawGet(target: string): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: target, method: 'GET' }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: '' }));
      });
      req.on('error', reject);
      req.end();
    });
  }

  it('stay on the UI\'s own origin whatever the path looks like', async () => {
    for (const target of ['/.//evil.com', '//evil.com', '/\\evil.com', '/%2F%2Fevil.com', '/%5Cevil.com', '/./\\/evil.com']) {
      const answer = await rawGet(`${target}?token=${token}`);
      expect(answer.status, target).toBe(303);
      const location = answer.headers.location as string;
      expect(location, target).toMatch(/^\/(?![/\\])/);
      expect(new URL(location, base).origin, target).toBe(new URL(base).origin);
    }
  });
});

describe('pushed events', () => {
  it('streams delivery, certificate and notification events over SSE as a delivery arrives', async () => {
    type Frame = { event: string; data: Record<string, unknown> };
    const received = new Promise<Frame[]>((resolve, reject) => {
      const req = request(`${base}api/events`, { headers: { Authorization: `Bearer ${token}` } }, (res) => {
        expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
        let text = '';
        res.on('data', (c: Buffer) => {
          text += c.toString();
          if (text.includes(': connected') && !text.includes('event:')) {
            void send('--event', 'ssl_panel.issued', '--delivery-id', 'dlv-live', '--common-name', 'live.example');
          }
          const frames = text.split('\n\n').filter((f) => f.startsWith('event: ')).map((f) => ({
            event: f.split('\n')[0].slice('event: '.length),
            data: JSON.parse(f.split('\n').find((l) => l.startsWith('data: '))!.slice(6)) as Record<string, unknown>,
          }));
          if (['delivery', 'certificate', 'notification'].every((e) => frames.some((f) => f.event === e))) {
            resolve(frames);
            req.destroy();
          }
        });
      });
      req.on('error', (e: NodeJS.ErrnoException) => { if (e.code !== 'ECONNRESET') reject(e); });
      req.end();
    });
    const frames = await received;
    expect(frames.find((f) => f.event === 'delivery')!.data).toMatchObject({ deliveryId: 'dlv-live', outcome: 'accepted' });
    expect(frames.find((f) => f.event === 'certificate')!.data).toMatchObject({ commonName: 'live.example' });
    expect(frames.find((f) => f.event === 'notification')!.data).toMatchObject({ deliveryId: 'dlv-live' });
  });
});
