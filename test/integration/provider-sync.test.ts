/**
 * Provider sync (SPEC §13) in a running core against the fake Openprovider API (a real HTTP
 * server on 127.0.0.1): the start-up sync, token reuse and re-login, maintenance and network
 * errors with their backoff, a delivery taking over an entry known only from the API, a delivery
 * arriving during a sync, and an issued certificate from the API feeding the deployment check.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/create-core.ts';
import { silentLogger } from '../../electron/core/logger.ts';
import { RecordingNotifier } from '../helpers/recording-notifier.ts';
import { startFakeOpenprovider, type FakeApi, type FakeOrder } from '../fakes/openprovider-api.ts';
import { removeDir, tempDataDir } from '../helpers/certbell-process.ts';
import { post, signedDelivery } from '../helpers/http.ts';
import { until } from '../helpers/polling.ts';
import { makeCertificate, startTlsServer } from '../helpers/tls-fixtures.ts';

const SECRET = 'sync-secret';
const ACCOUNT = { username: 'me', password: 'pw-sync-integration-9d2e' };
const DAY = 86_400_000;


const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => { for (const c of cleanups.splice(0).reverse()) await c(); });

interface Setup { core: Core; api: FakeApi; notifier: RecordingNotifier; dir: string }

async function setup(orders: FakeOrder[], config: Record<string, unknown> = {}): Promise<Setup> {
  const api = await startFakeOpenprovider(ACCOUNT, orders);
  cleanups.push(() => api.close());
  const dir = tempDataDir({ secrets: [{ label: 'k', value: SECRET }],
    provider: { kind: 'openprovider', apiUrl: api.url, username: ACCOUNT.username, password: { env: 'OP_PASSWORD' }, timeoutMs: 500 },
    ...config });
  const notifier = new RecordingNotifier();
  const core = await createCore({ dataDir: dir, logger: silentLogger, port: 0, notifier,
    configOptions: { env: { ...process.env, OP_PASSWORD: ACCOUNT.password } },
    sync: { tickMs: 50, backoffMs: 200, maintenanceRetryMs: 300 }, deployment: { afterIssuedMs: 60_000 } });
  cleanups.push(async () => { await core.stop(); removeDir(dir); });
  return { core, api, notifier, dir };
}

const firstRunDone = (core: Core) => until('the first sync', () => { const s = core.services.sync.status(); return s.lastRun !== null && !s.running; }, 5000);

async function deliver(core: Core, data: Record<string, unknown>, event = 'ssl_panel.issued'): Promise<void> {
  const { body, headers } = signedDelivery(SECRET, { deliveryId: `d-${Math.random().toString(36).slice(2)}`, event, data });
  const res = await post(core.webhookUrl(), body, headers);
  expect(res.status, res.body).toBe(200);
}

describe('provider sync in the running core', () => {
  it('syncs at start: every order in the inventory, one notification for what needs attention', async () => {
    const { core, notifier } = await setup([
      { id: 1, status: 'ACT', common_name: 'fine.example.nl', expiration_date: new Date(Date.now() + 200 * DAY).toISOString() },
      { id: 2, status: 'ACT', common_name: 'soon.example.nl', expiration_date: new Date(Date.now() + 3 * DAY).toISOString() },
      { id: 3, status: 'FAI', common_name: 'broken.example.nl' },
      { id: 4, status: 'REQ', common_name: 'asked.example.nl' },
    ]);
    await firstRunDone(core);
    const status = core.services.sync.status();
    expect(status).toMatchObject({ configured: true, provider: 'openprovider', username: 'me', lastError: null, failures: 0 });
    expect(status.lastRun).toMatchObject({ ok: true, orders: 4, first: true, trigger: 'start' });
    expect(Date.parse(status.nextRunAt!) - Date.now()).toBeGreaterThan(55 * 60_000);
    const certificates = core.services.certificates.list();
    expect(certificates.map((c) => c.commonName).sort()).toEqual(['asked.example.nl', 'broken.example.nl', 'fine.example.nl', 'soon.example.nl']);
    expect(certificates.every((c) => c.providerOnly && c.syncedAt !== null)).toBe(true);
    await until('a notification', () => notifier.shown.length > 0, 3000);
    await new Promise((r) => setTimeout(r, 1000));
    expect(notifier.shown).toHaveLength(1);
    expect(notifier.shown[0].body).toMatch(/^Found by provider sync: broken\.example\.nl failed and soon\.example\.nl expires in 3 days/);
    // The summary stood for the expiry schedule's warning: it does not repeat it.
    expect(await core.expiry.check()).toBe(0);
  });

  it('reuses its token, logs in again once when it expired', async () => {
    const { core, api } = await setup([{ id: 1, status: 'REQ', common_name: 'a.example.nl' }]);
    await firstRunDone(core);
    expect(api.logins).toHaveLength(1);
    await core.services.sync.run();
    expect(api.logins).toHaveLength(1);
    api.expireTokens();
    api.orders[0].status = 'ACT';
    const result = await core.services.sync.run();
    expect(result).toMatchObject({ ok: true, changes: [{ from: 'REQ', to: 'ACT', notificationKind: 'issued' }] });
    expect(api.logins).toHaveLength(2);
  });

  it('maintenance and network errors change nothing, are shown, and are retried sooner', async () => {
    const { core, api } = await setup([{ id: 1, status: 'REQ', common_name: 'a.example.nl' }]);
    await firstRunDone(core);
    api.maintenance = true;
    api.orders[0].status = 'ACT';
    const failed = await core.services.sync.run();
    expect(failed).toMatchObject({ ok: false, errorKind: 'maintenance', orders: 0, changes: [] });
    expect(core.services.certificates.list()[0].status).toBe('requested');
    const status = core.services.sync.status();
    expect(status.lastError).toMatchObject({ kind: 'maintenance' });
    expect(Date.parse(status.nextRunAt!) - Date.now()).toBeLessThan(1000);
    api.maintenance = false;
    api.delayMs = 1000;
    await until('a network error', () => core.services.sync.status().lastError?.kind === 'network', 5000);
    expect(core.services.sync.status().lastError!.message).toMatch(/no answer within 500 ms/);
    expect(core.services.certificates.list()[0].status).toBe('requested');
    api.delayMs = 0;
    // The backoff's retry, by itself.
    await until('the retry', () => core.services.sync.status().lastRun?.ok === true, 10_000);
    expect(core.services.sync.status().lastRun).toMatchObject({ trigger: 'retry', changes: [{ from: 'REQ', to: 'ACT' }] });
    expect(core.services.certificates.list()[0]).toMatchObject({ status: 'active', statusText: 'Active' });
  });

  it('a delivery for an order known only from the API takes its entry over; the late issued is not notified twice', async () => {
    const { core, api, notifier } = await setup([{ id: 500, status: 'REQ', common_name: 'late.example.nl' }]);
    await firstRunDone(core);
    api.orders[0].status = 'ACT';
    const found = await core.services.sync.run();
    expect(found.changes).toMatchObject([{ certificateId: 'order-500', from: 'REQ', to: 'ACT', notificationKind: 'issued' }]);
    await until('the issued notification', () => notifier.shown.some((n) => n.kind === 'issued'), 3000);
    expect(notifier.shown.find((n) => n.kind === 'issued')!.body).toBe('late.example.nl was issued. Found by provider sync.');
    // The provider's hourly retry of the missed delivery arrives at last.
    await deliver(core, { id: 500, status: 'open', certificate: { id: 'c-500', commonName: 'late.example.nl', status: 'active', operation: 'none' } });
    expect(core.services.certificates.list().map((c) => [c.id, c.providerOnly, c.status])).toEqual([['c-500', false, 'active']]);
    expect(core.services.sync.changes('c-500')).toHaveLength(2);
    expect(core.services.sync.changes('order-500')).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 1000));
    expect(notifier.shown.filter((n) => n.kind === 'issued')).toHaveLength(1);
    // Matched by order id from now on: the next sync changes nothing.
    expect((await core.services.sync.run()).changes).toEqual([]);
  });

  it('a delivery that arrives while the API is being read wins over the older answer', async () => {
    const { core, api } = await setup([{ id: 7, status: 'REQ', common_name: 'race.example.nl' }]);
    await firstRunDone(core);
    await deliver(core, { id: 7, status: 'open', certificate: { id: 'c-7', commonName: 'race.example.nl', status: 'requested', operation: 'request' } },
      'ssl_panel.requested');
    api.delayMs = 400;
    const running = core.services.sync.run();
    await new Promise((r) => setTimeout(r, 100));
    await deliver(core, { id: 7, status: 'open', certificate: { id: 'c-7', commonName: 'race.example.nl', status: 'active', operation: 'none' } });
    const result = await running;
    expect(result.ok).toBe(true);
    expect(result.changes).toEqual([]);
    expect(core.services.certificates.get('c-7')).toMatchObject({ status: 'active' });
  });

  it('an issued certificate read from the API is what the deployment check compares with', async () => {
    const cert = await makeCertificate({ commonName: 'api.example.nl', days: 90 });
    const server = await startTlsServer(cert);
    cleanups.push(() => server.close());
    const { core, api } = await setup([{ id: 9, status: 'ACT', common_name: 'api.example.nl', certificate: cert.certPem,
      expiration_date: new Date(Date.now() + 90 * DAY).toISOString() }],
    { deployment: { targets: { 'api.example.nl': [`127.0.0.1:${server.port}`] }, timeoutMs: 1000 } });
    await firstRunDone(core);
    expect(api.requests).toContain('GET /v1beta/ssl/orders/9');
    const [result] = await core.services.deployment.check('order-9');
    expect(result).toMatchObject({ state: 'served', issuedFingerprint: cert.fingerprint256 });
  });
});
