/**
 * One contract, three ways in: each scenario runs over the services of a running core, over the
 * HTTP bridge of `certbell serve` (WebHost) and over the desktop's IPC bridge (electron/main and the
 * real preload, through the Electron fake), and the three answers must be the same. Each way has
 * its own fresh data directory with the same config, seeded with the same signed deliveries through
 * its own real listener, so record ids line up; only times and durations are normalised.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MethodName, SettingsInput } from '../../shared/bridge/index.ts';
import { createCore, type Core } from '../../electron/core/create-core.ts';
import type { Logger } from '../../electron/core/logger.ts';
import { ServiceError, type Services } from '../../electron/core/services/index.ts';
import type { DeliveryQuery } from '../../electron/core/store/delivery-types.ts';
import type { CertbellPreload } from '../../renderer/src/bridge/ipc-transport.ts';
import type { FakeWebContents } from '../fakes/electron.ts';
import { runPreload } from '../fakes/preload-sandbox.ts';
import { httpBridge, type BridgeCall, type BridgeReply } from '../helpers/bridge-http.ts';
import { removeDir, tempDataDir } from '../helpers/certbell-process.ts';
import { NOT_JSON_ID, seedDeliveries } from '../helpers/seeded-deliveries.ts';
import { startServeUi, type ServeUi } from '../helpers/serve-ui.ts';
import { boot, type Booted } from '../unit/electron/main/boot.ts';
import { startFakeOpenprovider } from '../fakes/openprovider-api.ts';

vi.mock('electron', () => import('../fakes/electron.ts'));

const SECRET = 'bridge-contract-secret';
/** An env secret reads the same in all three (the desktop would seal a plain value on save). */
const SECRET_ENV = 'CERTBELL_CONTRACT_SECRET';
const HOOK = { name: 'say-hello', stage: 'post' as const, command: ['sh', '-c', 'echo "hello $CERTBELL_COMMON_NAME ($CERTBELL_EVENT)"'] };
const CONFIG = { listener: { port: 0 }, secrets: [{ label: 'main', env: SECRET_ENV }], hooks: [HOOK] };

/** The statuses the api documents for each kind of service error, on both transports. */
const STATUS_OF_KIND = { invalid: 400, 'not-found': 404, conflict: 409 } as const;

const silent: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

let servicesDir: string;
let headlessDir: string;
let core: Core;
let served: ServeUi;
let overHttp: BridgeCall;
let desktop: Booted;
let overIpc: BridgeCall;

beforeAll(async () => {
  process.env[SECRET_ENV] = SECRET;
  servicesDir = tempDataDir(CONFIG);
  headlessDir = tempDataDir(CONFIG);
  core = await createCore({ dataDir: servicesDir, logger: silent });
  served = await startServeUi(headlessDir, { [SECRET_ENV]: SECRET });
  overHttp = httpBridge(served.ui);
  desktop = await boot({ config: CONFIG });
  const win = desktop.desktop!.window.open();
  const { exposed } = runPreload(win.webContents as unknown as FakeWebContents);
  const certbell = exposed.certbell as CertbellPreload;
  overIpc = async (method, params = {}) => await certbell.call(method, params) as BridgeReply;
  for (const url of [core.webhookUrl(), served.webhook, desktop.desktop!.core.webhookUrl()]) await seedDeliveries(url, SECRET);
}, 60_000);

afterAll(async () => {
  await core?.stop();
  await served?.stop();
  await desktop?.cleanup();
  for (const dir of [servicesDir, headlessDir]) if (dir) removeDir(dir);
  delete process.env[SECRET_ENV];
});

const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

/** Times and durations differ between runs; nothing else may. */
function timeless(value: unknown): unknown {
  if (typeof value === 'string') return ISO_TIME.test(value) ? '<time>' : value;
  if (Array.isArray(value)) return value.map(timeless);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, key === 'durationMs' ? '<ms>' : timeless(v)]));
  }
  return value;
}

/** A service's answer as a transport would carry it: its JSON, or the status and message of its error. */
async function direct(use: (services: Services) => unknown): Promise<BridgeReply> {
  try {
    return { ok: true, result: JSON.parse(JSON.stringify(await use(core.services))) };
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    return { ok: false, status: STATUS_OF_KIND[error.kind], error: error.message };
  }
}

/** Runs one scenario three ways, expects the same answer from each, and returns it. */
async function threeWays(method: MethodName, params: Record<string, unknown>, use: (services: Services) => unknown): Promise<BridgeReply> {
  const services = timeless(await direct(use)) as BridgeReply;
  expect(timeless(await overHttp(method, params)), `${method} over HTTP`).toEqual(services);
  expect(timeless(await overIpc(method, params)), `${method} over IPC`).toEqual(services);
  return services;
}

async function listed(query: DeliveryQuery): Promise<string[]> {
  const reply = await threeWays('deliveries.list', { ...query }, (s) => s.deliveries.list(query));
  expect(reply.ok).toBe(true);
  return (reply as { result: { id: number; deliveryId: string }[] }).result.map((d) => `${d.id} ${d.deliveryId}`);
}

function result<T>(reply: BridgeReply): T {
  if (!reply.ok) throw new Error(`expected a result, got ${reply.status} ${reply.error}`);
  return reply.result as T;
}

describe('deliveries.list with each filter', () => {
  it('lists all, newest first, the same three ways', async () => {
    expect(await listed({})).toEqual(['8 dlv-not-json', '7 dlv-gamma', '6 dlv-beta', '5 dlv-unsigned', '4 dlv-forged',
      '3 dlv-alpha-renewal', '2 dlv-beta', '1 dlv-alpha']);
  });

  it('by event and by outcome', async () => {
    expect(await listed({ event: 'ssl_panel.issued' })).toEqual(['7 dlv-gamma', '5 dlv-unsigned', '4 dlv-forged', '1 dlv-alpha']);
    expect(await listed({ outcome: 'rejected' })).toEqual(['8 dlv-not-json', '5 dlv-unsigned', '4 dlv-forged']);
    expect(await listed({ outcome: 'duplicate' })).toEqual(['6 dlv-beta']);
  });

  it('by signature verdict', async () => {
    expect(await listed({ signature: 'invalid' })).toEqual(['4 dlv-forged']);
    expect(await listed({ signature: 'missing' })).toEqual(['5 dlv-unsigned']);
    expect(await listed({ signature: 'valid', outcome: 'rejected' })).toEqual(['8 dlv-not-json']);
    expect(await listed({ signature: 'unverified' })).toEqual([]);
  });

  it('by search (common name or delivery id, case-insensitive) and by certificate', async () => {
    expect(await listed({ search: 'ALPHA' })).toEqual(['3 dlv-alpha-renewal', '1 dlv-alpha']);
    expect(await listed({ search: 'gamma.ex' })).toEqual(['7 dlv-gamma']);
    expect(await listed({ search: 'dlv-be', signature: 'valid' })).toEqual(['6 dlv-beta', '2 dlv-beta']);
    expect(await listed({ certificateId: 'cert-alpha' })).toEqual(['3 dlv-alpha-renewal', '1 dlv-alpha']);
    expect(await listed({ certificateId: 'cert-beta', outcome: 'accepted' })).toEqual(['2 dlv-beta']);
    expect(await listed({ search: 'no-such-thing' })).toEqual([]);
  });

  it('pages with limit and beforeId', async () => {
    expect(await listed({ limit: 2 })).toEqual(['8 dlv-not-json', '7 dlv-gamma']);
    expect(await listed({ beforeId: 4, limit: 2 })).toEqual(['3 dlv-alpha-renewal', '2 dlv-beta']);
    expect(await listed({ beforeId: 1 })).toEqual([]);
  });

  it('refuses a filter outside the contract with the same 400 on both transports', async () => {
    // The services take typed queries; checking untrusted params is dispatch's, so the transports are compared.
    for (const params of [{ signature: 'great' }, { limit: 0 }, { beforeId: -1 }, { certificateId: '' }, { colour: 'red' }]) {
      const overHttpReply = await overHttp('deliveries.list', params);
      expect(overHttpReply, JSON.stringify(params)).toMatchObject({ ok: false, status: 400 });
      expect(await overIpc('deliveries.list', params), JSON.stringify(params)).toEqual(overHttpReply);
    }
  });
});

describe('deliveries.histogram and the time range of deliveries.list', () => {
  it('counts the seeds by outcome in their hour, and since/until select exactly them, the same three ways', async () => {
    const reply = await threeWays('deliveries.histogram', { hours: 3 }, (s) => s.deliveries.histogram(3));
    const histogram = result<{ from: string; until: string; bucketMs: number; buckets: Record<string, number>[] }>(
      await overHttp('deliveries.histogram', { hours: 3 }));
    expect(result<{ buckets: unknown[] }>(reply).buckets).toHaveLength(3);
    expect(histogram.bucketMs).toBe(3_600_000);
    const totals = { accepted: 0, duplicate: 0, rejected: 0, aborted: 0 };
    for (const bucket of histogram.buckets) for (const o of Object.keys(totals) as (keyof typeof totals)[]) totals[o] += bucket[o];
    expect(totals).toEqual({ accepted: 4, duplicate: 1, rejected: 3, aborted: 0 });
    const range = { since: histogram.from, until: histogram.until };
    const ms = { since: Date.parse(range.since), until: Date.parse(range.until) };
    const inRange = await threeWays('deliveries.list', range, (s) => s.deliveries.list(ms));
    expect(result<unknown[]>(inRange)).toHaveLength(8);
    const after = await threeWays('deliveries.list', { since: range.until }, (s) => s.deliveries.list({ since: ms.until }));
    expect(result<unknown[]>(after)).toEqual([]);
  });

  it('refuses hours outside 1..168 and a time that is not ISO 8601 with the same 400 on both transports', async () => {
    for (const [method, params] of [['deliveries.histogram', { hours: 0 }], ['deliveries.histogram', { hours: 169 }],
      ['deliveries.list', { since: 'yesterday' }], ['deliveries.list', { until: 1 }]] as const) {
      const overHttpReply = await overHttp(method, params);
      expect(overHttpReply, JSON.stringify(params)).toMatchObject({ ok: false, status: 400 });
      expect(await overIpc(method, params), JSON.stringify(params)).toEqual(overHttpReply);
    }
  });
});

describe('deliveries.get', () => {
  it('finds a record by record id and by delivery id (its latest attempt)', async () => {
    const byRecord = result<{ deliveryId: string; headers: Record<string, string> }>(
      await threeWays('deliveries.get', { id: '4' }, (s) => s.deliveries.find('4')));
    expect(byRecord).toMatchObject({ deliveryId: 'dlv-forged', signature: 'invalid', outcome: 'rejected', status: 401 });
    expect(result(await threeWays('deliveries.get', { id: 'dlv-beta' }, (s) => s.deliveries.find('dlv-beta'))))
      .toMatchObject({ id: 6, attempt: 2, outcome: 'duplicate' });
  });

  it('an unknown id is not-found: 404 with the same message both ways', async () => {
    expect(await threeWays('deliveries.get', { id: 'no-such-delivery' }, (s) => s.deliveries.find('no-such-delivery')))
      .toEqual({ ok: false, status: 404, error: 'no delivery "no-such-delivery"' });
  });
});

describe('replay', () => {
  it('stores the stored body again as a new attempt, with its hook runs', async () => {
    const replayed = result<{ hookRuns: { stdout: string }[] }>(
      await threeWays('deliveries.replay', { id: 'dlv-alpha' }, (s) => s.deliveries.replay('dlv-alpha')));
    expect(replayed).toMatchObject({ id: 9, deliveryId: 'dlv-alpha', attempt: 2, outcome: 'accepted', signature: 'valid',
      remoteAddress: 'replay of record 1' });
    expect(replayed.hookRuns.map((r) => r.stdout)).toEqual(['hello alpha.example (ssl_panel.issued)\n']);
    expect(await threeWays('deliveries.get', { id: 'dlv-alpha' }, (s) => s.deliveries.find('dlv-alpha')))
      .toEqual({ ok: true, result: replayed });
  });

  it('a body that is not a JSON object cannot be replayed: 400 with the same message', async () => {
    expect(await threeWays('deliveries.replay', { id: NOT_JSON_ID }, (s) => s.deliveries.replay(NOT_JSON_ID)))
      .toEqual({ ok: false, status: 400, error: 'delivery 8 has no JSON object body, so hooks cannot run on it' });
  });

  it('an edited body goes through as an unverified new attempt, event and names from the edit', async () => {
    const edited = JSON.stringify({ metadata: { version: '1.0.0', delivery: 'dlv-beta', event: 'ssl_panel.renew_failed' },
      data: { id: 'order-cert-beta', status: 'open', certificate: { id: 'cert-beta', commonName: 'beta-edited.example', status: 'active', operation: 'none' } } });
    const replayed = result<{ body: string; hookRuns: { stdout: string }[] }>(await threeWays('deliveries.replayEdited',
      { id: 'dlv-beta', body: edited }, (s) => s.deliveries.replayEdited('dlv-beta', edited)));
    expect(replayed).toMatchObject({ id: 10, deliveryId: 'dlv-beta', attempt: 3, signature: 'unverified', outcome: 'accepted',
      event: 'ssl_panel.renew_failed', commonName: 'beta-edited.example', body: edited });
    expect(replayed.hookRuns.map((r) => r.stdout)).toEqual(['hello beta-edited.example (ssl_panel.renew_failed)\n']);
  });

  it('an edited body that is not a JSON object is a 400 with the same message', async () => {
    for (const body of ['[1, 2, 3]', '"text"', 'null', '{ not json']) {
      expect(await threeWays('deliveries.replayEdited', { id: 'dlv-beta', body }, (s) => s.deliveries.replayEdited('dlv-beta', body)), body)
        .toEqual({ ok: false, status: 400, error: 'the edited body must be a JSON object (it does not parse, or is not an object)' });
    }
    expect(await threeWays('deliveries.replayEdited', { id: 'nope', body: '{}' }, (s) => s.deliveries.replayEdited('nope', '{}')))
      .toEqual({ ok: false, status: 404, error: 'no delivery "nope"' });
  });

  it('a delivery whose signature was not valid is refused without force: 409 naming the verdict, nothing stored', async () => {
    for (const [id, verdict] of [['dlv-forged', 'invalid'], ['dlv-unsigned', 'missing']]) {
      const refused = await threeWays('deliveries.replay', { id }, (s) => s.deliveries.replay(id));
      expect(refused, id).toMatchObject({ ok: false, status: 409, error: expect.stringContaining(`its signature is ${verdict}`) });
      expect(result<{ attempts: unknown[] }>(await threeWays('deliveries.get', { id }, (s) => s.deliveries.find(id))).attempts).toHaveLength(1);
    }
  });

  it('with force it is replayed, and the new attempt records that it was forced', async () => {
    const replayed = result<{ signatureDetail: { reason: string } }>(await threeWays('deliveries.replay', { id: 'dlv-forged', force: true },
      (s) => s.deliveries.replay('dlv-forged', { force: true })));
    expect(replayed).toMatchObject({ id: 11, deliveryId: 'dlv-forged', attempt: 2, signature: 'invalid', outcome: 'accepted',
      signatureDetail: { verdict: 'invalid', code: 'no-match', forcedReplay: true } });
    expect(replayed.signatureDetail.reason).toMatch(/replayed anyway \(confirmed\)$/);
    const overHttpReply = await overHttp('deliveries.replay', { id: 'dlv-forged', force: 'yes' });
    expect(overHttpReply).toMatchObject({ ok: false, status: 400 });
    expect(await overIpc('deliveries.replay', { id: 'dlv-forged', force: 'yes' })).toEqual(overHttpReply);
  });
});

describe('hooks.test', () => {
  it('runs a command hook against a stored delivery and returns what it wrote, without storing a run', async () => {
    const run = result(await threeWays('hooks.test', { name: 'say-hello', deliveryId: 'dlv-gamma', runId: 'contract-run' },
      (s) => s.hooks.test('say-hello', 'dlv-gamma', { runId: 'contract-run' })));
    expect(run).toEqual({ runId: 'contract-run', hook: 'say-hello', stage: 'post', startedAt: '<time>', durationMs: '<ms>',
      exitCode: 0, signal: null, timedOut: false, stdout: 'hello gamma.example (ssl_panel.issued)\n', stderr: '', error: null });
    expect(result<{ hookRuns: unknown[] }>(await threeWays('deliveries.get', { id: 'dlv-gamma' }, (s) => s.deliveries.find('dlv-gamma'))).hookRuns)
      .toHaveLength(1);
  });

  it('an unknown hook is not-found: 404 with the same message', async () => {
    expect(await threeWays('hooks.test', { name: 'nope', deliveryId: 'dlv-gamma' }, (s) => s.hooks.test('nope', 'dlv-gamma')))
      .toEqual({ ok: false, status: 404, error: 'no enabled hook named "nope" (in force: say-hello)' });
  });
});

describe('settings.save', () => {
  const kept = { label: 'main', keep: true as const };

  it('a change is saved, applied, and then shows in settings.get', async () => {
    const change: SettingsInput = { ...CONFIG, secrets: [kept], hookTimeoutMs: 12_345, notifications: { expiryThresholdsDays: [21, 3] } };
    const saved = result<{ settings: unknown }>(await threeWays('settings.save', { config: change }, (s) => s.settings.save(change)));
    expect(saved).toMatchObject({ saved: true, applied: true });
    const now = result<{ hookTimeoutMs: number; notifications: { expiryThresholdsDays: number[] }; secrets: unknown[] }>(
      await threeWays('settings.get', {}, (s) => s.settings.get()));
    expect(now).toMatchObject({ hookTimeoutMs: 12_345, notifications: { expiryThresholdsDays: [21, 3] } });
    expect(now.secrets).toEqual([{ label: 'main', kind: 'env', masked: '********' }]);
    expect(saved.settings).toEqual(now);
  });

  it('an invalid one is not saved and says why, with JSON paths', async () => {
    const before = await threeWays('settings.get', {}, (s) => s.settings.get());
    const wrong: SettingsInput = { ...CONFIG, listener: { port: 0, path: 'no-slash' }, secrets: [kept, { label: 'ghost', keep: true }] };
    const refused = result<{ saved: boolean; errors: { path: string; message: string }[] }>(
      await threeWays('settings.save', { config: wrong }, (s) => s.settings.save(wrong)));
    expect(refused.saved).toBe(false);
    expect(refused.errors).toContainEqual({ path: 'secrets[1].label', message: 'no stored secret labelled "ghost" to keep; enter its value' });
    expect(refused.errors.map((e) => e.path)).toContain('listener.path');
    expect(await threeWays('settings.get', {}, (s) => s.settings.get())).toEqual(before);
  });
});

describe('deployment (SPEC §12) the same three ways', () => {
  it('lists no results before a check, and the checker state', async () => {
    expect(await threeWays('deployment.list', {}, (s) => s.deployment.list())).toEqual({ ok: true, result: [] });
    expect(await threeWays('deployment.list', { certificateId: 'cert-alpha' }, (s) => s.deployment.list('cert-alpha')))
      .toEqual({ ok: true, result: [] });
    expect(await threeWays('deployment.status', {}, (s) => s.deployment.status()))
      .toEqual({ ok: true, result: { enabled: true, checking: false, lastRoundAt: null, wildcardsWithoutTarget: [] } });
  });

  it('answers 404 for the history of an unknown certificate and 409 for a check of one without an issued PEM', async () => {
    expect(await threeWays('deployment.history', { certificateId: 'no-such' }, (s) => s.deployment.history('no-such')))
      .toEqual({ ok: false, status: 404, error: 'no certificate no-such' });
    expect(await threeWays('deployment.check', { certificateId: 'cert-beta' }, (s) => s.deployment.check('cert-beta')))
      .toEqual({ ok: false, status: 409, error: 'certificate cert-beta has no issued certificate to compare with yet' });
    expect(await threeWays('deployment.history', { certificateId: 'cert-beta' }, (s) => s.deployment.history('cert-beta')))
      .toEqual({ ok: true, result: [] });
  });

  it('refuses params outside the contract with the same 400', async () => {
    for (const [method, params] of [['deployment.history', {}], ['deployment.check', { certificateId: '' }],
      ['deployment.list', { target: 'x' }]] as const) {
      const overHttpReply = await overHttp(method, params);
      expect(overHttpReply, `${method} ${JSON.stringify(params)}`).toMatchObject({ ok: false, status: 400 });
      expect(await overIpc(method, params)).toEqual(overHttpReply);
    }
  });
});

describe('provider sync (SPEC §13) the same three ways', () => {
  it('without a provider block: not configured, a run that says so, no changes', async () => {
    expect(await threeWays('sync.status', {}, (s) => s.sync.status())).toEqual({ ok: true, result: { configured: false, provider: null,
      username: null, running: false, lastRun: null, lastSuccessAt: null, nextRunAt: null, lastError: null, failures: 0, intervalMinutes: null } });
    const run = await threeWays('sync.run', {}, (s) => s.sync.run());
    expect(run).toMatchObject({ ok: true, result: { ok: false, errorKind: 'not-configured', error: expect.stringContaining('no provider is configured') } });
    expect(await threeWays('sync.changes', {}, (s) => s.sync.changes())).toEqual({ ok: true, result: [] });
  });

  it('tests a connection with the edited block: the order count, or why not', async () => {
    const fake = await startFakeOpenprovider({ username: 'me', password: 'contract-pw' }, [{ id: 1, status: 'ACT' }, { id: 2, status: 'REQ' }]);
    try {
      const provider = { kind: 'openprovider', apiUrl: fake.url, username: 'me', password: { value: 'contract-pw' } } as const;
      expect(await threeWays('sync.test', { provider }, (s) => s.sync.test(provider)))
        .toEqual({ ok: true, result: { ok: true, message: 'Connected as "me": 2 orders', orders: 2, errorKind: null } });
      const wrong = { ...provider, password: { value: 'nope' } };
      expect(await threeWays('sync.test', { provider: wrong }, (s) => s.sync.test(wrong))).toMatchObject({ ok: true,
        result: { ok: false, errorKind: 'bad-credentials', message: 'login refused for user "me": Authentication/Authorization Failed' } });
      const kept = { ...provider, password: { keep: true as const } };
      expect(await threeWays('sync.test', { provider: kept }, (s) => s.sync.test(kept))).toMatchObject({ ok: true,
        result: { ok: false, errorKind: 'not-configured' } });
    } finally {
      await fake.close();
    }
  });

  it('refuses params outside the contract with the same 400', async () => {
    for (const [method, params] of [['sync.run', { now: true }], ['sync.changes', { limit: 0 }],
      ['sync.test', { provider: { password: 'plain' } }]] as const) {
      const overHttpReply = await overHttp(method, params);
      expect(overHttpReply, `${method} ${JSON.stringify(params)}`).toMatchObject({ ok: false, status: 400 });
      expect(await overIpc(method, params)).toEqual(overHttpReply);
    }
  });
});
