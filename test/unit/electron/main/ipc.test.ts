/**
 * The bridge over IPC: the real preload (run as a sandboxed renderer would) and the renderer's
 * IPC transport against electron/main through the fake. The same contract checks as the HTTP
 * transport's (test/integration/web-host.test.ts), plus who may call.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { METHOD_NAMES } from '../../../../shared/bridge/index.ts';
import { ipcTransport, type CertbellPreload, type IpcTransport } from '../../../../renderer/src/bridge/ipc-transport.ts';
import { BridgeError } from '../../../../renderer/src/bridge/bridge-error.ts';
import { fake, FakeFrame, FakeWebContents, safeStorage, type BrowserWindow } from '../../../fakes/electron.ts';
import { runPreload } from '../../../fakes/preload-sandbox.ts';
import { runCertbell } from '../../../helpers/certbell-process.ts';
import { post, signedDelivery } from '../../../helpers/http.ts';
import { boot, SECRET, settle, until, type Booted } from './boot.ts';

vi.mock('electron', () => import('../../../fakes/electron.ts'));

let booted: Booted;
let win: BrowserWindow;
let bridge: IpcTransport;
let exposed: Record<string, unknown>;
let required: string[];

async function deliver(deliveryId: string, commonName: string, secret = SECRET) {
  const { body, headers } = signedDelivery(secret, { deliveryId,
    data: { id: `order-${commonName}`, status: 'open', certificate: { id: `cert-${commonName}`, commonName, status: 'active', operation: 'none' } } });
  return post(booted.desktop!.core.webhookUrl(), body, headers);
}

async function cliJson(...args: string[]): Promise<unknown> {
  const run = await runCertbell([...args, '--json', '--data-dir', booted.dataDir]);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout);
}

async function failure(promise: Promise<unknown>): Promise<BridgeError> {
  try { await promise; } catch (error) { return error as BridgeError; }
  throw new Error('expected the call to fail');
}

beforeAll(async () => {
  booted = await boot();
  expect((await deliver('dlv-alpha', 'alpha.example')).status).toBe(200);
  expect((await deliver('dlv-beta', 'beta.example')).status).toBe(200);
  expect((await deliver('dlv-forged', 'forged.example', 'wrong-secret')).status).toBe(401);
  win = booted.desktop!.window.open() as unknown as BrowserWindow;
  await settle(10);
  ({ exposed, required } = runPreload(win.webContents as unknown as FakeWebContents));
  bridge = ipcTransport(exposed.certbell as CertbellPreload);
});
afterAll(async () => { await booted?.cleanup(); });

describe('what the preload exposes', () => {
  it('is `window.certbell` with a call and an event stream, nothing of ipcRenderer', () => {
    expect(Object.keys(exposed)).toEqual(['certbell']);
    expect(Object.keys(exposed.certbell as object).sort()).toEqual(['call', 'onEvent']);
    // A sandboxed preload can require electron and little else: it must need nothing more.
    expect(required).toEqual(['electron']);
  });

  it('refuses a method name that could reach another channel', async () => {
    const certbell = exposed.certbell as CertbellPreload;
    await expect(certbell.call('../event', {})).rejects.toThrow(/not a bridge method/);
    await expect(certbell.call('status:other', {})).rejects.toThrow(/not a bridge method/);
  });
});

describe('main registers the contract', () => {
  it('one handler per bridge method, all on the certbell: prefix, and nothing else', () => {
    expect([...fake.ipcHandlers.keys()].sort()).toEqual(METHOD_NAMES.map((m) => `certbell:${m}`).sort());
  });

  it('answers only our window\'s top frame showing app://certbell', async () => {
    const stranger = new FakeWebContents();
    const call = (sender: { webContents: FakeWebContents; frame?: FakeFrame }) => fake.invoke('certbell:status', sender, {});
    const ours = win.webContents as unknown as FakeWebContents;
    expect(await call({ webContents: stranger })).toEqual({ ok: false, status: 403, error: 'status: refused (not the Certbell window)' });
    const subframe = new FakeFrame('app://certbell/index.html', ours.mainFrame);
    expect(await call({ webContents: ours, frame: subframe })).toMatchObject({ ok: false, status: 403 });
    const foreign = new FakeFrame('https://evil.example/', null);
    expect(await call({ webContents: ours, frame: foreign })).toMatchObject({ ok: false, status: 403 });
    expect(await call({ webContents: ours })).toMatchObject({ ok: true });
    expect(booted.logs.some((l) => /refused status from a sender/.test(l))).toBe(true);
  });

});

describe('the bridge over IPC returns what the CLI shows (as over HTTP)', () => {
  it('deliveries.list, filtered and searched', async () => {
    expect(await bridge.call('deliveries.list', { limit: 50 })).toEqual(await cliJson('deliveries'));
    expect(await bridge.call('deliveries.list', { outcome: 'rejected' })).toEqual(await cliJson('deliveries', '--outcome', 'rejected'));
    expect((await bridge.call('deliveries.list', { search: 'ALPHA' })).map((d) => d.deliveryId)).toEqual(['dlv-alpha']);
    const all = await bridge.call('deliveries.list');
    expect(await bridge.call('deliveries.list', { beforeId: all[0].id, limit: 1 })).toEqual([all[1]]);
  });

  it('deliveries.get and deliveries.raw', async () => {
    expect(await bridge.call('deliveries.get', { id: 'dlv-alpha' })).toEqual(await cliJson('delivery', 'dlv-alpha'));
    const raw = await bridge.call('deliveries.raw', { id: 'dlv-alpha' });
    const cli = await runCertbell(['delivery', 'dlv-alpha', '--raw', '--data-dir', booted.dataDir]);
    expect(Buffer.from(raw.base64!, 'base64').equals(cli.stdoutBytes)).toBe(true);
    expect((await failure(bridge.call('deliveries.get', { id: 'no-such-delivery' }))).status).toBe(404);
  });

  it('certificates, notifications, hooks and status', async () => {
    expect(await bridge.call('certificates.list')).toEqual(await cliJson('certificates'));
    expect(await bridge.call('notifications.list', { limit: 10 })).toEqual(await cliJson('notifications', '--limit', '10'));
    expect(await bridge.call('hooks.list')).toEqual(await cliJson('hooks', 'list'));
    const status = await bridge.call('status');
    expect(status).toMatchObject({ webhookUrl: booted.desktop!.core.webhookUrl(), dataDir: booted.dataDir,
      listener: { host: '127.0.0.1', path: '/webhook' }, secretStorage: { backend: 'gnome_libsecret', secure: true, warning: null } });
    expect(status.counts).toMatchObject({ accepted: 2, rejected: 1 });
  });

  it('deliveries.replay stores a new attempt', async () => {
    const replayed = await bridge.call('deliveries.replay', { id: 'dlv-beta' });
    expect(replayed).toMatchObject({ attempt: 2, outcome: 'accepted' });
    expect(await bridge.call('deliveries.get', { id: 'dlv-beta' })).toEqual(replayed);
  });

  it('settings.get never carries a secret value', async () => {
    const settings = await bridge.call('settings.get');
    expect(JSON.stringify(settings)).not.toContain(SECRET);
    expect(settings.secrets).toEqual([{ label: 'main', kind: 'value', masked: '********' }]);
  });

  it('settings.validate reports errors with JSON paths', async () => {
    expect(await bridge.call('settings.validate', { config: { listener: { port: 7413 } } })).toEqual({ valid: true, errors: [] });
    const bad = await bridge.call('settings.validate', { config: { listener: { prot: 1 }, secrets: [{ label: 'x' }] } });
    expect(bad.errors.map((e) => e.path)).toEqual(expect.arrayContaining(['listener.prot', 'secrets[0]']));
  });

  it('invalid params are a 400 with a message; an unknown method has no handler', async () => {
    const tooMany = await failure(bridge.call('deliveries.list', { limit: 10_000 }));
    expect(tooMany).toBeInstanceOf(BridgeError);
    expect(tooMany.status).toBe(400);
    expect(tooMany.message).toMatch(/^deliveries\.list: invalid params.*limit/);
    expect((await failure(bridge.call('deliveries.get', { id: 5 } as never))).status).toBe(400);
    expect((await failure(bridge.call('deliveries.list', { limit: 1, extra: true } as never))).status).toBe(400);
    const unknown = await failure(bridge.call('nope.nothing' as never));
    expect(unknown.status).toBe(0);
    expect(unknown.message).toMatch(/No handler registered for 'certbell:nope\.nothing'/);
  });
});

describe('secrets saved from the desktop UI', () => {
  it('are sealed with safeStorage in config.json, never returned, and verify deliveries', async () => {
    const saved = await bridge.call('settings.save', { config: { listener: { port: 0 },
      secrets: [{ label: 'main', keep: true }, { label: 'rotated', value: 'new-desktop-secret' }] } });
    expect(saved).toMatchObject({ saved: true, applied: true });
    expect(JSON.stringify(saved)).not.toContain('new-desktop-secret');
    const file = JSON.parse(readFileSync(join(booted.dataDir, 'config.json'), 'utf8')) as { secrets: Array<Record<string, string>> };
    const rotated = file.secrets.find((s) => s.label === 'rotated')!;
    expect(Object.keys(rotated).sort()).toEqual(['encrypted', 'label']);
    expect(readFileSync(join(booted.dataDir, 'config.json'), 'utf8')).not.toContain('new-desktop-secret');
    expect(safeStorage.decryptString(Buffer.from(rotated.encrypted, 'base64'))).toBe('new-desktop-secret');
    expect((await bridge.call('settings.get')).secrets).toContainEqual({ label: 'rotated', kind: 'encrypted', masked: '********' });
    expect((await deliver('dlv-rotated', 'rotated.example', 'new-desktop-secret')).status).toBe(200);
  });
});

describe('pushed events', () => {
  it('reach the open window as a delivery arrives', async () => {
    const events: Array<{ event: string; data: Record<string, unknown> }> = [];
    const subscription = bridge.subscribe((event) => events.push(event as never));
    await deliver('dlv-live', 'live.example');
    await until(() => ['delivery', 'certificate', 'notification'].every((e) => events.some((f) => f.event === e)), 'the three events');
    expect(events.find((f) => f.event === 'delivery')!.data).toMatchObject({ deliveryId: 'dlv-live', outcome: 'accepted' });
    expect(events.find((f) => f.event === 'certificate')!.data).toMatchObject({ commonName: 'live.example' });
    subscription.close();
  });

  it('stop when the window is closed (no sends to a destroyed window)', async () => {
    const contents = win.webContents as unknown as FakeWebContents;
    win.close();
    const before = contents.sent.length;
    await deliver('dlv-after-close', 'closed.example');
    await settle(300);
    expect(contents.sent.length).toBe(before);
    // Nor does a closed window's page get answers.
    expect(await fake.invoke('certbell:status', { webContents: contents }, {})).toMatchObject({ ok: false, status: 403 });
  });
});
