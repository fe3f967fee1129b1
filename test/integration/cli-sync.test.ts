/**
 * `certbell sync` (SPEC §13, §9) as a user runs it: real `certbell` processes (one-shot commands
 * and `certbell serve`) on temp data directories whose config.json points "provider" at the fake
 * Openprovider API. What a user sees: the JSON and the words of `sync`, `certificates --json`,
 * `notifications --json`; a failed sync changes nothing; the password is never in any output or
 * stored file.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startFakeOpenprovider, type FakeApi, type FakeOrder } from '../fakes/openprovider-api.ts';
import { killAllServe, removeDir, runCertbell, startServe, tempDataDir, writeConfig, type CliResult, type ServeProcess } from '../helpers/certbell-process.ts';
import { signedDelivery } from '../helpers/http.ts';
import { until } from '../helpers/polling.ts';

const PASSWORD = 'pw-7f3c9-DO-NOT-LEAK';
const WRONG_PASSWORD = 'pw-wrong-51aa2-DO-NOT-LEAK';
const ACCOUNT = { username: 'me', password: PASSWORD };
const SECRET = 'cli-sync-secret';
const DAY = 86_400_000;
/** No session bus: notifications are recorded in the history only. */
const ENV = { OPENPROVIDER_PASSWORD: PASSWORD, DBUS_SESSION_BUS_ADDRESS: '' };

interface SyncJson {
  ok: boolean; at: string; orders: number; error: string | null; errorKind: string | null; trigger: string; first: boolean;
  durationMs: number;
  changes: { certificateId: string; commonName: string | null; orderId: string; from: string | null; to: string;
    notification: string | null; notificationKind: string | null; at: string }[];
}
interface CertificateRow {
  id: string; commonName: string | null; orderId: string | null; orderStatus: string | null; status: string | null;
  operation: string | null; statusText: string; expireAt: string | null; daysLeft: number | null; providerOnly: boolean;
  syncedAt: string | null; lastEvent: string | null;
}
interface NotificationRow { id: number; kind: string; title: string; body: string; certificateId: string | null; deliveryId: string | null }

/** Everything any child printed, every JSON parsed: none may hold a password (last test). */
const outputs: string[] = [];
const dirs: string[] = [];
const apis: FakeApi[] = [];
const serves: ServeProcess[] = [];

function providerBlock(apiUrl: string) {
  return { kind: 'openprovider', apiUrl, username: ACCOUNT.username, password: { env: 'OPENPROVIDER_PASSWORD' } };
}

function dataDir(apiUrl: string | null, extra: Record<string, unknown> = {}): string {
  const dir = tempDataDir({ secrets: [{ label: 'k', value: SECRET }], ...(apiUrl ? { provider: providerBlock(apiUrl) } : {}), ...extra });
  dirs.push(dir);
  return dir;
}

async function fakeApi(orders: FakeOrder[] = []): Promise<FakeApi> {
  const api = await startFakeOpenprovider(ACCOUNT, orders);
  apis.push(api);
  return api;
}

async function cli(dir: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  const result = await runCertbell([...args, '--data-dir', dir], { ...ENV, ...env });
  outputs.push(result.stdout, result.stderr);
  return result;
}

async function sync(dir: string, env: NodeJS.ProcessEnv = {}): Promise<{ result: CliResult; json: SyncJson }> {
  const result = await cli(dir, ['sync', '--json'], env);
  return { result, json: JSON.parse(result.stdout) as SyncJson };
}

async function certificates(dir: string): Promise<CertificateRow[]> {
  const result = await cli(dir, ['certificates', '--json']);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as CertificateRow[];
}

async function notifications(dir: string): Promise<NotificationRow[]> {
  const result = await cli(dir, ['notifications', '--json']);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as NotificationRow[];
}

/** `certbell serve` on the dir, its whole output (ready line, later stdout, stderr) kept for the leak check. */
async function serve(dir: string): Promise<ServeProcess> {
  const started = await startServe(dir, [], ENV);
  serves.push(started);
  let stdout = `${started.readyLine}\n`;
  started.child.stdout!.on('data', (c: Buffer) => { stdout += c.toString(); });
  const stop = started.stop;
  let recorded = false;
  started.stop = async (signal) => {
    const exit = await stop(signal);
    if (!recorded) { recorded = true; outputs.push(stdout, started.stderr()); }
    return exit;
  };
  return started;
}

async function stopServes(): Promise<void> {
  for (const s of serves.splice(0)) {
    if (s.child.exitCode === null && s.child.signalCode === null) {
      const timer = setTimeout(() => { try { process.kill(s.pid, 'SIGKILL'); } catch { /* gone */ } }, 5000);
      await s.stop();
      clearTimeout(timer);
    } else {
      await s.stop();
    }
  }
}

/** A port nothing listens on (listened on, then closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const inDays = (days: number) => new Date(Date.now() + days * DAY - 60_000).toISOString();
const day = (iso: string) => iso.slice(0, 10);
const sorted = <T>(rows: T[], key: (r: T) => string) => [...rows].sort((a, b) => key(a).localeCompare(key(b)));
const settle = () => new Promise((r) => setTimeout(r, 600));

/** A signed delivery with a chosen order id (data.id) and certificate id, sent with `certbell send --file`. */
async function sendDelivery(dir: string, to: ServeProcess, deliveryId: string, data: Record<string, unknown>, event = 'ssl_panel.requested'): Promise<void> {
  const { body } = signedDelivery(SECRET, { deliveryId, event, data });
  const file = join(dir, `${deliveryId}.json`);
  writeFileSync(file, body);
  const sent = await cli(dir, ['send', '--url', to.webhook, '--secret', SECRET, '--sign', 'body', '--file', file]);
  expect(sent.code, sent.stdout + sent.stderr).toBe(0);
  expect(sent.stdout).toContain(`{"status":"accepted","delivery":"${deliveryId}"}`);
}

afterEach(async () => {
  await stopServes();
});

afterAll(async () => {
  await stopServes();
  killAllServe();
  for (const api of apis.splice(0)) await api.close();
  for (const dir of dirs.splice(0)) removeDir(dir);
});

describe('certbell sync: the first sync of an empty inventory', () => {
  let api: FakeApi;
  let dir: string;
  const SOON = inDays(5);

  it('takes every order, whatever its status, with one notification for what needs attention', async () => {
    api = await fakeApi([
      { id: 101, status: 'PAI', common_name: 'paid.example.nl' },
      { id: 102, status: 'ACT', common_name: 'soon.example.nl', expiration_date: SOON },
      { id: 103, status: 'ACT', common_name: 'fine.example.nl', expiration_date: inDays(200) },
      { id: 104, status: 'FAI', common_name: 'broken.example.nl' },
      { id: 105, status: 'EXP', common_name: 'old.example.nl', expiration_date: inDays(-30) },
      { id: 106, status: 'REJ', common_name: 'cancel.example.nl' },
      { id: 107, status: 'REQ', common_name: 'asked.example.nl' },
    ]);
    dir = dataDir(api.url);
    expect(await certificates(dir)).toEqual([]);

    const { result, json } = await sync(dir);
    expect(result.code, result.stderr).toBe(0);
    expect(json).toMatchObject({ ok: true, orders: 7, error: null, errorKind: null, first: true, trigger: 'demand' });
    expect(Date.parse(json.at)).toBeGreaterThan(Date.now() - 60_000);
    expect(json.changes).toHaveLength(7);
    expect(json.changes.every((c) => c.from === null)).toBe(true);
    expect(sorted(json.changes, (c) => c.orderId).map((c) => [c.orderId, c.commonName, c.to])).toEqual([
      ['101', 'paid.example.nl', 'PAI'], ['102', 'soon.example.nl', 'ACT'], ['103', 'fine.example.nl', 'ACT'],
      ['104', 'broken.example.nl', 'FAI'], ['105', 'old.example.nl', 'EXP'], ['106', 'cancel.example.nl', 'REJ'],
      ['107', 'asked.example.nl', 'REQ'],
    ]);
    // The login used the password from the environment.
    expect(api.logins.map((l) => [l.username, l.password])).toEqual([['me', PASSWORD]]);

    const rows = await certificates(dir);
    expect(rows).toHaveLength(7);
    expect(rows.every((c) => c.providerOnly && c.syncedAt !== null)).toBe(true);
    expect(sorted(rows, (c) => c.orderId!).map((c) => [c.orderId, c.commonName, c.statusText])).toEqual([
      ['101', 'paid.example.nl', 'Pending issuance'], ['102', 'soon.example.nl', 'Active'], ['103', 'fine.example.nl', 'Active'],
      ['104', 'broken.example.nl', 'Failed'], ['105', 'old.example.nl', 'Expired'],
      ['106', 'cancel.example.nl', 'Cancellation requested (deletecancel)'], ['107', 'asked.example.nl', 'Requested at the CA (request)'],
    ]);
    expect(rows.find((c) => c.orderId === '102')).toMatchObject({ expireAt: new Date(Date.parse(SOON)).toISOString(), daysLeft: 5 });

    const shown = await notifications(dir);
    expect(shown).toHaveLength(1);
    expect(shown[0].body).toContain('Found by provider sync');
    expect(shown[0].body).toContain('broken.example.nl failed');
    expect(shown[0].body).toContain(`soon.example.nl expires in 5 days (${day(SOON)})`);
    expect(shown[0].body).not.toContain('fine.example.nl');
    // The changes the summary stands for name it; the others raised nothing.
    const named = json.changes.filter((c) => c.notification !== null).map((c) => c.orderId).sort();
    expect(named).toEqual(['102', '104']);
    expect(json.changes.find((c) => c.orderId === '104')!.notification).toBe(shown[0].body);
  });

  it('a second sync changes nothing and raises nothing', async () => {
    const before = await certificates(dir);
    const { result, json } = await sync(dir);
    expect(result.code, result.stderr).toBe(0);
    expect(json).toMatchObject({ ok: true, orders: 7, changes: [], error: null, first: false });
    expect(await notifications(dir)).toHaveLength(1);
    const after = await certificates(dir);
    expect(after.map((c) => [c.id, c.statusText, c.expireAt])).toEqual(before.map((c) => [c.id, c.statusText, c.expireAt]));
  });

  it('prints a summary without --json', async () => {
    const plain = await cli(dir, ['sync']);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout).toBe('Synced: 7 orders, 0 changes.\n');
  });

  it('bad credentials: exit 1, "bad credentials", and the inventory as it was', async () => {
    const before = await certificates(dir);
    const plain = await cli(dir, ['sync'], { OPENPROVIDER_PASSWORD: WRONG_PASSWORD });
    expect(plain.code).toBe(1);
    expect(plain.stderr).toContain('bad credentials');
    expect(plain.stdout).toBe('');
    const { result, json } = await sync(dir, { OPENPROVIDER_PASSWORD: WRONG_PASSWORD });
    expect(result.code).toBe(1);
    expect(json).toMatchObject({ ok: false, errorKind: 'bad-credentials', changes: [] });
    expect(json.error).toEqual(expect.any(String));
    expect(api.logins.at(-1)).toMatchObject({ username: 'me', password: WRONG_PASSWORD });
    expect(await certificates(dir)).toEqual(before);
    expect(await notifications(dir)).toHaveLength(1);
  });

  it('maintenance: exit 1, errorKind "maintenance", the inventory as it was', async () => {
    const before = await certificates(dir);
    api.orders[6].status = 'ACT';
    api.maintenance = true;
    try {
      const { result, json } = await sync(dir);
      expect(result.code).toBe(1);
      expect(json).toMatchObject({ ok: false, errorKind: 'maintenance', changes: [] });
      const plain = await cli(dir, ['sync']);
      expect(plain.code).toBe(1);
      expect(plain.stderr).toContain('maintenance');
    } finally {
      api.maintenance = false;
      api.orders[6].status = 'REQ';
    }
    expect(await certificates(dir)).toEqual(before);
    expect(await notifications(dir)).toHaveLength(1);
  });

  it('network error: exit 1, errorKind "network", the inventory as it was', async () => {
    const before = await certificates(dir);
    writeConfig(dir, { secrets: [{ label: 'k', value: SECRET }], provider: providerBlock(`http://127.0.0.1:${await closedPort()}`) });
    const { result, json } = await sync(dir);
    expect(result.code).toBe(1);
    expect(json).toMatchObject({ ok: false, errorKind: 'network', changes: [] });
    const plain = await cli(dir, ['sync']);
    expect(plain.code).toBe(1);
    expect(plain.stderr).toContain('network error');
    expect(await certificates(dir)).toEqual(before);
    expect(await notifications(dir)).toHaveLength(1);
  });
});

describe('certbell sync: failures on an empty inventory', () => {
  it('bad credentials on a first sync leave the inventory empty', async () => {
    const api = await fakeApi([{ id: 201, status: 'ACT', common_name: 'a.example.nl', expiration_date: inDays(90) }]);
    const dir = dataDir(api.url);
    const { result, json } = await sync(dir, { OPENPROVIDER_PASSWORD: WRONG_PASSWORD });
    expect(result.code).toBe(1);
    expect(json).toMatchObject({ ok: false, errorKind: 'bad-credentials', orders: 0, changes: [] });
    expect(await certificates(dir)).toEqual([]);
    expect(await notifications(dir)).toEqual([]);
    // The failure did not count as the first sync: the next good one is.
    const good = await sync(dir);
    expect(good.result.code, good.result.stderr).toBe(0);
    expect(good.json).toMatchObject({ ok: true, orders: 1, first: true });
  });

  it('without a provider block: exit 1, saying no provider is configured', async () => {
    const dir = dataDir(null);
    const plain = await cli(dir, ['sync']);
    expect(plain.code).toBe(1);
    expect(plain.stderr).toContain('no provider is configured');
    const { result, json } = await sync(dir);
    expect(result.code).toBe(1);
    expect(json).toMatchObject({ ok: false, errorKind: 'not-configured', changes: [] });
    expect(json.error).toContain('no provider is configured');
    expect(await certificates(dir)).toEqual([]);
  });
});

describe('missed while the workstation was off', () => {
  it('an order issued while serve was stopped: the next start-up sync notifies it, found by sync', async () => {
    const api = await fakeApi([{ id: 301, status: 'REQ', common_name: 'missed.example.nl' }]);
    const dir = dataDir(api.url);
    const first = await serve(dir);
    const rows = await until('the start-up sync', async () => {
      const listed = await certificates(dir);
      return listed.length > 0 ? listed : null;
    }, 15_000, 100);
    expect(rows.map((c) => [c.orderId, c.commonName, c.statusText, c.providerOnly])).toEqual([
      ['301', 'missed.example.nl', 'Requested at the CA (request)', true]]);
    await settle();
    await first.stop();
    expect(await notifications(dir)).toEqual([]);

    const EXPIRES = inDays(365);
    Object.assign(api.orders[0], { status: 'ACT', expiration_date: EXPIRES, active_date: new Date().toISOString() });
    const second = await serve(dir);
    const issued = await until('the issued notification', async () => {
      const found = (await notifications(dir)).filter((n) => n.kind === 'issued');
      return found.length > 0 ? found : null;
    }, 15_000, 100);
    await settle();
    const all = await notifications(dir);
    expect(all).toHaveLength(1);
    expect(issued).toHaveLength(1);
    expect(all[0]).toMatchObject({ kind: 'issued', title: 'Certificate issued', certificateId: 'order-301', deliveryId: null });
    expect(all[0].body).toBe(`missed.example.nl was issued; it is valid until ${day(EXPIRES)}. Found by provider sync.`);
    expect((await certificates(dir)).map((c) => [c.id, c.statusText])).toEqual([['order-301', 'Active']]);
    await second.stop();
  });

  it('a missed failure (REQ → FAI) with certbell sync: a "failed" notification, found by sync', async () => {
    const api = await fakeApi([{ id: 401, status: 'REQ', common_name: 'fails.example.nl' }]);
    const dir = dataDir(api.url);
    const first = await sync(dir);
    expect(first.json).toMatchObject({ ok: true, first: true, changes: [{ orderId: '401', from: null, to: 'REQ', notification: null }] });
    expect(await notifications(dir)).toEqual([]);

    api.orders[0].status = 'FAI';
    const { result, json } = await sync(dir);
    expect(result.code, result.stderr).toBe(0);
    expect(json).toMatchObject({ ok: true, orders: 1, first: false, error: null });
    expect(json.changes).toHaveLength(1);
    expect(json.changes[0]).toMatchObject({ certificateId: 'order-401', commonName: 'fails.example.nl', orderId: '401',
      from: 'REQ', to: 'FAI', notificationKind: 'failed' });
    const shown = await notifications(dir);
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({ kind: 'failed', title: 'Certificate order failed', certificateId: 'order-401' });
    expect(shown[0].body).toContain('fails.example.nl');
    expect(shown[0].body).toContain('Found by provider sync');
    expect(json.changes[0].notification).toBe(shown[0].body);
    expect((await certificates(dir)).map((c) => [c.id, c.statusText])).toEqual([['order-401', 'Failed']]);

    const plain = await cli(dir, ['sync']);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout).toBe('Synced: 1 order, 0 changes.\n');
    expect(await notifications(dir)).toHaveLength(1);
  });
});

describe('matching orders with certificates known from deliveries', () => {
  it('by order id (data.id) and else by common name: no new rows, each turns Active with one issued notification', async () => {
    const api = await fakeApi([]);
    const dir = dataDir(api.url);
    // A first sync while the account has no orders yet.
    const empty = await sync(dir);
    expect(empty.json).toMatchObject({ ok: true, orders: 0, changes: [], first: true });

    const listener = await serve(dir);
    await sendDelivery(dir, listener, 'requested-by-id', { id: '5001', status: 'open',
      certificate: { id: 'cert-web-5001', commonName: 'byid.example.nl', status: 'requested', operation: 'request' } });
    await sendDelivery(dir, listener, 'requested-by-name', { id: '0b7f1c2e-4d5a-4c3b-a9e8-77f6a5b4c3d2', status: 'open',
      certificate: { id: 'cert-web-name', commonName: 'ByName.example.nl', status: 'requested', operation: 'request' } });
    const known = await until('both deliveries in the inventory', async () => {
      const listed = await certificates(dir);
      return listed.length === 2 ? listed : null;
    }, 10_000, 100);
    await listener.stop();
    expect(sorted(known, (c) => c.id).map((c) => [c.id, c.orderId, c.statusText, c.providerOnly])).toEqual([
      ['cert-web-5001', '5001', 'Requested at the CA (request)', false],
      ['cert-web-name', '0b7f1c2e-4d5a-4c3b-a9e8-77f6a5b4c3d2', 'Requested at the CA (request)', false],
    ]);
    const before = await notifications(dir);
    expect(before.filter((n) => n.kind === 'issued')).toEqual([]);

    // Meanwhile both were issued; the API's id of the second order is not the delivery's.
    const BY_ID_EXPIRES = inDays(300);
    const BY_NAME_EXPIRES = inDays(310);
    api.orders.push({ id: 5001, status: 'ACT', common_name: 'byid.example.nl', expiration_date: BY_ID_EXPIRES },
      { id: 6001, status: 'ACT', common_name: 'byname.example.nl', expiration_date: BY_NAME_EXPIRES });
    const { result, json } = await sync(dir);
    expect(result.code, result.stderr).toBe(0);
    expect(json).toMatchObject({ ok: true, orders: 2, first: false });
    expect(sorted(json.changes, (c) => c.certificateId).map((c) => [c.certificateId, c.orderId, c.from, c.to, c.notificationKind])).toEqual([
      ['cert-web-5001', '5001', 'REQ', 'ACT', 'issued'],
      ['cert-web-name', '6001', 'REQ', 'ACT', 'issued'],
    ]);

    const rows = await certificates(dir);
    expect(sorted(rows, (c) => c.id).map((c) => [c.id, c.orderId, c.statusText, c.providerOnly, c.expireAt])).toEqual([
      ['cert-web-5001', '5001', 'Active', false, new Date(Date.parse(BY_ID_EXPIRES)).toISOString()],
      ['cert-web-name', '6001', 'Active', false, new Date(Date.parse(BY_NAME_EXPIRES)).toISOString()],
    ]);
    const after = await notifications(dir);
    const issued = after.filter((n) => n.kind === 'issued');
    expect(after).toHaveLength(before.length + 2);
    expect(sorted(issued, (n) => n.certificateId!).map((n) => [n.certificateId, n.body])).toEqual([
      ['cert-web-5001', `byid.example.nl was issued; it is valid until ${day(BY_ID_EXPIRES)}. Found by provider sync.`],
      ['cert-web-name', `byname.example.nl was issued; it is valid until ${day(BY_NAME_EXPIRES)}. Found by provider sync.`],
    ]);

    const again = await sync(dir);
    expect(again.json).toMatchObject({ ok: true, orders: 2, changes: [] });
    expect(await notifications(dir)).toHaveLength(after.length);
  });
});

describe('the password', () => {
  function filesUnder(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? filesUnder(path) : [path];
    });
  }

  it('is in no output of any process above, nor in any file of their data directories (the database included)', () => {
    expect(outputs.length).toBeGreaterThan(40);
    expect(dirs.length).toBeGreaterThan(4);
    for (const secret of [PASSWORD, WRONG_PASSWORD]) {
      for (const text of outputs) expect(text.includes(secret), text).toBe(false);
      for (const dir of dirs) {
        const files = filesUnder(dir).filter((f) => !f.endsWith('/config.json'));
        for (const file of files) {
          const bytes = readFileSync(file);
          expect(bytes.includes(Buffer.from(secret)), file).toBe(false);
          expect(bytes.includes(Buffer.from(secret, 'utf16le')), file).toBe(false);
        }
      }
      for (const dir of dirs) expect(readFileSync(join(dir, 'config.json'), 'utf8')).not.toContain(secret);
    }
    expect(dirs.some((dir) => filesUnder(dir).some((f) => f.endsWith('certbell.db')))).toBe(true);
  });
});
